import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';

/** What the gateway knows about one client request; forwarded to the subgraphs as headers. */
export interface GatewayContext {
  requestId: string;
}

export async function createGatewayContext(_req: Request, res: Response): Promise<GatewayContext> {
  const requestId = randomUUID();
  res.setHeader('x-request-id', requestId);
  return { requestId };
}
