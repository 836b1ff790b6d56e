import { Kind, type GraphQLResolveInfo, type SelectionNode } from 'graphql';
import { Field, Float, ObjectType, type ClassType } from 'type-graphql';
import { ConnectionOver } from './connection.js';

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

  return ConnectionOver<Edge>(Edge);
}

/**
 * Whether a connection field's selection asks for `edges { snippet }` (through fragments too).
 * ts_headline is the costliest part of a search: a page nobody reads snippets of skips it.
 */
export function selectsSnippet(info: GraphQLResolveInfo): boolean {
  const selects = (selections: readonly SelectionNode[], path: readonly string[]): boolean =>
    selections.some((selection) => {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value !== path[0]) return false;
        return path.length === 1 || (selection.selectionSet !== undefined && selects(selection.selectionSet.selections, path.slice(1)));
      }
      const fragment = selection.kind === Kind.INLINE_FRAGMENT ? selection : info.fragments[selection.name.value];
      return fragment !== undefined && selects(fragment.selectionSet.selections, path);
    });
  return info.fieldNodes.some((node) => node.selectionSet !== undefined && selects(node.selectionSet.selections, ['edges', 'snippet']));
}
