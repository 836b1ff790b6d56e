import { ChangeSetType, type EventSubscriber, type FlushEventArgs } from '@mikro-orm/core';
import type { EntityManager } from '@mikro-orm/postgresql';
import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { Partner } from '../../shared/auth.js';

/**
 * Change events: a transactional outbox in each subgraph's own database.
 *
 * Every write that runs through `writeTransaction` (mutations, imports) or a later seed records one
 * row per changed record in `change_event`, inside the same transaction: the write and its event
 * commit together or not at all. A record's history, the harvestable `changes` feed, the Atom feed
 * and webhook deliveries all read these rows, so they never disagree.
 *
 * Capture needs no code in the mutations: a MikroORM flush subscriber notes which tracked
 * entities a transaction created, changed or removed, `lockRecord` snapshots a record before it is
 * changed, and just before the commit the old and new values are compared field by field. Child
 * rows (a project's participants, an organization's contact persons) are changes of their parent
 * record: a removed participant is a `participants.<organization id>` field whose new value is null.
 *
 * Order: each row carries the id of its transaction (`txid`, xid8) and a sequence number. The feed
 * hands out rows in (txid, seq) order and only rows whose transaction is older than the oldest one
 * still running (`txid < pg_snapshot_xmin(pg_current_snapshot())`): every transaction below that
 * horizon has ended, so no row can appear later in front of a cursor. Rows of transactions that
 * commit out of the order of their sequence numbers are therefore neither skipped nor repeated.
 */

export type RecordType = 'PROJECT' | 'KNOWLEDGE_RESOURCE' | 'ORGANIZATION';
export type ChangeOperation = 'CREATED' | 'UPDATED' | 'ARCHIVED' | 'DELETED';

/** What a filter of the feed can select on; computed when the event is written. */
export interface EventScope {
  organizationIds: string[];
  ags: string[];
  topicKeys: string[];
}

/** A record type whose changes are recorded (Project, KnowledgeResource, Organization). */
export interface TrackedRecord<T extends { id: string; version: number }> {
  entity: abstract new (...args: never[]) => T;
  recordType: RecordType;
  /** The fields a change event compares, as JSON values (dates as ISO strings). */
  fields(record: T): Record<string, unknown>;
  /** Fields whose values only signed-in partners may read (masked for others). */
  personal?: string[];
  /** The record's title or name when the event is written (feeds show it). */
  label(record: T): string;
  /** Organizations, areas and topics of the records, for the feed's filters (one call per transaction). */
  scopes(em: EntityManager, records: T[]): Promise<Map<string, EventScope>>;
}

/** A child row recorded as fields of its parent record (`<prefix>.<key>`). */
export interface TrackedChild<C, P extends { id: string; version: number }> {
  entity: abstract new (...args: never[]) => C;
  parent(child: C): P;
  prefix: string;
  key(child: C): string;
  fields(child: C): Record<string, unknown>;
  /** Keys inside the child's value that are personal (e.g. email, phone of a contact person). */
  personal?: string[];
}

const records = new Map<Function, TrackedRecord<any>>();
const children = new Map<Function, TrackedChild<any, any>>();

export function trackRecord<T extends { id: string; version: number }>(tracked: TrackedRecord<T>): void {
  records.set(tracked.entity, tracked);
}

export function trackChild<C, P extends { id: string; version: number }>(tracked: TrackedChild<C, P>): void {
  children.set(tracked.entity, tracked);
}

function trackedRecordOf(entity: object): TrackedRecord<any> | undefined {
  return records.get(entity.constructor);
}

/** Who writes: the partner of the request, or the seed. */
export interface ChangeAuthor {
  organizationId: string | null;
  organizationSlug: string;
  role: string;
  requestId: string | null;
}

export function authorOf(partner: Partner, requestId: string | null): ChangeAuthor {
  return { organizationId: partner.organizationId, organizationSlug: partner.organizationSlug, role: partner.role, requestId };
}

export const SEED_AUTHOR: ChangeAuthor = { organizationId: null, organizationSlug: 'seed', role: 'seed', requestId: null };

// Who writes through a request's EntityManager: set when the request context is built.
const authors = new WeakMap<object, ChangeAuthor>();

export function setChangeAuthor(em: EntityManager, author: ChangeAuthor): void {
  authors.set(em, author);
}

interface Touched {
  entity: object;
  created: boolean;
  removed: boolean;
}

/** What one write transaction changed, collected until just before its commit. */
class ChangeScope {
  readonly before = new Map<object, Record<string, unknown>>();
  readonly touched = new Map<object, Touched>();
  constructor(readonly author: ChangeAuthor) {}

  snapshot(entity: object): void {
    if (this.before.has(entity)) return;
    const record = trackedRecordOf(entity);
    const child = children.get(entity.constructor);
    const fields = record?.fields(entity) ?? child?.fields(entity);
    if (fields) this.before.set(entity, fields);
  }

  touch(entity: object, type: ChangeSetType): void {
    if (!records.has(entity.constructor) && !children.has(entity.constructor)) return;
    const entry = this.touched.get(entity) ?? { entity, created: false, removed: false };
    if (type === ChangeSetType.CREATE) entry.created = true;
    if (type === ChangeSetType.DELETE || type === ChangeSetType.DELETE_EARLY) entry.removed = true;
    this.touched.set(entity, entry);
  }
}

const scopes = new AsyncLocalStorage<ChangeScope>();

/** Snapshots a record (or child) that is about to change; `lockRecord` calls it. */
export function snapshotBeforeChange(entity: object): void {
  scopes.getStore()?.snapshot(entity);
}

/** Notes every tracked entity a flush writes, for the current write transaction (if any). */
export class ChangeCapture implements EventSubscriber {
  async onFlush(args: FlushEventArgs): Promise<void> {
    const scope = scopes.getStore();
    if (!scope) return;
    for (const changeSet of args.uow.getChangeSets()) scope.touch(changeSet.entity, changeSet.type);
  }
}

type Work<T> = (em: EntityManager) => Promise<T>;

/** Hooks run after a write transaction with change events committed (the webhook dispatcher's nudge). */
const afterCommit: (() => void)[] = [];
export function onChangesCommitted(listener: () => void): void {
  afterCommit.push(listener);
}

/**
 * Runs `em.transactional(work)` recording change events: the work, a flush, then the events, all
 * in the one transaction. `author` defaults to the partner of the request `em` belongs to.
 */
export async function transactionalWithChanges<T>(em: EntityManager, work: Work<T>, author?: ChangeAuthor): Promise<T> {
  const scope = new ChangeScope(author ?? authors.get(em) ?? SEED_AUTHOR);
  let written = 0;
  const result = await scopes.run(scope, () =>
    em.transactional(async (tx) => {
      const value = await work(tx);
      await tx.flush();
      written = await writeEvents(tx, scope);
      return value;
    }),
  );
  if (written > 0) for (const listener of afterCommit) listener();
  return result;
}

interface PendingEvent {
  record: { id: string; version: number };
  tracked: TrackedRecord<any>;
  operation: ChangeOperation;
  fields: ChangedFieldRow[];
}

export interface ChangedFieldRow {
  field: string;
  oldValue: unknown;
  newValue: unknown;
  /** Personal data (or holds some): masked for callers who may not read it. */
  personal?: boolean;
  /** For child values: keys inside the value that are personal. */
  personalKeys?: string[];
}

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

async function writeEvents(em: EntityManager, scope: ChangeScope): Promise<number> {
  const pending = new Map<object, PendingEvent>();
  const eventOf = (record: { id: string; version: number }, tracked: TrackedRecord<any>) => {
    let event = pending.get(record);
    if (!event) {
      event = { record, tracked, operation: 'UPDATED', fields: [] };
      pending.set(record, event);
    }
    return event;
  };

  for (const { entity, created, removed } of scope.touched.values()) {
    const record = trackedRecordOf(entity);
    if (record) {
      const event = eventOf(entity as { id: string; version: number }, record);
      const after = removed ? {} : record.fields(entity);
      const before = created ? {} : scope.before.get(entity) ?? {};
      if (created) event.operation = 'CREATED';
      else if (removed) event.operation = 'DELETED';
      else if (!before.archivedAt && after.archivedAt) event.operation = 'ARCHIVED';
      for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
        if (created && (after[field] == null || (Array.isArray(after[field]) && (after[field] as unknown[]).length === 0))) continue;
        if (!same(before[field], after[field])) {
          event.fields.push({ field, oldValue: before[field] ?? null, newValue: after[field] ?? null, ...(record.personal?.includes(field) ? { personal: true } : {}) });
        }
      }
      continue;
    }
    const child = children.get(entity.constructor)!;
    const parent = child.parent(entity);
    const parentTracked = trackedRecordOf(parent);
    if (!parentTracked) continue;
    const before = created ? null : scope.before.get(entity) ?? null;
    const after = removed ? null : child.fields(entity);
    if (created && removed) continue;
    if (same(before, after)) continue;
    const event = eventOf(parent, parentTracked);
    event.fields.push({ field: `${child.prefix}.${child.key(entity)}`, oldValue: before, newValue: after, ...(child.personal?.length ? { personalKeys: child.personal } : {}) });
  }

  const events = [...pending.values()].filter((event) => event.fields.length > 0);
  if (events.length === 0) return 0;

  // Child-only changes may name a parent that this transaction did not load in full.
  for (const event of events) {
    const record = event.record as { id: string; version?: number };
    if (record.version == null) await em.refresh(record as never);
  }

  const byType = new Map<TrackedRecord<any>, PendingEvent[]>();
  for (const event of events) byType.set(event.tracked, [...(byType.get(event.tracked) ?? []), event]);
  const rows: unknown[][] = [];
  for (const [tracked, group] of byType) {
    const scopesById = await tracked.scopes(em, group.filter((event) => event.operation !== 'DELETED').map((event) => event.record));
    for (const event of group) {
      event.fields.sort((a, b) => a.field.localeCompare(b.field));
      const found = scopesById.get(event.record.id) ?? { organizationIds: [], ags: [], topicKeys: [] };
      rows.push([
        randomUUID(), tracked.recordType, event.record.id, tracked.label(event.record), event.operation, event.record.version, JSON.stringify(event.fields),
        scope.author.organizationId, scope.author.organizationSlug, scope.author.role, scope.author.requestId,
        JSON.stringify(found.organizationIds), JSON.stringify(found.ags), JSON.stringify(found.topicKeys),
      ]);
    }
  }
  // One statement for all events of the transaction; seq and txid come from the database.
  const values = rows.map(() => `(${CASTS.map((cast) => (cast === 'array' ? TEXT_ARRAY : `?${cast}`)).join(', ')})`).join(', ');
  await em.execute(
    `insert into change_event (id, record_type, record_id, record_label, operation, version, changed_fields, actor_organization_id, actor_organization_slug, actor_role, request_id, organization_ids, ags, topic_keys) values ${values}`,
    rows.flat(),
  );
  return rows.length;
}

// Lists travel as JSON text: the driver's formatting of arrays is not what a text[] needs.
const TEXT_ARRAY = `array(select jsonb_array_elements_text(?::jsonb))`;
const CASTS = ['::uuid', '', '::uuid', '', '', '', '::jsonb', '::uuid', '', '', '', 'array', 'array', 'array'];

export const CHANGE_EVENT_TABLES = ['change_event', 'change_feed_state'];

/** The table every subgraph's migration creates (same shape everywhere). */
export const CHANGE_EVENT_TABLE_SQL = [
  `create table "change_event" (
    "seq" bigserial not null,
    "txid" xid8 not null default pg_current_xact_id(),
    "id" uuid not null,
    "record_type" varchar(40) not null,
    "record_id" uuid not null,
    "record_label" text not null,
    "operation" varchar(20) not null,
    "version" integer not null,
    "changed_fields" jsonb not null,
    "actor_organization_id" uuid null,
    "actor_organization_slug" varchar(120) not null,
    "actor_role" varchar(20) not null,
    "request_id" varchar(100) null,
    "organization_ids" text[] not null default '{}',
    "ags" text[] not null default '{}',
    "topic_keys" text[] not null default '{}',
    "changed_at" timestamptz not null default clock_timestamp(),
    constraint "change_event_pkey" primary key ("seq"),
    constraint "change_event_id_unique" unique ("id")
  );`,
  `create index "change_event_feed_index" on "change_event" ("txid", "seq");`,
  `create index "change_event_record_index" on "change_event" ("record_type", "record_id", "txid" desc, "seq" desc);`,
  `create index "change_event_organization_ids_index" on "change_event" using gin ("organization_ids");`,
  `create table "change_feed_state" ("key" varchar(40) not null primary key, "value" text not null);`,
];

/** A stored change event as the feed and the history read it. */
export interface ChangeEventRow {
  id: string;
  /** Position in this subgraph's feed: `<txid>.<seq>`. */
  position: string;
  subgraph: string;
  recordType: RecordType;
  recordId: string;
  recordLabel: string;
  operation: ChangeOperation;
  version: number;
  changedFields: ChangedFieldRow[];
  actorOrganizationId: string | null;
  actorOrganizationSlug: string;
  actorRole: string;
  requestId: string | null;
  organizationIds: string[];
  ags: string[];
  topicKeys: string[];
  changedAt: string;
}

// Positions leave as text (xid8 and bigint exceed JS numbers); orders name the table's columns, not these.
const COLUMNS = `id, txid::text as position_txid, seq::text as position_seq, record_type, record_id, record_label, operation, version, changed_fields, actor_organization_id,
  actor_organization_slug, actor_role, request_id, organization_ids, ags, topic_keys, changed_at`;

function toRow(subgraph: string, row: Record<string, any>): ChangeEventRow {
  return {
    id: row.id,
    position: `${row.position_txid}.${row.position_seq}`,
    subgraph,
    recordType: row.record_type,
    recordId: row.record_id,
    recordLabel: row.record_label,
    operation: row.operation,
    version: row.version,
    changedFields: row.changed_fields,
    actorOrganizationId: row.actor_organization_id,
    actorOrganizationSlug: row.actor_organization_slug,
    actorRole: row.actor_role,
    requestId: row.request_id,
    organizationIds: row.organization_ids,
    ags: row.ags,
    topicKeys: row.topic_keys,
    changedAt: new Date(row.changed_at).toISOString(),
  };
}

const POSITION = /^(\d{1,20})\.(\d{1,20})$/;

export function parsePosition(position: string): [string, string] | null {
  const match = POSITION.exec(position);
  return match ? [match[1], match[2]] : null;
}

export interface FeedFilter {
  types?: RecordType[] | null;
  organizationId?: string | null;
  ags?: string | null;
  topicKeys?: string[] | null;
}

/**
 * One page of this subgraph's feed after `position` ('' = from the start): only events whose
 * transaction is below the current snapshot's xmin, so later commits never land behind it.
 */
export async function readFeed(em: EntityManager, subgraph: string, position: string, first: number, filter: FeedFilter = {}, fromEnd = false): Promise<ChangeEventRow[]> {
  const where: string[] = [`txid < pg_snapshot_xmin(pg_current_snapshot())`];
  const params: unknown[] = [];
  const after = position ? parsePosition(position) : null;
  if (after) {
    where.push(`(txid, seq) > (?::xid8, ?::bigint)`);
    params.push(after[0], after[1]);
  }
  if (filter.types?.length) {
    where.push(`record_type = any(${TEXT_ARRAY})`);
    params.push(JSON.stringify(filter.types));
  }
  if (filter.organizationId) {
    where.push(`organization_ids @> array[?::text]`);
    params.push(filter.organizationId);
  }
  if (filter.ags) {
    where.push(`ags @> array[?::text]`);
    params.push(filter.ags);
  }
  if (filter.topicKeys?.length) {
    where.push(`topic_keys && ${TEXT_ARRAY}`);
    params.push(JSON.stringify(filter.topicKeys));
  }
  params.push(first);
  // From the end: the newest `first` events (still only those below the horizon), returned oldest first.
  const order = fromEnd ? 'txid desc, seq desc' : 'txid, seq';
  const rows = await em.execute(`select ${COLUMNS} from change_event where ${where.join(' and ')} order by ${order} limit ?`, params);
  if (fromEnd) rows.reverse();
  return rows.map((row: Record<string, any>) => toRow(subgraph, row));
}

/** A record's events, newest first, after `position` (a cursor of this list) when given; plus the total. */
export async function readHistory(em: EntityManager, subgraph: string, recordType: RecordType, recordId: string, first: number, position: string | null) {
  const after = position ? parsePosition(position) : null;
  const params: unknown[] = [recordType, recordId];
  let where = `record_type = ? and record_id = ?::uuid`;
  if (after) {
    where += ` and (txid, seq) < (?::xid8, ?::bigint)`;
    params.push(after[0], after[1]);
  }
  const [rows, [{ count }]] = await Promise.all([
    em.execute(`select ${COLUMNS} from change_event where ${where} order by txid desc, seq desc limit ?`, [...params, first + 1]),
    em.execute(`select count(*)::int as count from change_event where record_type = ? and record_id = ?::uuid`, [recordType, recordId]),
  ]);
  return { rows: rows.map((row: Record<string, any>) => toRow(subgraph, row)), totalCount: count as number };
}

/**
 * Seeds after the first record events; the first fills an empty database with reference data and
 * records none. A marker row in `change_feed_state` tells them apart.
 */
export async function markSeeded(em: EntityManager): Promise<boolean> {
  const inserted = await em.execute(`insert into change_feed_state (key, value) values ('seeded', now()::text) on conflict (key) do nothing returning key`);
  return inserted.length > 0;
}

/** Masks personal values for callers who may not read them (anonymous callers). */
export function maskFields(fields: ChangedFieldRow[], mayReadPersonal: boolean): (ChangedFieldRow & { masked: boolean })[] {
  return fields.map((field) => {
    if (mayReadPersonal) return { ...field, masked: false };
    if (field.personal) return { field: field.field, oldValue: null, newValue: null, masked: true };
    if (field.personalKeys?.length) {
      const mask = (value: unknown) => {
        if (!value || typeof value !== 'object') return value;
        const copy = { ...(value as Record<string, unknown>) };
        for (const key of field.personalKeys!) if (copy[key] != null) copy[key] = null;
        return copy;
      };
      const masked = field.personalKeys.some((key) => (field.oldValue as any)?.[key] != null || (field.newValue as any)?.[key] != null);
      return { field: field.field, oldValue: mask(field.oldValue), newValue: mask(field.newValue), masked };
    }
    return { ...field, masked: false };
  });
}

/** Dates as the feed shows them. */
export const isoOrNull = (value: Date | string | null | undefined) => (value == null ? null : value instanceof Date ? value.toISOString() : value);
