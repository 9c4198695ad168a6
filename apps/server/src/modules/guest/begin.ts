import type { FastifyReply, FastifyRequest } from 'fastify';
import { GUEST_COOKIE, requestMeta, setSessionCookie } from '../../platform/auth.js';
import type { AppContext } from '../../platform/context.js';
import { acceptedLanguages } from '../../platform/i18n.js';
import { serviceContext } from '../../platform/service-context.js';
import { presentGuestSession } from './present.js';
import { describeGuestSession } from './service.js';
import { resolveGuestSession } from './sessions.js';

/**
 * Signs a guest, visitor or customer in on this device: sets the guest cookie and answers with the
 * session as `GET /guest/session` shows it (and the token, for apps that send it as a bearer).
 */
export async function beginGuestSession(
  ctx: AppContext,
  req: FastifyRequest,
  reply: FastifyReply,
  session: { token: string; expiresAt: Date },
) {
  setSessionCookie(reply, ctx, session.token, session.expiresAt, GUEST_COOKIE);
  const guest = await resolveGuestSession(ctx.db, session.token);
  if (!guest) throw new Error('a new guest session did not resolve');
  const signedIn = serviceContext(ctx, guest, requestMeta(req));
  const preferred = acceptedLanguages(req.headers['accept-language']);
  return { token: session.token, session: presentGuestSession(await describeGuestSession(signedIn, preferred)) };
}
