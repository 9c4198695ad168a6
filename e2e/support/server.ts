import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';

export const REPO = fileURLToPath(new URL('../..', import.meta.url));
const WEB = join(REPO, 'apps', 'web');
const BUILT = join(WEB, 'dist', 'index.html');

/** Everything the web build reads: when any of it is newer than dist/index.html, the build is stale. */
const WEB_SOURCES = [
  join(WEB, 'src'),
  join(WEB, 'public'),
  join(WEB, 'index.html'),
  join(WEB, 'vite.config.ts'),
  join(WEB, 'precompress.ts'),
  join(WEB, 'package.json'),
  join(REPO, 'packages', 'protocol', 'src'),
  join(REPO, 'packages', 'sdk', 'src'),
  join(REPO, 'package-lock.json'),
];

/**
 * The environment of a command run as a person would run it: without what Vitest sets for the test
 * process (NODE_ENV=test would make Vite bundle React's development build, and the server is no test).
 */
function userEnv(): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(process.env).filter(([name]) => name !== 'NODE_ENV' && !name.startsWith('VITEST')),
  );
}

function newest(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/**
 * Builds the web app (`npm run build`) unless apps/web/dist is newer than every source (CI builds
 * right before the specs). Unlike `npm start`, a failed build fails the run: the specs must never
 * test an old build (unless E2E_SKIP_BUILD=1 says so).
 */
export function buildWebApp(): void {
  const builtAt = existsSync(BUILT) ? statSync(BUILT).mtimeMs : 0;
  // E2E_SKIP_BUILD=1: test apps/web/dist as it is (while working on a spec, not on the app)
  if (process.env.E2E_SKIP_BUILD === '1') {
    if (!builtAt) throw new Error('E2E_SKIP_BUILD=1, but apps/web/dist has no build: run npm run build');
    return;
  }
  if (builtAt && builtAt >= Math.max(...WEB_SOURCES.map(newest))) return;
  console.log('[e2e] building the web app (npm run build)…');
  const build = spawnSync('npm', ['run', 'build'], { cwd: REPO, stdio: 'inherit', env: userEnv() });
  if (build.status !== 0 || !existsSync(BUILT))
    throw new Error('npm run build failed: the web app has no build to test');
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/** A database of its own for this run on the PostgreSQL server of DATABASE_URL, dropped at the end. */
async function freshPostgres(adminUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `frontdesk_e2e_${randomBytes(4).toString('hex')}`;
  const run = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await run(`create database ${name}`);
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => run(`drop database if exists ${name} with (force)`) };
}

/** A key prefix of its own for this run in the Redis of REDIS_URL; its keys are deleted at the end. */
function freshRedisPrefix(redisUrl: string): { prefix: string; drop(): Promise<void> } {
  const prefix = `frontdesk-e2e-${randomBytes(4).toString('hex')}:`;
  return {
    prefix,
    drop: async () => {
      const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 2 });
      await redis.connect();
      try {
        let cursor = '0';
        do {
          const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
          if (keys.length) await redis.del(...keys);
          cursor = next;
        } while (cursor !== '0');
      } finally {
        redis.disconnect();
      }
    },
  };
}

export interface RunningFrontdesk {
  url: string;
  /** Where the server's stdout and stderr go. */
  logFile: string;
  /** What the server printed on its first start (the demo banner). */
  output(): string;
  stop(): Promise<void>;
}

/**
 * A real Frontdesk process (`tsx apps/server/src/main.ts`) on a free port with the demo hotel, on a
 * fresh PGlite data directory — or on a fresh PostgreSQL database and Redis prefix when DATABASE_URL
 * and REDIS_URL are set. Resolves once /readyz answers and the demo banner is out.
 */
export async function startFrontdesk(opts: {
  logFile: string;
  /** More settings for this server (e.g. a mail server of the spec's own). */
  env?: Record<string, string>;
}): Promise<RunningFrontdesk> {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-e2e-'));
  const { logFile } = opts;
  const cleanups: (() => Promise<void>)[] = [async () => rmSync(dataDir, { recursive: true, force: true })];
  const env: Record<string, string | undefined> = {
    ...userEnv(),
    HOST: '127.0.0.1',
    DATA_DIR: dataDir,
    FRONTDESK_DEMO: '1',
    FRONTDESK_ADMIN_EMAIL: undefined,
    FRONTDESK_ADMIN_PASSWORD: undefined,
    SESSION_SECRET: undefined,
    LOG_LEVEL: process.env.E2E_SERVER_LOG_LEVEL ?? 'warn',
    TRUST_PROXY: '0',
    // every browser of the run signs in from 127.0.0.1
    LOGIN_MAX_PER_IP: '100000',
    LOGIN_MAX_PER_ACCOUNT: '100000',
    GUEST_CODE_MAX_PER_IP: '100000',
    VISITOR_MAX_PER_IP: '100000',
    // the specs' own webhook receivers and OpenID provider listen on 127.0.0.1
    WEBHOOK_ALLOW_PRIVATE: 'true',
    SSO_ALLOW_PRIVATE_ISSUER: 'true',
    ...opts.env,
  };
  if (process.env.DATABASE_URL) {
    const database = await freshPostgres(process.env.DATABASE_URL);
    env.DATABASE_URL = database.url;
    cleanups.push(database.drop);
  } else {
    env.DATABASE_URL = undefined;
  }
  if (process.env.REDIS_URL) {
    const redis = freshRedisPrefix(process.env.REDIS_URL);
    env.REDIS_PREFIX = redis.prefix;
    cleanups.push(redis.drop);
  } else {
    env.REDIS_URL = undefined;
  }
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  env.PORT = String(port);
  env.PUBLIC_URL = url;

  const tsx = join(REPO, 'node_modules', '.bin', 'tsx');
  const child: ChildProcess = spawn(tsx, ['apps/server/src/main.ts'], {
    cwd: REPO,
    env: Object.fromEntries(Object.entries(env).filter((e): e is [string, string] => e[1] !== undefined)),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const log = createWriteStream(logFile);
  let output = '';
  const capture = (chunk: Buffer) => {
    log.write(chunk);
    if (output.length < 200_000) output += chunk.toString();
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  let exited: number | null | undefined;
  const exit = new Promise<void>((resolve) =>
    child.once('exit', (code) => {
      exited = code;
      resolve();
    }),
  );

  const cleanUp = async () => {
    for (const step of cleanups.reverse()) await step().catch((err) => console.warn('[e2e] cleanup failed:', err));
  };
  const stop = async () => {
    if (exited === undefined) {
      child.kill('SIGTERM');
      const killed = setTimeout(() => child.kill('SIGKILL'), 15_000);
      await exit;
      clearTimeout(killed);
    }
    log.end();
    await cleanUp();
  };

  const deadline = Date.now() + 180_000;
  for (;;) {
    if (exited !== undefined) {
      await cleanUp();
      throw new Error(`the Frontdesk server exited (code ${exited}) before it was ready:\n${output}`);
    }
    const ready = await fetch(`${url}/readyz`).then(
      (r) => r.ok,
      () => false,
    );
    if (ready && output.includes('Demo data created')) break;
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`the Frontdesk server was not ready with its demo banner within 3 minutes:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, logFile, output: () => output, stop };
}
