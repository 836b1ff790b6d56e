import { describe, expect, it } from 'vitest';
import { graphql, tokenFor } from './client.js';

/** Common mistakes of people new to the graph get an answer that says what to do instead. */
const COOPERATION = 'informelle-regionalentwicklung-im-muensterland';

describe('clear answers for common mistakes', () => {
  it.each([
    ['project', COOPERATION],
    ['organization', 'kreis-borken'],
    ['knowledgeResource', 'muensterland-erklaerung'],
  ])('%s(id:) given a slug says so and names %s(slug:)', async (lookup, slug) => {
    const { errors } = await graphql(`query($id: ID!) { ${lookup}(id: $id) { id } }`, { id: slug });
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'id' });
    expect(errors?.[0]?.message).toContain(`looks like a slug: look the record up by its slug with ${lookup}(slug: "${slug}") { id }`);
  });

  it('keeps answering null for an id that is neither an id nor a slug', async () => {
    const { data, errors } = await graphql('{ project(id: "x") { id } }');
    expect(errors).toBeUndefined();
    expect(data.project).toBeNull();
  });

  it('an update naming a project by its slug says how to find the id', async () => {
    const { errors } = await graphql(
      'mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { id } } }',
      { input: { id: COOPERATION, version: 1, title: 'x' } },
      { token: await tokenFor('kreis-borken', 'editor') },
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.id' });
    expect(errors?.[0]?.message).toContain(`project(slug: "${COOPERATION}") { id }`);
  });

  it('a participant given by slug says how to get its id (organization(slug:) { id })', async () => {
    const { data } = await graphql(`{ project(slug: "${COOPERATION}") { id } }`);
    const { errors } = await graphql(
      'mutation($input: AddParticipantInput!) { addParticipant(input: $input) { participant { role } } }',
      { input: { projectId: data.project.id, organizationId: 'kreis-coesfeld', role: 'PARTNER' } },
      { token: await tokenFor('kreis-borken', 'editor') },
    );
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.organizationId' });
    expect(errors?.[0]?.message).toContain('organization(slug: "kreis-coesfeld") { id }');
  });

  it.each([
    ['projects', '{ projects(filter: { topicKeys: ["leader", "gibt-es-nicht"] }) { totalCount } }', 'filter.topicKeys'],
    ['projectStatistics', '{ projectStatistics(filter: { topicKeys: ["gibt-es-nicht"] }) { totalCount } }', 'filter.topicKeys'],
    ['knowledgeResources', '{ knowledgeResources(filter: { topicKeys: ["gibt-es-nicht"] }) { totalCount } }', 'filter.topicKeys'],
    ['topicCoverage', '{ topicCoverage(topicKey: "gibt-es-nicht") { municipalityShare } }', 'topicKey'],
  ])('an unknown topic key in %s is BAD_USER_INPUT naming the topics query, not an empty answer', async (_name, query, field) => {
    const { errors } = await graphql(query);
    expect(errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
    expect(errors?.[0]?.message).toContain('gibt-es-nicht');
    expect(errors?.[0]?.message).toContain('`topics` query');
  });

  it('known topic keys still filter', async () => {
    const { data, errors } = await graphql('{ projects(filter: { topicKeys: ["leader"] }) { totalCount } topicCoverage(topicKey: "leader") { municipalityShare } }');
    expect(errors).toBeUndefined();
    expect(data.projects.totalCount).toBeGreaterThan(0);
    expect(data.topicCoverage.municipalityShare).toBeGreaterThan(0);
  });

  it('a write without a token says how to get one', async () => {
    const { errors } = await graphql(`mutation { updateProject(input: { id: "d7db4a27-3e0a-5fb2-9f5b-9a0c62182248", version: 1, title: "x" }) { project { id } } }`);
    expect(errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(errors?.[0]?.message).toContain('Authorization: Bearer <token>');
    expect(errors?.[0]?.message).toContain('npm run -s token -- --org');
  });
});
