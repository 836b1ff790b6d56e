import { ResourceKind } from '../../subgraphs/knowledge/resource.entity.js';
import { ParticipationRole } from '../../subgraphs/projects/participation.entity.js';
import { ProjectStatus } from '../../subgraphs/projects/project.entity.js';
import { CONTACT_FIELDS } from '../../subgraphs/toolkit/contact.js';

/** What `npm run import` can import: each type's fields, how their values read, and the rows it collects. */

export type FieldType = 'required' | 'text' | 'list' | 'int' | 'date' | 'boolean' | 'participants' | { values: readonly string[]; required?: boolean };

export interface ImportType {
  /** Plural, then singular. */
  noun: [string, string];
  mutation: string;
  field: string;
  result: string;
  fields: Record<string, FieldType>;
  /** Nested input objects: in CSV their fields are columns `<object>.<field>`. */
  objects: Record<string, readonly string[]>;
  /** Columns of `/export/…` files that the system assigns (ids, audit): read past, so that an export imports as it is. */
  readOnly: readonly string[];
}

export const TYPES: Record<string, ImportType> = {
  projects: {
    noun: ['projects', 'project'],
    field: 'importProjects',
    result: 'projects',
    mutation: `mutation Import($input: ImportProjectsInput!) { importProjects(input: $input) { dryRun rowCount projects { slug title } } }`,
    fields: {
      title: 'required', summary: 'required', topicKeys: 'list', keywords: 'list', occasion: 'text', goal: 'text', implementation: 'text',
      financing: 'text', legalForm: 'text', cooperatingSince: 'int', status: { values: Object.values(ProjectStatus) }, startDate: 'date', endDate: 'date',
      municipalityAgs: 'list', distinctions: 'list', sourceAttribution: 'text', sourceUrl: 'text', participants: 'participants', isSample: 'boolean',
    },
    objects: { contact: CONTACT_FIELDS },
    readOnly: ['id', 'slug', 'lead', 'leadName', 'profileUrl', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'archivedAt'],
  },
  resources: {
    noun: ['knowledge resources', 'knowledge resource'],
    field: 'importKnowledgeResources',
    result: 'knowledgeResources',
    mutation: `mutation Import($input: ImportKnowledgeResourcesInput!) { importKnowledgeResources(input: $input) { dryRun rowCount knowledgeResources { slug title } } }`,
    fields: {
      title: 'required', kind: { values: Object.values(ResourceKind), required: true }, summary: 'required', body: 'text', url: 'text', language: 'text',
      topicKeys: 'list', projectIds: 'list', publishedOn: 'date', sourceAttribution: 'text', license: 'text',
    },
    objects: {},
    readOnly: ['id', 'slug', 'projects', 'author', 'authorName', 'isSample', 'version', 'createdAt', 'updatedAt', 'createdBy', 'updatedBy', 'archivedAt'],
  },
};

export interface Problem {
  line: number;
  field: string;
  message: string;
}

export type Row = Record<string, unknown> & { line: number };
/** The rows that could be read, and how many rows the file holds (bad ones included). */
export interface Rows {
  rows: Row[];
  total: number;
}

export const ROLES = Object.values(ParticipationRole) as string[];
