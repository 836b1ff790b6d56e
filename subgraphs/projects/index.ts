import 'reflect-metadata';
import { runSubgraphProcess } from '../toolkit/subgraph-process.js';
import { projectsSubgraph } from './server.js';

await runSubgraphProcess(projectsSubgraph);
