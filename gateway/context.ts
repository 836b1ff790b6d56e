import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { subgraphUrl } from '../shared/peers.js';
import { createPartnerResolver, type Partner } from './auth.js';
import type { ClientHandle } from './rate-limit.js';

/** What the gateway knows about one client request; forwarded to the subgraphs as headers. */
export interface GatewayContext {
  requestId: string;
  /** The signed-in partner; null for anonymous callers. */
  partner: Partner | null;
  /** Fires when the client goes away before its answer is sent: its subgraph reads are aborted. */
  signal?: AbortSignal;
  /** Who pays for the request (`rate-limit.ts`); absent for operations run outside an HTTP request. */
  client?: ClientHandle;
}

const resolvers = new Map<string, ReturnType<typeof createPartnerResolver>>();

/** `subgraphUrls`: where this gateway reaches each subgraph (the organizations one resolves partners). */
export async function createGatewayContext(req: Request, res: Response, subgraphUrls?: ReadonlyMap<string, string>): Promise<GatewayContext> {
  const requestId = randomUUID();
  res.setHeader('x-request-id', requestId);
  const organizationsUrl = subgraphUrls?.get('organizations') ?? subgraphUrl('organizations');
  let partnerOf = resolvers.get(organizationsUrl);
  if (!partnerOf) resolvers.set(organizationsUrl, (partnerOf = createPartnerResolver(organizationsUrl)));
  const gone = new AbortController();
  res.once('close', () => {
    if (!res.writableFinished) gone.abort(new Error('The client closed the connection'));
  });
  return { requestId, partner: await partnerOf(req), signal: gone.signal, client: res.locals.client as ClientHandle | undefined };
}
