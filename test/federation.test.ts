import { describe, expect, it } from 'vitest';
import { graphql, subgraphUrl } from './client.js';

describe('each subgraph is a Federation 2 service', () => {
  it.each([
    ['organizations', ['type Organization', '@key(fields: "id")']],
    ['projects', ['type Project', '@key(fields: "id")', 'type Topic', '@key(fields: "key")']],
    ['knowledge', ['type KnowledgeResource', '@key(fields: "id")']],
  ])('%s keeps its @key directives in _service.sdl', async (name, fragments) => {
    const { data } = await graphql(`{ _service { sdl } }`, {}, { url: subgraphUrl(name) });
    for (const fragment of fragments) expect(data._service.sdl).toContain(fragment);
    expect(data._service.sdl).toContain('@link(url: "https://specs.apollo.dev/federation/v2');
  });

  it('resolves Organization references in one batch, unknown ids as null', async () => {
    const { data: lookup } = await graphql(`{ organization(slug: "kreis-borken") { id } }`);
    const { data, errors } = await graphql(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organization { name } } }`,
      { representations: [{ __typename: 'Organization', id: lookup.organization.id }, { __typename: 'Organization', id: '00000000-0000-0000-0000-000000000000' }, { __typename: 'Organization', id: 'nonsense' }] },
      { url: subgraphUrl('organizations') },
    );
    expect(errors).toBeUndefined();
    expect(data._entities).toEqual([{ name: 'Kreis Borken' }, null, null]);
  });

  it('resolves Project and Topic references in the projects subgraph', async () => {
    const { data: lookup } = await graphql(`{ project(slug: "leader-region-baumberge") { id } }`);
    const { data } = await graphql(
      `query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Project { title } ... on Topic { name } } }`,
      { representations: [{ __typename: 'Project', id: lookup.project.id }, { __typename: 'Topic', key: 'leader' }] },
      { url: subgraphUrl('projects') },
    );
    expect(data._entities).toEqual([{ title: 'LEADER-Region Baumberge' }, { name: 'LEADER-Regionen' }]);
  });
});
