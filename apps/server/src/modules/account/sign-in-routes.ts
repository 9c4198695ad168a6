import { CurrentUser, LoginRequest, LoginResponse } from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { requireStaff, setSessionCookie } from '../../platform/auth.js';
import type { AppContext } from '../../platform/context.js';
import { login } from '../auth/index.js';
import { presentCurrentUser } from './present.js';
import { getCurrentUser } from './service.js';

/**
 * Signing in and "who am I": both answer with the current user as the account module presents it,
 * so they live here, above the auth module (which knows sessions and passwords, not accounts).
 * Their paths stay under /api/v1/auth.
 */
export function registerSignInRoutes(app: Api, ctx: AppContext): void {
  app.post(
    '/api/v1/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary: 'Sign in; sets the session cookie and returns a bearer token',
        body: LoginRequest,
        response: { 200: LoginResponse, ...errors(400, 401, 403, 429) },
      },
    },
    async (req, reply) => {
      const session = await login(req.asAnonymous(), req.body);
      setSessionCookie(reply, ctx, session.token, session.expiresAt);
      const current = await getCurrentUser(ctx.db, session.userId);
      return {
        token: session.token,
        expiresAt: session.expiresAt.toISOString(),
        user: presentCurrentUser(current, ctx.config),
      };
    },
  );

  app.get(
    '/api/v1/auth/me',
    {
      schema: {
        tags: ['auth'],
        summary: 'Who is signed in',
        security: staffSecurity,
        response: { 200: CurrentUser, ...errors(401) },
      },
    },
    async (req) => {
      const actor = requireStaff(req);
      return presentCurrentUser(await getCurrentUser(ctx.db, actor.userId), ctx.config);
    },
  );
}
