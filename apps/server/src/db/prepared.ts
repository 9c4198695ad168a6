import type { Db } from './connection.js';
import { keepPrepared } from './pglite-prepared.js';

/**
 * A statement built and prepared once per database (and variant), then reused: PostgreSQL plans a
 * prepared statement once per connection instead of on every call, which for the hot joins (a
 * conversation's view, a request's routing, a send) costs more than running them. The embedded
 * database keeps it prepared too (pglite-prepared.ts).
 */
export function preparedOnce<K, S>(
  cache: WeakMap<Db, Map<K, S>>,
  db: Db,
  variant: K,
  build: (db: Db, variant: K) => S,
): S {
  const ofDb = cache.get(db) ?? new Map<K, S>();
  cache.set(db, ofDb);
  let statement = ofDb.get(variant);
  if (!statement) {
    statement = build(db, variant);
    ofDb.set(variant, statement);
    // on the embedded database, where Drizzle's names mean nothing, by its text (pglite-prepared.ts)
    const text = (statement as { queryString?: unknown }).queryString;
    if (typeof text === 'string') keepPrepared(text);
  }
  return statement;
}
