import pg from 'pg';
import { inject } from 'vitest';

/** Row count and a checksum of every table (except the migration log) of one database. */
export async function fingerprint(url: string): Promise<Record<string, string>> {
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

/** Fingerprints of all subgraph databases of the running test system. */
export async function fingerprintAll(): Promise<Record<string, Record<string, string>>> {
  const result: Record<string, Record<string, string>> = {};
  for (const [name, url] of Object.entries(inject('databaseUrls'))) result[name] = await fingerprint(url);
  return result;
}
