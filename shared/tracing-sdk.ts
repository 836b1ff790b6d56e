import { register } from 'node:module';
import type { ServerResponse } from 'node:http';
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import { ExpressInstrumentation, ExpressLayerType } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK, tracing } from '@opentelemetry/sdk-node';
import { createAddHookMessageChannel } from 'import-in-the-middle';
import { tracingStarted } from './tracing.js';

/**
 * The OpenTelemetry Node SDK with the instrumentations this system needs, loaded only when
 * tracing is on (see `tracing-register.ts`). We use the SDK rather than our own spans because its
 * instrumentations see what we could not: the http server span of every request (continuing the
 * caller's W3C trace context), the gateway's fetches to the subgraphs (undici, which also sends
 * the trace context along), each SQL statement (pg), and parse, validate and execute (graphql);
 * Apollo Gateway adds its own plan and fetch spans through the same API.
 *
 * On: traces of requests, exported by OTLP as the standard `OTEL_*` variables say (endpoint,
 * protocol, batch delay), `OTEL_TRACES_SAMPLER_ARG` of them (default all). Off: metrics and logs
 * through the SDK (Prometheus `/metrics` and the pino logs stay what they are), spans for /health
 * and /metrics, and work outside a request (the schema parsed at start, job polling, the change
 * watch), which would only be noise.
 */
export async function startTracingSdk(service: string): Promise<void> {
  // express, pg and graphql are imported from ESM modules: the loader hook of import-in-the-middle
  // lets the instrumentations patch them; only the modules they ask for are intercepted.
  const { registerOptions, waitForAllMessagesAcknowledged } = createAddHookMessageChannel();
  register('import-in-the-middle/hook.mjs', import.meta.url, registerOptions);

  const sdk = new NodeSDK({
    serviceName: process.env.OTEL_SERVICE_NAME || `muensterland-${service}`,
    metricReaders: [],
    sampler: requestsOnly(Number(process.env.OTEL_TRACES_SAMPLER_ARG ?? 1)),
    logRecordProcessors: [],
    instrumentations: [
      new HttpInstrumentation({
        ignoreIncomingRequestHook: (request) => /^\/(health|metrics)\b/.test(request.url ?? ''),
        applyCustomAttributesOnSpan: (span, _request, response) => {
          // The span ends on `close`, also when the client went away before the answer: say so.
          if ('writableFinished' in response && !(response as ServerResponse).writableFinished) {
            span.setStatus({ code: SpanStatusCode.ERROR, message: 'client closed the request before the answer' });
          }
        },
      }),
      // Names the server span by its route (`POST /graphql`) and times route handlers; a span per
      // middleware or router, ended when it calls next(), would say little and cost much.
      new ExpressInstrumentation({ ignoreLayersType: [ExpressLayerType.MIDDLEWARE, ExpressLayerType.ROUTER] }),
      new UndiciInstrumentation({ requireParentforSpans: true }),
      // MikroORM sends statements with their values inlined; these may be personal data (names,
      // e-mail addresses of contact persons), so the span gets the statement without them.
      new PgInstrumentation({ requireParentSpan: true, requestHook: (span, { query }) => span.setAttribute('db.query.text', withoutLiterals(query.text)) }),
      // One span per field path, however long the lists (not one per item); none for fields
      // that only read a property.
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
    ],
  });
  sdk.start();
  tracingStarted(() => sdk.shutdown());
  await waitForAllMessagesAcknowledged();
}

/** `where "slug" = 'kreis-borken'` → `where "slug" = '?'`: string literals (and arrays, JSON) masked. */
function withoutLiterals(sql: string): string {
  return sql.replace(/'(?:[^']|'')*'/g, "'?'");
}

/**
 * A trace starts only at a server span (a request, or the caller's trace continued) and then
 * follows its parent's decision; `ratio` of the requests are traced.
 */
function requestsOnly(ratio: number): tracing.Sampler {
  const requests = new tracing.TraceIdRatioBasedSampler(Number.isFinite(ratio) ? ratio : 1);
  const root: tracing.Sampler = {
    shouldSample: (context, traceId, _name, kind) =>
      kind === SpanKind.SERVER ? requests.shouldSample(context, traceId) : { decision: tracing.SamplingDecision.NOT_RECORD },
    toString: () => `RequestsOnly{${requests}}`,
  };
  return new tracing.ParentBasedSampler({ root });
}
