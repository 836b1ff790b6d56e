import { parseArgs } from 'node:util';

/**
 * The bench's command line, parsed and checked apart from the bench itself so a test can check it
 * in milliseconds. `npm run bench -- --seconds 5 --clients 10 --only varied-nested --json out.json`.
 */

export const SCENARIOS = ['varied-nested', 'varied-lookup', 'varied-search', 'varied-mix', 'hot-query'] as const;
export type ScenarioName = (typeof SCENARIOS)[number];

/** Gateways the bench can run; the first three are the default comparison. */
export const GATEWAYS = ['ours', 'hive-gateway-rust-planner', 'apollo-gateway-untuned', 'hive-gateway', 'ours-without-entity-cache', 'ours-without-response-cache', 'ours-without-caches'] as const;
export type GatewayName = (typeof GATEWAYS)[number];
export const DEFAULT_GATEWAYS: GatewayName[] = ['ours', 'hive-gateway-rust-planner', 'apollo-gateway-untuned'];

export interface BenchOptions {
  /** Measured seconds per scenario, gateway and client count, split over the rounds. */
  seconds: number;
  /** Each gateway runs this many times per scenario, the gateways taking turns (their order rotates). */
  rounds: number;
  /** Seconds of unmeasured load before each scenario, per gateway. */
  warmupS: number;
  /** Concurrent clients; each scenario runs once per count. */
  clients: number[];
  scenarios: ScenarioName[];
  gateways: GatewayName[];
  /** Every n-th answer is parsed and checked against the expected data. */
  checkEvery: number;
  suffix?: string;
  dataDir?: string;
  json?: string;
  waitQuietS: number;
  fromSource: boolean;
  /** Random seed of the variable draws: two runs with the same seed send the same requests. */
  seed: number;
}

const list = <T extends string>(text: string, allowed: readonly T[], option: string): T[] => {
  const items = text.split(',').map((item) => item.trim()).filter(Boolean);
  const unknown = items.filter((item) => !allowed.includes(item as T));
  if (unknown.length || items.length === 0) throw new Error(`--${option}: unknown ${unknown.join(', ') || '(empty)'}; choose from ${allowed.join(', ')}`);
  return [...new Set(items)] as T[];
};

const number = (text: string, option: string, { integer = true, min = 1 } = {}): number => {
  const value = Number(text);
  if (!Number.isFinite(value) || (integer && !Number.isInteger(value)) || value < min) {
    throw new Error(`--${option} must be ${integer ? 'an integer' : 'a number'} ≥ ${min}, got "${text}"`);
  }
  return value;
};

export function parseBenchArgs(argv: string[]): BenchOptions {
  const { values } = parseArgs({
    args: argv,
    strict: true,
    options: {
      seconds: { type: 'string', default: '10' },
      rounds: { type: 'string', default: '2' },
      warmup: { type: 'string', default: '2' },
      clients: { type: 'string', default: '50,10' },
      only: { type: 'string' },
      gateways: { type: 'string' },
      'check-every': { type: 'string', default: '10' },
      suffix: { type: 'string' },
      'data-dir': { type: 'string' },
      json: { type: 'string' },
      'wait-quiet': { type: 'string', default: '30' },
      'from-source': { type: 'boolean', default: false },
      seed: { type: 'string', default: '14' },
    },
  });
  const seconds = number(values.seconds!, 'seconds', { integer: false, min: 1 });
  const rounds = number(values.rounds!, 'rounds');
  if (seconds / rounds < 1) throw new Error('--seconds must give each round at least 1 s (seconds / rounds ≥ 1)');
  return {
    seconds,
    rounds,
    warmupS: number(values.warmup!, 'warmup', { integer: false, min: 0 }),
    clients: values.clients!.split(',').map((item) => number(item.trim(), 'clients')),
    scenarios: values.only ? list(values.only, SCENARIOS, 'only') : [...SCENARIOS],
    gateways: values.gateways ? list(values.gateways, GATEWAYS, 'gateways') : [...DEFAULT_GATEWAYS],
    checkEvery: number(values['check-every']!, 'check-every'),
    suffix: values.suffix,
    dataDir: values['data-dir'],
    json: values.json,
    waitQuietS: number(values['wait-quiet']!, 'wait-quiet', { integer: false, min: 0 }),
    fromSource: values['from-source']!,
    seed: number(values.seed!, 'seed', { min: 0 }),
  };
}
