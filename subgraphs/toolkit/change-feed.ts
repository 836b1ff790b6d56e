import express from 'express';
import { SUBGRAPH_SERVICES } from '../../shared/services.js';
import { GATEWAY_SECRET_HEADER, gatewaySecret } from '../../shared/auth.js';
import { onChangesCommitted, parsePosition, readFeed, type ChangeEventRow, type FeedFilter, type RecordType } from './change-events.js';
import type { Database } from './database.js';
import { BadUserInputError, ServiceUnavailableError } from '../../shared/errors.js';
import { subgraphUrl } from '../../shared/peers.js';

/**
 * The feed across subgraphs. No SQL crosses databases: each subgraph serves its own part at
 * `POST /internal/changes` (gateway's secret only), and the merging side asks every subgraph over
 * HTTP. A cursor of the merged feed is the position reached in each subgraph's part (`<txid>.<seq>`),
 * so it survives restarts of any service and never depends on clocks.
 *
 * Merge order: the parts are merged by `changedAt` (ties by subgraph name); each part keeps its own
 * order. A part whose newest events are not yet safe to hand out (a transaction still running
 * below them) simply contributes them on a later page: the merged order is then not strictly by
 * time across subgraphs, but no event is ever missed or repeated.
 */

export const RECORD_TYPES: RecordType[] = ['PROJECT', 'KNOWLEDGE_RESOURCE', 'ORGANIZATION'];
/** The subgraph that serves the merged `changes` feed and runs the webhook dispatcher. */
export const CHANGE_HUB = 'organizations';
export const MAX_CHANGES_PAGE = 500;

const nudges: (() => void)[] = [];
/** Called when a subgraph says it committed new events (`POST /internal/changes/poke`). */
export function onFeedNudge(listener: () => void): void {
  nudges.push(listener);
}

export function changeFeedRouter(subgraph: string, database: Database): express.Router {
  const router = express.Router();
  // After each commit with events: wake the hub's dispatcher (it polls as well, so a lost nudge costs only time).
  onChangesCommitted(() => (subgraph === CHANGE_HUB ? nudges.forEach((nudge) => nudge()) : pokeHub(CHANGE_HUB)));
  router.post('/changes', async (req, res, next) => {
    try {
      const { after = '', first = 100, filter = {}, fromEnd = false } = (req.body ?? {}) as { after?: string; first?: number; filter?: FeedFilter; fromEnd?: boolean };
      if (typeof after !== 'string' || (after !== '' && !parsePosition(after))) return void res.status(400).json({ error: 'after is not a position' });
      if (!Number.isInteger(first) || first < 1 || first > MAX_CHANGES_PAGE + 1) return void res.status(400).json({ error: 'first out of range' });
      const events = await readFeed(database.orm.em.fork(), subgraph, after, first, filter, fromEnd === true);
      res.json({ events });
    } catch (error) {
      next(error);
    }
  });
  router.post('/changes/poke', (_req, res) => {
    for (const nudge of nudges) nudge();
    res.status(204).end();
  });
  return router;
}

/** Where a subgraph's internal endpoints are: beside its `/graphql`. */
export function internalUrl(subgraph: string, path: string): string {
  return `${subgraphUrl(subgraph).replace(/\/graphql\/?$/, '')}/internal/${path}`;
}

/** Tells the merging subgraph that new events were committed here (best effort; it also polls). */
export function pokeHub(hub: string): void {
  fetch(internalUrl(hub, 'changes/poke'), { method: 'POST', headers: { [GATEWAY_SECRET_HEADER]: gatewaySecret() }, signal: AbortSignal.timeout(2000) })
    .then((response) => response.body?.cancel())
    .catch(() => undefined);
}

async function readPart(subgraph: string, after: string, first: number, filter: FeedFilter, fromEnd = false): Promise<ChangeEventRow[]> {
  const response = await fetch(internalUrl(subgraph, 'changes'), {
    method: 'POST',
    headers: { 'content-type': 'application/json', [GATEWAY_SECRET_HEADER]: gatewaySecret() },
    body: JSON.stringify({ after, first, filter, fromEnd }),
    signal: AbortSignal.timeout(5000),
  });
  if (!response.ok) throw new Error(`${subgraph} answered ${response.status}`);
  return ((await response.json()) as { events: ChangeEventRow[] }).events;
}

export type FeedCursor = Record<string, string>;

export function encodeCursor(cursor: FeedCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** A cursor of the merged feed; a wrong one is BAD_USER_INPUT naming `field`. */
export function decodeCursor(value: string | null | undefined, field = 'after'): FeedCursor {
  if (value == null || value === '') return {};
  let parsed: unknown;
  try {
    parsed = value.length <= 1024 ? JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) : null;
  } catch {
    parsed = null;
  }
  const names = new Set(SUBGRAPH_SERVICES.map((service) => service.name));
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)
    || !Object.entries(parsed).every(([name, position]) => names.has(name) && typeof position === 'string' && parsePosition(position))) {
    throw new BadUserInputError(`${field} is not a cursor of the change feed`, field);
  }
  return parsed as FeedCursor;
}

export interface MergedPage {
  events: { event: ChangeEventRow; cursor: string }[];
  hasNextPage: boolean;
  /** The cursor after the last event handed out (the input cursor when the page is empty). */
  endCursor: string;
  /** Subgraphs that did not answer (only when `tolerateDown`). */
  unavailable: string[];
}

/**
 * Up to `first` events after `cursor`, merged from every subgraph. A subgraph that does not answer
 * fails the page (SERVICE_UNAVAILABLE) unless `tolerateDown`: then the others' events are handed
 * out and its position stays where it was, so its events come later, none lost.
 */
export async function mergedChanges(cursor: FeedCursor, first: number, filter: FeedFilter, tolerateDown = false): Promise<MergedPage> {
  const subgraphs = SUBGRAPH_SERVICES.map((service) => service.name).sort();
  const unavailable: string[] = [];
  const parts = await Promise.all(subgraphs.map(async (name) => {
    try {
      return await readPart(name, cursor[name] ?? '', first + 1, filter);
    } catch {
      unavailable.push(name);
      return null;
    }
  }));
  if (unavailable.length && !tolerateDown) throw new ServiceUnavailableError(`The change feed of ${unavailable.join(', ')} did not answer; ask again shortly with the same cursor`);

  const heads = parts.map(() => 0);
  const position = { ...cursor };
  const events: MergedPage['events'] = [];
  while (events.length < first) {
    let pick = -1;
    for (let index = 0; index < parts.length; index += 1) {
      const candidate = parts[index]?.[heads[index]];
      if (!candidate) continue;
      const best = pick >= 0 ? parts[pick]![heads[pick]] : undefined;
      if (!best || candidate.changedAt < best.changedAt) pick = index;
    }
    if (pick < 0) break;
    const event = parts[pick]![heads[pick]];
    heads[pick] += 1;
    position[subgraphs[pick]] = event.position;
    events.push({ event, cursor: encodeCursor(position) });
  }
  const hasNextPage = parts.some((part, index) => part != null && part.length > heads[index]);
  return { events, hasNextPage, endCursor: encodeCursor(position), unavailable };
}

/**
 * The newest `last` events, oldest of them first, with cursors of the merged feed: a harvester may
 * start "from now", and the Atom feed shows them. Each subgraph gives its newest `last + 1`; the
 * extra one is the predecessor whose position a cursor needs for a subgraph none of whose events
 * come before that edge.
 */
export async function mergedTail(last: number, filter: FeedFilter): Promise<MergedPage> {
  const subgraphs = SUBGRAPH_SERVICES.map((service) => service.name).sort();
  const unavailable: string[] = [];
  const parts = await Promise.all(subgraphs.map(async (name) => {
    try {
      return await readPart(name, '', last + 1, filter, true);
    } catch {
      unavailable.push(name);
      return [];
    }
  }));
  if (unavailable.length) throw new ServiceUnavailableError(`The change feed of ${unavailable.join(', ')} did not answer; ask again shortly`);
  // Newest first across all parts, then the chosen ones back in merge order (oldest first).
  const heads = parts.map((part) => part.length - 1);
  const chosen: { index: number; event: ChangeEventRow }[] = [];
  while (chosen.length < last) {
    let pick = -1;
    for (let index = 0; index < parts.length; index += 1) {
      const candidate = parts[index][heads[index]];
      if (!candidate) continue;
      const best = pick >= 0 ? parts[pick][heads[pick]] : undefined;
      if (!best || candidate.changedAt > best.changedAt) pick = index;
    }
    if (pick < 0) break;
    chosen.push({ index: pick, event: parts[pick][heads[pick]] });
    heads[pick] -= 1;
  }
  chosen.reverse();
  // Where each part stands before the first chosen event: its newest event not chosen ('' = none).
  const position: FeedCursor = {};
  subgraphs.forEach((name, index) => {
    const before = parts[index][heads[index]];
    if (before) position[name] = before.position;
  });
  const events = chosen.map(({ index, event }) => {
    position[subgraphs[index]] = event.position;
    return { event, cursor: encodeCursor(position) };
  });
  return { events, hasNextPage: false, endCursor: encodeCursor(position), unavailable };
}
