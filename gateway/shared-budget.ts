import type { GatewayDatabase } from './gateway-database.js';
import { CostBudget, type Budget, type BudgetState, type Spent } from './rate-limit.js';

/** How long after a failed statement the local budget stands in before the database is asked again. */
const RETRY_AFTER_FAILURE_MS = 5000;
const SWEEP_EVERY_MS = 10_000;

interface Row {
  charged: boolean;
  spent: number | null;
  reset_at: number | null;
  now: number;
  generation: string | null;
}

/**
 * The cost budgets of every gateway instance in one table of the gateway database: one row per
 * client key holding its current window. A charge is one statement (`INSERT … ON CONFLICT DO
 * UPDATE … WHERE … RETURNING`): the row lock makes concurrent charges from any instance add up,
 * and a charge the budget cannot pay changes nothing. The same statement reads the write
 * generation (`GatewayDatabase.observe`), so the door's cache check costs no extra trip. Windows
 * run on the database's clock, so instances on machines with skewed clocks agree on `resetAt`.
 *
 * Fail-safe: when the database does not answer (down, unreachable, over 1 s), the request is
 * charged to this instance's own `CostBudget` instead, logged once per outage, and the database is
 * tried again after 5 s. Never a 500, never an unlimited client: during an outage each instance
 * limits on its own, as a single gateway always did.
 *
 * Bounded: every 10 s an instance deletes the windows that ended and, past `maxClients`, the ones
 * ending soonest.
 */
export class SharedBudget implements Budget {
  private readonly local: CostBudget;
  private failedAt = -Infinity;
  private lastSweep = 0;

  constructor(
    private readonly database: GatewayDatabase,
    readonly perWindow: number,
    readonly windowMs = 60_000,
    readonly maxClients = 100_000,
  ) {
    this.local = new CostBudget(perWindow, windowMs, maxClients);
  }

  private get available(): boolean {
    return Date.now() - this.failedAt >= RETRY_AFTER_FAILURE_MS;
  }

  async spend(key: string, points: number, force = false): Promise<Spent> {
    // More than a whole window can never be paid: report the budget, charge nothing.
    if (points > this.perWindow && !force) return { ok: false, ...(await this.peek(key)) };
    if (!this.available) return this.local.spend(key, points, force);
    try {
      const { rows } = await this.database.pool.query<Row>({
        name: 'gateway-budget-charge', // prepared once per connection
        text: `with charged as (
           insert into gateway_budget as b (key, spent, reset_at) values ($1, $2, now() + $3 * interval '1 millisecond')
           on conflict (key) do update set
             spent = case when b.reset_at <= now() then excluded.spent else b.spent + excluded.spent end,
             reset_at = case when b.reset_at <= now() then excluded.reset_at else b.reset_at end
           where b.reset_at <= now() or $4::boolean or b.spent + excluded.spent <= $5
           returning b.spent, b.reset_at)
         select exists (select 1 from charged) as charged,
                coalesce((select spent from charged), (select spent from gateway_budget where key = $1)) as spent,
                (extract(epoch from coalesce((select reset_at from charged), (select reset_at from gateway_budget where key = $1))) * 1000)::float8 as reset_at,
                (extract(epoch from now()) * 1000)::float8 as now,
                (select n::text from gateway_generation where id = 1) as generation`,
        values: [key, points, this.windowMs, force, this.perWindow],
      });
      this.database.recovered();
      const row = rows[0]!;
      this.database.observe(row.generation);
      this.sweepSometimes();
      return { ok: row.charged, ...this.state(row) };
    } catch (error) {
      this.fail(error);
      return this.local.spend(key, points, force);
    }
  }

  async peek(key: string): Promise<BudgetState> {
    if (!this.available) return this.local.peek(key);
    try {
      const { rows } = await this.database.pool.query<Row>(
        `select true as charged, (select spent from gateway_budget where key = $1 and reset_at > now()) as spent,
                (extract(epoch from (select reset_at from gateway_budget where key = $1 and reset_at > now())) * 1000)::float8 as reset_at,
                (extract(epoch from now()) * 1000)::float8 as now, null as generation`,
        [key],
      );
      this.database.recovered();
      return this.state(rows[0]!);
    } catch (error) {
      this.fail(error);
      return this.local.peek(key);
    }
  }

  private state(row: Row): BudgetState {
    if (row.spent === null || row.reset_at === null) return { remaining: this.perWindow, resetAt: row.now + this.windowMs };
    return { remaining: Math.max(0, this.perWindow - row.spent), resetAt: row.reset_at };
  }

  private fail(error: unknown): void {
    this.failedAt = Date.now();
    this.database.failed(error);
  }

  private sweepSometimes(): void {
    const now = Date.now();
    if (now - this.lastSweep < SWEEP_EVERY_MS) return;
    this.lastSweep = now;
    void this.database.pool
      .query(
        `with ended as (delete from gateway_budget where reset_at <= now() returning 1)
         delete from gateway_budget where key in (select key from gateway_budget where reset_at > now() order by reset_at desc offset $1)`,
        [this.maxClients],
      )
      .catch((error: unknown) => this.database.failed(error));
  }
}
