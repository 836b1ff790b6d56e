import { knowledgeSubgraph } from './knowledge/server.js';
import { organizationsSubgraph } from './organizations/server.js';
import { projectsSubgraph } from './projects/server.js';
import type { SubgraphDefinition } from './toolkit/service.js';

/** Every subgraph of the regional graph. compose, start, the tests and the gateway read this list. */
export const subgraphs: SubgraphDefinition<any>[] = [organizationsSubgraph, projectsSubgraph, knowledgeSubgraph];
