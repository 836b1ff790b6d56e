import { Field, Float, Int, ObjectType, type ClassType } from 'type-graphql';
import { PageInfo } from './connection.js';

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
