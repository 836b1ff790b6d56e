import { KreisProjectsDocument } from './generated/graphql.js';
import { trustedDocumentClient } from './client.js';

/**
 * The tutorial's first typed query: `npm run first-query` (here). `projects` is typed from the
 * schema (try `projects.edges[0].node.titel` and see tsc refuse it).
 */
const client = trustedDocumentClient(
  process.env.GATEWAY_URL ?? 'http://localhost:4000/graphql',
  process.env.MANIFEST ?? new URL('../../../trusted-documents/kreis-website.json', import.meta.url),
);
const { projects } = await client.request(KreisProjectsDocument, { ags: '05554', text: 'Kooperationen', first: 5 });
console.log(`${projects.totalCount} project(s) in Kreis Borken for "Kooperationen":`);
for (const { node } of projects.edges) console.log(`- ${node.title} → ${node.profileUrl}`);
