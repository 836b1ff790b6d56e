import cliProgress from 'cli-progress';
import { decodeJwt } from 'jose';
import { parseArgs } from 'node:util';
import { signPartnerToken } from '../shared/auth.js';
import { envInt } from '../shared/config.js';
import { usesExternalKeys } from '../shared/secrets.js';
import { MAX_IMPORT_ROWS } from '../subgraphs/toolkit/batch.import.js';
import { perItem, request, resolveParticipantSlugs, rowProblems } from './import/gateway.js';
import { readRows } from './import/readers.js';
import { fail, outcomeUnknown, refused, report, rowsWord, USAGE } from './import/report.js';
import { TYPES, type Problem } from './import/types.js';

/**
 * `npm run import -- <file.csv|file.json> --type projects|resources --as <organization slug>`
 *
 * Reads every row, checks every row, and writes all of them in one transaction or none. The rows
 * go to the running gateway as the batch mutations `importProjects` / `importKnowledgeResources`,
 * with an editor token of the `--as` organization: the same checks, ownership rules and audit
 * columns as `createProject` / `createKnowledgeResource`, and the `--as` organization leads
 * (projects) or authors (resources) every row. Steps: the file is read and each value converted
 * to its GraphQL type here (line and field of each bad value are collected); the rows are then
 * checked by the subgraph in chunks (`dryRun`), which names every row that breaks a rule; only
 * when no row is bad are they all sent once more to be written, in one transaction.
 *
 * Files: CSV with a header row of input field names (comma or semicolon separated, UTF-8 with or
 * without BOM; lists separated by `;` within a cell; `contact.email` etc. for the contact block;
 * participants as `<organization id>:<ROLE>` entries), or JSON: an array of objects with the
 * same field names (lists as arrays, `contact` and `participants` as objects). See data/samples/.
 *
 * This file is the command; `import/` holds its parts: `types.ts` (what can be imported),
 * `values.ts` (conversion of cells and JSON values), `readers.ts` (CSV, JSON, .xlsx), `gateway.ts`
 * (requests), `report.ts` (the messages it stops with).
 */

/** A project at least this similar (`similarProjects` score, 0 to 1) to an existing one is reported as a likely duplicate. */
const DUPLICATE_SCORE = 0.6;
/** Rows the subgraph checks per dry-run request: the progress bar moves per chunk. */
const CHECK_CHUNK = 100;

let values: { type?: string; as?: string; gateway?: string; 'dry-run'?: boolean; 'allow-duplicates'?: boolean };
let positionals: string[];
try {
  ({ values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      type: { type: 'string' }, as: { type: 'string' }, gateway: { type: 'string' }, 'dry-run': { type: 'boolean', default: false },
      'allow-duplicates': { type: 'boolean', default: false },
    },
  }));
} catch (error) {
  fail(`${error instanceof Error ? error.message : error}\n${USAGE}`);
}
if (positionals.length !== 1) fail(`Name one file to import.\n${USAGE}`);
const [file] = positionals;
const type = TYPES[values.type ?? ''];
if (!type) fail(`--type must be projects or resources, got ${values.type ? `"${values.type}"` : 'nothing'}.\n${USAGE}`);
const organizationSlug = values.as;
if (!organizationSlug) fail(`--as is missing: the organization that leads (projects) or authors (resources) the rows.\n${USAGE}`);
const base = values.gateway || process.env.GATEWAY_URL || `http://127.0.0.1:${envInt('GATEWAY_PORT', 4000)}`;
const gatewayUrl = /\/graphql\/?$/.test(base) ? base : `${base.replace(/\/+$/, '')}/graphql`;

const problems: Problem[] = [];
const { rows, total } = await readRows(type, file, problems);
if (total === 0 && problems.length === 0) fail(`${file} holds no rows to import.`, 1);
if (total > MAX_IMPORT_ROWS) fail(`${file} holds ${rowsWord(total)}; one import writes at most ${MAX_IMPORT_ROWS} in its transaction. Split the file. Nothing was written.`, 1);

const organization = await request(gatewayUrl, 'query($slug: String!) { organization(slug: $slug) { id name } }', { slug: organizationSlug });
if (!organization.data) refused(organization);
if (!organization.data.organization) fail(`There is no organization with the slug "${organizationSlug}". Slugs look like kreis-borken, stadt-muenster, muensterland-e-v.`);

let token = process.env.PARTNER_TOKEN;
if (token) {
  const claims = decodeJwt(token);
  if (claims.org !== organizationSlug) fail(`PARTNER_TOKEN is for "${claims.org}", not for --as ${organizationSlug}.`);
} else if (usesExternalKeys()) {
  fail('AUTH_JWKS_URL or AUTH_PUBLIC_KEY is set: set PARTNER_TOKEN to an editor token of the --as organization from your identity provider.');
} else {
  // The embedded default's secret (DATA_DIR or AUTH_SECRET), as `npm run token` uses it.
  token = await signPartnerToken({ org: organizationSlug, role: 'editor' }, '1h');
}


await resolveParticipantSlugs(gatewayUrl, rows, problems);

// Rows whose values could not even be converted are not sent; all others are checked by the subgraph.
const convertible = rows.filter((row) => !problems.some((problem) => problem.line === row.line));
const progress = new cliProgress.SingleBar({ format: '{stage} |{bar}| {value}/{total} rows', hideCursor: true }, cliProgress.Presets.shades_classic);
progress.start(total, 0, { stage: 'checking' });
progress.increment(total - convertible.length);
for (let start = 0; start < convertible.length; start += CHECK_CHUNK) {
  const chunk = convertible.slice(start, start + CHECK_CHUNK);
  const answer = await request(gatewayUrl, type.mutation, { input: { rows: chunk, dryRun: true } }, token);
  if (answer.errors?.length) {
    const named = rowProblems(answer.errors[0]);
    if (!named) {
      progress.stop();
      refused(answer);
    }
    problems.push(...named);
  }
  progress.increment(chunk.length);
}
if (problems.length) {
  progress.stop();
  report(file, problems, total);
}
// Likely duplicates (the duplicate check of `createProject`), reported before anything is written.
if (type === TYPES.projects) {
  progress.update(0, { stage: 'comparing' });
  type Candidate = { score: number; reasons: string[]; project: { slug: string; title: string } };
  const drafts = rows.map((row) => ({ title: row.title, summary: row.summary ?? null, topicKeys: row.topicKeys ?? null }));
  const similar = await perItem<Candidate[]>(gatewayUrl, drafts, 'ProjectDraftInput!', (variable) => `similarProjects(draft: ${variable}, first: 3) { score reasons project { slug title } }`, token);
  const duplicates = rows.flatMap((row, index) => similar[index].filter((candidate) => candidate.score >= DUPLICATE_SCORE)
    .map((candidate) => `  line ${row.line}: "${row.title}" looks like ${candidate.project.slug} ("${candidate.project.title}", score ${candidate.score}: ${candidate.reasons.join(', ')})`));
  progress.update(rows.length);
  if (duplicates.length && !values['allow-duplicates']) {
    progress.stop();
    fail(`${file}: ${duplicates.length} likely ${duplicates.length === 1 ? 'duplicate' : 'duplicates'} of existing projects; nothing was written. `
      + `Import anyway with --allow-duplicates.\n${duplicates.join('\n')}`, 1);
  }
  if (duplicates.length) console.error(`Likely duplicates, imported anyway (--allow-duplicates):\n${duplicates.join('\n')}`);
}

if (values['dry-run']) {
  progress.stop();
  console.log(`${file}: all ${rowsWord(rows.length)} are valid ${type.noun[0]} for ${organizationSlug}; nothing was written (--dry-run).`);
  process.exit(0);
}

progress.update(0, { stage: 'writing ' });
const writeStarted = new Date();
const answer = await request(gatewayUrl, type.mutation, { input: { rows, dryRun: false } }, token);
if (answer.errors?.length || !answer.data?.[type.field]) {
  progress.stop();
  const named = answer.errors?.length ? rowProblems(answer.errors[0]) : null;
  if (named) report(file, named, total);
  if (['NO_ANSWER', 'SUBGRAPH_UNAVAILABLE'].includes(answer.errors?.[0]?.extensions?.code)) outcomeUnknown(type, answer, writeStarted, organization.data.organization.id);
  refused(answer);
}
progress.update(rows.length);
progress.stop();
const created = answer.data[type.field][type.result] as { slug: string; title: string }[];
console.log(`Imported ${created.length} ${type.noun[created.length === 1 ? 1 : 0]} of ${organizationSlug} from ${file} in one transaction:`);
created.forEach((record, index) => console.log(`  line ${rows[index].line}: ${record.slug}`));
