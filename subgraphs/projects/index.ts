import 'reflect-metadata';
import { runSubgraph } from '../toolkit/main.js';
import { projectsSubgraph } from './server.js';

await runSubgraph(projectsSubgraph);
