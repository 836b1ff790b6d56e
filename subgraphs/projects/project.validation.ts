import type { EntityManager } from '@mikro-orm/postgresql';
import { BadUserInputError } from '../../shared/errors.js';
import { entityChecker, querySubgraph, subgraphUrl } from '../../shared/peers.js';
import { checkedContact, CONTACT_FIELDS, ContactEmbeddable } from '../toolkit/contact.js';
import {
  assertDateOrder, optionalDate, optionalText, optionalUrl, optionalYear, requiredId, requiredText, textList,
} from '../toolkit/validation.js';
import type { ProjectEntity } from './project.entity.js';
import type { ParticipantInput, ProjectProfileInput } from './project.mutation-inputs.js';
import { TopicEntity } from './topic.entity.js';

/** Checks of project input, shared by create and update. Field names are those of the input. */

export const MAX_TITLE = 499;
const MAX_TEXT = 20_000;
const AGS = /^\d{8}$/;

export const projectTitle = (value: string | null | undefined) => requiredText(value, 'input.title', MAX_TITLE);
export const projectSummary = (value: string | null | undefined) => requiredText(value, 'input.summary', MAX_TEXT);

/** The profile fields the input names, checked; `undefined` for fields it leaves out. */
export function profileChanges(input: ProjectProfileInput): Partial<ProjectEntity> {
  if (input.status === null) throw new BadUserInputError('input.status cannot be null', 'input.status');
  const municipalityAgs = textList(input.municipalityAgs, 'input.municipalityAgs', 100, 8);
  municipalityAgs?.forEach((ags, index) => {
    if (!AGS.test(ags)) throw new BadUserInputError(`input.municipalityAgs[${index}] must be an 8-digit Gemeindeschlüssel`, 'input.municipalityAgs');
  });
  return {
    topicKeys: textList(input.topicKeys, 'input.topicKeys', 20, 60),
    keywords: textList(input.keywords, 'input.keywords', 30, 100),
    occasion: optionalText(input.occasion, 'input.occasion', MAX_TEXT),
    goal: optionalText(input.goal, 'input.goal', MAX_TEXT),
    implementation: optionalText(input.implementation, 'input.implementation', MAX_TEXT),
    financing: optionalText(input.financing, 'input.financing', MAX_TEXT),
    legalForm: optionalText(input.legalForm, 'input.legalForm', 200),
    cooperatingSince: optionalYear(input.cooperatingSince, 'input.cooperatingSince'),
    status: input.status,
    startDate: optionalDate(input.startDate, 'input.startDate'),
    endDate: optionalDate(input.endDate, 'input.endDate'),
    municipalityAgs,
    contact: input.contact === undefined ? undefined : checkedContact(ContactEmbeddable, CONTACT_FIELDS, input.contact, 'input.contact'),
    distinctions: textList(input.distinctions, 'input.distinctions', 20, 300),
    sourceAttribution: optionalText(input.sourceAttribution, 'input.sourceAttribution', 1000),
    sourceUrl: optionalUrl(input.sourceUrl, 'input.sourceUrl'),
  };
}

/** The participants of a new project: distinct organizations besides the lead. */
export function newParticipants(input: ParticipantInput[] | null | undefined, leadOrganizationId: string) {
  const participants = (input ?? []).map((participant, index) => {
    const field = `input.participants[${index}].organizationId`;
    const organizationId = requiredId(participant.organizationId, field);
    if (organizationId === leadOrganizationId) throw new BadUserInputError(`${field} is the lead organization, which takes part anyway`, field);
    return { organizationId, role: participant.role, note: optionalText(participant.note, `input.participants[${index}].note`, 1000) ?? null, field };
  });
  const twice = participants.find((participant, index) => participants.findIndex((other) => other.organizationId === participant.organizationId) !== index);
  if (twice) throw new BadUserInputError(`${twice.field} names an organization twice`, twice.field);
  return participants;
}

export function assertProjectPeriod(project: Pick<ProjectEntity, 'startDate' | 'endDate'>): void {
  assertDateOrder(project.startDate, project.endDate, 'input.endDate');
}

/** Topics live in this subgraph's own database. */
export async function assertTopicsExist(em: EntityManager, keys: readonly string[] | undefined, field = 'input.topicKeys'): Promise<void> {
  if (!keys?.length) return;
  const known = new Set((await em.find(TopicEntity, { key: { $in: [...keys] } })).map((topic) => topic.key));
  const unknown = keys.filter((key) => !known.has(key));
  if (unknown.length) throw new BadUserInputError(`Unknown topic key(s): ${unknown.join(', ')} (see the \`topics\` query)`, field);
}

/** Organizations live in the organizations subgraph: asked through its `_entities`. */
const unknownOrganizations = entityChecker('organizations', 'Organization', 'id');

/** Every referenced organization must exist; the error names the field that named an unknown one. */
export async function assertOrganizationsExist(references: { id: string; field: string }[]): Promise<void> {
  const unknown = new Set(await unknownOrganizations(references.map((reference) => reference.id)));
  const first = references.find((reference) => unknown.has(reference.id));
  if (first) throw new BadUserInputError(`${first.field}: there is no organization with id ${first.id}`, first.field);
}

/** The kinds of Organization that are municipalities (Gemeinden, Städte and the kreisfreie Stadt Münster). */
const MUNICIPALITY_KINDS = new Set(['GEMEINDE', 'STADT', 'KREISFREIE_STADT']);
const MUNICIPALITY_TTL_MS = 30_000;
const knownMunicipalities = new Map<string, number>();
const MUNICIPALITY_QUERY = 'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Organization { ags kind } } }';

/**
 * The AGS (of `agsList`) that name no municipality, asked from the organizations subgraph through
 * its `_entities` by the `ags` key (the same contract as the organization id check above): no SQL
 * crosses databases. Municipalities found are remembered for a while, as organizations are.
 */
export async function unknownMunicipalities(agsList: readonly string[]): Promise<string[]> {
  const now = Date.now();
  const asked = [...new Set(agsList)].filter((ags) => (knownMunicipalities.get(ags) ?? 0) <= now);
  if (asked.length === 0) return [];
  const data = await querySubgraph<{ _entities: ({ ags?: string | null; kind?: string } | null)[] }>(subgraphUrl('organizations'), MUNICIPALITY_QUERY, {
    representations: asked.map((ags) => ({ __typename: 'Organization', ags })),
  });
  const found = new Set(data._entities.flatMap((entity) => (entity?.ags && MUNICIPALITY_KINDS.has(entity.kind ?? '') ? [entity.ags] : [])));
  for (const ags of found) knownMunicipalities.set(ags, now + MUNICIPALITY_TTL_MS);
  return asked.filter((ags) => !found.has(ags));
}

/** Every AGS a write names must be a municipality the organizations subgraph knows, else BAD_USER_INPUT naming the field. */
export async function assertMunicipalitiesExist(agsList: string[] | null | undefined, field = 'input.municipalityAgs'): Promise<void> {
  if (!agsList?.length) return;
  const unknown = new Set(await unknownMunicipalities(agsList));
  const index = agsList.findIndex((ags) => unknown.has(ags));
  if (index >= 0) {
    throw new BadUserInputError(`${field}[${index}]: ${agsList[index]} is no municipality of the regional graph (see \`organizations(filter: { kind: [GEMEINDE, STADT, KREISFREIE_STADT] })\`)`, field);
  }
}
