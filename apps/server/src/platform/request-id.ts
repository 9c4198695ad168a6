import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance } from 'fastify';

/** A proxy's or client's request id is kept when it is short and plain; otherwise a new one is made. */
const ACCEPTED = /^[A-Za-z0-9._:-]{8,64}$/;

/**
 * Each request's id: the caller's `x-request-id` when acceptable (so one id follows a request
 * through a proxy into our logs and audit entries), else a random UUID.
 */
export function requestIdOf(req: IncomingMessage): string {
  const given = req.headers['x-request-id'];
  return typeof given === 'string' && ACCEPTED.test(given) ? given : randomUUID();
}

/** Sends the id back, so a user reporting a problem can quote it. */
export function echoRequestId(app: FastifyInstance): void {
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
}
