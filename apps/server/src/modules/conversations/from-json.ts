import { getTableColumns, type Table } from 'drizzle-orm';

/** A row that came back as `to_jsonb(row)` (snake_case keys, timestamps as text) as Drizzle would map it. */
export function fromJson(table: Table, json: Record<string, unknown>): Record<string, unknown> {
  const row: Record<string, unknown> = {};
  for (const [key, column] of Object.entries(getTableColumns(table))) {
    const value = json[column.name];
    row[key] = value === null || value === undefined ? null : column.mapFromDriverValue(value);
  }
  return row;
}
