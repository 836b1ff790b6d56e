import { describe, expect, it } from 'vitest';
import { DEFAULT_GATEWAYS, parseBenchArgs, SCENARIOS } from '../../scripts/bench/args.js';
import type { LoadResult } from '../../scripts/bench/load.js';
import { newTotals, summariseRuns } from '../../scripts/bench/report.js';

// The bench's command line and the shape of its JSON, checked without running a bench.

describe('npm run bench: arguments', () => {
  it('defaults to every scenario on ours and the two peers, 50 and 10 clients', () => {
    const options = parseBenchArgs([]);
    expect(options.scenarios).toEqual([...SCENARIOS]);
    expect(options.scenarios).toEqual(expect.arrayContaining(['varied-nested', 'varied-mix', 'varied-search', 'hot-query']));
    expect(options.gateways).toEqual(['ours', 'hive-gateway-rust-planner', 'apollo-gateway-untuned']);
    expect(DEFAULT_GATEWAYS).toEqual(options.gateways);
    expect(options.clients).toEqual([50, 10]);
    expect(options.json).toBeUndefined();
  });

  it('takes a short run with a JSON file and a subset', () => {
    const options = parseBenchArgs(['--seconds', '5', '--json', 'out.json', '--only', 'varied-nested,hot-query', '--clients', '10', '--gateways', 'ours,ours-without-entity-cache']);
    expect(options).toMatchObject({ seconds: 5, json: 'out.json', scenarios: ['varied-nested', 'hot-query'], clients: [10], gateways: ['ours', 'ours-without-entity-cache'] });
  });

  it.each([
    [['--seconds', '0'], /--seconds must be a number ≥ 1/],
    [['--seconds', 'abc'], /--seconds/],
    [['--clients', '10,x'], /--clients must be an integer/],
    [['--only', 'b-nested'], /--only: unknown b-nested; choose from varied-nested/],
    [['--gateways', 'hive'], /--gateways: unknown hive/],
    [['--seconds', '3', '--rounds', '4'], /at least 1 s/],
    [['--duration', '12'], /Unknown option '--duration'/],
  ])('refuses %j', (argv, message) => {
    expect(() => parseBenchArgs(argv)).toThrow(message);
  });
});

describe('npm run bench: JSON of a scenario', () => {
  it('has the contract fields, CPU folded into gateway, subgraphs, postgres and system', () => {
    const run: LoadResult = { requests: 4, durationS: 2, latencies: [10, 20, 30, 40], non2xx: 0, socketErrors: 0, graphqlErrors: 1, conflicts: 0, checked: 2, checkProblems: 0 };
    const totals = { ...newTotals(), runs: [run], cpu: { gateway: 0.04, organizations: 0.02, projects: 0.06, knowledge: 0.02, postgres: 0.08 }, sql: 36, caches: { entityHits: 3, entityMisses: 1 } };
    const result = summariseRuns({ scenario: 'varied-nested', gateway: 'ours', clients: 10, totals, subgraphNames: ['organizations', 'projects', 'knowledge'] });
    const json = JSON.parse(JSON.stringify({ scenarios: [result] }));
    expect(json.scenarios[0]).toMatchObject({
      scenario: 'varied-nested',
      gateway: 'ours',
      clients: 10,
      rps: 2,
      p50Ms: 20,
      p95Ms: 40,
      p99Ms: 40,
      cpuMsPerRequest: { gateway: 10, subgraphs: 25, postgres: 20, system: 55 },
      errors: 1,
      sqlPerRequest: 9,
      caches: { entity: { hits: 3, misses: 1, hitRate: 0.75 } },
    });
    expect(Object.keys(json.scenarios[0].cpuMsPerRequest)).toEqual(['gateway', 'subgraphs', 'postgres', 'system']);
  });
});
