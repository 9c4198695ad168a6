import { isDeepStrictEqual } from 'node:util';
import type { CustomerRow } from './store.js';

/**
 * The names of what a change really changes. Values are compared as structures, not as JSON text:
 * PostgreSQL hands jsonb objects back with their keys in its own order (shorter keys first), while
 * a request names them in any order, so the same address or the same custom fields would otherwise
 * count as a change (and be audited and announced as one).
 */
export function changedKeys(before: CustomerRow, after: Partial<Record<keyof CustomerRow, unknown>>): string[] {
  return Object.keys(after).filter((key) => {
    const next = after[key as keyof CustomerRow];
    return next !== undefined && !isDeepStrictEqual(next, before[key as keyof CustomerRow]);
  });
}
