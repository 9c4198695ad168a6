import { createHash } from 'node:crypto';
import { and, eq, isNull, lt, sql } from 'drizzle-orm';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Db } from '../db/connection.js';
import { idempotencyKeys } from '../db/schema.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';

/** How long an answer is kept for retries. */
export const IDEMPOTENCY_KEEP_MS = 24 * 60 * 60_000;
/** A first request that has not answered after this long is taken to have died with its node. */
const ABANDONED_MS = 60_000;
/** Answers larger than this are not kept (the retry then runs again). */
const MAX_KEPT_BODY = 64 * 1024;
const KEY_SHAPE = /^[\x21-\x7e]{1,255}$/;

declare module 'fastify' {
  interface FastifyRequest {
    /** The `Idempotency-Key` this request claimed (its answer is kept when it is sent). */
    idempotency: { owner: string; key: string } | null;
  }
}

/**
 * `Idempotency-Key` on POST: a client that retries a creation after a timeout or a dropped
 * connection, with the same key, gets the first answer again (with `Idempotent-Replayed: true`)
 * instead of a second creation. Keys belong to the caller (an API key, a staff member, a guest) and
 * are kept a day. The same key on a different request is refused (422 idempotency_key_reused); a
 * retry while the first request still runs gets 409 idempotency_key_in_flight. Server errors (5xx)
 * and rate limits are not kept, so their retry runs again. Anonymous callers' keys are ignored.
 *
 * The answer is kept after the change has committed, not in its transaction: a node that dies in
 * between leaves the key claimed without an answer, and a retry a minute later runs again.
 */
export function installIdempotency(app: FastifyInstance, ctx: AppContext): void {
  app.decorateRequest('idempotency', null);

  app.addHook('preHandler', async (req, reply) => {
    if (req.method !== 'POST') return;
    const header = req.headers['idempotency-key'];
    if (header === undefined) return;
    if (typeof header !== 'string' || !KEY_SHAPE.test(header)) {
      throw new AppError('bad_request', 'Idempotency-Key must be 1 to 255 visible ASCII characters');
    }
    const caller = ownerOf(req);
    if (!caller) return;
    const claim = { owner: caller.owner, key: header };
    const fingerprint = fingerprintOf(req);
    const [claimed] = await ctx.db
      .insert(idempotencyKeys)
      .values({ ...claim, orgId: caller.orgId, fingerprint })
      .onConflictDoNothing()
      .returning({ key: idempotencyKeys.key });
    if (claimed || (await takeOverAbandoned(ctx.db, claim, fingerprint))) {
      req.idempotency = claim;
      return;
    }
    const [kept] = await ctx.db.select().from(idempotencyKeys).where(keyed(claim));
    if (!kept) throw inFlight();
    if (kept.fingerprint !== fingerprint) {
      throw new AppError(
        'idempotency_key_reused',
        'This Idempotency-Key was used with a different request: use a new key for a new request',
      );
    }
    if (kept.status === null) throw inFlight();
    return reply
      .code(kept.status)
      .header('idempotent-replayed', 'true')
      .header('content-type', kept.contentType ?? 'application/json; charset=utf-8')
      .send(kept.body ?? '');
  });

  app.addHook('onSend', async (req, reply, payload) => {
    const claim = req.idempotency;
    if (!claim) return payload;
    req.idempotency = null;
    const status = reply.statusCode;
    const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : null;
    if (status >= 500 || status === 429 || body === null || body.length > MAX_KEPT_BODY) {
      await ctx.db.delete(idempotencyKeys).where(and(keyed(claim), isNull(idempotencyKeys.status)));
    } else {
      const contentType = reply.getHeader('content-type');
      await ctx.db
        .update(idempotencyKeys)
        .set({ status, body, contentType: typeof contentType === 'string' ? contentType : null })
        .where(keyed(claim));
    }
    return payload;
  });
}

/** Deletes the answers kept longer than a day; returns how many. */
export async function forgetOldIdempotencyKeys(db: Db, now = new Date()): Promise<number> {
  const gone = await db
    .delete(idempotencyKeys)
    .where(lt(idempotencyKeys.createdAt, new Date(now.getTime() - IDEMPOTENCY_KEEP_MS)))
    .returning({ key: idempotencyKeys.key });
  return gone.length;
}

function ownerOf(req: FastifyRequest): { owner: string; orgId: string | null } | null {
  if (req.apiClient) return { owner: `key:${req.apiClient.clientId}`, orgId: req.apiClient.orgId };
  if (req.actor) return { owner: `staff:${req.actor.userId}`, orgId: req.actor.orgId };
  const guest = req.guest;
  if (guest) return { owner: `guest:${guest.kind === 'guest' ? guest.guestId : guest.visitorId}`, orgId: guest.orgId };
  return null;
}

function fingerprintOf(req: FastifyRequest): string {
  const hash = createHash('sha256').update(`${req.method} ${req.url}\n`);
  const body = req.body;
  if (typeof body === 'string' || Buffer.isBuffer(body)) hash.update(body);
  else hash.update(JSON.stringify(body ?? null));
  return hash.digest('hex');
}

const keyed = (claim: { owner: string; key: string }) =>
  and(eq(idempotencyKeys.owner, claim.owner), eq(idempotencyKeys.key, claim.key));

/** A claim whose request never answered (its node died): the retry takes it over. */
async function takeOverAbandoned(db: Db, claim: { owner: string; key: string }, fingerprint: string): Promise<boolean> {
  const [taken] = await db
    .update(idempotencyKeys)
    .set({ createdAt: sql`now()` })
    .where(
      and(
        keyed(claim),
        eq(idempotencyKeys.fingerprint, fingerprint),
        isNull(idempotencyKeys.status),
        lt(idempotencyKeys.createdAt, sql`now() - ${ABANDONED_MS} * interval '1 millisecond'`),
      ),
    )
    .returning({ key: idempotencyKeys.key });
  return !!taken;
}

const inFlight = () =>
  new AppError(
    'idempotency_key_in_flight',
    'A request with this Idempotency-Key is still running: retry when it has answered',
  );
