import type { MigrationObject } from '@mikro-orm/core';
import { Migrator } from '@mikro-orm/migrations';
import { defineConfig, MikroORM, type EntityManager } from '@mikro-orm/postgresql';
import path from 'node:path';
import { CHANGE_EVENT_TABLES, ChangeCapture } from './change-events.js';
import { REPO_ROOT } from './paths.js';

export interface DatabaseDefinition {
  /** Subgraph name; also the folder of its migrations. */
  name: string;
  entities: Function[];
  migrations: MigrationObject[];
}

export function ormConfig(definition: DatabaseDefinition, clientUrl: string) {
  return defineConfig({
    clientUrl,
    entities: definition.entities,
    extensions: [Migrator],
    // Notes what each write transaction changes, for its change events.
    subscribers: [new ChangeCapture()],
    // Tables written in SQL by the change events and webhooks (no entities): generated migrations leave them alone.
    schemaGenerator: { skipTables: [...CHANGE_EVENT_TABLES, /^webhook_/] },
    migrations: {
      // Listed explicitly: no file globbing at start-up, same behaviour under tsx, tsc and vitest.
      migrationsList: definition.migrations,
      path: path.join(REPO_ROOT, 'subgraphs', definition.name, 'migrations'),
      tableName: 'mikro_orm_migrations',
      transactional: true,
      allOrNothing: true,
      snapshot: false,
      emit: 'ts',
    },
    discovery: { disableDynamicFileAccess: true },
    // No global EntityManager: every request forks its own.
    allowGlobalContext: false,
    forceUtcTimezone: true,
    pool: { min: 0, max: 10, idleTimeoutMillis: 10_000 },
    debug: false,
  });
}

export interface Database {
  orm: MikroORM;
}

/** Opens the subgraph's pool; `onStatement` is called for every SQL statement sent. */
export async function openDatabase(definition: DatabaseDefinition, clientUrl: string, onStatement?: () => void): Promise<Database> {
  const orm = await MikroORM.init(ormConfig(definition, clientUrl));
  if (onStatement) orm.em.getConnection().getKnex().on('query', onStatement);
  return { orm };
}

export async function migrate(orm: MikroORM): Promise<string[]> {
  const applied = await orm.getMigrator().up();
  return applied.map((migration) => migration.name);
}

export type { EntityManager };
