import { Kind, parse, type DocumentNode } from 'graphql';

/**
 * What the bench sends. Each query is a constant here, so changing a scenario is a one-line edit.
 * Operation names show up in every service's /metrics.
 */

/** (a) One subgraph alone: sent to the organizations subgraph directly and through a gateway. */
export const SINGLE_SUBGRAPH_QUERY = 'query BenchOrganizations { organizations(first: 20) { edges { node { name ags } } } }';

/** (b) The nested federated query of issue 5, point 2, with $n = NESTED_N. */
export const NESTED_QUERY =
  'query BenchNested($n: Int!) { projects(filter: { includeSamples: true }, first: $n) { edges { node { title lead { name parent { name } } participants { role organization { name kind } } topics { key } resources { title author { name } } } } } }';
export const NESTED_N = 20;

/** (c) German search with a filter. */
export const SEARCH_QUERY = 'query BenchSearch { projects(filter: { text: "Mobilität", status: [ACTIVE], includeSamples: true }, first: 20) { totalCount edges { node { title } } } }';
/** (c) without a `text` filter in the supergraph: the nearest filter that exists. */
export const SEARCH_FALLBACK_QUERY = 'query BenchSearch { projects(filter: { topicKeys: ["mobilitaet"], status: [ACTIVE], includeSamples: true }, first: 20) { totalCount edges { node { title } } } }';

/** (d) The write of the mixed workload; a partner token of the project's lead organization is needed. */
export const UPDATE_PROJECT_MUTATION = 'mutation BenchUpdateProject($input: UpdateProjectInput!) { updateProject(input: $input) { project { id version } } }';
/** (d) The projects a partner may write: those its organization leads. */
export const WRITABLE_PROJECTS_QUERY = 'query BenchWritable($organizationId: ID!) { projects(filter: { organizationId: $organizationId, includeSamples: true }, first: 100) { edges { node { id version title lead { id } } } } }';
export const PROJECT_VERSION_QUERY = 'query BenchVersion($id: ID!) { project(id: $id) { version } }';
/** (d) Writer: an editor of Kreis Borken, which leads several hundred of the synthetic projects. */
export const WRITER_SLUG = 'kreis-borken';
/** (d) One request in WRITE_EVERY is a write; the others alternate between (b) and (c). */
export const WRITE_EVERY = 10;

export const body = (query: string, variables?: Record<string, unknown>) => JSON.stringify(variables ? { query, variables } : { query });

/** Checks of a sample of response bodies beyond "no errors": the answer has the expected shape. */
export const checks = {
  organizations: (data: any) => (data?.organizations?.edges?.length > 0 ? null : 'no organizations in the answer'),
  nested: (data: any) => {
    const edges = data?.projects?.edges;
    if (edges?.length !== NESTED_N) return `expected ${NESTED_N} projects, got ${edges?.length}`;
    if (!edges.some((edge: any) => edge.node.lead?.name)) return 'no lead resolved through federation';
    return null;
  },
  search: (data: any) => (typeof data?.projects?.totalCount === 'number' ? null : 'no totalCount in the answer'),
};

/** What the supergraph offers that the scenarios depend on (built by other branches meanwhile). */
export function supergraphFeatures(supergraphSdl: string) {
  const document: DocumentNode = parse(supergraphSdl, { noLocation: true });
  const fieldsOf = (name: string) => {
    for (const definition of document.definitions) {
      if ((definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION) && definition.name.value === name) {
        return new Set((definition.fields ?? []).map((field) => field.name.value));
      }
    }
    return new Set<string>();
  };
  return {
    searchText: fieldsOf('ProjectFilter').has('text'),
    updateProject: fieldsOf('Mutation').has('updateProject'),
  };
}
