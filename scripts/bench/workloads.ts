/**
 * Fixed queries of the bench and the soak. Each is a constant here, so changing one is a one-line
 * edit; operation names show up in every service's /metrics. The bench's varied traffic is drawn
 * in varied.ts.
 */

/** One subgraph alone (the soak's light read). */
export const SINGLE_SUBGRAPH_QUERY = 'query BenchOrganizations { organizations(first: 20) { edges { node { name ags } } } }';

/** The nested federated query of issue 5, point 2, with $n = NESTED_N: the bench's `hot-query`, sent identically by every client. */
export const NESTED_QUERY =
  'query BenchNested($n: Int!) { projects(filter: { includeSamples: true }, first: $n) { edges { node { title lead { name parent { name } } participants { role organization { name kind } } topics { key } resources { title author { name } } } } } }';
export const NESTED_N = 20;

export const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify(variables ? { query, variables } : { query });
