import { Kind, parse, type FragmentDefinitionNode, type GraphQLResolveInfo, type OperationDefinitionNode, type FieldNode } from 'graphql';
import { describe, expect, it } from 'vitest';
import { selectsSnippet } from '../../subgraphs/toolkit/search-connection.js';

/** The resolve info of the first root field of a document, as far as `selectsSnippet` reads it. */
function infoOf(document: string): GraphQLResolveInfo {
  const parsed = parse(document);
  const operation = parsed.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION)!;
  const fragments = Object.fromEntries(
    parsed.definitions.filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION).map((fragment) => [fragment.name.value, fragment]),
  );
  return { fieldNodes: [operation.selectionSet.selections[0] as FieldNode], fragments } as unknown as GraphQLResolveInfo;
}

describe('selectsSnippet: a search page computes snippets only when they are asked for', () => {
  it.each([
    ['{ projects { edges { snippet } } }', true],
    ['{ projects { totalCount edges { rank node { id } } } }', false],
    ['{ projects { edges { s: snippet } } }', true],
    ['{ projects { edges { ... on ProjectEdge { snippet } } } }', true],
    ['{ projects { ...Page } } fragment Page on ProjectConnection { edges { ...Edge } } fragment Edge on ProjectEdge { snippet }', true],
    ['{ projects { ...Page } } fragment Page on ProjectConnection { edges { node { id } } }', false],
    ['{ projects { pageInfo { hasNextPage } } }', false],
    ['{ projects { snippet } }', false],
  ])('%s → %s', (document, expected) => {
    expect(selectsSnippet(infoOf(document))).toBe(expected);
  });
});
