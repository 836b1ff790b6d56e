import 'reflect-metadata';
import { runSubgraphProcess } from '../toolkit/subgraph-process.js';
import { knowledgeSubgraph } from './server.js';

await runSubgraphProcess(knowledgeSubgraph);
