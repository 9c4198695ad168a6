import { getTableColumns, getTableName, type SQL, sql, type Table } from 'drizzle-orm';
import type { Db } from './connection.js';

/**
 * Rows in and out of one jsonb value, for the statements a durable consumer runs on every batch.
 * Drizzle builds a statement's text anew on every call, checking each value of each row; for an
 * upsert of a few dozen rows of thirty columns that cost more of a node's CPU than the database
 * spent running it (bench/README, "Session 17"). Here the text is made once per table and column
 * set, and the rows travel as one parameter that `jsonb_populate_recordset` reads with the table's
 * own row type, the same on PostgreSQL and PGlite.
 */

/** A row that came back as `to_jsonb(row)` (snake_case keys, timestamps as text) as Drizzle would map it. */
export function fromJson(table: Table, json: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row;
}

/**
 * Rows as one jsonb text under their SQL column names, each value as the driver would send it
 * (timestamps and arrays as their text, which the column type reads back); and the columns the
 * rows set, in the table's order. A property no row sets is left to the column's default.
 */
export function toJson<T extends Table>(
  table: T,
  rows: readonly T['$inferInsert'][],
): { json: string; names: string[] } {
  const columns = Object.entries(getTableColumns(table)).filter(([key]) =>
    rows.some((row) => (row as Record<string, unknown>)[key] !== undefined),
  );
  const records = rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (const [key, column] of columns) {
      const value = (row as Record<string, unknown>)[key];
      record[column.name] = value === null || value === undefined ? null : column.mapToDriverValue(value);
    }
    return record;
  });
  return { json: JSON.stringify(records), names: columns.map(([, column]) => column.name) };
}

/** What an upsert does on a conflict: its target columns and, per column updated, the new value's SQL. */
export interface OnConflict {
  target: readonly string[];
  set: Readonly<Record<string, string>>;
}

const upserts = new Map<string, { head: SQL; tail: SQL }>();

/**
 * Inserts `rows` into `table` in one statement, in their order (callers sort them, so two writers
 * never wait for each other in a circle), updating the rows that conflict on `conflict.target`.
 */
export async function upsertJson<T extends Table>(
  db: Db,
  table: T,
  rows: readonly T['$inferInsert'][],
  conflict: OnConflict,
): Promise<void> {
  if (!rows.length) return;
  const { json, names } = toJson(table, rows);
  const name = getTableName(table);
  const key = `${name}|${names.join(',')}|${conflict.target.join(',')}|${JSON.stringify(conflict.set)}`;
  let statement = upserts.get(key);
  if (!statement) {
    const quoted = names.map((n) => `"${n}"`).join(', ');
    const set = Object.entries(conflict.set)
      .map(([column, value]) => `"${column}" = ${value}`)
      .join(', ');
    statement = {
      head: sql.raw(
        `insert into "${name}" (${quoted}) select ${quoted} from jsonb_populate_recordset(null::"${name}", `,
      ),
      tail: sql.raw(`::jsonb) on conflict (${conflict.target.map((n) => `"${n}"`).join(', ')}) do update set ${set}`),
    };
    upserts.set(key, statement);
  }
  await db.execute(sql`${statement.head}${json}${statement.tail}`);
}

/** Ids as one parameter, a PostgreSQL array's text (`= any(…::uuid[])`), whatever their number. */
export const idArray = (ids: readonly string[]): string => `{${ids.join(',')}}`;

/**
 * The rows of `table` whose `key` column is one of `ids`, locked for update (`FOR UPDATE`), as
 * Drizzle would map them: one short statement however many ids.
 */
export async function lockRows<T extends Table>(
  db: Db,
  table: T,
  key: string,
  ids: readonly string[],
): Promise<T['$inferSelect'][]> {
  if (!ids.length) return [];
  const name = sql.raw(`"${getTableName(table)}"`);
  const result = (await db.execute(
    sql`select to_jsonb(t) as r from ${name} t where t.${sql.raw(`"${key}"`)} = any(${idArray(ids)}::uuid[]) for update`,
  )) as unknown as { rows: { r: Record<string, unknown> }[] };
  return result.rows.map(({ r }) => fromJson(table, r) as T['$inferSelect']);
}
