import type { Request, RequestHandler, Response } from 'express';
import { ipKeyGenerator } from 'express-rate-limit';
import { envInt } from '../shared/config.js';
import { tokenClaimsOf } from './auth.js';

/**
 * Cost-based rate limiting, the way GitHub's GraphQL API counts points: every client has a
 * budget of cost points per minute (`RATE_LIMIT_PER_MINUTE`, 0 = off); a GraphQL operation
 * spends its cost (`pointsOf` in `admission.ts`: rows it may ask for / 100, at least 1), a file from `/export` or `/profiles` a fixed
 * `RATE_LIMIT_FILE_COST` plus the cost of the operations it runs. A request that cannot be paid
 * for is a 429 with `Retry-After`; every GraphQL response says what it cost and what is left in
 * `extensions.cost { requested remaining resetAt }`.
 *
 * A client is the verified partner (organization and role of a valid token, whatever the spelling
 * of the header) or else the client address, so neither header variants nor bad tokens open a
 * fresh budget.
 */
export interface BudgetState {
  remaining: number;
  /** When the window ends and the budget is full again (epoch ms). */
  resetAt: number;
}

export interface Spent extends BudgetState {
  ok: boolean;
}

/**
 * A budget of cost points per key and window: `CostBudget` in this process, or `SharedBudget`
 * (`shared-budget.ts`) in the gateway database, shared by every instance.
 */
export interface Budget {
  readonly perWindow: number;
  /** Spends `points` if the budget has them; `force` spends them anyway (work already admitted). */
  spend(key: string, points: number, force?: boolean): Spent | Promise<Spent>;
  peek(key: string): BudgetState | Promise<BudgetState>;
}

/** What the gateway knows of the client behind one HTTP request (`res.locals.client`). */
export interface ClientHandle {
  key: string;
  /**
   * `file`: an `/export` or `/profiles` request, already admitted and charged its fixed cost; the
   * operations it runs are charged but never refused halfway through a file.
   */
  kind: 'graphql' | 'file';
  /** Points spent by this request so far. */
  spent: number;
  /** Points paid at the door (1 for every `/graphql` request) that its operation's cost includes. */
  prepaid: number;
  /** The budget after the door's charge: what an operation that owes nothing more reports. */
  state?: BudgetState;
}

export class CostBudget implements Budget {
  private readonly windows = new Map<string, { spent: number; resetAt: number }>();

  /**
   * `maxClients` bounds the map: windows that ended are dropped first (the map is in order of
   * window start, so they are at its head), and past the cap the oldest window goes.
   */
  constructor(
    readonly perWindow: number,
    readonly windowMs = 60_000,
    readonly maxClients = 100_000,
  ) {}

  get size(): number {
    return this.windows.size;
  }

  private window(key: string, now: number) {
    let window = this.windows.get(key);
    if (window && window.resetAt <= now) {
      this.windows.delete(key);
      window = undefined;
    }
    if (!window) {
      this.sweep(now);
      window = { spent: 0, resetAt: now + this.windowMs };
      this.windows.set(key, window);
    }
    return window;
  }

  private sweep(now: number): void {
    for (const [key, window] of this.windows) {
      if (window.resetAt > now && this.windows.size < this.maxClients) break;
      this.windows.delete(key);
    }
  }

  peek(key: string, now = Date.now()): BudgetState {
    const window = this.windows.get(key);
    if (!window || window.resetAt <= now) return { remaining: this.perWindow, resetAt: now + this.windowMs };
    return { remaining: Math.max(0, this.perWindow - window.spent), resetAt: window.resetAt };
  }

  /** Spends `points` if the budget has them; `force` spends them anyway (work already admitted). */
  spend(key: string, points: number, force = false, now = Date.now()): Spent {
    const window = this.window(key, now);
    const remaining = this.perWindow - window.spent;
    if (points > remaining && !force) return { ok: false, remaining: Math.max(0, remaining), resetAt: window.resetAt };
    window.spent += points;
    return { ok: true, remaining: Math.max(0, this.perWindow - window.spent), resetAt: window.resetAt };
  }
}

export function budgetFromEnv(): CostBudget | null {
  const perMinute = envInt('RATE_LIMIT_PER_MINUTE', 5_000);
  return perMinute > 0 ? new CostBudget(perMinute, 60_000, envInt('RATE_LIMIT_CLIENTS', 100_000)) : null;
}

/** The budget key of a request: `partner:<org>:<role>` for a verified token, else `ip:<address>`. */
export async function clientKeyOf(req: Request): Promise<string> {
  try {
    const claims = await tokenClaimsOf(req);
    if (claims) return `partner:${claims.org}:${claims.role}`;
  } catch {
    // An unreadable or invalid token is answered by the request itself; it pays as its address.
  }
  return `ip:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

export const retryAfterSeconds = (resetAt: number, now = Date.now()) => Math.max(1, Math.ceil((resetAt - now) / 1000));

export const costExtension = (requested: number, state: BudgetState | null) => ({
  requested,
  remaining: state ? state.remaining : null,
  resetAt: state ? new Date(state.resetAt).toISOString() : null,
});

export function tooManyRequests(res: Response, requested: number, state: BudgetState, perWindow: number): void {
  const retryAfter = retryAfterSeconds(state.resetAt);
  res.setHeader('Retry-After', String(retryAfter));
  res.status(429).json({
    errors: [{
      message: `Rate limit: this request costs ${requested} points and ${state.remaining} of ${perWindow} are left this minute`,
      extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter },
    }],
    extensions: { cost: costExtension(requested, state) },
  });
}

/**
 * Identifies the client of every request (`res.locals.client`, read by the GraphQL context) and
 * refuses what its budget cannot pay, before any parsing: on `/graphql` 1 point (the operation's
 * cost is settled by the admission step), on a file route `fileCost`.
 */
export function admitClient(budget: Budget | null, kind: ClientHandle['kind'], fileCost = 0, beforeAdmit?: () => Promise<void>): RequestHandler {
  return async (req, res, next) => {
    try {
      const client: ClientHandle = { key: await clientKeyOf(req), kind, spent: 0, prepaid: 0 };
      res.locals.client = client;
      // Shared instances: when no budget statement reads the write generation, this does (gateway-database.ts).
      if (beforeAdmit) await beforeAdmit();
      if (!budget) return next();
      // Every request pays at least 1 point here, so even those that never reach an operation
      // (bad JSON, a forged token, a batch) are counted.
      const requested = kind === 'file' ? fileCost : 1;
      const spent = await budget.spend(client.key, requested);
      if (!spent.ok) return tooManyRequests(res, requested, spent, budget.perWindow);
      client.spent += requested;
      client.state = spent;
      if (kind === 'graphql') client.prepaid = requested;
      next();
    } catch (error) {
      next(error);
    }
  };
}
