import { spawn, type ChildProcess } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { GATEWAY_SECRET_HEADER } from '../shared/auth.js';
import { envPrefix } from '../shared/config.js';
import { SUBGRAPH_SERVICES } from '../shared/services.js';
import { freePort } from '../scripts/lib/free-port.js';
import { graphql } from './client.js';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  /** 1 internal, 2 server, 3 client (OTLP's SpanKind). */
  kind: number;
  service: string;
  scope: string;
  attributes: Record<string, unknown>;
  status?: { code?: number; message?: string };
}

const SERVER = 2;
const CLIENT = 3;

/** A stand-in OTLP/HTTP (JSON) collector that keeps the spans it receives. */
function collector() {
  const spans: ExportedSpan[] = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    for (const resourceSpans of JSON.parse(body).resourceSpans ?? []) {
      const service = resourceSpans.resource.attributes.find((attribute: any) => attribute.key === 'service.name')?.value.stringValue;
      for (const scope of resourceSpans.scopeSpans) {
        for (const span of scope.spans) {
          const attributes = Object.fromEntries((span.attributes ?? []).map((attribute: any) => [attribute.key, Object.values(attribute.value)[0]]));
          spans.push({ ...span, attributes, service, scope: scope.scope?.name ?? '' });
        }
      }
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  return { spans, server };
}

/**
 * Traces come from the OpenTelemetry SDK and its instrumentations, which must patch modules before
 * a service loads them: so this test runs the system as `npm start` does (compiled, one process
 * per service, under the supervisor) with an OTLP endpoint set, on the running system's databases.
 */
describe('OpenTelemetry traces (on when an OTLP endpoint is configured)', () => {
  const { spans, server } = collector();
  let system: ChildProcess;
  let gatewayUrl: string;
  let organizationsUrl: string;
  let output = '';

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    const env: Record<string, string> = {
      ...(process.env as Record<string, string>),
      OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
      OTEL_BSP_SCHEDULE_DELAY: '100',
      DATA_DIR: inject('dataDir'),
      MIGRATE_ON_START: 'false',
      SEED_ON_START: 'false',
      RATE_LIMIT_PER_MINUTE: '0',
      RESPONSE_CACHE_TTL_MS: '0',
      CHANGE_WATCH_MS: '0',
    };
    for (const { name } of SUBGRAPH_SERVICES) {
      env[`${envPrefix(name)}_PORT`] = String(await freePort());
      env[`${envPrefix(name)}_DATABASE_URL`] = inject('databaseUrls')[name];
      delete env[`${envPrefix(name)}_URL`];
    }
    env.GATEWAY_PORT = String(await freePort());
    gatewayUrl = `http://127.0.0.1:${env.GATEWAY_PORT}/graphql`;
    organizationsUrl = `http://127.0.0.1:${env.ORGANIZATIONS_PORT}/graphql`;
    system = spawn(process.execPath, ['dist/scripts/start.js'], { cwd: path.join(import.meta.dirname, '..'), env, stdio: ['ignore', 'pipe', 'pipe'] });
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk;
        if (output.includes('regional graph ready')) resolve();
      };
      system.stdout!.on('data', onData);
      system.stderr!.on('data', onData);
      system.once('exit', (code) => reject(new Error(`The traced system exited with ${code} while starting:\n${output}`)));
    });
  });
  afterAll(async () => {
    if (system && system.exitCode === null) {
      await new Promise((resolve) => {
        system.once('exit', resolve);
        system.kill('SIGTERM');
      });
    }
    server.close();
  });

  it('one trace runs from the gateway request through undici to each subgraph, its SQL and its GraphQL phases', async () => {
    const slug = 'informelle-regionalentwicklung-im-muensterland';
    const { data, errors } = await graphql(`query Traced { project(slug: "${slug}") { title lead { name } resources { title } } }`, {}, { url: gatewayUrl, gatewaySecret: false });
    expect(errors).toBeUndefined();
    expect(data.project.lead.name).toBe('Kreis Borken');

    // The gateway's server span (http instrumentation, named by express's route) and its trace.
    const gatewayRequest = () => spans.find((span) => span.service === 'muensterland-gateway' && span.kind === SERVER && span.name === 'POST /graphql' && span.attributes['http.route'] === '/graphql');
    await expect.poll(() => gatewayRequest(), { timeout: 10_000 }).toBeDefined();
    /** Parent, grandparent … up to the trace's root, as far as they have arrived. */
    const ancestors = (span: ExportedSpan): ExportedSpan[] => {
      const all = new Map(spans.filter((candidate) => candidate.traceId === span.traceId).map((candidate) => [candidate.spanId, candidate]));
      const chain: ExportedSpan[] = [];
      for (let parent = all.get(span.parentSpanId ?? ''); parent; parent = all.get(parent.parentSpanId ?? '')) chain.push(parent);
      return chain;
    };
    const inTrace = () => spans.filter((span) => span.traceId === gatewayRequest()!.traceId);
    const servicesOf = () => new Set(inTrace().map((span) => span.service));
    await expect.poll(() => [...servicesOf()].sort(), { timeout: 10_000 }).toEqual(['muensterland-gateway', 'muensterland-knowledge', 'muensterland-organizations', 'muensterland-projects']);
    // The batch processors of four processes send on their own schedule: wait until each subgraph's
    // request has its SQL in.
    const subgraphRequests = () => inTrace().filter((span) => span.service !== 'muensterland-gateway' && span.kind === SERVER);
    const sqlOf = (request: ExportedSpan) => inTrace().filter((span) => span.scope === '@opentelemetry/instrumentation-pg' && span.name.startsWith('pg.query') && ancestors(span).includes(request));
    await expect.poll(() => subgraphRequests().length > 0 && subgraphRequests().every((request) => sqlOf(request).length > 0), { timeout: 10_000 }).toBe(true);

    const trace = inTrace();
    const byId = new Map(trace.map((span) => [span.spanId, span]));

    // Each subgraph request is the child of an undici client span of the gateway (the trace
    // context went along with the fetch), under Apollo Gateway's own fetch span.
    for (const request of subgraphRequests()) {
      expect(request.name).toBe('POST /graphql');
      const client = byId.get(request.parentSpanId!);
      expect(client).toMatchObject({ service: 'muensterland-gateway', kind: CLIENT, scope: '@opentelemetry/instrumentation-undici' });
      expect(String(client!.attributes['url.full'])).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/graphql$/);
      expect(ancestors(client!).map((span) => span.name)).toEqual(expect.arrayContaining(['gateway.fetch', 'gateway.execute', 'gateway.request', 'POST /graphql']));
    }
    expect(ancestors(subgraphRequests()[0]).at(-1)).toBe(gatewayRequest());

    // pg spans under the subgraph's request, with the statement, its literal values masked.
    for (const request of subgraphRequests()) {
      for (const query of sqlOf(request)) {
        expect(query.kind).toBe(CLIENT);
        expect(query.service).toBe(request.service);
        expect(String(query.attributes['db.query.text'])).toMatch(/^select /);
      }
    }
    const projectQuery = sqlOf(subgraphRequests().find((request) => request.service === 'muensterland-projects')!).find((span) => /from "project" as/.test(String(span.attributes['db.query.text'])));
    // Lean reads bind their values ($1); MikroORM's own statements inline them, masked as '?'.
    expect(projectQuery?.attributes['db.query.text']).toMatch(/"slug" = (\$1|'\?')/);
    expect(trace.filter((span) => String(span.attributes['db.query.text'] ?? '').includes(slug))).toEqual([]);

    // GraphQL phases in the gateway and in each subgraph; the subgraph's execution is named after
    // the operation the gateway planned for it; resolvers that fetch have their own spans.
    for (const service of servicesOf()) {
      expect(trace.filter((span) => span.service === service).map((span) => span.name)).toEqual(expect.arrayContaining(['graphql.parse', 'graphql.validate']));
    }
    expect(trace.filter((span) => span.service === 'muensterland-projects').map((span) => span.name)).toEqual(expect.arrayContaining(['query Traced__projects__0', 'graphql.resolve project']));
    expect(trace.filter((span) => span.service === 'muensterland-knowledge').map((span) => span.name)).toContain('graphql.resolve _entities.*.resources');

    // Traces are of requests only: no trace starts elsewhere (the schema parsed at start, job
    // polling), and the supervisor's health checks make none.
    expect(spans.filter((span) => !span.parentSpanId).map((span) => `${span.service} ${span.kind} ${span.name}`)).toEqual(spans.filter((span) => !span.parentSpanId).map((span) => `${span.service} ${SERVER} POST /graphql`));
    expect(spans.filter((span) => /health/.test(span.name) || String(span.attributes['url.path'] ?? '').includes('/health'))).toEqual([]);
  });

  it('a request whose client goes away before the answer still gets its span, marked as such', async () => {
    const aborted = http.request(organizationsUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '200', [GATEWAY_SECRET_HEADER]: inject('gatewaySecret') },
    });
    aborted.on('error', () => undefined);
    // Headers and part of the body are out (the subgraph reads them before the end of the stream),
    // then the client goes away while the subgraph waits for the rest.
    await new Promise((resolve) => aborted.write('{"query": "{ organi', resolve));
    aborted.destroy();
    await expect
      .poll(() => spans.filter((span) => span.service === 'muensterland-organizations' && span.kind === SERVER && span.status?.message === 'client closed the request before the answer').length, { timeout: 10_000 })
      .toBe(1);
  });
});
