import 'reflect-metadata';
import { describe, expect, inject, it } from 'vitest';
import { subgraphs } from '../subgraphs/registry.js';
import { openDatabase } from '../subgraphs/toolkit/database.js';
import { seedDatabase } from '../subgraphs/toolkit/service.js';
import { fingerprint } from './database.js';

describe('seed', () => {
  it.each(subgraphs.map((subgraph) => [subgraph.name, subgraph] as const))('%s: a second run changes nothing', async (name, definition) => {
    const url = inject('databaseUrls')[name];
    const before = await fingerprint(url);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    const database = await openDatabase(definition, url);
    try {
      await seedDatabase(definition, database);
    } finally {
      await database.orm.close();
    }
    expect(await fingerprint(url)).toEqual(before);
  });
});
