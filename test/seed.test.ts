import 'reflect-metadata';
import pg from 'pg';
import { describe, expect, inject, it } from 'vitest';
import { subgraphs } from '../subgraphs/registry.js';
import { openDatabase } from '../subgraphs/toolkit/database.js';
import { seedDatabase } from '../subgraphs/toolkit/service.js';

/** Row count and a checksum of every table (except the migration log) of one database. */
async function fingerprint(url: string): Promise<Record<string, string>> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows: tables } = await client.query<{ name: string }>(
      `select table_name as name from information_schema.tables where table_schema = 'public' and table_name <> 'mikro_orm_migrations' order by 1`,
    );
    const result: Record<string, string> = {};
    for (const { name } of tables) {
      const { rows } = await client.query(`select count(*) as n, md5(coalesce(string_agg(t::text, '|' order by t::text), '')) as sum from "${name}" t`);
      result[name] = `${rows[0].n}:${rows[0].sum}`;
    }
    return result;
  } finally {
    await client.end();
  }
}

describe('seed', () => {
  it.each(subgraphs.map((subgraph) => [subgraph.name, subgraph] as const))('%s: a second run changes nothing', async (name, definition) => {
    const url = inject('databaseUrls')[name];
    const before = await fingerprint(url);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    const database = await openDatabase(definition, url);
    try {
      await seedDatabase(definition, database);
    } finally {
      await database.orm.close();
    }
    expect(await fingerprint(url)).toEqual(before);
  });
});
