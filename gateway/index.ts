import { envInt, envString } from '../subgraphs/toolkit/config.js';
import { startGateway } from './server.js';

const gateway = await startGateway({
  port: envInt('GATEWAY_PORT', 4000),
  host: envString('GATEWAY_HOST', '0.0.0.0'),
  supergraphPath: envString('SUPERGRAPH_PATH', 'schema/supergraph.graphql'),
});
console.log(`gateway ready at ${gateway.url}`);

let stopping = false;
for (const signal of ['SIGTERM', 'SIGINT'] as const) {
  process.on(signal, async () => {
    if (stopping) return;
    stopping = true;
    console.log(`gateway: ${signal} received, finishing requests in flight`);
    await gateway.stop();
    process.exit(0);
  });
}
