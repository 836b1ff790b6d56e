import cliProgress from 'cli-progress';
import pg from 'pg';
import { parseArgs } from 'node:util';
import { subgraphs } from '../subgraphs/registry.js';
import { migrate, openDatabase } from '../subgraphs/toolkit/database.js';
import { seedDatabase } from '../subgraphs/toolkit/service.js';
import { insertRows } from './bench/bulk-insert.js';
import { DEFAULT_SUFFIX, scaleDatabaseNames, scalePostgres } from './bench/scale-databases.js';
import {
  associationRows, createRandom, readRegion, syntheticProject, syntheticResource, topicRows,
} from './bench/synthetic-data.js';

/**
 * `npm run seed:scale -- --projects 10000 --resources 50000`: fills `<subgraph>_scale` databases
 * (never the default data) with the reference seed plus synthetic records, for `npm run bench`.
 * The databases are dropped and recreated; rows go in as multi-row inserts, one transaction per
 * database, then ANALYZE so the planner knows the new sizes.
 */

const { values: args } = parseArgs({
  options: {
    projects: { type: 'string', default: '10000' },
    resources: { type: 'string', default: '50000' },
    associations: { type: 'string', default: '3' }, // per municipality, at most 5
    suffix: { type: 'string', default: DEFAULT_SUFFIX },
    'data-dir': { type: 'string' },
    seed: { type: 'string', default: '20261127' },
  },
});
const count = (name: keyof typeof args) => {
  const value = Number(args[name]);
  if (!Number.isInteger(value) || value < 0) throw new Error(`--${name} must be a non-negative integer`);
  return value;
};
const projectCount = count('projects');
const resourceCount = count('resources');
const seed = count('seed');
const BATCH = 500;

const startedAt = performance.now();
const seconds = (since = startedAt) => ((performance.now() - since) / 1000).toFixed(1);
const names = scaleDatabaseNames(args.suffix);
const postgres = await scalePostgres(args['data-dir']);

try {
  // 1. Fresh databases with each subgraph's migrations and reference seed.
  const admin = new pg.Client({ connectionString: postgres.url('postgres') });
  await admin.connect();
  for (const database of Object.values(names)) await admin.query(`drop database if exists "${database}" with (force)`);
  await admin.end();
  for (const definition of subgraphs) {
    await postgres.ensureDatabase(names[definition.name]);
    const database = await openDatabase(definition, postgres.url(names[definition.name]));
    try {
      await migrate(database.orm);
      await seedDatabase(definition, database);
    } finally {
      await database.orm.close();
    }
  }
  console.error(`databases ${Object.values(names).join(', ')} migrated and seeded in ${seconds()} s`);

  // 2. Synthetic rows, the three databases side by side (PostgreSQL works while Node generates).
  const region = readRegion();
  const associations = associationRows(region, Math.min(count('associations'), 5));
  const associationIds = associations.map((row) => row.id);
  const bars = new cliProgress.MultiBar(
    // noTTYOutput: progress lines in logs too, every 2 s.
    { format: '{database} [{bar}] {percentage}% | {value}/{total} {unit} | {duration}s', hideCursor: true, clearOnComplete: false, noTTYOutput: true },
    cliProgress.Presets.shades_classic,
  );
  const insertedAt = performance.now();
  const totals: Record<string, Record<string, number>> = {};
  try {
    await settleAll([
      inDatabase('organizations', async (client, tally) => {
        const bar = bars.create(associations.length, 0, { database: names.organizations.padEnd(20), unit: 'organizations' });
        tally('organization', await insertRows(client, 'organization', associations));
        bar.update(associations.length);
      }),
      inDatabase('projects', async (client, tally) => {
        const bar = bars.create(projectCount, 0, { database: names.projects.padEnd(20), unit: 'projects' });
        tally('topic', await insertRows(client, 'topic', topicRows()));
        const random = createRandom(seed);
        for (let start = 0; start < projectCount; start += BATCH) {
          const batch = range(start, Math.min(start + BATCH, projectCount)).map((index) => syntheticProject(index, region, associationIds, random));
          tally('project', await insertRows(client, 'project', batch.map((item) => item.project)));
          tally('project_participation', await insertRows(client, 'project_participation', batch.flatMap((item) => item.participations)));
          tally('project_funding', await insertRows(client, 'project_funding', batch.flatMap((item) => item.funding)));
          bar.update(start + batch.length);
        }
      }),
      inDatabase('knowledge', async (client, tally) => {
        const bar = bars.create(resourceCount, 0, { database: names.knowledge.padEnd(20), unit: 'resources' });
        const random = createRandom(seed + 1);
        for (let start = 0; start < resourceCount; start += BATCH * 2) {
          const batch = range(start, Math.min(start + BATCH * 2, resourceCount)).map((index) => syntheticResource(index, region, associationIds, Math.max(projectCount, 1), random));
          if (projectCount === 0) for (const row of batch) row.project_ids = [];
          tally('knowledge_resource', await insertRows(client, 'knowledge_resource', batch));
          bar.update(start + batch.length);
        }
      }),
    ]);
  } finally {
    bars.stop();
  }
  console.error(`synthetic rows inserted in ${seconds(insertedAt)} s`);

  for (const [subgraph, tables] of Object.entries(totals)) {
    console.log(`${names[subgraph]}: ${Object.entries(tables).map(([table, rows]) => `${rows} ${table}`).join(', ')}`);
  }
  console.log(`seed:scale done in ${seconds()} s`);

  /** Runs `work` in one transaction on the subgraph's scale database, then ANALYZE. */
  async function inDatabase(subgraph: string, work: (client: pg.Client, tally: (table: string, rows: number) => void) => Promise<void>) {
    const client = new pg.Client({ connectionString: postgres.url(names[subgraph]) });
    client.on('error', () => undefined); // a failed sibling stops PostgreSQL under us: its error is the one to report
    await client.connect();
    totals[subgraph] = {};
    try {
      await client.query('begin');
      await work(client, (table, rows) => {
        totals[subgraph][table] = (totals[subgraph][table] ?? 0) + rows;
      });
      await client.query('commit');
      await client.query('analyze');
    } catch (error) {
      await client.query('rollback').catch(() => undefined);
      throw error;
    } finally {
      await client.end();
    }
  }
} finally {
  await postgres.stop();
}

/** Like Promise.all, but waits for every task, so no transaction is still running when PostgreSQL stops. */
async function settleAll(tasks: Promise<void>[]): Promise<void> {
  const failed = (await Promise.allSettled(tasks)).find((result) => result.status === 'rejected');
  if (failed) throw (failed as PromiseRejectedResult).reason;
}

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from }, (_, offset) => from + offset);
}
