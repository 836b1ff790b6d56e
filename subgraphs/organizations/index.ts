import 'reflect-metadata';
import { runSubgraph } from '../toolkit/main.js';
import { organizationsSubgraph } from './server.js';

await runSubgraph(organizationsSubgraph);
