import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { buildApp } from './app.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/connection.js';
import { scheduleMaintenance } from './db/embedded-maintenance.js';
import { ensureSuperadmin } from './modules/auth/index.js';
import { DEMO_PASSWORD, demoAccounts, demoServiceAccounts, demoSuperadmin, seedDemo } from './modules/demo/index.js';
import { modules } from './modules/index.js';
import type { AppContext } from './platform/context.js';
import type { DurableConsumer } from './platform/outbox/consumers.js';
import { type Background, startBackground } from './platform/outbox/index.js';
import { connectRedis } from './platform/redis.js';
import type { Gateway } from './realtime/gateway.js';

export interface RunningServer {
  app: FastifyInstance;
  gateway: Gateway;
  ctx: AppContext;
  database: Database;
  /** This node's job runner and durable event consumers. */
  background: Background;
  url: string;
  /** What a new user should read on the terminal (demo credentials), if anything. */
  banner: string | null;
  close(): Promise<void>;
  /**
   * Graceful drain, what SIGTERM does (README "Graceful drain"): readiness turns 503; the listener
   * closes, so new connections go to another node; the socket events under way are answered and
   * every socket is then told to reconnect (its transport closed); the HTTP requests under way
   * finish; then the jobs, the event consumers, Redis and the database stop. Bounding the time it
   * may take is the caller's (main.ts exits after SHUTDOWN_TIMEOUT_MS).
   */
  drain(): Promise<void>;
}

/**
 * Starts one node: database (migrated), optional Redis, first-start bootstrap, HTTP.
 * `main.ts` calls it for the real process, tests call it with their own config.
 */
export async function startServer(
  config: Config,
  opts: { logger?: boolean | object; consumers?: readonly DurableConsumer[] } = {},
): Promise<RunningServer> {
  const database = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    embeddedCacheMb: config.embeddedCacheMb,
  });
  let redis: Redis | undefined;
  try {
    await database.migrate();
    redis = config.redisUrl ? await connectRedis(config.redisUrl) : undefined;
    const { app, ctx, gateway, lifecycle } = await buildApp({ config, database, redis, logger: opts.logger });
    const banner = await database.withLock(() => bootstrap(ctx));

    const jobs = modules.flatMap((domain) => domain.jobs?.(ctx) ?? []);
    const consumers = [...modules.flatMap((domain) => domain.consumers?.(ctx) ?? []), ...(opts.consumers ?? [])];
    const background = await startBackground(ctx, jobs, consumers);
    const stopMaintenance =
      database.maintain && config.embeddedMaintenanceSeconds > 0
        ? scheduleMaintenance(database.maintain, config.embeddedMaintenanceSeconds * 1000, {
            done: (tables, ms) => {
              if (tables.length)
                ctx.log.info({ tables, ms: Math.round(ms) }, 'embedded database vacuumed and analysed');
            },
            failed: (err) => ctx.log.warn({ err }, 'embedded database maintenance failed'),
          })
        : undefined;
    app.addHook('onClose', async () => {
      await stopMaintenance?.();
      await background.stop();
      redis?.disconnect();
      await database.close();
    });

    await app.listen({ port: config.port, host: config.host });
    const address = app.server.address();
    const port = typeof address === 'object' && address ? address.port : config.port;
    return {
      app,
      ctx,
      gateway,
      database,
      background,
      banner,
      url: `http://127.0.0.1:${port}`,
      close: () => app.close(),
      drain: async () => {
        lifecycle.draining = true;
        // no new connection from here on: a balancer's connect is refused at once and it picks another node
        app.server.close();
        app.server.closeIdleConnections();
        await gateway.drain();
        await app.close();
      },
    };
  } catch (err) {
    redis?.disconnect();
    await database.close().catch(() => {});
    throw err;
  }
}

/** First-start work: the configured super admin, and the demo hotel on an empty installation. */
async function bootstrap(ctx: AppContext): Promise<string | null> {
  const { config, db, log } = ctx;
  // Seed before creating the configured super admin: the demo only goes into an empty installation.
  const seeded = config.demo && (await seedDemo(db, { withSuperadmin: !config.superadmin }));
  if (config.superadmin) {
    const { created } = await ensureSuperadmin(db, config.superadmin, { resetPassword: false });
    if (created) log.info({ email: config.superadmin.email }, 'super admin created from FRONTDESK_ADMIN_EMAIL');
  }
  if (!seeded) return null;
  log.info({ organization: 'hotel-aurora' }, 'demo data created');
  const accounts = demoAccounts.map((a) => `${a.role.padEnd(6)} ${a.email}`);
  const serviceAccounts = demoServiceAccounts.map((a) => `${a.role.padEnd(6)} ${a.email}`);
  if (!config.superadmin) accounts.push(`owner  ${demoSuperadmin.email} (platform super admin)`);
  return [
    'Demo data created: Hotel Aurora (Warsaw), rooms 101–120.',
    `  Staff app:   ${config.publicUrl}/app`,
    `  Guest entry: ${config.publicUrl}/g/hotel-aurora`,
    `  API docs:    ${config.publicUrl}/docs`,
    `  Sign in with any of these, password "${DEMO_PASSWORD}":`,
    ...accounts.map((a) => `    ${a}`),
    'And a service company: Nord Heat (Gdańsk), heating engineers with 8 customers.',
    `  Sign in with any of these, same password:`,
    ...serviceAccounts.map((a) => `    ${a}`),
    '  Start with FRONTDESK_DEMO=0 to begin with an empty installation.',
  ].join('\n');
}
