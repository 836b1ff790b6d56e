import { parse, type OperationDefinitionNode } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { pointsOf } from '../../gateway/admission.js';
import { LimitError, limitsFromEnv, measureOperation } from '../../gateway/limits.js';
import { CostBudget } from '../../gateway/rate-limit.js';
import { ResponseCache } from '../../gateway/response-cache.js';
import { addKnownOperationNames, operationLabel } from '../../shared/metrics.js';
import { composeSupergraph, type Composed } from '../../scripts/lib/composition.js';

describe('what admission measures, in-process', () => {
  let composed: Composed;
  beforeAll(async () => {
    composed = await composeSupergraph();
  });
  const limits = limitsFromEnv();
  const measure = (query: string, variables: Record<string, unknown> = {}) => {
    const document = parse(query);
    const operation = document.definitions.find((definition): definition is OperationDefinitionNode => definition.kind === 'OperationDefinition')!;
    return measureOperation(composed.apiSchema, document, operation, variables, limits);
  };
  const refusal = (query: string, variables: Record<string, unknown> = {}) => {
    try {
      measure(query, variables);
    } catch (error) {
      if (error instanceof LimitError) return error.code;
      throw error;
    }
    return null;
  };
  const COSTLY = 'query Costly($first: Int!) { projects(first: $first) { edges { node { participants { organization { children { name children { name } } } } } } } }';

  it('counts `first` × the cost below it, from variables and from their defaults', () => {
    expect(measure('{ projects(first: 500) { edges { node { slug } } } }').cost).toBe(1500);
    expect(measure(COSTLY, { first: 0 }).cost).toBe(0);
    expect(refusal(COSTLY, { first: 500 })).toBe('COST_LIMIT');
    expect(refusal(COSTLY.replace('$first: Int!', '$first: Int = 500'))).toBe('COST_LIMIT');
  });

  it('measures one parsed document again for every value of a variable its cost depends on, and checks every request\'s variables', () => {
    // Apollo hands admission the same document object for the same text: costs are remembered on it.
    const query = 'query Page($first: Int!, $after: String, $deep: Boolean!) { projects(first: $first, after: $after) { edges { node { slug participants @include(if: $deep) { role } } } } }';
    const document = parse(query);
    const operation = document.definitions[0] as OperationDefinitionNode;
    const cost = (variables: Record<string, unknown>) => measureOperation(composed.apiSchema, document, operation, variables, limits).cost;
    const cases = [
      { first: 10, after: 'a', deep: false },
      { first: 10, after: 'b', deep: false },
      { first: 10, after: 'a', deep: true },
      { first: 100, after: 'b', deep: true },
      { first: 100, after: 'c', deep: false },
      { first: 10, after: 'c', deep: true },
    ];
    const costs = cases.map(cost);
    // The same as measuring a freshly parsed document each time, and different where it must be.
    expect(costs).toEqual(cases.map((variables) => measure(query, variables).cost));
    expect(new Set(costs).size).toBe(4);
    expect(() => cost({ first: 20000, after: 'a', deep: true })).toThrow(LimitError);
    expect(cost({ first: 20000, after: 'a', deep: false })).toBe(measure(query, { first: 20000, after: 'a', deep: false }).cost);
    // A variable that does not fit its type is refused whatever was remembered for the others.
    expect(() => cost({ first: 10, after: 7, deep: false })).toThrow(/String cannot represent/);
    expect(() => cost({ first: 10, after: 'a' })).toThrow(/\$deep/);
  });

  it('keeps the codes of every limit', () => {
    expect(refusal(`{ organization(slug: "x") { ${'parent { '.repeat(12)} name ${'} '.repeat(12)} } }`)).toBe('QUERY_DEPTH_LIMIT');
    expect(refusal(`{ topics { ${Array.from({ length: 31 }, (_, i) => `a${i}: key`).join(' ')} } }`)).toBe('ALIAS_LIMIT');
    expect(refusal(`{ ${Array.from({ length: 21 }, () => 'topics { key }').join(' ')} }`)).toBe('ROOT_FIELD_LIMIT');
    expect(refusal(`{ ...R } fragment R on Query { ${Array.from({ length: 21 }, () => 'topics { key }').join(' ')} }`)).toBe('ROOT_FIELD_LIMIT');
    expect(refusal(`{ topics { ${'key @include(if: true) '.repeat(51)} } }`)).toBe('DIRECTIVE_LIMIT');
  });

  it('gives pure introspection its own depth and a hundredth of the points', () => {
    const introspection = measure('{ __schema { types { name fields { name type { name ofType { name ofType { name ofType { name } } } } } } } }');
    expect(introspection.introspection.only).toBe(true);
    expect(pointsOf(introspection.cost, true)).toBeLessThan(pointsOf(introspection.cost, false));
    expect(pointsOf(0, false)).toBe(1);
  });
});

describe('metric labels from a bounded set', () => {
  it('labels the saved playground operations and names added later by themselves', () => {
    expect(operationLabel('ExploreTheRegion')).toBe('ExploreTheRegion');
    expect(operationLabel('ExploreTheRegion__projects__0')).toBe('ExploreTheRegion');
    expect(operationLabel('SomethingElse')).toBe('other');
    expect(operationLabel(undefined)).toBe('anonymous');
    addKnownOperationNames(['PartnerPortalProjects']);
    expect(operationLabel('PartnerPortalProjects')).toBe('PartnerPortalProjects');
  });
});

describe('response cache bounded in bytes', () => {
  it('evicts the least recently used entries past its size and drops expired ones', () => {
    const cache = new ResponseCache(1000, 1000);
    const body = 'x'.repeat(150); // 2 × (1 + 150) bytes = 302
    cache.set('a', body, 0);
    cache.set('b', body, 0);
    cache.set('c', body, 0);
    expect(cache.get('a', 1)).toBe(body); // now b is the least recently used
    cache.set('d', body, 2);
    expect(cache.get('b', 3)).toBeUndefined();
    expect(cache.get('a', 3)).toBe(body);
    expect(cache.bytes).toBeLessThanOrEqual(1000);
    expect(cache.count).toBe(3);
    // Past the TTL every entry goes on the next store, looked up or not.
    cache.set('e', body, 2000);
    expect(cache.count).toBe(1);
    expect(cache.bytes).toBe(302);
    expect(cache.get('a', 2000)).toBeUndefined();
  });

  it('refuses an entry larger than the whole cache', () => {
    const cache = new ResponseCache(100, 1000);
    cache.set('big', 'x'.repeat(100), 0);
    expect(cache.count).toBe(0);
  });
});

describe('budget map bounded', () => {
  it('expires idle clients and caps the number of clients', () => {
    const budget = new CostBudget(10, 60_000, 3);
    for (const key of ['a', 'b', 'c']) budget.spend(key, 4, false, 0);
    expect(budget.size).toBe(3);
    budget.spend('d', 1, false, 1); // over the cap: the oldest window goes
    expect(budget.size).toBe(3);
    expect(budget.peek('a', 2).remaining).toBe(10);
    expect(budget.peek('b', 2).remaining).toBe(6);
    budget.spend('e', 1, false, 70_000); // every other window has ended
    expect(budget.size).toBe(1);
  });

  it('refuses what is not left and resets with the window', () => {
    const budget = new CostBudget(10, 60_000);
    expect(budget.spend('a', 8, false, 0)).toMatchObject({ ok: true, remaining: 2, resetAt: 60_000 });
    expect(budget.spend('a', 3, false, 1)).toMatchObject({ ok: false, remaining: 2 });
    expect(budget.spend('a', 3, true, 1)).toMatchObject({ ok: true, remaining: 0 });
    expect(budget.spend('a', 3, false, 60_000)).toMatchObject({ ok: true, remaining: 7, resetAt: 120_000 });
  });
});

