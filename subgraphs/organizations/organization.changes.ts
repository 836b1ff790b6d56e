import type { EntityManager } from '@mikro-orm/postgresql';
import { Args, ArgsType, Ctx, Field, FieldResolver, ID, InputType, Int, Query, Resolver, Root } from 'type-graphql';
import { isoOrNull, trackChild, trackRecord, type EventScope } from '../toolkit/change-events.js';
import { ChangeRecordType, changeEventTypes, HistoryArgs, recordHistory, toChangeEvents, type OrganizationsById } from '../toolkit/change-events.type.js';
import { decodeCursor, MAX_CHANGES_PAGE, mergedChanges, mergedTail } from '../toolkit/change-feed.js';
import type { RequestContext } from '../toolkit/context.js';
import { BadUserInputError } from '../../shared/errors.js';
import { isUuid } from '../../shared/ids.js';
import { OrganizationEntity } from './organization.entity.js';
import type { OrganizationLoaders } from './organization.loader.js';
import { Organization } from './organization.type.js';
import { PersonEntity } from './person.entity.js';

/** What a change event of an organization records, `Organization.history`, and the merged `changes` feed. */

type Context = RequestContext<OrganizationLoaders>;

trackRecord<OrganizationEntity>({
  entity: OrganizationEntity,
  recordType: 'ORGANIZATION',
  label: (organization) => organization.name,
  fields: (organization) => ({
    slug: organization.slug,
    name: organization.name,
    officialName: organization.officialName ?? null,
    kind: organization.kind,
    ags: organization.ags ?? null,
    parentId: organization.parent?.id ?? null,
    description: organization.description ?? null,
    website: organization.website ?? null,
    email: organization.email ?? null,
    phone: organization.phone ?? null,
    'address.street': organization.address?.street ?? null,
    'address.postalCode': organization.address?.postalCode ?? null,
    'address.city': organization.address?.city ?? null,
    isSample: organization.isSample,
    archivedAt: isoOrNull(organization.archivedAt),
  }),
  async scopes(_em: EntityManager, organizations: OrganizationEntity[]) {
    return new Map<string, EventScope>(organizations.map((organization) => [organization.id, {
      organizationIds: [organization.id, ...(organization.parent?.id ? [organization.parent.id] : [])],
      ags: organization.ags ? [...new Set([organization.ags, organization.ags.slice(0, 5)])] : [],
      topicKeys: [],
    }]));
  },
});

// Contact persons are personal data: their e-mail and phone are masked for anonymous callers.
trackChild<PersonEntity, OrganizationEntity>({
  entity: PersonEntity,
  parent: (person) => person.organization,
  prefix: 'contactPersons',
  key: (person) => person.id,
  fields: (person) => ({ name: person.name, role: person.role ?? null, email: person.email ?? null, phone: person.phone ?? null }),
  personal: ['email', 'phone'],
});

const { ChangeEventConnection } = changeEventTypes(Organization);

const organizationsOf = (context: Context): OrganizationsById => async (ids) => {
  const found = await context.loaders.organizationById.loadMany(ids);
  return new Map(found.flatMap((organization) => (organization && !(organization instanceof Error) ? [[organization.id, organization] as const] : [])));
};

@InputType({ description: 'Which change events to list; all given conditions must hold.' })
export class ChangeFilter {
  @Field(() => [ChangeRecordType], { nullable: true, description: 'Only these kinds of records.' })
  types?: ChangeRecordType[] | null;

  @Field(() => ID, { nullable: true, description: 'Only records of this organization: the organization itself, projects it leads or takes part in, resources it authored.' })
  organizationId?: string | null;

  @Field(() => String, { nullable: true, description: 'Only records in this area: a Kreis (5 digits) or municipality (8 digits) AGS.' })
  ags?: string | null;

  @Field(() => [String], { nullable: true, description: 'Only records with at least one of these topics.' })
  topicKeys?: string[] | null;
}

@ArgsType()
export class ChangesArgs {
  @Field(() => String, { nullable: true, description: 'Continue after this cursor (an edge\'s `cursor` or `pageInfo.endCursor`); omit to start at the beginning.' })
  after?: string | null;

  @Field(() => ChangeFilter, { nullable: true, description: 'Which events.' })
  filter?: ChangeFilter | null;

  @Field(() => Int, { nullable: true, description: `Page size, 1 to ${MAX_CHANGES_PAGE} (default 100).` })
  first?: number | null;

  @Field(() => Int, {
    nullable: true,
    description: `Instead of \`after\`/\`first\`: the newest events (1 to ${MAX_CHANGES_PAGE}), oldest of them first, with cursors: to start harvesting from now, or to show what changed lately.`,
  })
  last?: number | null;
}

/** Checks a feed filter; wrong values are BAD_USER_INPUT naming the field. */
export function checkChangeFilter(filter: ChangeFilter | null | undefined) {
  if (!filter) return {};
  if (filter.organizationId != null && !isUuid(filter.organizationId)) throw new BadUserInputError('filter.organizationId must be an organization id', 'filter.organizationId');
  if (filter.ags != null && !/^\d{2,8}$/.test(filter.ags)) throw new BadUserInputError('filter.ags must be an AGS of 2 to 8 digits', 'filter.ags');
  if (filter.topicKeys != null && (filter.topicKeys.length > 50 || filter.topicKeys.some((key) => !/^[a-z0-9-]{1,80}$/.test(key)))) {
    throw new BadUserInputError('filter.topicKeys must be topic keys (at most 50)', 'filter.topicKeys');
  }
  return { types: filter.types ?? null, organizationId: filter.organizationId ?? null, ags: filter.ags ?? null, topicKeys: filter.topicKeys ?? null };
}

@Resolver(() => Organization)
export class ChangeFeedResolver {
  @Query(() => ChangeEventConnection, {
    description: 'The change feed of the whole regional graph, oldest first: every change of projects, knowledge resources and organizations. '
      + 'Keep the last `cursor` and ask again with `after`: you get everything since, never an event twice, even across restarts.',
  })
  async changes(@Args(() => ChangesArgs) args: ChangesArgs, @Ctx() context: Context) {
    const filter = checkChangeFilter(args.filter);
    let page;
    if (args.last != null) {
      if (args.after != null || args.first != null) throw new BadUserInputError('Give last alone, or after and first', 'last');
      if (!Number.isInteger(args.last) || args.last < 1 || args.last > MAX_CHANGES_PAGE) throw new BadUserInputError(`last must be between 1 and ${MAX_CHANGES_PAGE}`, 'last');
      page = await mergedTail(args.last, filter);
    } else {
      const first = args.first ?? 100;
      if (!Number.isInteger(first) || first < 1 || first > MAX_CHANGES_PAGE) throw new BadUserInputError(`first must be between 1 and ${MAX_CHANGES_PAGE}`, 'first');
      page = await mergedChanges(decodeCursor(args.after), first, filter);
    }
    const nodes = await toChangeEvents(page.events.map(({ event }) => event), context.partner, organizationsOf(context));
    const edges = nodes.map((node, index) => ({ cursor: page.events[index].cursor, node }));
    return {
      edges,
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: args.after != null && args.after !== '', startCursor: edges[0]?.cursor ?? null, endCursor: page.endCursor },
      totalCount: null,
    };
  }

  @FieldResolver(() => ChangeEventConnection, {
    description: 'Every change of this organization\'s record and contact persons, newest first. Contact persons\' e-mail and phone only for signed-in partners.',
  })
  history(@Root() organization: OrganizationEntity, @Args(() => HistoryArgs) args: HistoryArgs, @Ctx() context: Context) {
    return recordHistory(context.em, 'organizations', 'ORGANIZATION', organization.id, args, context.partner, organizationsOf(context));
  }
}
