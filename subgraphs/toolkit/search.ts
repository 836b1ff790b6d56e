import { Field, Float, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './connection.js';
import { BadUserInputError } from './errors.js';

/**
 * German full-text search, shared by the subgraphs that search: user text is checked here, the
 * SQL side lives in each subgraph's migration (`fold_german`, a stored `search_vector`).
 */
export const SEARCH_TEXT_MAX_LENGTH = 500;

/**
 * The search text of a filter, or null when there is nothing to search for. Too long is a
 * BAD_USER_INPUT; NUL (which PostgreSQL text cannot hold) and other control characters become
 * spaces, and lone UTF-16 surrogates are replaced, so any remaining text is safe to bind.
 */
export function searchText(value: string | null | undefined, field: string, maxLength = SEARCH_TEXT_MAX_LENGTH): string | null {
  if (value == null) return null;
  if (value.length > maxLength) throw new BadUserInputError(`${field} is longer than ${maxLength} characters`, field);
  const text = value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\uFFFD')
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .trim();
  return text === '' ? null : text;
}

/** Topic keys and slugs are lowercase ASCII words joined by hyphens. */
export const KEY = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;

/** A list of keys from a client: bounded, and each a key, so no odd byte (NUL…) reaches SQL. */
export function assertKeys(keys: readonly string[], field: string, max = 100): void {
  if (keys.length > max || keys.some((key) => key.length > 60 || !KEY.test(key))) {
    throw new BadUserInputError(`${field} takes at most ${max} keys of lowercase letters, digits and hyphens (at most 60 characters each)`, field);
  }
}

/**
 * The SQL tsquery of a search text: `websearch_to_tsquery` accepts any input ("quoted phrases",
 * `or`, `-word`) without a syntax error; both sides are folded alike (ä → ae, ß → ss …).
 */
export const TSQUERY_SQL = `websearch_to_tsquery('german', fold_german(?::text))`;

/**
 * The tsquery that marks matches in a snippet. ts_headline reads the original text, umlauts
 * kept, while the index holds folded words: the query is given folded, as typed, and with its
 * ae/oe/ue turned back into umlauts, so that "Erklaerung" marks "Erklärung" too.
 */
export const HEADLINE_TSQUERY_SQL = `(${TSQUERY_SQL} || websearch_to_tsquery('german', ?::text) || websearch_to_tsquery('german', ?::text))`;

export function headlineParams(text: string): string[] {
  const withUmlauts = text.replace(/ae/g, 'ä').replace(/oe/g, 'ö').replace(/ue/g, 'ü').replace(/Ae/g, 'Ä').replace(/Oe/g, 'Ö').replace(/Ue/g, 'Ü');
  return [text, text, withUmlauts];
}

// Private-use characters mark the matches inside ts_headline: they survive HTML escaping and do
// not occur in text people write.
const START = '\uE000';
const STOP = '\uE001';
export const HEADLINE_OPTIONS = `StartSel=${START}, StopSel=${STOP}, MaxWords=35, MinWords=12, MaxFragments=2, FragmentDelimiter=" … "`;

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => HTML_ESCAPES[char]);
}

/** A ts_headline result as safe HTML: the text escaped, each match in `<mark>…</mark>`. */
export function highlight(headline: string | null | undefined): string | null {
  if (!headline) return null;
  return escapeHtml(headline).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');
}

/**
 * A Relay connection whose edges also say how well the node matched a text search, like GitHub's
 * search edges: rank and snippet belong to the pair (search, node), not to the node itself.
 */
export function SearchableConnection<T extends object>(nodeType: ClassType<T>) {
  const name = nodeType.name;

  @ObjectType(`${name}Edge`, { description: `An edge to a ${name}; \`rank\` and \`snippet\` are set when the list was searched by text.` })
  class Edge {
    @Field(() => String, { description: 'Opaque cursor of this edge.' })
    cursor!: string;

    @Field(() => nodeType, { description: `The ${name}.` })
    node!: T;

    @Field(() => Float, { nullable: true, description: 'How well the node matches the search text (PostgreSQL ts_rank, higher is better); null without a text filter.' })
    rank?: number | null;

    @Field(() => String, {
      nullable: true,
      description: 'An excerpt of the node\'s text around the matches of the search text, HTML-escaped, each match wrapped in `<mark>…</mark>`; null without a text filter.',
    })
    snippet?: string | null;
  }

  @ObjectType()
  abstract class SearchableConnectionType {
    @Field(() => [Edge], { description: 'The edges of this page, in the stable order of the list.' })
    edges!: Edge[];

    @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { description: 'Number of items matching the filter, on all pages.' })
    totalCount!: number;
  }
  return SearchableConnectionType;
}
