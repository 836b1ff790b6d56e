import { envBool, envPrefix } from '../../shared/config.js';
import { serviceLogger } from '../../shared/logger.js';
import { stopTracing, warnIfTracingNotPreloaded } from '../../shared/tracing.js';
import { startEmbeddedPostgres, type EmbeddedPostgres } from '../../shared/embedded-postgres.js';
import { startSubgraph, type SubgraphDefinition } from './service.js';

/**
 * Entry point of one subgraph process. With `<NAME>_DATABASE_URL` it uses that server; without,
 * the embedded PostgreSQL (started here, or the one `npm start` already runs).
 */
export async function runSubgraphProcess<Loaders>(definition: SubgraphDefinition<Loaders>): Promise<void> {
  const prefix = envPrefix(definition.name);
  const log = serviceLogger(definition.name);
  warnIfTracingNotPreloaded(log);
  let embedded: EmbeddedPostgres | undefined;
  let databaseUrl = process.env[`${prefix}_DATABASE_URL`];
  if (!databaseUrl) {
    embedded = await startEmbeddedPostgres();
    await embedded.ensureDatabase(definition.name);
    databaseUrl = embedded.url(definition.name);
  }

  const service = await startSubgraph(definition, {
    databaseUrl,
    host: process.env[`${prefix}_HOST`] || '127.0.0.1',
    migrate: envBool('MIGRATE_ON_START', true),
    seed: envBool('SEED_ON_START', true),
  });
  log.info({ url: service.url }, 'subgraph ready');

  let stopping = false;
  const stop = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping: finishing requests in flight');
    await service.stop();
    await stopTracing();
    await embedded?.stop();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('SIGINT', () => void stop('SIGINT'));
}
