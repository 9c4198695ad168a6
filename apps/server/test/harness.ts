import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { type Config, loadConfig } from '../src/config.js';
import type { DurableConsumer } from '../src/platform/outbox/consumers.js';
import { type RunningServer, startServer } from '../src/server.js';

export type TestServer = RunningServer;

/**
 * A real Frontdesk node on a free port. Uses PostgreSQL and Redis when the suite runs with
 * DATABASE_URL / REDIS_URL, otherwise a fresh in-memory PGlite of its own.
 */
export async function startTestServer(
  overrides: Partial<Config> = {},
  env: Record<string, string> = {},
  opts: { consumers?: DurableConsumer[] } = {},
): Promise<TestServer> {
  const base = loadConfig({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: mkdtempSync(join(tmpdir(), 'frontdesk-test-')),
    SESSION_SECRET: randomBytes(32).toString('hex'),
    FRONTDESK_DEMO: '0',
    LOG_LEVEL: 'silent',
    DATABASE_URL: process.env.DATABASE_URL,
    REDIS_URL: process.env.REDIS_URL,
    // Each test server gets its own rate-limit keys in a shared Redis.
    REDIS_PREFIX: `frontdesk-test-${randomBytes(4).toString('hex')}:`,
    // every test client comes from 127.0.0.1: per-IP limits are tested on servers of their own
    LOGIN_MAX_PER_IP: '1000000',
    GUEST_CODE_MAX_PER_IP: '1000000',
    VISITOR_MAX_PER_IP: '1000000',
    LABEL_ANSWER_MAX_PER_IP: '1000000',
    LABEL_CODE_MAX_PER_IP: '1000000',
    ...env,
  });
  const config: Config = {
    ...base,
    dataDir: process.env.DATABASE_URL || env.DATA_DIR ? base.dataDir : 'memory://',
    ...overrides,
  };
  return startServer(config, { logger: false, consumers: opts.consumers });
}

export const usingPostgres = Boolean(process.env.DATABASE_URL);

/**
 * A node on a database of its own when the suite runs on PostgreSQL (in-memory PGlite is its own
 * anyway). For tests whose outcome rides on a durable consumer reading this node's presence, as
 * automatic assignment does: on the shared test database any other test file's server may lease
 * the consumer, and that server, with its own Redis prefix, is another cluster where nobody is
 * online — the round it runs rightly gives out nothing.
 */
export async function startServerOfItsOwn(
  overrides: Partial<Config> = {},
  env: Record<string, string> = {},
): Promise<TestServer> {
  const installation = await freshInstallation();
  const server = await startTestServer(overrides, { ...installation.env, ...env });
  const close = server.close.bind(server);
  server.close = async () => {
    await close();
    await installation.drop();
  };
  return server;
}

export function uniqueSuffix(): string {
  return randomBytes(5).toString('hex');
}

/**
 * A brand-new, empty installation for tests that need one (first start, demo data, restarts):
 * a new PostgreSQL database when the suite runs on PostgreSQL, else a new PGlite data directory.
 */
export async function freshInstallation(): Promise<{ env: Record<string, string>; drop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-fresh-'));
  const adminUrl = process.env.DATABASE_URL;
  if (!adminUrl) return { env: { DATA_DIR: dataDir }, drop: async () => {} };
  const name = `frontdesk_fresh_${randomBytes(4).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`create database ${name}`);
  await admin.end();
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return {
    env: { DATA_DIR: dataDir, DATABASE_URL: url.toString() },
    drop: async () => {
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      await client.query(`drop database if exists ${name} with (force)`);
      await client.end();
    },
  };
}
