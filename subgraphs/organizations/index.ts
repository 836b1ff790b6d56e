import 'reflect-metadata';
import { runSubgraphProcess } from '../toolkit/subgraph-process.js';
import { organizationsSubgraph } from './server.js';

await runSubgraphProcess(organizationsSubgraph);
