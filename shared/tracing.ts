import { context, propagation, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { Resource } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider } from '@opentelemetry/sdk-trace-node';
import type { RequestHandler } from 'express';

/**
 * OpenTelemetry traces across gateway and subgraphs, on only when an OTLP endpoint is configured
 * (`OTEL_EXPORTER_OTLP_ENDPOINT` or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`). The gateway passes the
 * W3C trace context to the subgraphs; Apollo Gateway adds its own plan and fetch spans.
 */
let provider: NodeTracerProvider | undefined;

export function tracingEnabled(): boolean {
  return Boolean(process.env.OTEL_EXPORTER_OTLP_ENDPOINT || process.env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

export function startTracing(service: string): void {
  if (provider || !tracingEnabled()) return;
  provider = new NodeTracerProvider({
    resource: new Resource({ 'service.name': process.env.OTEL_SERVICE_NAME || `muensterland-${service}` }),
    spanProcessors: [new BatchSpanProcessor(new OTLPTraceExporter(), { scheduledDelayMillis: envDelay() })],
  });
  provider.register(); // AsyncLocalStorage context and the W3C trace-context propagator
}

export async function stopTracing(): Promise<void> {
  await provider?.shutdown();
  provider = undefined;
}

function envDelay(): number {
  return Number(process.env.OTEL_BSP_SCHEDULE_DELAY) || 1000;
}

/** One server span per HTTP request, continuing the caller's trace when it sent one. */
export function traceRequests(service: string): RequestHandler {
  if (!tracingEnabled()) return (_req, _res, next) => next();
  const tracer = trace.getTracer(`muensterland-${service}`);
  return (req, res, next) => {
    const parent = propagation.extract(context.active(), req.headers);
    const span = tracer.startSpan(`${req.method} ${req.baseUrl || req.path}`, { kind: SpanKind.SERVER, attributes: { 'http.method': req.method, 'http.route': req.baseUrl || req.path } }, parent);
    // `close` comes after `finish`, and also when the client went away before the answer: every span ends.
    res.once('close', () => {
      span.setAttribute('http.status_code', res.statusCode);
      if (!res.writableFinished) span.setStatus({ code: SpanStatusCode.ERROR, message: 'client closed the request before the answer' });
      else if (res.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    context.with(trace.setSpan(parent, span), next);
  };
}

/** Adds the current trace context to outgoing headers (gateway → subgraph). */
export function injectTraceContext(set: (name: string, value: string) => void): void {
  if (!provider) return;
  propagation.inject(context.active(), {}, { set: (_carrier, name, value) => set(name, value) });
}
