import { envInt, envString } from '../shared/config.js';
import { serviceLogger } from '../shared/logger.js';
import { stopTracing, warnIfTracingNotPreloaded } from '../shared/tracing.js';
import { startGateway } from './server.js';

const log = serviceLogger('gateway');
warnIfTracingNotPreloaded(log);

const gateway = await startGateway({
  port: envInt('GATEWAY_PORT', 4000),
  host: envString('GATEWAY_HOST', '0.0.0.0'),
  supergraphPath: envString('SUPERGRAPH_PATH', 'schema/supergraph.graphql'),
});
log.info({ url: gateway.url }, 'gateway ready');

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing requests in flight');
    await gateway.stop();
    await stopTracing();
    process.exit(0);
  });
}
