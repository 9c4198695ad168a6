import {
  AddStaffRequest,
  AddStaffResponse,
  CreateOrganizationRequest,
  CreateOrganizationResponse,
  OrgIdParams,
  PlatformOrganization,
  StaffMember,
  UpdatePlanRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { requireStaff } from '../../platform/auth.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { addStaff, listStaff, logInvite, presentStaff } from '../staff/index.js';
import {
  createOrganization,
  listOrganizations,
  organizationStats,
  updateOrganizationPlan,
} from './platform-service.js';
import { presentOrganization } from './present.js';
import { loadOrganization } from './service.js';

/** The platform owner's view: every organization on this installation. */
export function registerPlatformRoutes(app: Api, ctx: AppContext): void {
  const { db } = ctx;
  const tags = ['platform'];
  const security = staffSecurity;
  const superadmin = (req: Parameters<typeof requireStaff>[0]) => {
    const actor = requireStaff(req);
    if (!actor.superadmin) throw forbidden('Only a platform super admin can do this');
    return actor;
  };

  app.get(
    '/api/v1/platform/organizations',
    {
      schema: {
        tags,
        security,
        summary: 'All organizations with staff counts',
        response: { 200: z.array(PlatformOrganization), ...errors(401, 403) },
      },
    },
    async (req) =>
      (await listOrganizations(db, superadmin(req))).map((row) => ({
        ...presentOrganization(row.org),
        staffCount: row.staffCount,
        activeStaffCount: row.activeStaffCount,
      })),
  );

  app.post(
    '/api/v1/platform/organizations',
    {
      schema: {
        tags,
        security,
        summary: 'Create an organization and its first admin',
        body: CreateOrganizationRequest,
        response: { 201: CreateOrganizationResponse, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const actor = superadmin(req);
      const { org, admin, invite } = await createOrganization(db, actor, ctx.config.publicUrl, req.body);
      logInvite(ctx, admin.email, invite.setPasswordUrl);
      return reply.status(201).send({
        organization: { ...presentOrganization(org), staffCount: 1, activeStaffCount: 1 },
        admin: presentStaff(admin, actor),
        invite: { ...invite, expiresAt: invite.expiresAt.toISOString() },
      });
    },
  );

  const presentWithStats = async (orgId: string) => ({
    ...presentOrganization(await loadOrganization(db, orgId)),
    ...(await organizationStats(db, orgId)),
  });

  app.get(
    '/api/v1/platform/organizations/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One organization',
        params: OrgIdParams,
        response: { 200: PlatformOrganization, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      superadmin(req);
      return presentWithStats(req.params.id);
    },
  );

  app.patch(
    '/api/v1/platform/organizations/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change plan, seat limit, or deactivate an organization',
        params: OrgIdParams,
        body: UpdatePlanRequest,
        response: { 200: PlatformOrganization, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      await updateOrganizationPlan(db, superadmin(req), req.params.id, req.body);
      return presentWithStats(req.params.id);
    },
  );

  app.get(
    '/api/v1/platform/organizations/:id/staff',
    {
      schema: {
        tags,
        security,
        summary: 'Staff of an organization',
        params: OrgIdParams,
        response: { 200: z.array(StaffMember), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const actor = superadmin(req);
      await loadOrganization(db, req.params.id);
      return (await listStaff(db, actor, req.params.id)).map((user) => presentStaff(user, actor));
    },
  );

  app.post(
    '/api/v1/platform/organizations/:id/staff',
    {
      schema: {
        tags,
        security,
        summary: 'Add a staff member (admins too) to an organization',
        params: OrgIdParams,
        body: AddStaffRequest,
        response: { 201: AddStaffResponse, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      const actor = superadmin(req);
      await loadOrganization(db, req.params.id);
      const { user, invite } = await addStaff(db, actor, ctx.config.publicUrl, req.body, req.params.id);
      logInvite(ctx, user.email, invite.setPasswordUrl);
      return reply
        .status(201)
        .send({ staff: presentStaff(user, actor), invite: { ...invite, expiresAt: invite.expiresAt.toISOString() } });
    },
  );
}
