import type { ApolloServerPlugin } from '@apollo/server';
import type { RequestHandler } from 'express';
import { AsyncLocalStorage } from 'node:async_hooks';
import { Kind, parse } from 'graphql';
import client from 'prom-client';
import { PLAYGROUND_TABS } from '../gateway/playground-examples.js';

/**
 * Prometheus metrics of one service (`GET /metrics`): GraphQL requests and their duration per
 * operation name, and SQL statements sent to PostgreSQL, in total and per request (the
 * `x-sql-statements` response header, which tests and the bench read).
 */
export interface Metrics {
  registry: client.Registry;
  plugin: ApolloServerPlugin<any>;
  /** Counts one SQL statement, for the request it belongs to. */
  countStatement(): void;
  /** Wraps each HTTP request so statements are attributed to it. */
  requestScope: RequestHandler;
  handler: RequestHandler;
}

interface RequestScope {
  statements: number;
}

/**
 * Operation names that become metric labels; every other name is counted as `other`, so clients
 * cannot grow the label set (3,000 invented names must not mean 3,000 series). Seeded with the
 * playground's saved operations; trusted documents add theirs with `addKnownOperationNames`.
 */
export const knownOperationNames = new Set<string>(playgroundOperationNames());

export function addKnownOperationNames(names: Iterable<string>): void {
  for (const name of names) knownOperationNames.add(name);
}

/** A subgraph sees the gateway's names for its fetches: `<client operation>__<subgraph>__<n>`. */
const GATEWAY_FETCH_SUFFIX = /__[A-Za-z0-9_]+__\d+$/;

/** The label of an operation name: itself when known, `anonymous` without one, else `other`. */
export function operationLabel(name: string | null | undefined): string {
  if (!name) return 'anonymous';
  if (knownOperationNames.has(name)) return name;
  const suffix = GATEWAY_FETCH_SUFFIX.exec(name);
  if (suffix && knownOperationNames.has(name.slice(0, suffix.index))) return name.slice(0, suffix.index);
  return 'other';
}

function playgroundOperationNames(): string[] {
  return PLAYGROUND_TABS.flatMap((tab) =>
    parse(tab.query).definitions.flatMap((definition) => (definition.kind === Kind.OPERATION_DEFINITION && definition.name ? [definition.name.value] : [])),
  );
}

export function createMetrics(service: string): Metrics {
  const registry = new client.Registry();
  registry.setDefaultLabels({ service });
  client.collectDefaultMetrics({ register: registry });

  const requests = new client.Counter({
    name: 'graphql_requests_total',
    help: 'GraphQL requests by operation name and outcome',
    labelNames: ['operation', 'outcome'],
    registers: [registry],
  });
  const duration = new client.Histogram({
    name: 'graphql_request_duration_seconds',
    help: 'GraphQL request duration by operation name',
    labelNames: ['operation'],
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [registry],
  });
  const statements = new client.Counter({
    name: 'db_statements_total',
    help: 'SQL statements sent to PostgreSQL',
    registers: [registry],
  });

  const scope = new AsyncLocalStorage<RequestScope>();

  return {
    registry,
    countStatement() {
      statements.inc();
      const current = scope.getStore();
      if (current) current.statements += 1;
    },
    requestScope: (_req, _res, next) => scope.run({ statements: 0 }, next),
    handler: async (_req, res) => {
      res.setHeader('content-type', registry.contentType);
      res.end(await registry.metrics());
    },
    plugin: {
      async requestDidStart() {
        const started = process.hrtime.bigint();
        return {
          async willSendResponse({ operationName, request, response, errors }) {
            // Operation names are client-chosen: only known ones become labels.
            const operation = operationLabel(operationName ?? request.operationName);
            requests.inc({ operation, outcome: errors?.length ? 'error' : 'ok' });
            duration.observe({ operation }, Number(process.hrtime.bigint() - started) / 1e9);
            const current = scope.getStore();
            if (current) response.http.headers.set('x-sql-statements', String(current.statements));
          },
        };
      },
    },
  };
}
