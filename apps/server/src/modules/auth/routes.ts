import { CurrentUser, LoginRequest, LoginResponse, SetPasswordRequest } from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { clearSessionCookie, requireStaff, setSessionCookie } from '../../platform/auth.js';
import type { AppContext } from '../../platform/context.js';
import { presentCurrentUser } from '../account/present.js';
import { getCurrentUser } from '../account/service.js';
import { setPasswordWithToken } from './password-links.js';
import { login, logout } from './service.js';

export function registerAuthRoutes(app: Api, ctx: AppContext): void {
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
      const session = await login(ctx.db, ctx.limits.login, req.body, ctx.config.sessionTtlSeconds, {
        ip: req.ip,
        userAgent: req.headers['user-agent'] ?? null,
      });
      setSessionCookie(reply, ctx, session.token, session.expiresAt);
      const { user, org } = await getCurrentUser(ctx.db, session.userId);
      return { token: session.token, expiresAt: session.expiresAt.toISOString(), user: presentCurrentUser(user, org) };
    },
  );

  app.post(
    '/api/v1/auth/logout',
    {
      schema: {
        tags: ['auth'],
        summary: 'End the current session',
        security: staffSecurity,
        response: { 204: z.undefined(), ...errors(401, 403) },
      },
    },
    async (req, reply) => {
      await logout(ctx.db, requireStaff(req));
      clearSessionCookie(reply);
      return reply.status(204).send();
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
      const { user, org } = await getCurrentUser(ctx.db, actor.userId);
      return presentCurrentUser(user, org);
    },
  );

  app.post(
    '/api/v1/auth/set-password',
    {
      schema: {
        tags: ['auth'],
        summary: 'Set a password with a one-time link from an admin',
        body: SetPasswordRequest,
        response: { 204: z.undefined(), ...errors(400, 410) },
      },
    },
    async (req, reply) => {
      await setPasswordWithToken(ctx.db, req.body.token, req.body.password);
      return reply.status(204).send();
    },
  );
}
