import { escapeHtml } from '../../shared/html.js';

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

/** A ts_headline result as safe HTML: the text escaped, each match in `<mark>…</mark>`. */
export function highlight(headline: string | null | undefined): string | null {
  if (!headline) return null;
  return escapeHtml(headline).replaceAll(START, '<mark>').replaceAll(STOP, '</mark>');
}
