import { getIntrospectionQuery, parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import { introspectionOf } from '../../gateway/introspection.js';

describe('introspection is decided on the parsed document', () => {
  it('recognises the introspection query of graphql-js as pure introspection', () => {
    expect(introspectionOf(parse(getIntrospectionQuery()))).toEqual({ reads: true, only: true });
  });

  it('follows fragments at the root', () => {
    expect(introspectionOf(parse('query { ...Root } fragment Root on Query { __schema { queryType { name } } __typename }'))).toEqual({ reads: true, only: true });
  });

  it('treats a document that also reads data as not pure', () => {
    expect(introspectionOf(parse('{ __schema { queryType { name } } projects { totalCount } }'))).toEqual({ reads: true, only: false });
  });

  it('is not fooled by the words in strings or aliases', () => {
    expect(introspectionOf(parse('{ __schema: projects(filter: { text: "__schema __type" }) { totalCount } }'))).toEqual({ reads: false, only: false });
  });

  it('looks only at the operation that runs', () => {
    const document = parse('query Data { projects { totalCount } } query Schema { __schema { queryType { name } } }');
    expect(introspectionOf(document, 'Data')).toEqual({ reads: false, only: false });
    expect(introspectionOf(document, 'Schema')).toEqual({ reads: true, only: true });
  });

  it('never counts a mutation as introspection', () => {
    expect(introspectionOf(parse('mutation { __typename }'))).toEqual({ reads: false, only: false });
  });
});
