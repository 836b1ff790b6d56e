import type { ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import type { GatewayContext } from './context.js';
import { LimitError, measureOperation, type RequestLimits } from './limits.js';
import { costExtension, retryAfterSeconds, type Budget, type BudgetState } from './rate-limit.js';

/** graphql-js's message when `parse` stops at `maxTokens` (Apollo's `parseOptions`). */
const TOKEN_LIMIT_MESSAGE = /Document contains more tha[nt] \d+ tokens/;

/** The codes the admission step answers with (README, Reliability): partner apps rely on them. */
export const ADMISSION_CODES = new Set([
  'QUERY_DEPTH_LIMIT', 'ALIAS_LIMIT', 'ROOT_FIELD_LIMIT', 'DIRECTIVE_LIMIT', 'COST_LIMIT', 'TOKEN_LIMIT', 'INTROSPECTION_DISABLED', 'RATE_LIMITED',
]);

/**
 * Budget points of an operation, counted as GitHub counts its GraphQL API: the rows it may ask
 * for divided by 100, at least 1. A document that only reads the schema is answered from memory
 * without any subgraph or SQL work: its rows count a hundredth of that again.
 */
export function pointsOf(cost: number, introspectionOnly: boolean): number {
  return Math.max(1, Math.ceil(cost / (introspectionOnly ? 10_000 : 100)));
}

export interface AdmissionOptions {
  limits: RequestLimits;
  /** Whether anonymous callers may read the schema (`INTROSPECTION`); signed-in partners always may. */
  anonymousIntrospection: boolean;
  /** Cost points per client and minute; null when rate limiting is off. */
  budget: Budget | null;
}

/**
 * The one door every operation passes (DESIGN.md, "Every request enters by one door"): a plugin
 * in Apollo's request pipeline, run on the resolved document whether it came as text, as an
 * automatic persisted query hash, by GET, as a trusted document id or from `/export` and
 * `/profiles` (which run their operations through the same server). It measures the limits and
 * the cost (variables and their defaults included), decides introspection, spends the cost from
 * the client's budget, and tells every response what it cost (`extensions.cost`).
 */
export function admissionPlugin({ limits, anonymousIntrospection, budget }: AdmissionOptions): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let requested = 0;
      let state: BudgetState | null = null;
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (!operation) return; // no such operation: Apollo answers with its own 400
          let measured;
          try {
            measured = measureOperation(schema, document, operation, request.variables ?? {}, limits);
          } catch (error) {
            if (error instanceof LimitError && error.code === 'COST_LIMIT' && error.actual !== undefined) requested = pointsOf(error.actual, false);
            throw error;
          }
          requested = pointsOf(measured.cost, measured.introspection.only);
          if (measured.introspection.reads && !anonymousIntrospection && !contextValue.partner) {
            throw new GraphQLError('Introspection is disabled here; sign in with a partner token to read the schema', {
              extensions: { code: 'INTROSPECTION_DISABLED', http: { status: 400 } },
            });
          }
          const client = contextValue.client;
          if (!budget || !client) return;
          const due = Math.max(0, requested - client.prepaid);
          // Nothing more to pay (most reads cost 1 point, paid at the door): no second trip to a shared budget.
          const spent = due === 0 && client.state ? { ok: true, ...client.state } : await budget.spend(client.key, due, client.kind === 'file');
          state = spent;
          if (!spent.ok) {
            const retryAfter = retryAfterSeconds(spent.resetAt);
            throw new GraphQLError(`Rate limit: this operation costs ${requested} points and ${spent.remaining} of ${budget.perWindow} are left this minute`, {
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds: retryAfter, http: { status: 429 } },
            });
          }
          client.spent += due;
          client.prepaid = 0;
          client.state = spent;
        },
        async willSendResponse({ response, contextValue }) {
          if (response.body.kind !== 'single') return;
          const result = response.body.singleResult;
          for (const error of result.errors ?? []) {
            if (error.extensions?.code === 'GRAPHQL_PARSE_FAILED' && TOKEN_LIMIT_MESSAGE.test(error.message)) {
              Object.assign(error.extensions, { code: 'TOKEN_LIMIT', limit: limits.maxTokens });
              Object.assign(error, { message: `The document has more than ${limits.maxTokens} tokens` });
            }
          }
          const client = contextValue.client;
          // Refused before it was measured (syntax, validation, limits): the point paid at the door.
          if (budget && client && !state) state = client.state ?? (await budget.peek(client.key));
          if (state && response.http.status === 429) response.http.headers.set('retry-after', String(retryAfterSeconds(state.resetAt)));
          result.extensions = { ...result.extensions, cost: costExtension(requested, state) };
        },
      };
    },
  };
}
