/**
 * Whether traces are on, and how a service flushes them when it stops. Deliberately free of any
 * OpenTelemetry import: with tracing off (no OTLP endpoint configured) no SDK or instrumentation
 * package is loaded at all, so memory and CPU per request stay as they are without tracing.
 * The SDK itself starts in `tracing-register.ts`, before the service's own modules are loaded.
 */
export function tracingEnabled(env: NodeJS.ProcessEnv = process.env): boolean {
  return Boolean(env.OTEL_EXPORTER_OTLP_ENDPOINT || env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT);
}

let shutdown: (() => Promise<void>) | undefined;

/** Called by `tracing-sdk.ts` once the SDK runs. */
export function tracingStarted(stop: () => Promise<void>): void {
  shutdown = stop;
}

/** True when the SDK runs in this process (the service was started with the register module). */
export function tracingRunning(): boolean {
  return shutdown !== undefined;
}

/**
 * An OTLP endpoint is configured but the SDK does not run: the process was started without the
 * register module (a plain `node dist/…/index.js`). Said once at start, instead of silently no traces.
 */
export function warnIfTracingNotPreloaded(log: { warn: (message: string) => void }): void {
  if (tracingEnabled() && !tracingRunning()) log.warn(`An OTLP endpoint is set but tracing did not start: run the service with node --import ${TRACING_REGISTER_MODULE}`);
}

/** Sends the spans still in the batch and stops the SDK; nothing when tracing is off. */
export async function stopTracing(): Promise<void> {
  const stop = shutdown;
  shutdown = undefined;
  await stop?.();
}

/**
 * The module to preload with `node --import` so that the SDK patches express, pg, graphql and
 * http before the service imports them (what `npm start`'s supervisor passes when tracing is on).
 */
export const TRACING_REGISTER_MODULE = new URL(`./tracing-register${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
