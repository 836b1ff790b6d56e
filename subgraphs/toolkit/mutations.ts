import {
  LockMode, OptimisticLockError, UniqueConstraintViolationException, type EntityManager, type EntityName,
} from '@mikro-orm/postgresql';
import type { Partner } from '../../shared/auth.js';
import { snapshotBeforeChange, transactionalWithChanges } from './change-events.js';
import { ConflictError, NotFoundError } from '../../shared/errors.js';
import { isUuid, looksLikeSlug, slugify } from '../../shared/ids.js';
import { slugGivenAsId } from './validation.js';

/**
 * What every mutation shares: one transaction each, the record locked while it is checked and
 * changed, the version the client read compared with the stored one, audit columns stamped.
 */

interface Versioned {
  id: string;
  version: number;
  updatedBy: string;
}

/**
 * Runs `work` in one transaction: on any error nothing of it stays. The change events of what it
 * wrote are recorded in the same transaction (change-events.ts). A duplicate key is a CONFLICT;
 * creates pass `retries` because two of them may pick the same fresh slug at the same moment.
 */
export async function writeTransaction<T>(em: EntityManager, work: (em: EntityManager) => Promise<T>, retries = 0): Promise<T> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await transactionalWithChanges(em, work);
    } catch (error) {
      if (error instanceof UniqueConstraintViolationException) {
        if (attempt < retries) continue;
        throw new ConflictError('A record with these values exists already');
      }
      // Rows are locked before they are checked, so this is only a safety net.
      if (error instanceof OptimisticLockError) throw new ConflictError('The record was changed meanwhile: read it again and redo your change');
      throw error;
    }
  }
}

/**
 * The record with `id`, locked until the transaction ends (`select … for update`): concurrent
 * writers of one record queue, and each one sees the version its predecessor wrote.
 */
export async function lockRecord<T extends object>(em: EntityManager, entity: EntityName<T>, id: string, what: string): Promise<T> {
  const lookup = ({ project: 'project', organization: 'organization', 'knowledge resource': 'knowledgeResource' } as Record<string, string>)[what];
  if (lookup && looksLikeSlug(id)) throw slugGivenAsId(id, 'input.id', lookup);
  const record = isUuid(id) ? await em.findOne(entity, { id } as never, { lockMode: LockMode.PESSIMISTIC_WRITE, refresh: true }) : null;
  if (!record) throw new NotFoundError(`There is no ${what} with id ${id}`);
  // The values before the change, for its change event.
  snapshotBeforeChange(record);
  return record;
}

/** The stored version must be the one the client read; else CONFLICT with the current one. */
export function expectVersion(record: Versioned, version: number, what: string): void {
  if (record.version !== version) {
    throw new ConflictError(`The ${what} was changed meanwhile: you read version ${version}, it is at version ${record.version}. Read it again and redo your change`, {
      currentVersion: record.version,
    });
  }
}

/** Archived records are tombstones: they stay readable, and nothing more changes them. */
export function expectNotArchived(record: { archivedAt?: Date | null; version: number }, what: string): void {
  if (record.archivedAt) throw new ConflictError(`The ${what} is archived and can no longer be changed`, { currentVersion: record.version });
}

/** Sets the fields that `changes` names (undefined means "leave as is") and who changed the record. */
export function applyChanges<T extends Versioned>(record: T, changes: Partial<T>, partner: Partner): void {
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) (record as Record<string, unknown>)[key] = value;
  record.updatedBy = partner.organizationSlug;
}

/** The entries of `changes` that are set: what a new record takes from its checked input. */
export function definedOnly<T extends object>(changes: T): Partial<T> {
  return Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined)) as Partial<T>;
}

/** Audit columns of a new record: created and last changed by the partner's organization. */
export function createdBy(partner: Partner): { createdBy: string; updatedBy: string } {
  return { createdBy: partner.organizationSlug, updatedBy: partner.organizationSlug };
}

/** A slug for `title` that is not taken yet: `title`, else `title-2`, `title-3` … */
export async function uniqueSlug<T extends { slug: string }>(em: EntityManager, entity: EntityName<T>, title: string, fallback: string, maxLength: number): Promise<string> {
  const base = (slugify(title) || fallback).slice(0, maxLength - 6).replace(/-+$/, '');
  // The base holds only [a-z0-9-], so it is safe inside the pattern.
  const rows = await em.find(entity, { slug: { $re: `^${base}(-[0-9]+)?$` } } as never, { fields: ['slug'] as never });
  const taken = new Set(rows.map((row) => row.slug));
  if (!taken.has(base)) return base;
  let suffix = 2;
  while (taken.has(`${base}-${suffix}`)) suffix += 1;
  return `${base}-${suffix}`;
}
