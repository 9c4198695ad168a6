/**
 * The servers under test, started as separate processes the way a user runs them: the bare relay,
 * one Frontdesk node on PGlite, and Frontdesk nodes over PostgreSQL and Redis (a fresh database
 * per run, dropped afterwards).
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { createWriteStream, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { PGlite } from '@electric-sql/pglite';
import { Redis } from 'ioredis';
import pg from 'pg';
import { workerPidOf } from './proc-stats.js';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const tsx = join(repoRoot, 'node_modules/.bin/tsx');
const relayMain = fileURLToPath(new URL('./relay-server.ts', import.meta.url));

export type TargetName = 'relay' | 'embedded' | 'cluster';
export const targetNames: TargetName[] = ['relay', 'embedded', 'cluster'];

export interface ServerProcess {
  url: string;
  /** the pid we spawned (tsx's launcher) */
  launcherPid: number;
  /** the node process doing the work, whose CPU and memory we read */
  pid: number;
  logFile: string;
  stop(): Promise<void>;
}

export interface Target {
  name: TargetName;
  nodes: ServerProcess[];
  owner?: { email: string; password: string };
  /** the PostgreSQL database of the run (cluster), whose backends' CPU is counted */
  database?: string;
  /** stops the nodes and counts what the database holds, then removes it */
  stop(): Promise<StoredCounts | undefined>;
}

export interface StoredCounts {
  guestMessages: number;
  staffMessages: number;
  systemMessages: number;
  conversations: number;
  /** (sender, client id) pairs stored more than once: must be 0 */
  duplicateClientIds: number;
}

export interface TargetOptions {
  agents: number;
  nodes: number;
  relayFanout: 'desk' | 'agent';
  postgresUrl: string;
  redisUrl: string;
  /** the checkout whose apps/server runs (this one by default; another for before/after comparisons) */
  serverRoot: string;
  /** directory for `--cpu-prof` output; no profiling when undefined */
  profileDir?: string;
  logDir: string;
}

/** The chat and sign-in limits raised so the limiter, not the server, never caps the load. */
export const raisedLimits = {
  CHAT_SEND_MAX_PER_SOCKET: '1000000',
  CHAT_SEND_MAX_PER_SENDER: '1000000',
  // an agent takes hundreds of requests a minute here
  CHAT_EVENT_LIMITS: JSON.stringify({ actions: { perSocket: 1000000, perSender: 1000000 } }),
  LOGIN_MAX_PER_IP: '1000000',
  GUEST_CODE_MAX_PER_IP: '1000000',
};

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

async function spawnServer(
  name: string,
  script: string,
  env: Record<string, string>,
  opts: TargetOptions,
): Promise<ServerProcess> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const logFile = join(opts.logDir, `${name}.log`);
  const log = createWriteStream(logFile);
  // Node 20 refuses --cpu-prof in NODE_OPTIONS; tsx hands node flags given before the script to the node it starts
  const profile: string[] = [];
  if (opts.profileDir) {
    const dir = join(opts.profileDir, name);
    mkdirSync(dir, { recursive: true });
    profile.push('--cpu-prof', `--cpu-prof-dir=${dir}`);
  }
  // a bundle runs under node itself; sources need tsx's launcher, which starts node with the flags
  const launcher = script.endsWith('.mjs') ? process.execPath : tsx;
  const child: ChildProcess = spawn(launcher, [...profile, script], {
    cwd: repoRoot,
    // glibc's allocator as the tree's `npm start` sets it (package.json), unless given
    env: {
      ...startEnvOf(opts.serverRoot),
      ...process.env,
      ...env,
      PORT: String(port),
      HOST: '127.0.0.1',
      PUBLIC_URL: url,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null) {
      throw new Error(`${name} exited with ${child.exitCode}:\n${readFileSync(logFile, 'utf8').slice(-2000)}`);
    }
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 90_000) throw new Error(`${name} did not become ready; see ${logFile}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  const launcherPid = child.pid ?? 0;
  const pid = workerPidOf(launcherPid);
  return {
    url,
    launcherPid,
    pid,
    logFile,
    stop: async () => {
      if (child.exitCode === null) {
        // To the server itself, not to tsx's launcher: the launcher relays a signal and SIGKILLs the
        // child if it has not acknowledged it within 30 ms, which a busy server often has not (then
        // no graceful shutdown, and no CPU profile). The launcher exits with the child.
        try {
          process.kill(pid, 'SIGTERM');
        } catch {
          child.kill('SIGTERM');
        }
        // a CPU profile is written at exit and takes a while for a long run
        const killer = setTimeout(() => child.kill('SIGKILL'), opts.profileDir ? 180_000 : 20_000);
        await exited;
        clearTimeout(killer);
        if (child.exitCode !== 0) {
          const how = child.signalCode ?? `code ${child.exitCode}`;
          console.log(`  ${name} did not stop cleanly (${how}); see ${logFile}`);
        }
      }
    },
  };
}

/**
 * The variables `npm start` of the tree under test defaults (`exec env NAME=${NAME:-value} node
 * …` in its package.json: glibc's allocator settings), so each tree runs with its own.
 */
export function startEnvOf(serverRoot: string): Record<string, string> {
  const start: string = JSON.parse(readFileSync(join(serverRoot, 'package.json'), 'utf8')).scripts?.start ?? '';
  return Object.fromEntries([...start.matchAll(/\b(\w+)=\$\{\1:-([^}]+)\}/g)].map((m) => [m[1], m[2]]));
}

/**
 * What `npm start` of the tree under test runs: the server's bundle (apps/server/scripts/build.mjs,
 * built here once per tree) under plain node, or, for a tree from before the bundle, its sources
 * under tsx.
 */
const serverMainOf = (opts: TargetOptions): string => {
  const builder = join(opts.serverRoot, 'apps/server/scripts/build.mjs');
  if (!existsSync(builder)) return join(opts.serverRoot, 'apps/server/src/main.ts');
  if (!built.has(builder)) {
    const run = spawnSync(process.execPath, [builder], { encoding: 'utf8' });
    if (run.status !== 0) throw new Error(`building the server failed:\n${run.stderr}`);
    built.add(builder);
  }
  return join(opts.serverRoot, 'apps/server/dist/node/main.mjs');
};
const built = new Set<string>();

const ownerCredentials = () => ({
  email: 'owner@bench.example',
  password: `owner-${randomBytes(8).toString('hex')}`,
});

function frontdeskEnv(owner: { email: string; password: string }): Record<string, string> {
  return {
    FRONTDESK_DEMO: '0',
    FRONTDESK_ADMIN_EMAIL: owner.email,
    FRONTDESK_ADMIN_PASSWORD: owner.password,
    LOG_LEVEL: 'warn',
    ...raisedLimits,
  };
}

export async function startRelay(opts: TargetOptions): Promise<Target> {
  const node = await spawnServer(
    'relay',
    relayMain,
    { RELAY_AGENTS: String(opts.agents), RELAY_FANOUT: opts.relayFanout },
    opts,
  );
  return {
    name: 'relay',
    nodes: [node],
    stop: async () => {
      await node.stop();
      return undefined;
    },
  };
}

const countsQuery = `
  select
    (select count(*)::int from messages where sender_type in ('guest', 'visitor')) as "guestMessages",
    (select count(*)::int from messages where sender_type = 'staff') as "staffMessages",
    (select count(*)::int from messages where sender_type = 'system') as "systemMessages",
    (select count(*)::int from conversations) as "conversations",
    (select count(*)::int from (
      select 1 from messages where client_id is not null group by sender_key, client_id having count(*) > 1
    ) d) as "duplicateClientIds"`;

/** One node on embedded PGlite in a fresh data directory (removed afterwards). */
export async function startEmbedded(opts: TargetOptions): Promise<Target> {
  const owner = ownerCredentials();
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-'));
  const node = await spawnServer('embedded', serverMainOf(opts), { ...frontdeskEnv(owner), DATA_DIR: dataDir }, opts);
  return {
    name: 'embedded',
    nodes: [node],
    owner,
    stop: async () => {
      await node.stop();
      try {
        const db = await PGlite.create(join(dataDir, 'pglite'));
        const { rows } = await db.query<StoredCounts>(countsQuery);
        await db.close();
        return rows[0];
      } finally {
        rmSync(dataDir, { recursive: true, force: true });
      }
    },
  };
}

/** `nodes` Frontdesk nodes sharing a new PostgreSQL database and Redis (key prefix of its own). */
export async function startCluster(opts: TargetOptions): Promise<Target> {
  const owner = ownerCredentials();
  const database = `frontdesk_bench_${randomBytes(5).toString('hex')}`;
  const adminUrl = new URL(opts.postgresUrl);
  const admin = new pg.Client({ connectionString: adminUrl.toString() });
  await admin.connect();
  await admin.query(`create database ${database}`);
  await admin.end();
  const dbUrl = new URL(opts.postgresUrl);
  dbUrl.pathname = `/${database}`;
  const prefix = `frontdesk-bench-${randomBytes(4).toString('hex')}:`;
  const env = {
    ...frontdeskEnv(owner),
    DATABASE_URL: dbUrl.toString(),
    REDIS_URL: opts.redisUrl,
    REDIS_PREFIX: prefix,
    SESSION_SECRET: randomBytes(32).toString('hex'),
  };
  const dataDirs: string[] = [];
  const nodes: ServerProcess[] = [];
  const cleanUp = async () => {
    await Promise.all(nodes.map((n) => n.stop()));
    for (const dir of dataDirs) rmSync(dir, { recursive: true, force: true });
    const redis = new Redis(opts.redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
    try {
      await redis.connect();
      let cursor = '0';
      do {
        const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
        cursor = next;
        if (keys.length) await redis.del(...keys);
      } while (cursor !== '0');
    } finally {
      redis.disconnect();
    }
  };
  try {
    // one after the other: migrations run under an advisory lock anyway, and it keeps start-up logs readable
    for (let i = 0; i < opts.nodes; i++) {
      const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-bench-node-'));
      dataDirs.push(dataDir);
      nodes.push(await spawnServer(`cluster-node${i + 1}`, serverMainOf(opts), { ...env, DATA_DIR: dataDir }, opts));
    }
  } catch (err) {
    await cleanUp().catch(() => {});
    await dropDatabase(opts.postgresUrl, database);
    throw err;
  }
  return {
    name: 'cluster',
    nodes,
    owner,
    database,
    stop: async () => {
      await cleanUp();
      try {
        const client = new pg.Client({ connectionString: dbUrl.toString() });
        await client.connect();
        const { rows } = await client.query<StoredCounts>(countsQuery);
        await client.end();
        return rows[0];
      } finally {
        await dropDatabase(opts.postgresUrl, database);
      }
    },
  };
}

async function dropDatabase(postgresUrl: string, database: string): Promise<void> {
  // BENCH_KEEP=1 leaves the database for EXPLAIN ANALYZE (as bench:search and bench:metrics do)
  if (process.env.BENCH_KEEP) return console.log(`  kept database ${database} (BENCH_KEEP)`);
  const admin = new pg.Client({ connectionString: postgresUrl });
  await admin.connect();
  await admin.query(`drop database if exists ${database} with (force)`);
  await admin.end();
}

export function startTarget(name: TargetName, opts: TargetOptions): Promise<Target> {
  if (name === 'relay') return startRelay(opts);
  if (name === 'embedded') return startEmbedded(opts);
  return startCluster(opts);
}
