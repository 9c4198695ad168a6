import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PGlite } from '@electric-sql/pglite';
import pg from 'pg';
import { type Config, loadConfig } from '../config.js';
import { pgliteDirOf } from '../db/connection.js';

const run = promisify(execFile);

/** The files of a backup folder. The manifest is written last: a folder without one is incomplete. */
const MANIFEST = 'manifest.json';
const POSTGRES_DUMP = 'database.pgdump';
const PGLITE_DUMP = 'pglite.tar.gz';
const FILES_ARCHIVE = 'files.tar';
const SESSION_SECRET_FILE = 'session-secret';
/** The web push key pair generated in DATA_DIR (modules/push/vapid.ts): devices stay subscribed. */
const VAPID_KEYS_FILE = 'vapid-keys';

export interface BackupManifest {
  format: 1;
  createdAt: string;
  database: 'postgres' | 'pglite';
  /** `disk`: files.tar holds FILES_DIR. `s3`: the files stay in the bucket (its own versioning keeps them). */
  files: 'disk' | 's3';
  /** DATA_DIR's generated session secret was kept (none when SESSION_SECRET comes from the environment). */
  sessionSecret: boolean;
  /** DATA_DIR's generated VAPID key pair was kept (absent from backups made before web push). */
  vapidKeys?: boolean;
}

/** A backup or restore that cannot go ahead; its message says what to do. */
export class BackupError extends Error {}

/** What a backup reads and a restore fills: the settings of one installation. */
export type Installation = Pick<Config, 'databaseUrl' | 'dataDir' | 'filesDir' | 'fileStorage'>;

/**
 * The installation the environment describes. Read without letting loadConfig generate a session
 * secret into DATA_DIR: a restore brings the backed-up one, and a backup must not write there.
 */
export function installationFromEnv(env: NodeJS.ProcessEnv = process.env): Installation {
  return loadConfig({ ...env, SESSION_SECRET: env.SESSION_SECRET ?? 'not-read-by-backup-or-restore-not-read' });
}

/**
 * Writes a backup of `from` into the new folder `folder`: the database (pg_dump's custom format, or
 * the embedded data directory as PGlite dumps it), uploaded files kept on disk (a tar of FILES_DIR)
 * and the generated session secret. The embedded database belongs to one process at a time: stop
 * the server before backing it up. PostgreSQL is dumped live, in one consistent snapshot.
 */
export async function backupInstallation(from: Installation, folder: string): Promise<BackupManifest> {
  if (existsSync(folder) && readdirSync(folder).length > 0) {
    throw new BackupError(`${folder} is not empty: back up into a new folder`);
  }
  await mkdir(folder, { recursive: true });
  const manifest: BackupManifest = {
    format: 1,
    createdAt: new Date().toISOString(),
    database: from.databaseUrl ? 'postgres' : 'pglite',
    files: from.fileStorage.driver,
    sessionSecret: existsSync(join(from.dataDir, SESSION_SECRET_FILE)),
    vapidKeys: existsSync(join(from.dataDir, VAPID_KEYS_FILE)),
  };
  if (from.databaseUrl) {
    await tool(
      'pg_dump',
      ['--format=custom', '--no-owner', '--no-privileges', `--file=${join(folder, POSTGRES_DUMP)}`],
      from.databaseUrl,
    );
  } else {
    const dir = pgliteDirOf(from.dataDir);
    if (!existsSync(join(dir, 'PG_VERSION'))) throw new BackupError(`No embedded database in ${dir}: check DATA_DIR`);
    const db = await PGlite.create(dir);
    try {
      const dump = await db.dumpDataDir('gzip');
      await writeFile(join(folder, PGLITE_DUMP), Buffer.from(await dump.arrayBuffer()));
    } finally {
      await db.close();
    }
  }
  if (from.fileStorage.driver === 'disk' && existsSync(from.filesDir)) {
    await tool('tar', ['-C', from.filesDir, '-cf', join(folder, FILES_ARCHIVE), '.']);
  }
  if (manifest.sessionSecret) {
    await copyFile(join(from.dataDir, SESSION_SECRET_FILE), join(folder, SESSION_SECRET_FILE));
  }
  if (manifest.vapidKeys) await copyFile(join(from.dataDir, VAPID_KEYS_FILE), join(folder, VAPID_KEYS_FILE));
  await writeFile(join(folder, MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
  return manifest;
}

/**
 * Restores the backup in `folder` into `to`, a new installation: an empty PostgreSQL database (or an
 * empty DATA_DIR) and an empty FILES_DIR. It refuses to write over anything, and checks everything
 * before it writes. Start the server afterwards: it applies any newer migrations as usual.
 */
export async function restoreInstallation(to: Installation, folder: string): Promise<BackupManifest> {
  const manifest = await readManifest(folder);
  const kind = to.databaseUrl ? 'postgres' : 'pglite';
  if (manifest.database !== kind) {
    throw new BackupError(
      manifest.database === 'postgres'
        ? 'This backup is of a PostgreSQL database: set DATABASE_URL to the new, empty database to restore it into'
        : 'This backup is of the embedded database: unset DATABASE_URL and set DATA_DIR to restore it',
    );
  }
  const files = join(folder, FILES_ARCHIVE);
  if (existsSync(files) && to.fileStorage.driver !== 'disk') {
    throw new BackupError('This backup holds uploaded files kept on disk: restore it with FILE_STORAGE=disk');
  }
  if (existsSync(files) && existsSync(to.filesDir) && readdirSync(to.filesDir).length > 0) {
    throw new BackupError(`${to.filesDir} is not empty: restore into an empty FILES_DIR`);
  }
  if (to.databaseUrl) await expectEmptyPostgres(to.databaseUrl);
  else if (existsSync(join(pgliteDirOf(to.dataDir), 'PG_VERSION'))) {
    throw new BackupError(`${pgliteDirOf(to.dataDir)} already holds a database: restore into an empty DATA_DIR`);
  }

  if (to.databaseUrl) {
    await tool(
      'pg_restore',
      ['--no-owner', '--no-privileges', '--exit-on-error', '--single-transaction', join(folder, POSTGRES_DUMP)],
      to.databaseUrl,
    );
  } else {
    const dir = pgliteDirOf(to.dataDir);
    await mkdir(dir, { recursive: true });
    const dump = new Blob([await readFile(join(folder, PGLITE_DUMP))]);
    const db = await PGlite.create({ dataDir: dir, loadDataDir: dump });
    await db.close();
  }
  if (existsSync(files)) {
    await mkdir(to.filesDir, { recursive: true });
    await tool('tar', ['-C', to.filesDir, '-xf', files]);
  }
  const secret = join(to.dataDir, SESSION_SECRET_FILE);
  if (manifest.sessionSecret && !existsSync(secret)) {
    await mkdir(to.dataDir, { recursive: true });
    await copyFile(join(folder, SESSION_SECRET_FILE), secret);
  }
  const vapid = join(to.dataDir, VAPID_KEYS_FILE);
  if (manifest.vapidKeys && !existsSync(vapid)) {
    await mkdir(to.dataDir, { recursive: true });
    await copyFile(join(folder, VAPID_KEYS_FILE), vapid);
  }
  return manifest;
}

async function readManifest(folder: string): Promise<BackupManifest> {
  try {
    return JSON.parse(await readFile(join(folder, MANIFEST), 'utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${folder} holds no complete backup (no ${MANIFEST})`);
  }
}

async function expectEmptyPostgres(url: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ tables: number }>(
      `select count(*)::int as tables from information_schema.tables
        where table_schema not in ('pg_catalog', 'information_schema')`,
    );
    if ((rows[0]?.tables ?? 0) > 0)
      throw new BackupError('The database is not empty: restore into a new, empty database');
  } finally {
    await client.end();
  }
}

/**
 * Runs a command-line tool; with `databaseUrl`, points libpq at it, the password in PGPASSWORD
 * rather than on the command line (where `ps` would show it).
 */
async function tool(command: string, args: string[], databaseUrl?: string): Promise<void> {
  const env = { ...process.env };
  const argv = [...args];
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    if (url.password) env.PGPASSWORD = decodeURIComponent(url.password);
    url.password = '';
    argv.push(`--dbname=${url.toString()}`);
  }
  try {
    await run(command, argv, { env, maxBuffer: 16 * 1024 * 1024 });
  } catch (err) {
    const failure = err as NodeJS.ErrnoException & { stderr?: string };
    if (failure.code === 'ENOENT') {
      throw new BackupError(
        command === 'tar'
          ? 'tar is not installed'
          : `${command} is not installed: install the PostgreSQL client tools of the server's major version (or newer)`,
      );
    }
    throw new BackupError(`${command} failed: ${failure.stderr?.trim() || failure.message}`);
  }
}
