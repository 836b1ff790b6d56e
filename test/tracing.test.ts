import 'reflect-metadata';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { startGateway, type RunningGateway } from '../gateway/server.js';
import { organizationsSubgraph } from '../subgraphs/organizations/server.js';
import { GATEWAY_SECRET_HEADER } from '../shared/auth.js';
import { startSubgraph, type RunningSubgraph } from '../subgraphs/toolkit/service.js';
import { startTracing, stopTracing } from '../shared/tracing.js';
import { graphql } from './client.js';

interface ExportedSpan {
  traceId: string;
  spanId: string;
  parentSpanId?: string;
  name: string;
  service: string;
  status?: { code?: number; message?: string };
}

/** A stand-in OTLP/HTTP collector that keeps what it receives. */
function collector() {
  const spans: ExportedSpan[] = [];
  const server = http.createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    for (const resourceSpans of JSON.parse(body).resourceSpans ?? []) {
      const service = resourceSpans.resource.attributes.find((attribute: any) => attribute.key === 'service.name')?.value.stringValue;
      for (const scope of resourceSpans.scopeSpans) for (const span of scope.spans) spans.push({ ...span, service });
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
  return { spans, server };
}

describe('OpenTelemetry traces (on when an OTLP endpoint is configured)', () => {
  const { spans, server } = collector();
  let subgraph: RunningSubgraph;
  let gateway: RunningGateway;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
    process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/traces`;
    process.env.RESPONSE_CACHE_TTL_MS = '0';
    startTracing('test');
    subgraph = await startSubgraph(organizationsSubgraph, { databaseUrl: inject('databaseUrls').organizations, port: 0, migrate: false, seed: false });
    gateway = await startGateway({
      port: 0,
      supergraphPath: path.join(import.meta.dirname, '..', 'schema', 'supergraph.graphql'),
      subgraphUrls: { ...inject('subgraphUrls'), organizations: subgraph.url },
    });
  });
  afterAll(async () => {
    await gateway?.stop();
    await subgraph?.stop();
    delete process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT;
    delete process.env.RESPONSE_CACHE_TTL_MS;
    server.close();
  });

  it('one trace spans the gateway request and the subgraph request it caused', async () => {
    const { errors } = await graphql('query Traced { organization(slug: "kreis-borken") { name } }', {}, { url: gateway.url });
    expect(errors).toBeUndefined();
    // A request whose client goes away before the answer: its span must end too (on `close`).
    const aborted = http.request(subgraph.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'content-length': '200', [GATEWAY_SECRET_HEADER]: inject('gatewaySecret') },
    });
    aborted.on('error', () => undefined);
    aborted.write('{"query": "{ organi');
    await new Promise((resolve) => setTimeout(resolve, 200));
    aborted.destroy();
    await new Promise((resolve) => setTimeout(resolve, 200));
    await stopTracing(); // flushes the batch to the collector
    expect(spans.filter((span) => span.status?.message === 'client closed the request before the answer')).toHaveLength(1);

    const gatewayRequest = spans.find((span) => span.name === 'POST /graphql' && spans.some((child) => child.parentSpanId === span.spanId));
    expect(gatewayRequest).toBeDefined();
    const inTrace = spans.filter((span) => span.traceId === gatewayRequest!.traceId);
    // Apollo Gateway's own spans (plan, fetch) and the subgraph's server span share the trace.
    expect(inTrace.map((span) => span.name)).toEqual(expect.arrayContaining(['gateway.request', 'gateway.fetch']));
    const subgraphRequests = inTrace.filter((span) => span.name === 'POST /graphql' && span !== gatewayRequest);
    expect(subgraphRequests.length).toBeGreaterThan(0);
    expect(subgraphRequests.every((span) => inTrace.some((parent) => parent.spanId === span.parentSpanId))).toBe(true);
  });
});
