import autocannon from 'autocannon';

/**
 * One load run with autocannon at a fixed number of connections for a fixed time. Latencies are
 * recorded per response (autocannon's own histogram has no p95). Every body is checked for a
 * GraphQL `errors` entry (a substring test, cheap enough for all); every SAMPLE_EVERY-th body is
 * parsed and its data checked for the expected shape.
 */

const SAMPLE_EVERY = 50;

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  headers?: Record<string, string>;
  /** One request repeated … */
  body?: string;
  /** … or a sequence each connection cycles through (autocannon `requests`). */
  requests?: autocannon.Request[];
  /** Returns a problem with the parsed `data` of a sampled answer, or null. */
  check?: (data: unknown) => string | null;
}

export interface LoadResult {
  requests: number;
  durationS: number;
  rps: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  non2xx: number;
  /** Connection errors and timeouts. */
  socketErrors: number;
  /** 2xx answers with GraphQL errors (CONFLICTs of the mixed workload counted apart). */
  graphqlErrors: number;
  conflicts: number;
  sampled: number;
  sampleProblems: number;
  /** The first problem seen, to tell what went wrong. */
  firstProblem?: string;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let conflicts = 0;
  let seen = 0;
  let sampled = 0;
  let sampleProblems = 0;
  let firstProblem: string | undefined;
  const problem = (text: string) => {
    firstProblem ??= text.slice(0, 500);
  };

  const verifyBody = (raw: string | Buffer | undefined) => {
    const text = String(raw ?? '');
    seen += 1;
    if (text.includes('"errors":')) {
      if (text.includes('"CONFLICT"')) conflicts += 1;
      else {
        graphqlErrors += 1;
        problem(text);
      }
      return false;
    }
    if (seen % SAMPLE_EVERY === 0) {
      sampled += 1;
      let issue: string | null;
      try {
        const parsed = JSON.parse(text) as { data?: unknown };
        issue = parsed.data ? (options.check?.(parsed.data) ?? null) : 'answer without data';
      } catch {
        issue = `not JSON: ${text.slice(0, 200)}`;
      }
      if (issue) {
        sampleProblems += 1;
        problem(issue);
      }
    }
    return true;
  };

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        method: 'POST',
        headers: { 'content-type': 'application/json', ...options.headers },
        body: options.body,
        requests: options.requests,
        verifyBody,
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });

  latencies.sort((a, b) => a - b);
  const percentile = (p: number) => (latencies.length ? round(latencies[Math.min(latencies.length - 1, Math.ceil((p / 100) * latencies.length) - 1)]) : 0);
  if (result.non2xx && !firstProblem) firstProblem = `HTTP status codes: ${JSON.stringify(result.statusCodeStats)}`;
  return {
    requests: latencies.length,
    durationS: result.duration,
    rps: round(latencies.length / result.duration),
    p50Ms: percentile(50),
    p95Ms: percentile(95),
    p99Ms: percentile(99),
    non2xx: result.non2xx,
    socketErrors: result.errors,
    graphqlErrors,
    conflicts,
    sampled,
    sampleProblems,
    firstProblem,
  };
}

const round = (value: number) => Math.round(value * 10) / 10;

/** `db_statements_total` of one service's `GET /metrics` (0 when the metric is missing). */
export async function statementsTotal(metricsUrl: string): Promise<number> {
  let text: string;
  try {
    // Generous: a subgraph still working off a flood of requests answers /metrics late.
    text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(60_000) })).text();
  } catch (error) {
    throw new Error(`reading ${metricsUrl}: ${error instanceof Error ? error.message : error}`);
  }
  let total = 0;
  for (const match of text.matchAll(/^db_statements_total(?:\{[^}]*\})?\s+([0-9.e+-]+)$/gm)) total += Number(match[1]);
  return total;
}
