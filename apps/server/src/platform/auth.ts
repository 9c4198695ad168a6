import type { ApiKeyScope } from '@frontdesk/protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { AnonymousActor, ApiClientActor, GuestActor, StaffActor } from './actor.js';
import type { AppContext } from './context.js';
import { AppError } from './errors.js';
import { type RequestMeta, type ServiceContext, serviceContext } from './service-context.js';

export const SESSION_COOKIE = 'fd_session';
export const GUEST_COOKIE = 'fd_guest';
/** Guest tokens start with this, so one `Authorization: Bearer` header can carry either kind. */
export const GUEST_TOKEN_PREFIX = 'g_';
/** API keys start with this (see modules/api-keys): a bearer token of this shape is never a session. */
export const API_KEY_TOKEN_PREFIX = 'fdk_';

declare module 'fastify' {
  interface FastifyRequest {
    actor: StaffActor | null;
    /** A guest or visitor session, kept apart from staff sessions (one browser may hold both). */
    guest: GuestActor | null;
    /** Set when a token was presented but no live session matches it. */
    staleSession: boolean;
    staleGuestSession: boolean;
    /** The API client of a valid `Authorization: Bearer fdk_…` key; null otherwise. */
    apiClient: ApiClientActor | null;
    /** Set when a key was presented but it is unknown or revoked. */
    staleApiKey: boolean;
    /** How the actor authenticated: the cookie needs CSRF protection, a bearer token does not. */
    authVia: 'cookie' | 'bearer' | null;
    /** The signed-in staff member's service context, or a 401 (see `requireStaff`). */
    asStaff(): ServiceContext<StaffActor>;
    /** The signed-in guest's or visitor's service context, or a 401 (see `requireGuest`). */
    asGuest(): ServiceContext<GuestActor>;
    /**
     * The signed-in staff member's context, or, with an API key that has `scope`, the API client's:
     * the door of a route integrations use (a key without the scope gets 403 api_key_scope_missing).
     */
    asStaffOrApiClient(scope: ApiKeyScope): ServiceContext<StaffActor> | ServiceContext<ApiClientActor>;
    /** A context for a caller not signed in yet (sign-in, guest codes, visits). */
    asAnonymous(): ServiceContext<AnonymousActor>;
  }
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Resolves the caller from `Authorization: Bearer …` or the session cookie, and refuses
 * cross-site state changes: a mutating request whose Origin is not ours, or a cookie-authenticated
 * one with no Origin or Referer at all.
 */
export function installAuth(app: FastifyInstance, ctx: AppContext): void {
  const allowedOrigins = new Set([new URL(ctx.config.publicUrl).origin]);
  app.decorateRequest('actor', null);
  app.decorateRequest('guest', null);
  app.decorateRequest('staleSession', false);
  app.decorateRequest('staleGuestSession', false);
  app.decorateRequest('authVia', null);
  app.decorateRequest('apiClient', null);
  app.decorateRequest('staleApiKey', false);
  app.decorateRequest('asStaffOrApiClient', function (this: FastifyRequest, scope: ApiKeyScope) {
    if (this.apiClient || this.staleApiKey) {
      return serviceContext(ctx, requireApiClient(this, scope), requestMeta(this));
    }
    return serviceContext(ctx, requireStaff(this), requestMeta(this));
  });
  app.decorateRequest('asStaff', function (this: FastifyRequest) {
    return serviceContext(ctx, requireStaff(this), requestMeta(this));
  });
  app.decorateRequest('asGuest', function (this: FastifyRequest) {
    return serviceContext(ctx, requireGuest(this), requestMeta(this));
  });
  app.decorateRequest('asAnonymous', function (this: FastifyRequest) {
    return serviceContext(ctx, { kind: 'anonymous' } as const, requestMeta(this));
  });

  app.addHook('onRequest', async (req) => {
    const bearer = /^Bearer\s+(\S+)$/i.exec(req.headers.authorization ?? '')?.[1];
    if (bearer?.startsWith(API_KEY_TOKEN_PREFIX)) {
      // a key acts alone: no cookie session is read beside it
      req.apiClient = await ctx.sessions.apiKey(ctx.db, bearer);
      req.staleApiKey = !req.apiClient;
      if (req.apiClient) await ctx.limits.apiKeys.requestsPerKey.consume(req.apiClient.clientId);
    } else {
      const staffToken = bearer && !bearer.startsWith(GUEST_TOKEN_PREFIX) ? bearer : cookieValue(req, SESSION_COOKIE);
      const guestToken = bearer?.startsWith(GUEST_TOKEN_PREFIX) ? bearer : cookieValue(req, GUEST_COOKIE);
      if (staffToken) {
        req.actor = await ctx.sessions.staff(ctx.db, staffToken);
        req.staleSession = !req.actor;
      } else if (req.cookies[SESSION_COOKIE]) {
        req.staleSession = true;
      }
      if (guestToken) {
        req.guest = await ctx.sessions.guest(ctx.db, guestToken);
        req.staleGuestSession = !req.guest;
      }
    }
    req.authVia = bearer ? 'bearer' : req.actor || req.guest ? 'cookie' : null;
    if (SAFE_METHODS.has(req.method)) return;
    const origin = requestOrigin(req);
    const ownOrigin = `${req.protocol}://${req.host}`;
    if (origin && origin !== ownOrigin && !allowedOrigins.has(origin)) {
      throw new AppError('csrf_failed', 'Cross-site request refused');
    }
    if (!origin && !bearer && (req.cookies[SESSION_COOKIE] || req.cookies[GUEST_COOKIE])) {
      throw new AppError('csrf_failed', 'Cross-site request refused: the Origin header is missing');
    }
  });
}

/** A signed cookie's value, or undefined when absent or tampered with. */
function cookieValue(req: FastifyRequest, name: string): string | undefined {
  const raw = req.cookies[name];
  if (!raw) return undefined;
  const unsigned = req.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

function requestOrigin(req: FastifyRequest): string | null {
  const origin = req.headers.origin;
  if (origin && origin !== 'null') return origin;
  if (origin === 'null') return 'null';
  const referer = req.headers.referer;
  if (!referer) return null;
  try {
    return new URL(referer).origin;
  } catch {
    return 'null';
  }
}

/** Where a request came from, for the audit log. */
export function requestMeta(req: FastifyRequest): RequestMeta {
  return { ip: req.ip, userAgent: req.headers['user-agent']?.slice(0, 300) ?? null, requestId: req.id };
}

/** The signed-in staff member, or a 401 that says whether the session ended or never existed. */
export function requireStaff(req: FastifyRequest): StaffActor {
  if (req.actor) return req.actor;
  if (req.staleApiKey) throw apiKeyInvalid();
  if (req.apiClient) throw new AppError('forbidden', 'API keys cannot use this route');
  if (req.staleSession) throw new AppError('session_expired', 'Your session has ended. Sign in again.');
  throw new AppError('unauthenticated', 'Sign in to continue');
}

const apiKeyInvalid = () => new AppError('api_key_invalid', 'This API key is unknown or was revoked');

/** The API client of the presented key, if the key has `scope`. */
export function requireApiClient(req: FastifyRequest, scope: ApiKeyScope): ApiClientActor {
  if (!req.apiClient) throw apiKeyInvalid();
  if (!req.apiClient.scopes.includes(scope)) {
    throw new AppError('api_key_scope_missing', `This API key lacks the scope ${scope}`, { scope });
  }
  return req.apiClient;
}

/** The signed-in guest or visitor, or a 401 that says whether their access ended. */
export function requireGuest(req: FastifyRequest): GuestActor {
  if (req.guest) return req.guest;
  if (req.staleApiKey) throw apiKeyInvalid();
  if (req.apiClient) throw new AppError('forbidden', 'API keys cannot use this route');
  if (req.staleGuestSession) {
    throw new AppError('stay_ended', 'Your access has ended. Please ask reception for a new code.');
  }
  throw new AppError('unauthenticated', 'Enter your access code to continue');
}

export function setSessionCookie(
  reply: FastifyReply,
  ctx: AppContext,
  token: string,
  expires: Date,
  name = SESSION_COOKIE,
): void {
  reply.setCookie(name, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: ctx.config.publicUrl.startsWith('https:'),
    signed: true,
    expires,
  });
}

export function clearSessionCookie(reply: FastifyReply, name = SESSION_COOKIE): void {
  reply.clearCookie(name, { path: '/' });
}
