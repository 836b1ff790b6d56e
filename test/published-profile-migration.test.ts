import { knex, type Knex } from '@mikro-orm/postgresql';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { Migration20261201120000_published_profile } from '../subgraphs/projects/migrations/Migration20261201120000_published_profile.js';
import { COOPERATION_SLUG, organizationId, projectId } from '../shared/reference-data.js';

/**
 * An installation seeded before the published profile was followed: the migration corrects the
 * rows nobody changed. Run inside a transaction that is rolled back, so other test files never
 * see the old state.
 */
describe('migration to the published profile', () => {
  it('drops the invented Stichworte, moves the Münsterland e.V. to "Sonstige Beteiligte" and orders the partners as published', async () => {
    const builder = knex({ client: 'pg' });
    const migration = new Migration20261201120000_published_profile({ getConnection: () => ({ getKnex: () => builder }) } as never, {} as never);
    await migration.up();
    const client = new pg.Client({ connectionString: inject('databaseUrls').projects });
    await client.connect();
    const project = projectId(COOPERATION_SLUG);
    // In the order the API lists them: by role, then by when they were added.
    const participants = async () => (await client.query(
      `select organization_id, role from project_participation where project_id = $1 order by role, created_at, id`, [project],
    )).rows.map((row) => [row.organization_id, row.role]);
    try {
      await client.query('begin');
      // The state of an old installation: five invented keywords, everyone a PARTNER, added in one instant.
      // (As nobody changed them: other test files may have written to the cooperation already.)
      await client.query(`update project set keywords = $2, updated_by = 'seed' where id = $1`, [project, ['Regionalentwicklung', 'Interkommunale Zusammenarbeit', 'Kooperation', 'Wissenstransfer', 'Münsterland-Erklärung']]);
      await client.query(`update project_participation set role = 'PARTNER', created_at = '2026-01-01T00:00:00Z', updated_by = 'seed' where project_id = $1`, [project]);
      expect((await participants()).map(([, role]) => role)).toEqual(['PARTNER', 'PARTNER', 'PARTNER', 'PARTNER', 'PARTNER']);

      for (const query of migration.getQueries() as Knex.Raw[]) {
        const { sql, bindings } = query.toSQL().toNative();
        await client.query(sql, bindings as unknown[]);
      }
      const { rows: [row] } = await client.query(`select keywords from project where id = $1`, [project]);
      expect(row.keywords).toEqual([]);
      const published = ['kreis-coesfeld', 'kreis-warendorf', 'kreis-steinfurt', 'stadt-muenster', 'muensterland-e-v'];
      expect(await participants()).toEqual(published.map((slug, index) => [organizationId(slug), index < 4 ? 'PARTNER' : 'SUPPORTER']));
    } finally {
      await client.query('rollback');
      await client.end();
      await builder.destroy();
    }
  });
});
