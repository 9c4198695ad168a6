import { ChangePasswordRequest, CurrentUser, UpdateProfileRequest } from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import { presentCurrentUser } from './present.js';
import { changeOwnPassword, getCurrentUser, updateProfile } from './service.js';

export function registerAccountRoutes(app: Api, ctx: AppContext): void {
  app.patch(
    '/api/v1/me',
    {
      schema: {
        tags: ['account'],
        summary: 'Edit your own name and motto',
        security: staffSecurity,
        body: UpdateProfileRequest,
        response: { 200: CurrentUser, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await updateProfile(staff, req.body);
      return presentCurrentUser(await getCurrentUser(ctx.db, staff.actor.userId), ctx.config);
    },
  );

  app.post(
    '/api/v1/me/password',
    {
      schema: {
        tags: ['account'],
        summary: 'Change your password (the current one is required); other sessions end',
        security: staffSecurity,
        body: ChangePasswordRequest,
        response: { 204: z.undefined(), ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      await changeOwnPassword(req.asStaff(), req.body.currentPassword, req.body.newPassword);
      return reply.status(204).send();
    },
  );
}
