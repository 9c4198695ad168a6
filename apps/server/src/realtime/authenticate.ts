import type { FastifyInstance } from 'fastify';
import type { Db } from '../db/connection.js';
import { GUEST_COOKIE, GUEST_TOKEN_PREFIX, SESSION_COOKIE } from '../platform/auth.js';
import type { SessionResolvers } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import type { RealtimeSocket, SocketIdentity } from './types.js';

/**
 * Whether a browser page may open a socket: our own origin, or the host it connects to. A page on
 * another origin holding the user's cookie would otherwise act as them.
 */
export function originAllowed(publicUrl: string, origin: string | undefined, host: string | undefined): boolean {
  if (!origin) return true; // non-browser clients; cookies are only sent by browsers, which always send Origin
  try {
    const url = new URL(origin);
    return url.origin === new URL(publicUrl).origin || url.host === host;
  } catch {
    return false;
  }
}

/** Token from `auth.token` (API clients) or the signed session cookies (browsers). */
function tokenOf(app: FastifyInstance, socket: RealtimeSocket): { staff?: string; guest?: string } {
  const given = typeof socket.handshake.auth?.token === 'string' ? (socket.handshake.auth.token as string) : undefined;
  if (given) return given.startsWith(GUEST_TOKEN_PREFIX) ? { guest: given } : { staff: given };
  const cookies = app.parseCookie(socket.handshake.headers.cookie ?? '');
  const unsign = (value: string | undefined) => {
    if (!value) return undefined;
    const result = app.unsignCookie(value);
    return result.valid && result.value ? result.value : undefined;
  };
  // a browser holding both cookies (staff testing the guest page) says which one it means
  if (socket.handshake.auth?.as === 'guest') return { guest: unsign(cookies[GUEST_COOKIE]) };
  return { staff: unsign(cookies[SESSION_COOKIE]), guest: unsign(cookies[GUEST_COOKIE]) };
}

/** The socket's identity from the same sessions as HTTP; refused with the standard error codes. */
async function identify(
  db: Db,
  sessions: SessionResolvers,
  app: FastifyInstance,
  socket: RealtimeSocket,
): Promise<SocketIdentity> {
  const tokens = tokenOf(app, socket);
  if (tokens.staff) {
    const staff = await sessions.staff(db, tokens.staff);
    if (staff) {
      if (!staff.orgId) throw new AppError('forbidden', 'Platform accounts have no inbox');
      return { token: tokens.staff, staff };
    }
    if (!tokens.guest) throw new AppError('session_expired', 'Your session has ended. Sign in again.');
  }
  if (tokens.guest) {
    const guest = await sessions.guest(db, tokens.guest);
    if (!guest) throw new AppError('stay_ended', 'Your access has ended. Please ask reception for a new code.');
    return { token: tokens.guest, guest };
  }
  throw new AppError('unauthenticated', 'Sign in to continue');
}

/**
 * Socket.IO middleware admitting only signed-in staff of an organization and guests with access;
 * a refusal reaches the client as `connect_error` with `data: { code, message }`.
 */
export function authenticateSockets(db: Db, sessions: SessionResolvers, app: FastifyInstance) {
  return (socket: RealtimeSocket, next: (err?: Error) => void): void => {
    identify(db, sessions, app, socket).then(
      (identity) => {
        socket.data.identity = identity;
        if (identity.guest) socket.data.guest = identity.guest;
        next();
      },
      (err: unknown) => {
        const appError = err instanceof AppError ? err : new AppError('internal_error', 'Could not authenticate');
        next(Object.assign(new Error(appError.message), { data: { code: appError.code, message: appError.message } }));
      },
    );
  };
}
