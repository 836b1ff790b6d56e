import { describe, expect, inject, it } from 'vitest';
import { graphql } from './client.js';

/** Sum of `db_statements_total` over all subgraphs, read from their /metrics. */
async function statementsSoFar(): Promise<number> {
  let total = 0;
  for (const url of Object.values(inject('subgraphUrls'))) {
    const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'))).text();
    const count = /^db_statements_total\{[^}]*\} (\d+)/m.exec(text)?.[1];
    // A renamed metric must fail the test, not turn every count into NaN (and NaN - NaN "equal").
    if (count === undefined) throw new Error(`db_statements_total missing in ${url} /metrics`);
    total += Number(count);
  }
  return total;
}

async function statementsFor(query: string, variables: Record<string, unknown>): Promise<number> {
  const before = await statementsSoFar();
  const { errors } = await graphql(query, variables);
  expect(errors).toBeUndefined();
  return (await statementsSoFar()) - before;
}

describe('a request costs the same SQL statements however long its lists are', () => {
  // The gateway only fetches what the data reaches, so each pair compares lists of the same shape.
  it.each([
    ['municipalities', ['STADT', 'GEMEINDE'], 5, 65],
    ['Kreise', ['KREIS'], 2, 4],
  ])('%s with their parents, figures, projects, participations and resources', async (_name, kind, few, many) => {
    const query = `query($n: Int!, $kind: [OrganizationKind!]) { organizations(first: $n, filter: { kind: $kind }) { edges { node {
      name parent { name parent { name } } population { value } areaKm2 children { name }
      projects { title participants { role organization { name kind } } topics { key } resources { title author { name } } }
      participations { role project { title lead { name } } }
      resources(first: 5) { totalCount edges { node { title } } }
    } } } }`;
    const small = await statementsFor(query, { n: few, kind });
    const large = await statementsFor(query, { n: many, kind });
    expect(small).toBeGreaterThan(0);
    expect(large).toBe(small);
  });

  it('projects with lead, participants, topics and resources', async () => {
    const query = `query($n: Int!) { projects(first: $n) { edges { node {
      title lead { name parent { name } } participants { role organization { name kind } } topics { key } funding { source }
      resources { title author { name } }
    } } } }`;
    const few = await statementsFor(query, { n: 2 });
    const all = await statementsFor(query, { n: 200 });
    expect(all).toBe(few);
  });
});

describe('metrics', () => {
  it('every service serves Prometheus metrics', async () => {
    const urls = [`${inject('gatewayUrl')}/metrics`, ...Object.values(inject('subgraphUrls')).map((url) => url.replace(/\/graphql$/, '/metrics'))];
    for (const url of urls) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(await response.text()).toContain('graphql_requests_total');
    }
  });
});
