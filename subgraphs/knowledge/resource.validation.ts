import { BadUserInputError } from '../../shared/errors.js';
import { entityChecker, querySubgraph, subgraphUrl } from '../../shared/peers.js';
import { optionalDate, optionalText, optionalUrl, requiredId, requiredText, textList } from '../toolkit/validation.js';
import type { KnowledgeResourceEntity } from './resource.entity.js';
import type { KnowledgeResourceFieldsInput } from './resource.mutation-inputs.js';

/** Checks of knowledge resource input, shared by create and update. Field names are those of the input. */

const MAX_TEXT = 100_000;
const LANGUAGE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

export const resourceTitle = (value: string | null | undefined) => requiredText(value, 'input.title', 300);
export const resourceSummary = (value: string | null | undefined) => requiredText(value, 'input.summary', 20_000);

/** The fields the input names, checked; `undefined` for fields it leaves out. */
export function resourceChanges(input: KnowledgeResourceFieldsInput): Partial<KnowledgeResourceEntity> {
  if (input.language === null) throw new BadUserInputError('input.language cannot be null', 'input.language');
  if (input.language !== undefined && !LANGUAGE.test(input.language)) {
    throw new BadUserInputError('input.language must be a BCP 47 language tag such as "de" or "en-GB"', 'input.language');
  }
  const projectIds = textList(input.projectIds, 'input.projectIds', 50, 36)?.map((id) => requiredId(id, 'input.projectIds'));
  return {
    body: optionalText(input.body, 'input.body', MAX_TEXT),
    url: optionalUrl(input.url, 'input.url'),
    language: input.language,
    topicKeys: textList(input.topicKeys, 'input.topicKeys', 20, 60),
    projectIds: projectIds && [...new Set(projectIds)],
    publishedOn: optionalDate(input.publishedOn, 'input.publishedOn'),
    sourceAttribution: optionalText(input.sourceAttribution, 'input.sourceAttribution', 1000),
    license: optionalText(input.license, 'input.license', 200),
  };
}

// Topics live in the projects subgraph, organizations in theirs: asked through `_entities`.
const unknownTopics = entityChecker('projects', 'Topic', 'key');
const unknownOrganizations = entityChecker('organizations', 'Organization', 'id');

/**
 * Topic keys of a filter must exist: an unknown key is a mistake to name, not a reason for an
 * empty list. When the projects subgraph does not answer, the filter runs unchecked.
 */
export async function assertFilterTopicsExist(keys: readonly string[], field: string): Promise<void> {
  if (keys.length === 0) return;
  let unknown: string[];
  try {
    unknown = await unknownTopics(keys);
  } catch {
    return;
  }
  if (unknown.length) throw new BadUserInputError(`Unknown topic key(s): ${unknown.join(', ')} (see the \`topics\` query)`, field);
}

/** Every topic and organization the resource names must exist. */
export async function assertReferencesExist(changes: Partial<KnowledgeResourceEntity>): Promise<void> {
  const [topics, organizations] = await Promise.all([
    unknownTopics(changes.topicKeys ?? []),
    unknownOrganizations(changes.authorOrganizationId ? [changes.authorOrganizationId] : []),
  ]);
  if (topics.length) throw new BadUserInputError(`Unknown topic key(s): ${topics.join(', ')} (see the \`topics\` query)`, 'input.topicKeys');
  if (organizations.length) throw new BadUserInputError(`There is no organization with id ${organizations[0]}`, 'input.authorOrganizationId');
}

const PROJECT_MEMBERS = `query($representations: [_Any!]!) { _entities(representations: $representations) {
  ... on Project { id title lead { id } participants { organization { id } } }
} }`;

/**
 * The projects a resource is to be related to, with who leads and takes part in each, asked from
 * the projects subgraph when needed (not cached: participants come and go). Unknown ids are
 * BAD_USER_INPUT.
 */
export async function projectMembers(projectIds: readonly string[]): Promise<ProjectMembers[]> {
  if (projectIds.length === 0) return [];
  const data = await querySubgraph<{ _entities: (MemberRow | null)[] }>(subgraphUrl('projects'), PROJECT_MEMBERS, {
    representations: projectIds.map((id) => ({ __typename: 'Project', id })),
  });
  return data._entities.map((project, index) => {
    if (!project) throw new BadUserInputError(`There is no project with id ${projectIds[index]}`, 'input.projectIds');
    return {
      id: project.id,
      title: project.title,
      organizationIds: [project.lead?.id, ...project.participants.map((participant) => participant.organization.id)].filter((id): id is string => Boolean(id)),
    };
  });
}

export interface ProjectMembers {
  id: string;
  title: string;
  /** The lead and every participant. */
  organizationIds: string[];
}

interface MemberRow {
  id: string;
  title: string;
  lead: { id: string } | null;
  participants: { organization: { id: string } }[];
}
