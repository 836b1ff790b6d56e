import 'reflect-metadata';
import { composeServices } from '@apollo/composition';
import { printSubgraphSchema } from '@apollo/subgraph';
import { parse, type GraphQLSchema } from 'graphql';
import { subgraphs } from '../../subgraphs/registry.js';
import { defaultPortOf } from '../../shared/services.js';
import { subgraphSchema } from '../../subgraphs/toolkit/service.js';

export interface Composed {
  /** Printed SDL of each subgraph, with its federation directives. */
  subgraphSdl: Map<string, string>;
  supergraphSdl: string;
  /** The API clients see (federation internals removed). */
  apiSchema: GraphQLSchema;
  hints: string[];
}

export class CompositionFailed extends Error {
  constructor(readonly messages: string[]) {
    super(`Composition failed:\n${messages.map((message) => `- ${message}`).join('\n')}`);
  }
}

/** Composes the subgraphs as the code defines them, with Apollo's own composition. */
export async function composeSupergraph(): Promise<Composed> {
  const services = await Promise.all(
    subgraphs.map(async (definition) => {
      const sdl = printSubgraphSchema(await subgraphSchema(definition));
      return { name: definition.name, typeDefs: parse(sdl), sdl, url: `http://localhost:${defaultPortOf(definition.name)}/graphql` };
    }),
  );
  const composition = composeServices(services.map(({ name, typeDefs, url }) => ({ name, typeDefs, url })));
  if (composition.errors) throw new CompositionFailed(composition.errors.map((error) => error.message));
  return {
    subgraphSdl: new Map(services.map(({ name, sdl }) => [name, sdl])),
    supergraphSdl: composition.supergraphSdl,
    apiSchema: composition.schema.toAPISchema().toGraphQLJSSchema(),
    hints: (composition.hints ?? []).map((hint) => hint.toString()),
  };
}
