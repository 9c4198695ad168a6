import { hostname } from 'node:os';
import { type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import type { eventConsumers, jobs } from '../../db/schema.js';
import { rowsOf } from './read.js';

/** Names this process in leases, so an administrator can tell which node holds what. */
export const thisNode = (): string => `${hostname()}:${process.pid}:${Math.random().toString(36).slice(2, 8)}`;

type Leased = typeof jobs | typeof eventConsumers;

/**
 * Takes the lease on one row (a job, a consumer) for `ms` if nobody else holds it and `ready`
 * holds. One UPDATE: on PostgreSQL the row lock makes a second node wait and then see the lease
 * taken; PGlite has one connection. The lease, not a transaction, keeps the row: work runs
 * outside any transaction (on PGlite an open transaction would stop every other query).
 */
export async function takeLease<T>(
  db: Db,
  table: Leased,
  name: string,
  node: string,
  ms: number,
  ready: SQL = sql`true`,
): Promise<T | null> {
  const [row] = await rowsOf<T>(
    db,
    sql`update ${table} set lease_owner = ${node}, lease_until = now() + ${ms} * interval '1 millisecond'
        where name = ${name} and (lease_owner is null or lease_owner = ${node} or lease_until < now()) and ${ready}
        returning *`,
  );
  return row ?? null;
}

/**
 * `takeLease` for several rows in one statement: those free (and `ready`) are taken, the others
 * left — a row another node is taking this moment too (SKIP LOCKED: no waiting, and rows are
 * locked in name order, so two nodes never deadlock).
 */
export async function takeLeases<T>(
  db: Db,
  table: Leased,
  names: readonly string[],
  node: string,
  ms: number,
  ready: SQL = sql`true`,
): Promise<T[]> {
  if (!names.length) return [];
  const free = sql`(lease_owner is null or lease_owner = ${node} or lease_until < now()) and ${ready}`;
  return rowsOf<T>(
    db,
    sql`update ${table} set lease_owner = ${node}, lease_until = now() + ${ms} * interval '1 millisecond'
        where name in (select name from ${table} where name in (${sql.join(
          names.map((n) => sql`${n}`),
          sql`, `,
        )}) and ${free}
          order by name for update skip locked)
        returning *`,
  );
}

/** Gives the lease back, unless it was lost (expired and taken) meanwhile. */
export async function releaseLease(db: Db, table: Leased, name: string, node: string): Promise<void> {
  await db.execute(
    sql`update ${table} set lease_owner = null, lease_until = null where name = ${name} and lease_owner = ${node}`,
  );
}

/** Exponential: base, 2×base, 4×base …, at most `max`. Stored in the row, so any node resumes it. */
export function backoffMs(attempts: number, baseMs: number, maxMs: number): number {
  return Math.min(baseMs * 2 ** Math.max(0, attempts - 1), maxMs);
}
