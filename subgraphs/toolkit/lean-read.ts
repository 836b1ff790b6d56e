import { ReferenceKind, type EntityManager, type EntityMetadata, type EntityProperty, type Knex } from '@mikro-orm/postgresql';
import { inContext } from './sql-page.js';

/**
 * Reads for answers, without MikroORM's unit of work. `em.find` builds a query object, creates an
 * entity per row, registers it in the identity map and wires its relations: work a read-only
 * GraphQL request never uses, and most of a subgraph's CPU per request on nested pages. A lean
 * read runs plain knex SQL over the entity's own columns and returns plain objects with the
 * entity's property names and JavaScript values (dates, custom types, embeddables as MikroORM
 * hydrates them); a many-to-one relation is `{ id }`, which is all a resolver or a loader reads
 * of it. Writes keep loading entities with `em.find`, so the unit of work sees what they change.
 */

interface Plan {
  meta: EntityMetadata;
  /** `alias.column` of every persisted column, for the select list. */
  columns: string[];
  /** The same, quoted once: knex would quote each column again for every statement. */
  selectSql: string;
  map(row: Record<string, unknown>): object;
}

const plans = new Map<string, Plan>();

function convert(prop: EntityProperty, value: unknown, platform: unknown): unknown {
  if (value == null) return value === undefined ? undefined : null;
  if (prop.customType) return prop.customType.convertToJSValue(value, platform as never);
  if (prop.runtimeType === 'boolean') return !!value;
  return value;
}

function planOf(em: EntityManager, entity: Function, alias: string): Plan {
  const key = `${entity.name} ${alias}`;
  const known = plans.get(key);
  if (known) return known;
  const meta = em.getMetadata().get(entity.name);
  const platform = em.getPlatform();
  const comparator = em.getComparator();
  const scalars: EntityProperty[] = [];
  const references: EntityProperty[] = [];
  const embedded: { prop: EntityProperty; children: EntityProperty[] }[] = [];
  const columns: string[] = [];
  for (const prop of meta.props) {
    if (prop.persist === false || prop.kind === ReferenceKind.ONE_TO_MANY || prop.kind === ReferenceKind.MANY_TO_MANY) continue;
    if (prop.formula) throw new Error(`lean reads do not support the formula property ${meta.className}.${prop.name}`);
    if (prop.kind === ReferenceKind.EMBEDDED) {
      if (prop.object || prop.array || prop.embedded || prop.targetMeta?.polymorphs) throw new Error(`lean reads support flat embeddables only (${meta.className}.${prop.name})`);
      embedded.push({ prop, children: meta.props.filter((child) => child.embedded?.[0] === prop.name) });
      continue;
    }
    if (prop.kind === ReferenceKind.MANY_TO_ONE || prop.kind === ReferenceKind.ONE_TO_ONE) {
      if (!prop.owner && prop.kind === ReferenceKind.ONE_TO_ONE) continue;
      if (prop.fieldNames.length !== 1) throw new Error(`lean reads support single-column relations only (${meta.className}.${prop.name})`);
      references.push(prop);
    } else if (prop.embedded) {
      continue; // an embeddable's own column: selected with its embeddable below
    } else {
      scalars.push(prop);
    }
    columns.push(...prop.fieldNames.map((name) => `${alias}.${name}`));
  }
  for (const { children } of embedded) columns.push(...children.flatMap((child) => child.fieldNames.map((name) => `${alias}.${name}`)));

  const plan: Plan = {
    meta,
    columns,
    selectSql: columns.map((column) => column.split('.').map((part) => `"${part}"`).join('.')).join(', '),
    map(row) {
      // Column names to property names and timestamps to Dates, exactly as `em.find` does first.
      const data = comparator.mapResult(meta.className, row) as Record<string, unknown>;
      const out: Record<string, unknown> = {};
      for (const prop of scalars) out[prop.name] = convert(prop, data[prop.name], platform);
      for (const prop of references) {
        const id = data[prop.name];
        out[prop.name] = id == null ? null : { id };
      }
      for (const { prop, children } of embedded) {
        const values = children.map((child) => convert(child, data[child.name], platform));
        out[prop.name] = prop.nullable && values.every((value) => value == null)
          ? null
          : Object.fromEntries(children.map((child, index) => [child.embedded![1], values[index]]));
      }
      return out;
    },
  };
  plans.set(key, plan);
  return plan;
}

/** The entity's columns as `alias.column`, for a hand-written select whose rows go to `leanRow`. */
export function leanColumns(em: EntityManager, entity: Function, alias: string): string[] {
  return planOf(em, entity, alias).columns;
}

/** One result row holding at least the entity's columns (extra columns are ignored) as a lean object. */
export function leanRow<T>(em: EntityManager, entity: new (...args: never[]) => T, row: Record<string, unknown>, alias = 't'): T {
  return planOf(em, entity, alias).map(row) as T;
}

/**
 * Rows of the entity's table as lean objects (see above): `build` adds where, order and joins
 * to `select <columns> from <table> as <alias>`. One statement; inside the EntityManager's
 * transaction when it has one. Typed as the entity for the resolvers that read it: only its
 * fields are there, a many-to-one relation is just `{ id }`.
 */
export async function leanFind<T>(
  em: EntityManager,
  entity: new (...args: never[]) => T,
  build: (query: Knex.QueryBuilder) => unknown,
  alias = 't',
): Promise<T[]> {
  const plan = planOf(em, entity, alias);
  const knex = em.getKnex();
  const query = knex(`${plan.meta.tableName} as ${alias}`).select(knex.raw(plan.selectSql));
  build(query);
  const rows: Record<string, unknown>[] = await inContext(em, query);
  return rows.map((row) => plan.map(row) as T);
}
