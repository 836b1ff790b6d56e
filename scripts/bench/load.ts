import autocannon from 'autocannon';

/**
 * One load run with autocannon at a fixed number of connections for a fixed time. Each request
 * is drawn anew from `next()` (its body, headers and what the answer must be); latencies are
 * recorded per response (autocannon's own histogram has no p95). Every answer is checked for a
 * GraphQL `errors` entry (a substring test, cheap enough for all); every `checkEvery`-th answer
 * is parsed and checked against what the request must return.
 */

export interface Variant {
  body: string;
  headers?: Record<string, string>;
  /** Returns a problem with the parsed `data` of a sampled answer, or null. */
  check?: (data: any) => string | null;
  /** Called with every parsed answer (writes keep their version bookkeeping here). */
  onAnswer?: (answer: any) => void;
}

export interface LoadOptions {
  url: string;
  connections: number;
  durationS: number;
  next: () => Variant;
  checkEvery: number;
}

export interface LoadResult {
  requests: number;
  durationS: number;
  latencies: number[];
  non2xx: number;
  /** Connection errors and timeouts. */
  socketErrors: number;
  /** 2xx answers with GraphQL errors (CONFLICTs of writes counted apart). */
  graphqlErrors: number;
  conflicts: number;
  checked: number;
  checkProblems: number;
  /** The first problem seen, to tell what went wrong. */
  firstProblem?: string;
}

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const latencies: number[] = [];
  let graphqlErrors = 0;
  let conflicts = 0;
  let seen = 0;
  let checked = 0;
  let checkProblems = 0;
  let firstProblem: string | undefined;
  const problem = (text: string) => {
    firstProblem ??= text.slice(0, 500);
  };
  const { pathname, search } = new URL(options.url);
  const baseHeaders = { 'content-type': 'application/json' };

  const onResponse = (status: number, raw: string, context: Record<string, any>) => {
    const variant = context.variant as Variant | undefined;
    if (!variant || status < 200 || status >= 300) return;
    const text = String(raw ?? '');
    seen += 1;
    const failed = text.includes('"errors":');
    if (failed) {
      if (text.includes('"CONFLICT"')) conflicts += 1;
      else {
        graphqlErrors += 1;
        problem(text);
      }
    }
    const sample = !failed && seen % options.checkEvery === 0;
    if (!variant.onAnswer && !sample) return;
    let answer: any;
    try {
      answer = JSON.parse(text);
    } catch {
      if (sample) {
        checked += 1;
        checkProblems += 1;
        problem(`not JSON: ${text.slice(0, 200)}`);
      }
      return;
    }
    variant.onAnswer?.(answer);
    if (sample) {
      checked += 1;
      const issue = answer.data ? (variant.check?.(answer.data) ?? null) : 'answer without data';
      if (issue) {
        checkProblems += 1;
        problem(`${issue} (request ${variant.body.slice(0, 300)})`);
      }
    }
  };

  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: options.url,
        connections: options.connections,
        duration: options.durationS,
        requests: [
          {
            method: 'POST',
            path: pathname + search,
            setupRequest: (request: any, context: any) => {
              const variant = options.next();
              context.variant = variant;
              request.body = variant.body;
              request.headers = { ...baseHeaders, ...variant.headers }; // autocannon writes Content-Length into it
              return request;
            },
            onResponse: onResponse as never,
          },
        ],
      },
      (error, finished) => (error ? reject(error) : resolve(finished)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) => {
      latencies.push(responseTime);
    });
  });

  if (result.non2xx && !firstProblem) firstProblem = `HTTP status codes: ${JSON.stringify(result.statusCodeStats)}`;
  return {
    requests: latencies.length,
    durationS: result.duration,
    latencies,
    non2xx: result.non2xx,
    socketErrors: result.errors + result.timeouts,
    graphqlErrors,
    conflicts,
    checked,
    checkProblems,
    firstProblem,
  };
}

/** The p-th percentile (nearest rank) of sorted values, rounded to 0.1. */
export function percentile(sorted: number[], p: number): number {
  if (!sorted.length) return 0;
  return Math.round(sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))] * 10) / 10;
}

/** Sum of a counter of one service's `GET /metrics`, optionally only series whose labels match (0 when missing). */
export async function metricTotal(metricsUrl: string, metric: string, labels?: RegExp): Promise<number> {
  let text: string;
  try {
    // Generous: a service still working off a flood of requests answers /metrics late.
    text = await (await fetch(metricsUrl, { signal: AbortSignal.timeout(60_000) })).text();
  } catch (error) {
    throw new Error(`reading ${metricsUrl}: ${error instanceof Error ? error.message : error}`);
  }
  let total = 0;
  for (const match of text.matchAll(new RegExp(`^${metric}(\\{[^}]*\\})?\\s+([0-9.e+-]+)$`, 'gm'))) {
    if (!labels || labels.test(match[1] ?? '')) total += Number(match[2]);
  }
  return total;
}
