import 'reflect-metadata';
import { runSubgraph } from '../toolkit/main.js';
import { knowledgeSubgraph } from './server.js';

await runSubgraph(knowledgeSubgraph);
