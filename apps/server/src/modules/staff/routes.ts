import {
  AddStaffRequest,
  AddStaffResponse,
  ChangeRoleRequest,
  SetPasswordLink,
  StaffIdParams,
  StaffMember,
} from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import { presentStaff } from './present.js';
import { addStaff, changeRole, listStaff, removeStaff, resendPasswordLink, setStaffActive } from './service.js';

export function registerStaffRoutes(app: Api, ctx: AppContext): void {
  const tags = ['staff'];
  const security = staffSecurity;

  app.get(
    '/api/v1/staff',
    {
      schema: {
        tags,
        security,
        summary: 'Staff of your organization',
        response: { 200: z.array(StaffMember), ...errors(401, 403) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      return (await listStaff(staff)).map((user) => presentStaff(user, staff.actor));
    },
  );

  app.post(
    '/api/v1/staff',
    {
      schema: {
        tags,
        security,
        summary: 'Add a staff member; returns their one-time set-password link',
        body: AddStaffRequest,
        response: { 201: AddStaffResponse, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const staff = req.asStaff();
      const { user, invite } = await addStaff(staff, req.body);
      logInvite(ctx, user.email, invite.setPasswordUrl);
      return reply.status(201).send({
        staff: presentStaff(user, staff.actor),
        invite: { ...invite, expiresAt: invite.expiresAt.toISOString() },
      });
    },
  );

  app.patch(
    '/api/v1/staff/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change a staff member’s role (only a super admin grants or removes admin)',
        params: StaffIdParams,
        body: ChangeRoleRequest,
        response: { 200: StaffMember, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      return presentStaff(await changeRole(staff, req.params.id, req.body.role), staff.actor);
    },
  );

  for (const [action, active] of [
    ['deactivate', false],
    ['activate', true],
  ] as const) {
    app.post(
      `/api/v1/staff/:id/${action}`,
      {
        schema: {
          tags,
          security,
          summary: active
            ? 'Reactivate a staff member (needs a free seat)'
            : 'Deactivate a staff member; their sessions end at once',
          params: StaffIdParams,
          response: { 200: StaffMember, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) => {
        const staff = req.asStaff();
        return presentStaff(await setStaffActive(staff, req.params.id, active), staff.actor);
      },
    );
  }

  app.post(
    '/api/v1/staff/:id/password-link',
    {
      schema: {
        tags,
        security,
        summary: 'Issue a new one-time set-password link',
        params: StaffIdParams,
        response: { 200: SetPasswordLink, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const invite = await resendPasswordLink(req.asStaff(), req.params.id);
      return { ...invite, expiresAt: invite.expiresAt.toISOString() };
    },
  );

  app.delete(
    '/api/v1/staff/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a staff member',
        params: StaffIdParams,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await removeStaff(req.asStaff(), req.params.id);
      return reply.status(204).send();
    },
  );
}

/** While no mail is configured, the link reaches the new member through whoever reads the log. */
export function logInvite(ctx: AppContext, email: string, url: string): void {
  ctx.log.info({ email, setPasswordUrl: url }, 'set-password link issued');
}
