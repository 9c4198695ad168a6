import type { Db } from './connection.js';

/**
 * A statement built and prepared once per database (and variant), then reused: PostgreSQL plans a
 * prepared statement once per connection instead of on every call, which for the hot joins (a
 * conversation's view, a request's routing, a send) costs more than running them.
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
  }
  return statement;
}
