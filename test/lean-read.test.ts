import 'reflect-metadata';
import { ReferenceKind, type EntityMetadata } from '@mikro-orm/postgresql';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { subgraphs } from '../subgraphs/registry.js';
import { openDatabase, type Database } from '../subgraphs/toolkit/database.js';
import { leanColumns, leanFind } from '../subgraphs/toolkit/lean-read.js';

/**
 * Lean reads (`subgraphs/toolkit/lean-read.ts`) answer from plain objects instead of entities:
 * for every entity of every subgraph, every row read both ways must give the same value for every
 * property an answer can read (scalars, dates, arrays, enums, embeddables, the id of a relation).
 */

/** What a resolver could read of an entity or a lean object: its persisted properties, relations as ids. */
function readable(meta: EntityMetadata, record: Record<string, any>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const prop of meta.props) {
    if (prop.persist === false || prop.embedded || prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY) continue;
    const value = record[prop.name];
    if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) out[prop.name] = value == null ? null : value.id;
    else if (prop.kind === ReferenceKind.EMBEDDED) out[prop.name] = value == null ? null : { ...value };
    else out[prop.name] = value;
  }
  return out;
}

describe.each(subgraphs.map((definition) => [definition.name, definition] as const))('lean reads of %s', (name, definition) => {
  let database: Database;
  beforeAll(async () => {
    database = await openDatabase(definition, inject('databaseUrls')[name]);
  });
  afterAll(() => database?.orm.close());

  it.each(definition.entities.map((entity) => [entity.name, entity] as const))('%s: every row as em.find gives it', async (_entityName, entity) => {
    const meta = database.orm.getMetadata().get(entity.name);
    if (meta.abstract || meta.embeddable) return;
    const em = database.orm.em.fork();
    const pk = meta.primaryKeys[0];
    const entities = (await em.find(entity.name, {}, { orderBy: { [pk]: 'asc' } })) as Record<string, any>[];
    const lean = (await leanFind(em, entity as new () => Record<string, any>, (query) => query.orderBy(`t.${meta.properties[pk].fieldNames[0]}`))) as Record<string, any>[];
    expect(lean.length).toBe(entities.length);
    const columns = leanColumns(em, entity, 't');
    expect(columns.length, 'each column selected once').toBe(new Set(columns).size);
    expect(lean.map((row) => readable(meta, row))).toEqual(entities.map((row) => readable(meta, row)));
  });

  it('counts one statement per lean read', async () => {
    const counted: string[] = [];
    const counting = await openDatabase(definition, inject('databaseUrls')[name], () => counted.push('sql'));
    try {
      const entity = definition.entities.find((candidate) => !counting.orm.getMetadata().get(candidate.name).embeddable)!;
      await leanFind(counting.orm.em.fork(), entity as new () => object, (query) => query.limit(2));
      expect(counted).toHaveLength(1);
    } finally {
      await counting.orm.close();
    }
  });
});
