import { SetPasswordRequest } from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { clearSessionCookie } from '../../platform/auth.js';
import type { AppContext } from '../../platform/context.js';
import { setPasswordWithToken } from './password-links.js';
import { logout } from './service.js';

export function registerAuthRoutes(app: Api, ctx: AppContext): void {
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
      await logout(req.asStaff());
      clearSessionCookie(reply);
      return reply.status(204).send();
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
