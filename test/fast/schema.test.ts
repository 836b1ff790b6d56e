import fs from 'node:fs';
import path from 'node:path';
import { getNamedType, isEnumType, isInputObjectType, isInterfaceType, isObjectType, type GraphQLSchema } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { composeSupergraph, type Composed } from '../../scripts/lib/composition.js';

/** In-process: the subgraphs as the code defines them, composed with Apollo's composition; no database. */
describe('the composed schema', () => {
  let composed: Composed;
  beforeAll(async () => {
    composed = await composeSupergraph();
  });

  it('is the checked-in supergraph (run `npm run compose` after a schema change)', () => {
    const checkedIn = fs.readFileSync(path.join(import.meta.dirname, '..', '..', 'schema', 'supergraph.graphql'), 'utf8');
    const withoutHeader = checkedIn.replace(/^#.*\n/, '');
    expect(composed.supergraphSdl.trim()).toBe(withoutHeader.trim());
  });

  it('describes every type, field, argument and enum value clients see', () => {
    expect(undescribed(composed.apiSchema)).toEqual([]);
  });

  it('pages every list of records with a Relay connection capped by `first`', () => {
    const query = composed.apiSchema.getQueryType()!;
    const connections = Object.values(query.getFields()).filter((field) => getNamedType(field.type).name.endsWith('Connection'));
    expect(connections.map((field) => field.name)).toEqual(expect.arrayContaining(['projects', 'organizations', 'knowledgeResources']));
    for (const field of connections) expect(field.args.map((arg) => arg.name), field.name).toEqual(expect.arrayContaining(['first', 'after']));
  });
});

function undescribed(schema: GraphQLSchema): string[] {
  const missing: string[] = [];
  for (const type of Object.values(schema.getTypeMap())) {
    if (type.name.startsWith('__') || ['String', 'Int', 'Float', 'Boolean', 'ID'].includes(type.name)) continue;
    // The root types are described by their fields (type-graphql cannot describe them).
    const isRoot = type === schema.getQueryType() || type === schema.getMutationType();
    if (!type.description && !isRoot) missing.push(type.name);
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        if (!field.description) missing.push(`${type.name}.${field.name}`);
        for (const arg of field.args) if (!arg.description) missing.push(`${type.name}.${field.name}(${arg.name})`);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) if (!field.description) missing.push(`${type.name}.${field.name}`);
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) if (!value.description) missing.push(`${type.name}.${value.name}`);
    }
  }
  return missing;
}
