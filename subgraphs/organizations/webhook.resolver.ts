import { randomUUID } from 'node:crypto';
import {
  Arg, Args, ArgsType, Ctx, Field, FieldResolver, GraphQLISODateTime, ID, InputType, Int, Mutation, ObjectType, Query, Resolver, Root,
} from 'type-graphql';
import { isRegionalAdmin, requireWriter, type Partner } from '../../shared/auth.js';
import { ChangeRecordType } from '../toolkit/change-events.type.js';
import { PageInfo } from '../toolkit/connection.js';
import type { RequestContext } from '../toolkit/context.js';
import { BadUserInputError, ForbiddenError, NotFoundError, UnauthenticatedError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { optionalText } from '../toolkit/validation.js';
import { currentDispatcher, type SubscriptionRow } from '../toolkit/webhook-dispatcher.js';
import { newWebhookSecret } from '../toolkit/webhook-signing.js';
import { checkWebhookUrl } from '../toolkit/webhook-url.js';
import { ChangeFilter, checkChangeFilter } from './organization.changes.js';
import type { OrganizationLoaders } from './organization.loader.js';
import { Organization } from './organization.type.js';
import { describeEnum } from '../toolkit/enums.js';

/**
 * Webhook subscriptions of partner apps (editors and admins): register a URL and a filter, get the
 * signing secret once, watch the deliveries, pause, resume, delete. Deliveries: webhook-dispatcher.ts.
 */

type Context = RequestContext<OrganizationLoaders>;

export enum WebhookSubscriptionStatus {
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  FAILING = 'FAILING',
}

export enum WebhookDeliveryStatus {
  PENDING = 'PENDING',
  DELIVERED = 'DELIVERED',
  FAILED = 'FAILED',
}

describeEnum(WebhookSubscriptionStatus, 'WebhookSubscriptionStatus', 'Whether a subscription\'s deliveries go out.', {
  ACTIVE: 'Deliveries go out.',
  PAUSED: 'Events are kept and sent after `resumeWebhookSubscription`.',
  FAILING: 'A delivery failed for 24 hours; see `failureReason`, then resume.',
});
describeEnum(WebhookDeliveryStatus, 'WebhookDeliveryStatus', 'Where a delivery stands.', {
  PENDING: 'Waiting, or being retried.',
  DELIVERED: 'The receiver answered with a 2xx status.',
  FAILED: 'Given up after 24 hours of failed attempts.',
});

const MAX_SUBSCRIPTIONS = 20;

@ObjectType({ description: 'Which change events a subscription receives.' })
export class WebhookFilter {
  @Field(() => [ChangeRecordType], { nullable: true, description: 'Only these kinds of records.' })
  types?: ChangeRecordType[] | null;

  @Field(() => ID, { nullable: true, description: 'Only records of this organization.' })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only records in this area (AGS).' })
  ags?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only records with one of these topics.' })
  topicKeys?: string[] | null;
}

@ObjectType({ description: 'A partner app\'s subscription to change events, delivered to its URL and signed (Standard Webhooks).' })
export class WebhookSubscription {
  @Field(() => ID, { description: 'Stable id.' })
  id!: string;

  @Field(() => String, { description: 'Where deliveries are POSTed.' })
  url!: string;

  @Field(() => String, { nullable: true, description: 'What the subscription is for.' })
  description!: string | null;

  @Field(() => WebhookFilter, { description: 'Which events it receives.' })
  filter!: WebhookFilter;

  @Field(() => WebhookSubscriptionStatus, { description: 'Whether deliveries go out.' })
  status!: WebhookSubscriptionStatus;

  @Field(() => String, { nullable: true, description: 'Why the subscription is FAILING.' })
  failureReason!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'Since when it is FAILING.' })
  failingSince!: Date | null;

  @Field(() => Organization, { description: 'The partner organization that owns it.' })
  organization!: unknown;

  @Field(() => String, { description: 'Who created it (partner slug).' })
  createdBy!: string;

  @Field(() => GraphQLISODateTime, { description: 'When it was created; it receives the events from then on.' })
  createdAt!: Date;
}

@ObjectType({ description: 'One attempt to deliver an event.' })
export class WebhookDeliveryAttempt {
  @Field(() => GraphQLISODateTime, { description: 'When it was sent.' })
  attemptedAt!: Date;

  @Field(() => Int, { nullable: true, description: 'HTTP status code of the answer; null when there was none (refused, timeout).' })
  statusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'What went wrong (e.g. `HTTP 503`, `ECONNREFUSED`, `redirect 302 not followed`).' })
  error!: string | null;

  @Field(() => Int, { description: 'How long the attempt took, in milliseconds.' })
  durationMs!: number;
}

@ObjectType({ description: 'The delivery of one change event to one subscription, with its attempts.' })
export class WebhookDelivery {
  @Field(() => ID, { description: 'Id of the delivery.' })
  id!: string;

  @Field(() => ID, { description: 'The change event (`webhook-id` of every attempt).' })
  eventId!: string;

  @Field(() => String, { description: 'The event type, e.g. `project.updated`.' })
  eventType!: string;

  @Field(() => ID, { description: 'The record the event is about.' })
  recordId!: string;

  @Field(() => WebhookDeliveryStatus, { description: 'Where the delivery stands.' })
  status!: WebhookDeliveryStatus;

  @Field(() => Int, { description: 'Attempts so far.' })
  attemptCount!: number;

  @Field(() => Int, { nullable: true, description: 'Status code of the last attempt.' })
  lastStatusCode!: number | null;

  @Field(() => String, { nullable: true, description: 'Error of the last attempt.' })
  lastError!: string | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the next attempt is due (PENDING only).' })
  nextAttemptAt!: Date | null;

  @Field(() => GraphQLISODateTime, { nullable: true, description: 'When the receiver accepted it.' })
  deliveredAt!: Date | null;

  @Field(() => GraphQLISODateTime, { description: 'When the event was committed.' })
  committedAt!: Date;

  @Field(() => [WebhookDeliveryAttempt], { description: 'Every attempt, oldest first, with status codes.' })
  attempts!: WebhookDeliveryAttempt[];
}

@ObjectType({ description: 'An edge to a webhook delivery.' })
class WebhookDeliveryEdge {
  @Field(() => String, { description: 'Opaque cursor.' })
  cursor!: string;

  @Field(() => WebhookDelivery, { description: 'The delivery.' })
  node!: WebhookDelivery;
}

@ObjectType({ description: 'A page of webhook deliveries, newest first.' })
export class WebhookDeliveryConnection {
  @Field(() => [WebhookDeliveryEdge], { description: 'The deliveries of this page.' })
  edges!: WebhookDeliveryEdge[];

  @Field(() => PageInfo, { description: 'Where this page stands.' })
  pageInfo!: PageInfo;

  @Field(() => Int, { description: 'Deliveries of the subscription in all.' })
  totalCount!: number;
}

@InputType({ description: 'A new webhook subscription.' })
export class CreateWebhookSubscriptionInput {
  @Field(() => String, { description: 'Where to POST deliveries: an https (or http) URL on a public address.' })
  url!: string;

  @Field(() => ChangeFilter, { nullable: true, description: 'Which events; default: all.' })
  filter?: ChangeFilter | null;

  @Field(() => String, { nullable: true, description: 'What it is for (at most 500 characters).' })
  description?: string | null;
}

@InputType({ description: 'Names a webhook subscription.' })
export class WebhookSubscriptionIdInput {
  @Field(() => ID, { description: 'Id of the subscription.' })
  id!: string;
}

@ObjectType({ description: 'The new subscription and its signing secret.' })
export class CreateWebhookSubscriptionPayload {
  @Field(() => WebhookSubscription, { description: 'The subscription.' })
  webhookSubscription!: WebhookSubscription;

  @Field(() => String, { description: 'The signing secret (`whsec_…`): shown only now; verify every delivery\'s `webhook-signature` with it.' })
  secret!: string;
}

@ObjectType({ description: 'A subscription after a change.' })
export class WebhookSubscriptionPayload {
  @Field(() => WebhookSubscription, { description: 'The subscription.' })
  webhookSubscription!: WebhookSubscription;
}

@ObjectType({ description: 'What `deleteWebhookSubscription` removed.' })
export class DeleteWebhookSubscriptionPayload {
  @Field(() => ID, { description: 'Id of the removed subscription (its deliveries are gone with it).' })
  deletedWebhookSubscriptionId!: string;
}

@ArgsType()
class WebhookDeliveriesArgs {
  @Field(() => ID, { description: 'The subscription.' })
  subscriptionId!: string;

  @Field(() => Int, { nullable: true, description: 'Page size, 1 to 100 (default 20).' })
  first?: number | null;

  @Field(() => String, { nullable: true, description: 'Continue after this cursor.' })
  after?: string | null;
}

function webhookManager(partner: Partner | null): Partner {
  if (!partner) throw new UnauthenticatedError('Sign in with a partner token (role editor or admin) to manage webhooks');
  return requireWriter(partner);
}

function toSubscription(row: SubscriptionRow): WebhookSubscription {
  return {
    id: row.id,
    url: row.url,
    description: row.description,
    filter: row.filter as WebhookFilter,
    status: row.status as WebhookSubscriptionStatus,
    failureReason: row.failure_reason,
    failingSince: row.failing_since ? new Date(row.failing_since) : null,
    organization: { id: row.organization_id },
    createdBy: row.created_by,
    createdAt: new Date(row.created_at),
  };
}

/** The subscription, if the partner may manage it (its organization's partners; the regional admin any); else NOT_FOUND / FORBIDDEN. */
async function ownSubscription(context: Context, id: string, field = 'input.id'): Promise<SubscriptionRow> {
  const partner = webhookManager(context.partner);
  if (!isUuid(id)) throw new BadUserInputError(`${field} must be a subscription id`, field);
  const [row] = await context.em.execute<SubscriptionRow[]>(`select * from webhooks.webhook_subscription where id = ?`, [id]);
  if (!row) throw new NotFoundError(`There is no webhook subscription with id ${id}`);
  if (row.organization_id !== partner.organizationId && !isRegionalAdmin(partner)) throw new ForbiddenError(`This webhook subscription belongs to ${row.organization_slug}`);
  return row;
}

async function setStatus(context: Context, id: string, from: WebhookSubscriptionStatus[], to: WebhookSubscriptionStatus): Promise<SubscriptionRow> {
  await ownSubscription(context, id);
  const [row] = await context.em.execute<SubscriptionRow[]>(
    `update webhooks.webhook_subscription set status = ?, failure_reason = case when ? = 'ACTIVE' then null else failure_reason end,
       failing_since = case when ? = 'ACTIVE' then null else failing_since end, updated_at = clock_timestamp()
     where id = ? and status = any(array(select jsonb_array_elements_text(?::jsonb))) returning *`,
    [to, to, to, id, JSON.stringify([...from, to])],
  );
  if (!row) throw new BadUserInputError(`The subscription cannot change from its current status to ${to}`, 'input.id');
  return row;
}

@Resolver(() => WebhookSubscription)
export class WebhookResolver {
  @Query(() => [WebhookSubscription], { description: 'Your organization\'s webhook subscriptions (editors and admins), newest first.' })
  async webhookSubscriptions(@Ctx() context: Context): Promise<WebhookSubscription[]> {
    const partner = webhookManager(context.partner);
    const rows = await context.em.execute<SubscriptionRow[]>(`select * from webhooks.webhook_subscription where organization_id = ? order by created_at desc, id`, [partner.organizationId]);
    return rows.map(toSubscription);
  }

  @Query(() => WebhookDeliveryConnection, { description: 'Deliveries of one of your subscriptions, newest first, each with its attempts and their status codes.' })
  async webhookDeliveries(@Args(() => WebhookDeliveriesArgs) args: WebhookDeliveriesArgs, @Ctx() context: Context): Promise<WebhookDeliveryConnection> {
    await ownSubscription(context, args.subscriptionId, 'subscriptionId');
    const first = args.first ?? 20;
    if (!Number.isInteger(first) || first < 1 || first > 100) throw new BadUserInputError('first must be between 1 and 100', 'first');
    let before: string | null = null;
    if (args.after != null) {
      before = Buffer.from(args.after, 'base64url').toString('utf8');
      if (!/^\d{1,19}$/.test(before)) throw new BadUserInputError('after is not a cursor of this list', 'after');
    }
    const [rows, [{ count }]] = await Promise.all([
      context.em.execute(
        `select d.*, coalesce((select json_agg(json_build_object('attemptedAt', a.attempted_at, 'statusCode', a.status_code, 'error', a.error, 'durationMs', a.duration_ms) order by a.id)
           from webhooks.webhook_attempt a where a.delivery_id = d.id), '[]') as attempt_list
         from webhooks.webhook_delivery d where d.subscription_id = ? ${before ? 'and d.id < ?' : ''} order by d.id desc limit ?`,
        [args.subscriptionId, ...(before ? [before] : []), first + 1],
      ),
      context.em.execute(`select count(*)::int as count from webhooks.webhook_delivery where subscription_id = ?`, [args.subscriptionId]),
    ]);
    const page = rows.slice(0, first);
    const edges = page.map((row: any) => ({
      cursor: Buffer.from(String(row.id)).toString('base64url'),
      node: {
        id: String(row.id),
        eventId: row.event_id,
        eventType: row.event_type,
        recordId: row.record_id,
        status: row.status,
        attemptCount: row.attempts,
        lastStatusCode: row.last_status_code,
        lastError: row.last_error,
        nextAttemptAt: row.status === 'PENDING' ? new Date(row.next_attempt_at) : null,
        deliveredAt: row.delivered_at ? new Date(row.delivered_at) : null,
        committedAt: new Date(row.committed_at),
        attempts: row.attempt_list.map((attempt: any) => ({ ...attempt, attemptedAt: new Date(attempt.attemptedAt) })),
      },
    }));
    return {
      edges,
      pageInfo: { hasNextPage: rows.length > first, hasPreviousPage: before != null, startCursor: edges[0]?.cursor ?? null, endCursor: edges.at(-1)?.cursor ?? null },
      totalCount: count,
    };
  }

  @Mutation(() => CreateWebhookSubscriptionPayload, {
    description: 'Registers a URL to receive change events (editors and admins); returns the signing secret once. Deliveries follow Standard Webhooks, at least once, in order per record.',
  })
  async createWebhookSubscription(@Arg('input', () => CreateWebhookSubscriptionInput, { description: 'URL, filter and description of the subscription.' }) input: CreateWebhookSubscriptionInput, @Ctx() context: Context): Promise<CreateWebhookSubscriptionPayload> {
    const partner = webhookManager(context.partner);
    if (typeof input.url !== 'string') throw new BadUserInputError('input.url is required', 'input.url');
    const url = await checkWebhookUrl(input.url, 'input.url');
    let filter;
    try {
      filter = checkChangeFilter(input.filter);
    } catch (error) {
      const field = (error as { extensions?: { field?: string } }).extensions?.field;
      throw new BadUserInputError((error as Error).message.replace(/^filter\./, 'input.filter.'), field ? `input.${field}` : 'input.filter');
    }
    const description = optionalText(input.description, 'input.description', 500) ?? null;
    const [{ count }] = await context.em.execute(`select count(*)::int as count from webhooks.webhook_subscription where organization_id = ?`, [partner.organizationId]);
    if (count >= MAX_SUBSCRIPTIONS) throw new BadUserInputError(`An organization may have at most ${MAX_SUBSCRIPTIONS} webhook subscriptions; delete one first`, 'input.url');
    const secret = newWebhookSecret();
    const [row] = await context.em.execute<SubscriptionRow[]>(
      `insert into webhooks.webhook_subscription (id, organization_id, organization_slug, url, description, filter, secret, created_by)
       values (?, ?, ?, ?, ?, ?::jsonb, ?, ?) returning *`,
      [randomUUID(), partner.organizationId, partner.organizationSlug, url, description, JSON.stringify(filter), secret, partner.organizationSlug],
    );
    return { webhookSubscription: toSubscription(row), secret };
  }

  @Mutation(() => WebhookSubscriptionPayload, { description: 'Stops deliveries; events meanwhile are kept and go out after `resumeWebhookSubscription`.' })
  async pauseWebhookSubscription(@Arg('input', () => WebhookSubscriptionIdInput, { description: 'The subscription.' }) input: WebhookSubscriptionIdInput, @Ctx() context: Context): Promise<WebhookSubscriptionPayload> {
    const row = await setStatus(context, input.id, [WebhookSubscriptionStatus.ACTIVE, WebhookSubscriptionStatus.FAILING], WebhookSubscriptionStatus.PAUSED);
    return { webhookSubscription: toSubscription(row) };
  }

  @Mutation(() => WebhookSubscriptionPayload, { description: 'Resumes a paused or failing subscription: the events kept meanwhile are delivered, in order.' })
  async resumeWebhookSubscription(@Arg('input', () => WebhookSubscriptionIdInput, { description: 'The subscription.' }) input: WebhookSubscriptionIdInput, @Ctx() context: Context): Promise<WebhookSubscriptionPayload> {
    const row = await setStatus(context, input.id, [WebhookSubscriptionStatus.PAUSED, WebhookSubscriptionStatus.FAILING], WebhookSubscriptionStatus.ACTIVE);
    await currentDispatcher()?.wake(row.id);
    return { webhookSubscription: toSubscription(row) };
  }

  @Mutation(() => DeleteWebhookSubscriptionPayload, { description: 'Removes a subscription and its deliveries.' })
  async deleteWebhookSubscription(@Arg('input', () => WebhookSubscriptionIdInput, { description: 'The subscription.' }) input: WebhookSubscriptionIdInput, @Ctx() context: Context): Promise<DeleteWebhookSubscriptionPayload> {
    await ownSubscription(context, input.id);
    await context.em.execute(`delete from webhooks.webhook_subscription where id = ?`, [input.id]);
    return { deletedWebhookSubscriptionId: input.id };
  }

  @FieldResolver(() => Organization, { description: 'The partner organization that owns it.' })
  organization(@Root() subscription: WebhookSubscription, @Ctx() { loaders }: Context) {
    return loaders.organizationById.load((subscription.organization as { id: string }).id);
  }
}
