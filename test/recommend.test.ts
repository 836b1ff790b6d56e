import { describe, expect, it } from 'vitest';
import { graphql } from './client.js';

describe('learning from each other ("voneinander Lernen")', () => {
  it('recommends resources sharing a topic or Stichwort, leaving out the project\'s own', async () => {
    const { data, errors } = await graphql(`{
      leader: project(slug: "leader-region-baumberge") { recommendedResources(first: 5) { slug } }
      cooperation: project(slug: "informelle-regionalentwicklung-im-muensterland") { recommendedResources { slug } resources { slug } }
    }`);
    expect(errors).toBeUndefined();
    // Shares `regionalentwicklung` with the Münsterland-Erklärung; both seeded resources belong to the cooperation.
    expect(data.leader.recommendedResources).toEqual([{ slug: 'muensterland-erklaerung' }]);
    expect(data.cooperation.resources).toHaveLength(2);
    expect(data.cooperation.recommendedResources).toEqual([]);
  });

  it('answers for a whole list of projects (one batch) and checks its page size', async () => {
    const { data, errors } = await graphql(`{ projects(first: 50) { edges { node { slug recommendedResources(first: 2) { slug } } } } }`);
    expect(errors).toBeUndefined();
    const leaderRegions = data.projects.edges.filter(({ node }: any) => node.slug.startsWith('leader-region-'));
    expect(leaderRegions).toHaveLength(9);
    for (const { node } of leaderRegions) expect(node.recommendedResources).toEqual([{ slug: 'muensterland-erklaerung' }]);
    const { status, errors: bad } = await graphql(`{ project(slug: "leader-region-baumberge") { recommendedResources(first: 0) { slug } } }`);
    expect(status).toBeLessThan(500);
    expect(bad?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
  });

  it('names the organizations experienced in a topic, with counts from SQL', async () => {
    const { data, errors } = await graphql(`{
      topic(key: "regionalentwicklung") { experiencedOrganizations { organization { name } projectsLed projectsJoined projects } }
      leader: topic(key: "leader") { experiencedOrganizations { organization { ags } projects } }
    }`);
    expect(errors).toBeUndefined();
    const experience = data.topic.experiencedOrganizations;
    expect(experience).toContainEqual({ organization: { name: 'Kreis Borken' }, projectsLed: 1, projectsJoined: 0, projects: 1 });
    expect(experience).toContainEqual({ organization: { name: 'Münsterland e.V.' }, projectsLed: 0, projectsJoined: 1, projects: 1 });
    const counts = experience.map(({ projects }: any) => projects);
    expect(counts).toEqual([...counts].sort((a: number, b: number) => b - a));
    // 61 member municipalities take part in the nine LEADER regions, each in one.
    expect(data.leader.experiencedOrganizations).toHaveLength(61);
    expect(data.leader.experiencedOrganizations.every(({ projects }: any) => projects === 1)).toBe(true);
  });
});
