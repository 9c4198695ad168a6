import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { drizzle as drizzlePg } from 'drizzle-orm/node-postgres';
import { migrate as migratePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import pg from 'pg';
import { DEFAULT_EMBEDDED_CACHE_MB } from '../config.js';
import { maintainEmbedded } from './embedded-maintenance.js';
import { keepStatementsPrepared } from './pglite-prepared.js';
import * as schema from './schema.js';

export type Schema = typeof schema;
/** The one database type services see: a PGlite or node-postgres Drizzle instance, or a transaction of either. */
export type Db = PgDatabase<PgQueryResultHKT, Schema>;

export interface Database {
  db: Db;
  kind: 'pglite' | 'postgres';
  /** Applies pending migrations; safe when several nodes start at once. */
  migrate(): Promise<void>;
  /** Runs `work` while holding an installation-wide lock (e.g. first-start seeding). */
  withLock<T>(work: () => Promise<T>): Promise<T>;
  ping(): Promise<void>;
  /** PostgreSQL's connection pool right now (for the metrics); PGlite has none. */
  pool?(): { total: number; idle: number; waiting: number };
  /** Bytes of the embedded database's WebAssembly memory (it grows, and never shrinks); PostgreSQL has none. */
  wasmMemoryBytes?(): number;
  /** Vacuums and analyses the embedded database's grown tables (db/embedded-maintenance.ts); PostgreSQL has autovacuum. */
  maintain?(): Promise<string[]>;
  close(): Promise<void>;
}

const migrationsFolder = fileURLToPath(new URL('../../drizzle', import.meta.url));
const LOCK_KEY = 7_245_001; // arbitrary, constant: Frontdesk's advisory lock

/**
 * PostgreSQL when `databaseUrl` is given, otherwise embedded PGlite persisted under `dataDir`
 * (or kept in memory when `dataDir` is `memory://`, as tests do).
 */
export async function openDatabase(opts: {
  databaseUrl?: string;
  dataDir: string;
  /** the embedded database's buffer cache (EMBEDDED_DB_CACHE_MB) */
  embeddedCacheMb?: number;
}): Promise<Database> {
  return opts.databaseUrl
    ? openPostgres(opts.databaseUrl)
    : openPglite(opts.dataDir, opts.embeddedCacheMb ?? DEFAULT_EMBEDDED_CACHE_MB);
}

/**
 * How PGlite's PostgreSQL starts: its own defaults, plus a buffer cache (`shared_buffers`) of
 * `cacheMb`. PostgreSQL's default of 128 MB sits in PGlite's WebAssembly memory, which is written
 * whole at start and never shrinks (so does the first start's initdb instance, which gets the same
 * parameters): it was a fifth of an idle embedded node. The files behind it are read through the
 * operating system's page cache anyway, so a small cache costs a copy, not a disk read.
 */
export function embeddedStartParams(cacheMb: number): string[] {
  return [...PGlite.defaultStartParams, '-c', `shared_buffers=${cacheMb}MB`];
}

/** Where the embedded database keeps its files under DATA_DIR (what backups dump and restores fill). */
export function pgliteDirOf(dataDir: string): string {
  return join(dataDir, 'pglite');
}

async function openPglite(dataDir: string, bufferCacheMb: number): Promise<Database> {
  let location = dataDir;
  if (dataDir !== 'memory://') {
    location = pgliteDirOf(dataDir);
    mkdirSync(location, { recursive: true });
  }
  const client = await PGlite.create(location, { startParams: embeddedStartParams(bufferCacheMb) });
  keepStatementsPrepared(client);
  const db = drizzlePglite({ client, schema }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    // PGlite is one connection inside this process: nothing else can race us.
    migrate: () => migratePglite(db as never, { migrationsFolder }),
    withLock: (work) => work(),
    ping: async () => {
      await client.query('select 1');
    },
    wasmMemoryBytes: () => (client as unknown as { Module?: { HEAPU8?: Uint8Array } }).Module?.HEAPU8?.length ?? 0,
    maintain: () => maintainEmbedded(client),
    close: () => client.close(),
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 20 });
  // An idle client erroring (server restart) must not crash the process; the pool replaces it.
  pool.on('error', () => {});
  // Nor may one that is checked out between two queries (a transaction awaiting its next step) when
  // its backend ends: the next query on it fails, its caller handles that, and the pool drops it.
  pool.on('connect', (client) => client.on('error', () => {}));
  const db = drizzlePg({ client: pool, schema }) as unknown as Db;
  const withLock = async <T>(work: () => Promise<T>): Promise<T> => {
    const lockClient = await pool.connect();
    try {
      await lockClient.query('select pg_advisory_lock($1)', [LOCK_KEY]);
      return await work();
    } finally {
      await lockClient.query('select pg_advisory_unlock($1)', [LOCK_KEY]).catch(() => {});
      lockClient.release();
    }
  };
  return {
    db,
    kind: 'postgres',
    migrate: () => withLock(() => migratePg(db as never, { migrationsFolder })),
    withLock,
    ping: async () => {
      await db.execute(sql`select 1`);
    },
    pool: () => ({ total: pool.totalCount, idle: pool.idleCount, waiting: pool.waitingCount }),
    close: () => pool.end(),
  };
}
