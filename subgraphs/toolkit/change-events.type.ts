import { GraphQLJSON } from 'graphql-scalars';
import { ArgsType, Directive, Field, GraphQLISODateTime, ID, Int, ObjectType, type ClassType } from 'type-graphql';
import type { Partner } from '../../shared/auth.js';
import { maskFields, readHistory, type ChangeEventRow, type RecordType } from './change-events.js';
import type { EntityManager } from './database.js';
import { BadUserInputError } from '../../shared/errors.js';
import { PageInfo } from './connection.js';
import { describeEnum } from './enums.js';

/**
 * The GraphQL side of change events, the same in every subgraph (hence `@shareable`). Each
 * subgraph builds the types with its own `Organization` class: the organizations subgraph's full
 * type, the others' key-only reference, resolved by the gateway.
 */

export enum ChangeRecordType {
  PROJECT = 'PROJECT',
  KNOWLEDGE_RESOURCE = 'KNOWLEDGE_RESOURCE',
  ORGANIZATION = 'ORGANIZATION',
}

export enum ChangeOperation {
  CREATED = 'CREATED',
  UPDATED = 'UPDATED',
  ARCHIVED = 'ARCHIVED',
  DELETED = 'DELETED',
}

describeEnum(ChangeRecordType, 'ChangeRecordType', 'The kind of record a change event is about.', {
  PROJECT: 'A project (projects subgraph).',
  KNOWLEDGE_RESOURCE: 'A knowledge resource (knowledge subgraph).',
  ORGANIZATION: 'An organization (organizations subgraph).',
});
describeEnum(ChangeOperation, 'ChangeOperation', 'What happened to the record.', {
  CREATED: 'The record was created (imports and later seeds too).',
  UPDATED: 'Fields changed, or a participant or contact person was added, changed or removed.',
  ARCHIVED: 'The record was archived; it stays readable by id.',
  DELETED: 'The record was removed.',
});

@Directive('@shareable')
@ObjectType({ description: 'One field of a record that a change set to a new value.' })
export class ChangedField {
  @Field(() => String, {
    description: 'The field, as the record\'s GraphQL type names it (`title`, `contact.email`); child rows as `participants.<organization id>`, `contactPersons.<person id>`.',
  })
  field!: string;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value before the change (null for a new record or a new child row); dates as ISO 8601 strings.' })
  oldValue!: unknown;

  @Field(() => GraphQLJSON, { nullable: true, description: 'The value after the change (null for a removed child row).' })
  newValue!: unknown;

  @Field(() => Boolean, { description: 'True when personal data (a contact person\'s e-mail or phone) was left out because you are not signed in.' })
  masked!: boolean;
}

@ArgsType()
export class HistoryArgs {
  @Field(() => Int, { nullable: true, description: 'Page size, 0 to 100 (default 20).' })
  first?: number;

  @Field(() => String, { nullable: true, description: 'Return the events after (older than) this cursor.' })
  after?: string;
}

export interface ChangeTypes {
  ChangeEvent: ClassType;
  ChangeEventConnection: ClassType;
}

const cache = new Map<ClassType, ChangeTypes>();

/** The change event types of one subgraph, with that subgraph's `Organization` type. */
export function changeEventTypes(organizationType: ClassType): ChangeTypes {
  const known = cache.get(organizationType);
  if (known) return known;

  @Directive('@shareable')
  @ObjectType('ChangeActor', { description: 'Who made a change: the partner organization and the role of its token ("seed" for reference data).' })
  class ChangeActor {
    @Field(() => organizationType, { nullable: true, description: 'The partner organization; null for the reference data (seed).' })
    organization!: { id: string } | null;

    @Field(() => String, { description: 'Role of the partner token: editor or admin; "seed" for reference data.' })
    role!: string;
  }

  @Directive('@shareable')
  @ObjectType('ChangeEvent', { description: 'One change of one record, recorded in the same transaction as the change itself.' })
  class ChangeEvent {
    @Field(() => ID, { description: 'Unique id of the event (also the `webhook-id` of its webhook deliveries).' })
    id!: string;

    @Field(() => ChangeRecordType, { description: 'The kind of record.' })
    recordType!: ChangeRecordType;

    @Field(() => ID, { description: 'Id of the record.' })
    recordId!: string;

    @Field(() => String, { description: 'The record\'s title or name after the change (before it, for a removal).' })
    recordTitle!: string;

    @Field(() => ChangeOperation, { description: 'What happened.' })
    operation!: ChangeOperation;

    @Field(() => Int, { description: 'The record\'s version after the change.' })
    version!: number;

    @Field(() => [ChangedField], { description: 'The fields that changed, with old and new values, by field name.' })
    changedFields!: ChangedField[];

    @Field(() => ChangeActor, { description: 'Who changed the record.' })
    changedBy!: ChangeActor;

    @Field(() => GraphQLISODateTime, { description: 'When the change was written (its transaction\'s end).' })
    changedAt!: Date;

    @Field(() => String, { nullable: true, description: 'Request id of the write (`x-request-id`), for support.' })
    requestId!: string | null;
  }

  @Directive('@shareable')
  @ObjectType('ChangeEventEdge', { description: 'An edge to a change event.' })
  class ChangeEventEdge {
    @Field(() => String, { description: 'Opaque cursor: pass it as `after` to continue after this event.' })
    cursor!: string;

    @Field(() => ChangeEvent, { description: 'The change event.' })
    node!: ChangeEvent;
  }

  @Directive('@shareable')
  @ObjectType('ChangeEventConnection', { description: 'A page of change events.' })
  class ChangeEventConnection {
    @Field(() => [ChangeEventEdge], { description: 'The events of this page, in the order of the list.' })
    edges!: ChangeEventEdge[];

    @Field(() => PageInfo, { description: 'Where this page stands in the whole list.' })
    pageInfo!: PageInfo;

    @Field(() => Int, { nullable: true, description: 'Number of events in the whole list (null for the change feed, which keeps growing).' })
    totalCount!: number | null;
  }

  const types = { ChangeEvent, ChangeEventConnection };
  cache.set(organizationType, types);
  return types;
}

/** Organizations by id as the subgraph's `Organization` type resolves them (stubs in the others). */
export type OrganizationsById = (ids: string[]) => Promise<Map<string, unknown>>;

export const organizationStubs: OrganizationsById = async (ids) => new Map(ids.map((id) => [id, { id }]));

/** Event rows as GraphQL change events, personal data masked unless the partner is signed in. */
export async function toChangeEvents(rows: ChangeEventRow[], partner: Partner | null, organizations: OrganizationsById) {
  const ids = [...new Set(rows.flatMap((row) => (row.actorOrganizationId ? [row.actorOrganizationId] : [])))];
  const byId = await organizations(ids);
  return rows.map((row) => ({
    id: row.id,
    recordType: row.recordType,
    recordId: row.recordId,
    recordTitle: row.recordLabel,
    operation: row.operation,
    version: row.version,
    changedFields: maskFields(row.changedFields, partner != null),
    changedBy: { organization: row.actorOrganizationId ? byId.get(row.actorOrganizationId) ?? { id: row.actorOrganizationId } : null, role: row.actorRole },
    changedAt: new Date(row.changedAt),
    requestId: row.requestId,
  }));
}

const MAX_HISTORY_PAGE = 100;

/** `<Record>.history`: the record's change events, newest first. */
export async function recordHistory(
  em: EntityManager, subgraph: string, recordType: RecordType, recordId: string, args: HistoryArgs, partner: Partner | null, organizations: OrganizationsById,
) {
  const first = args.first ?? 20;
  if (!Number.isInteger(first) || first < 0 || first > MAX_HISTORY_PAGE) throw new BadUserInputError(`first must be between 0 and ${MAX_HISTORY_PAGE}`, 'first');
  let after: string | null = null;
  if (args.after != null) {
    after = Buffer.from(args.after, 'base64url').toString('utf8');
    if (args.after.length > 200 || !/^\d{1,20}\.\d{1,20}$/.test(after)) throw new BadUserInputError('after is not a cursor of this history', 'after');
  }
  const { rows, totalCount } = await readHistory(em, subgraph, recordType, recordId, first, after);
  const page = rows.slice(0, first);
  const nodes = await toChangeEvents(page, partner, organizations);
  const edges = nodes.map((node, index) => ({ cursor: Buffer.from(page[index].position).toString('base64url'), node }));
  return {
    edges,
    pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: after != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
    totalCount,
  };
}
