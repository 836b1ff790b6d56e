import 'reflect-metadata';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { organizationsSubgraph } from '../subgraphs/organizations/server.js';
import { GATEWAY_SECRET_HEADER, PARTNER_ORGANIZATION_HEADER } from '../shared/auth.js';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/toolkit/service.js';
import { graphql, tokenFor } from './client.js';

/**
 * Work nobody waits for stops. A subgraph of its own on a database of its own, whose table the
 * test locks: every query on it then hangs in PostgreSQL (a slow statement on demand, no test
 * hook in the code) until the statement timeout, the gateway's timeout or the client's going
 * away ends it — and then it must be gone from `pg_stat_activity`, not run on unseen.
 */
const QUERY = '{ organization(slug: "kreis-borken") { name } }';
const database = `cancel_test_${process.pid}_${Date.now()}`;
const urlOf = (name: string) => inject('databaseUrls').organizations.replace(/\/[^/]+$/, `/${name}`);

describe('statement timeout and cancellation', () => {
  const admin = new pg.Client({ connectionString: inject('databaseUrls').organizations });
  const locker = new pg.Client({ connectionString: urlOf(database) });
  let untimed: RunningSubgraph;
  let timed: RunningSubgraph;

  /** Queries of the subgraphs under test that PostgreSQL is running right now. */
  const running = async () => {
    const { rows } = await admin.query(
      `select count(*)::int as n from pg_stat_activity where datname = $1 and state = 'active' and pid <> $2 and query ilike '%organization%'`,
      [database, (locker as unknown as { processID: number }).processID],
    );
    return rows[0].n as number;
  };
  const lock = () => locker.query('begin; lock table organization in access exclusive mode');
  const unlock = () => locker.query('rollback');

  beforeAll(async () => {
    await admin.connect();
    await admin.query(`create database ${database}`);
    untimed = await startSubgraph(organizationsSubgraph, { databaseUrl: urlOf(database), port: 0, statementTimeoutMs: 0 });
    timed = await startSubgraph(organizationsSubgraph, { databaseUrl: urlOf(database), port: 0, migrate: false, seed: false, statementTimeoutMs: 600 });
    await locker.connect();
  });
  afterAll(async () => {
    await locker.end().catch(() => undefined);
    await untimed?.stop();
    await timed?.stop();
    await admin.query(`drop database if exists ${database} with (force)`);
    await admin.end();
  });

  it('a statement over DATABASE_STATEMENT_TIMEOUT_MS is stopped by PostgreSQL and answered with a code', async () => {
    await lock();
    try {
      const started = Date.now();
      const { status, errors } = await graphql(QUERY, {}, { url: timed.url });
      expect(Date.now() - started).toBeLessThan(3000);
      expect(status).toBeLessThan(500);
      expect(errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
      expect(await running()).toBe(0);
    } finally {
      await unlock();
    }
  });

  it('a write whose request closes mid-transaction is rolled back and leaves no connection in a transaction', async () => {
    const { rows } = await admin.query(`select 1`); // keeps the admin connection warm
    expect(rows).toHaveLength(1);
    const borken = (await graphql('{ organization(slug: "kreis-borken") { id version description } }', {}, { url: untimed.url })).data.organization;
    const update = (description: string, signal?: AbortSignal) =>
      fetch(untimed.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          authorization: `Bearer ${tokenForBorken}`,
          [PARTNER_ORGANIZATION_HEADER]: borken.id,
          [GATEWAY_SECRET_HEADER]: inject('gatewaySecret'),
        },
        body: JSON.stringify({
          query: 'mutation($input: UpdateOrganizationInput!) { updateOrganization(input: $input) { organization { version description } } }',
          variables: { input: { id: borken.id, version: borken.version, description } },
        }),
        signal,
      });
    const tokenForBorken = await tokenFor('kreis-borken', 'editor');
    await lock();
    try {
      const client = new AbortController();
      const pending = update('Nie geschrieben', client.signal).catch((error) => error);
      await expect.poll(running, { timeout: 3000, interval: 50 }).toBe(1);
      client.abort();
      expect(await pending).toBeInstanceOf(Error);
      await expect.poll(running, { timeout: 1000, interval: 50 }).toBe(0);
      // The transaction was rolled back: no pooled connection is left inside it.
      const inTransaction = async () =>
        (await admin.query(`select count(*)::int as n from pg_stat_activity where datname = $1 and state like 'idle in transaction%' and pid <> $2`, [database, (locker as unknown as { processID: number }).processID])).rows[0].n;
      await expect.poll(inTransaction, { timeout: 1000, interval: 50 }).toBe(0);
    } finally {
      await unlock();
    }
    // Nothing was written, and the pool serves the next write as usual.
    expect((await graphql('{ organization(slug: "kreis-borken") { version description } }', {}, { url: untimed.url })).data.organization).toEqual({ version: borken.version, description: borken.description });
    for (let attempt = 0; attempt < 12; attempt += 1) {
      const answer = (await (await update(borken.description ?? 'Kreis im Westmünsterland')).json()) as any;
      expect(answer.errors, JSON.stringify(answer.errors)).toBeUndefined();
      borken.version = answer.data.updateOrganization.organization.version;
    }
  });

  describe('through a gateway', () => {
    let gateway: RunningGateway;
    let impatient: RunningGateway;

    beforeAll(async () => {
      process.env.RESPONSE_CACHE_TTL_MS = '0';
      const options = {
        port: 0,
        supergraphPath: path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql'),
        subgraphUrls: { ...inject('subgraphUrls'), organizations: untimed.url },
      };
      gateway = await startGateway(options);
      process.env.SUBGRAPH_TIMEOUT_MS = '700';
      impatient = await startGateway(options);
      delete process.env.SUBGRAPH_TIMEOUT_MS;
      delete process.env.RESPONSE_CACHE_TTL_MS;
    });
    afterAll(async () => {
      await gateway?.stop();
      await impatient?.stop();
    });

    it('a client that goes away: the subgraph cancels its query in PostgreSQL', async () => {
      await lock();
      try {
        const client = new AbortController();
        const pending = fetch(gateway.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ query: QUERY }),
          signal: client.signal,
        }).catch((error) => error);
        await expect.poll(running, { timeout: 3000, interval: 50 }).toBe(1);
        client.abort();
        expect(await pending).toBeInstanceOf(Error);
        // Gone while the lock is still held: cancelled, not finished.
        await expect.poll(running, { timeout: 1000, interval: 50 }).toBe(0);
      } finally {
        await unlock();
      }
    });

    it('the gateway gives up on the subgraph (SUBGRAPH_TIMEOUT_MS): the subgraph cancels its query', async () => {
      await lock();
      try {
        const started = Date.now();
        const answer = graphql(QUERY, {}, { url: impatient.url });
        await expect.poll(running, { timeout: 3000, interval: 50 }).toBe(1);
        const { errors } = await answer;
        expect(errors?.[0]?.extensions?.code).toBe('SUBGRAPH_UNAVAILABLE');
        expect(Date.now() - started).toBeLessThan(2000);
        await expect.poll(running, { timeout: 1000, interval: 50 }).toBe(0);
      } finally {
        await unlock();
      }
    });

    it('answers normally again once nothing blocks', async () => {
      const { data, errors } = await graphql(QUERY, {}, { url: gateway.url });
      expect(errors).toBeUndefined();
      expect(data.organization.name).toBe('Kreis Borken');
    });
  });
});
