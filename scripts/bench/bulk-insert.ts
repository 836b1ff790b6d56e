import type pg from 'pg';

/**
 * Multi-row inserts without the ORM: a whole batch travels as one JSON parameter and
 * `json_populate_recordset` turns it into rows of the table's own type, so arrays, enums and
 * dates convert as the column types say. Columns are named explicitly, and only those the table
 * has: columns other engineers add (generated search columns, defaults) are left to PostgreSQL.
 */

const tableColumns = new Map<string, Set<string>>();

/** The writable columns of a table (generated columns excluded). */
export async function writableColumns(client: pg.ClientBase, table: string): Promise<Set<string>> {
  const key = `${(client as pg.Client).database}.${table}`;
  let columns = tableColumns.get(key);
  if (!columns) {
    const { rows } = await client.query<{ column_name: string }>(
      `select column_name from information_schema.columns
        where table_schema = current_schema() and table_name = $1 and is_generated = 'NEVER'`,
      [table],
    );
    if (rows.length === 0) throw new Error(`Table ${table} does not exist: did the migrations run?`);
    columns = new Set(rows.map((row) => row.column_name));
    tableColumns.set(key, columns);
  }
  return columns;
}

const warned = new Set<string>();

/** Inserts `rows` (objects keyed by column name) into `table`; returns the number inserted. */
export async function insertRows(client: pg.ClientBase, table: string, rows: Record<string, unknown>[]): Promise<number> {
  if (rows.length === 0) return 0;
  const existing = await writableColumns(client, table);
  const wanted = Object.keys(rows[0]);
  const columns = wanted.filter((column) => existing.has(column));
  for (const column of wanted) {
    if (!existing.has(column) && !warned.has(`${table}.${column}`)) {
      warned.add(`${table}.${column}`);
      process.stderr.write(`\nnote: ${table} has no column ${column}; left out\n`);
    }
  }
  const list = columns.map((column) => `"${column}"`).join(', ');
  await client.query(`insert into "${table}" (${list}) select ${list} from json_populate_recordset(null::"${table}", $1::json)`, [JSON.stringify(rows)]);
  return rows.length;
}
