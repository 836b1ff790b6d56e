import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { organizationsSubgraph } from '../subgraphs/organizations/server.js';
import { PARTNER_ORGANIZATION_HEADER } from '../shared/auth.js';
import { envPrefix } from '../shared/config.js';
import { COOPERATION_SLUG } from '../shared/reference-data.js';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/toolkit/service.js';
import { graphql, tokenFor } from './client.js';

/**
 * A receiver that never answers 2xx: after WEBHOOK_GIVE_UP_MS the subscription is FAILING and its
 * owner sees why. The running system retries for 24 hours, so this test runs a second hub (the
 * organizations subgraph with its dispatcher) in-process on a database of its own, giving up after
 * 3 s; it harvests the running system's change feed like the real hub.
 */

const DATABASE = 'organizations_webhooks_failing';
let hub: RunningSubgraph;
let admin: pg.Client;
let receiver: http.Server;
let receiverUrl = '';
let hits = 0;
const saved: Record<string, string | undefined> = {};

beforeAll(async () => {
  receiver = http.createServer((_req, res) => {
    hits += 1;
    res.writeHead(503).end();
  });
  await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', () => resolve()));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks`;

  const env: Record<string, string> = { WEBHOOK_ALLOW_PRIVATE: 'true', WEBHOOK_GIVE_UP_MS: '3000', WEBHOOK_RETRY_BASE_MS: '300', WEBHOOK_RETRY_MAX_MS: '1000' };
  for (const [name, url] of Object.entries(inject('subgraphUrls'))) env[`${envPrefix(name)}_URL`] = url;
  for (const [name, value] of Object.entries(env)) {
    saved[name] = process.env[name];
    process.env[name] = value;
  }
  admin = new pg.Client({ connectionString: inject('databaseUrls').organizations });
  await admin.connect();
  await admin.query(`drop database if exists ${DATABASE} with (force)`);
  await admin.query(`create database ${DATABASE}`);
  const url = inject('databaseUrls').organizations.replace(/\/organizations$/, `/${DATABASE}`);
  hub = await startSubgraph(organizationsSubgraph, { databaseUrl: url, port: 0, migrate: true, seed: true });
}, 120_000);

afterAll(async () => {
  await hub?.stop();
  await admin?.query(`drop database if exists ${DATABASE} with (force)`);
  await admin?.end();
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
  for (const [name, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[name];
    else process.env[name] = value;
  }
});

describe('a subscription whose receiver keeps failing', () => {
  it('is marked FAILING after the give-up time, with the reason and every attempt visible to its owner', async () => {
    const token = await tokenFor('kreis-borken', 'editor');
    const { data: ids } = await graphql(`{ organization(slug: "kreis-borken") { id } project(slug: "${COOPERATION_SLUG}") { id version title } }`);
    const asPartner = { url: hub.url, token, headers: { [PARTNER_ORGANIZATION_HEADER]: ids.organization.id } };
    const created = await graphql(`mutation($input: CreateWebhookSubscriptionInput!) { createWebhookSubscription(input: $input) { webhookSubscription { id status } } }`,
      { input: { url: receiverUrl, filter: { types: ['PROJECT'] } } }, asPartner);
    expect(created.errors).toBeUndefined();
    const id = created.data.createWebhookSubscription.webhookSubscription.id;

    const update = `mutation($input: UpdateProjectInput!) { updateProject(input: $input) { project { version } } }`;
    const renamed = await graphql(update, { input: { id: ids.project.id, version: ids.project.version, title: `${ids.project.title} (Empfänger kaputt)` } }, { token });
    expect(renamed.errors).toBeUndefined();
    await graphql(update, { input: { id: ids.project.id, version: ids.project.version + 1, title: ids.project.title } }, { token });

    const status = async () => (await graphql(`{ webhookSubscriptions { id status failureReason failingSince } }`, {}, asPartner)).data.webhookSubscriptions.find((row: any) => row.id === id);
    await expect.poll(async () => (await status()).status, { timeout: 30_000, interval: 250 }).toBe('FAILING');
    const failing = await status();
    expect(failing.failureReason).toMatch(/^Delivery of event [0-9a-f-]{36} failed \d+ times since .*; last: HTTP 503$/);
    expect(Date.parse(failing.failingSince)).toBeGreaterThan(Date.now() - 60_000);

    const { data } = await graphql(`query($id: ID!) { webhookDeliveries(subscriptionId: $id) { edges { node { status attemptCount attempts { statusCode } } } } }`, { id }, asPartner);
    const deliveries = data.webhookDeliveries.edges.map((edge: any) => edge.node);
    // The first rename failed for good; the second waits behind it (order per record), never sent.
    expect(deliveries.map((delivery: any) => delivery.status)).toEqual(['PENDING', 'FAILED']);
    expect(deliveries[0].attemptCount).toBe(0);
    expect(deliveries[1].attemptCount).toBeGreaterThanOrEqual(3);
    expect(deliveries[1].attempts.every((attempt: any) => attempt.statusCode === 503)).toBe(true);
    expect(hits).toBe(deliveries[1].attemptCount);
  }, 60_000);
});
