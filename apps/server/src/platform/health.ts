import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { errorBody } from './errors.js';
import type { RedisClients } from './redis.js';

/** Whether this node is draining (server.ts `drain`): set once, on SIGTERM, never unset. */
export interface NodeLifecycle {
  draining: boolean;
}

/**
 * `/healthz`: the process answers. `/readyz` while draining: 503 "draining", first of all, so that
 * a balancer that probes it sends nothing new here. `/readyz`: the database and Redis, each on its own. Without
 * the database a node can do nothing (503, take it out of the balancer); without Redis it still
 * serves everything with local limits and presence (200 "degraded", keep routing to it).
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  ctx: AppContext,
  redis: RedisClients | undefined,
  lifecycle: NodeLifecycle,
): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  // A request that reaches a draining node on a kept-alive connection is still served, with
  // `Connection: close`, so that the client's next request opens a connection to another node.
  app.addHook('onRequest', async (_req, reply) => {
    if (lifecycle.draining) reply.header('connection', 'close');
  });
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    if (lifecycle.draining) {
      return reply.status(503).send({ status: 'draining', ...errorBody('unavailable', 'This node is shutting down') });
    }
    const { database, redis: redisStatus } = await checkHealth(ctx, redis, true);
    const report = {
      status: database === 'down' ? 'down' : redisStatus === 'down' ? 'degraded' : 'ok',
      database: { kind: ctx.database.kind, status: database },
      redis: redisStatus,
    };
    if (database === 'ok') return report;
    return reply.status(503).send({ ...report, ...errorBody('unavailable', 'The database is not reachable') });
  });
  // the metrics read the same checks when scraped (frontdesk_ready, _draining, _database_up, _redis_connected)
  ctx.metrics.watchHealth(async () => {
    const { database, redis: redisStatus } = await checkHealth(ctx, redis, false);
    return {
      ready: !lifecycle.draining && database === 'ok',
      draining: lifecycle.draining,
      database,
      redis: redisStatus,
    };
  });
}

/** The database and Redis, each on its own; a failed database check is logged when `log` says so. */
async function checkHealth(ctx: AppContext, redis: RedisClients | undefined, log: boolean) {
  const [database, redisStatus] = await Promise.all([
    ctx.database.ping().then(
      () => 'ok' as const,
      (err: unknown) => {
        if (log) ctx.log.warn({ err }, 'readiness check failed: the database is not reachable');
        return 'down' as const;
      },
    ),
    redis ? redis.health() : ('not_configured' as const),
  ]);
  return { database, redis: redisStatus };
}
