import 'reflect-metadata';
import { describe, expect, inject, it } from 'vitest';
import { projectsSubgraph } from '../subgraphs/projects/server.js';
import { startSubgraph } from '../subgraphs/toolkit/service.js';
import { graphql, tokenFor } from './client.js';

describe('what partners write survives a restart', () => {
  it('a second projects subgraph on the same database (migrating and seeding at start) serves new and changed records unchanged', async () => {
    const warendorf = await tokenFor('kreis-warendorf', 'editor');
    const admin = await tokenFor('muensterland-e-v', 'admin');
    const { data: created } = await graphql(
      `mutation($input: CreateProjectInput!) { createProject(input: $input) { project { id slug version } } }`,
      { input: { title: 'Radwegenetz im Kreis Warendorf', summary: 'Lückenschlüsse im Alltagsradverkehr zwischen den Kommunen.', topicKeys: ['interkommunale-zusammenarbeit'] } },
      { token: warendorf },
    );
    const { id, slug } = created.createProject.project;
    const { data: seeded } = await graphql(`{ project(slug: "leader-region-baumberge") { id version title } }`);
    const rename = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { version title } } }`;
    const renamed = await graphql(rename, { input: { id: seeded.project.id, version: seeded.project.version, title: 'LEADER-Region Baumberge (von Partnern geändert)' } }, { token: admin });
    expect(renamed.errors).toBeUndefined();

    const second = await startSubgraph(projectsSubgraph, { databaseUrl: inject('databaseUrls').projects, port: 0, migrate: true, seed: true });
    try {
      const { data, errors } = await graphql(
        `query($id: ID!) { created: project(id: $id) { slug title createdBy version } seeded: project(slug: "leader-region-baumberge") { title updatedBy } }`,
        { id },
        { url: second.url },
      );
      expect(errors).toBeUndefined();
      expect(data.created).toEqual({ slug, title: 'Radwegenetz im Kreis Warendorf', createdBy: 'kreis-warendorf', version: 1 });
      expect(data.seeded).toEqual({ title: 'LEADER-Region Baumberge (von Partnern geändert)', updatedBy: 'muensterland-e-v' });
    } finally {
      await second.stop();
      await graphql(rename, { input: { id: seeded.project.id, version: renamed.data.updateProject.project.version, title: seeded.project.title } }, { token: admin });
      await graphql(`mutation($input: ArchiveProjectInput!) { archiveProject(input: $input) { project { id } } }`, { input: { id, version: 1 } }, { token: warendorf });
    }
    const { data: restored } = await graphql(`{ project(slug: "leader-region-baumberge") { title } }`);
    expect(restored.project.title).toBe(seeded.project.title);
  });
});
