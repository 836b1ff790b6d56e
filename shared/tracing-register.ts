import { tracingEnabled } from './tracing.js';

/**
 * Preloaded with `node --import` (`npm start`'s supervisor passes it when tracing is on; the
 * `npm run start:*` scripts always, as it costs nothing when off): starts the OpenTelemetry SDK
 * before the service's modules are imported, so the instrumentations can patch them. With no
 * OTLP endpoint configured it loads nothing else.
 */
if (tracingEnabled()) {
  const { startTracingSdk } = await import('./tracing-sdk.js');
  await startTracingSdk(serviceOfEntry(process.argv[1] ?? ''));
}

/** `dist/gateway/index.js` → gateway, `subgraphs/projects/index.ts` → projects. */
function serviceOfEntry(entry: string): string {
  const parts = entry.split(/[\\/]/);
  const subgraph = parts.lastIndexOf('subgraphs');
  if (subgraph >= 0 && parts[subgraph + 1]) return parts[subgraph + 1]!;
  return parts.includes('gateway') ? 'gateway' : (parts.at(-1) ?? 'service').replace(/\.[cm]?[jt]s$/, '');
}
