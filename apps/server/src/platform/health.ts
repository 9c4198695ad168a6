import type { FastifyInstance } from 'fastify';
import type { AppContext } from './context.js';
import { errorBody } from './errors.js';

/** `/healthz`: the process answers. `/readyz`: and its database does too. */
export function registerHealthRoutes(app: FastifyInstance, ctx: AppContext): void {
  app.get('/healthz', { schema: { hide: true } }, async () => ({ status: 'ok' }));
  app.get('/readyz', { schema: { hide: true } }, async (_req, reply) => {
    try {
      await ctx.database.ping();
      return { status: 'ok', database: ctx.database.kind };
    } catch (err) {
      ctx.log.warn({ err }, 'readiness check failed');
      return reply.status(503).send(errorBody('unavailable', 'The database is not reachable'));
    }
  });
}
