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
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
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
  const superadmin = (req: FastifyRequest) => {
    const staff = req.asStaff();
    if (!staff.actor.superadmin) throw forbidden('Only a platform super admin can do this');
    return staff;
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
      (await listOrganizations(superadmin(req))).map((row) => ({
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
      const staff = superadmin(req);
      const { org, admin, invite } = await createOrganization(staff, req.body);
      logInvite(ctx, admin.email, invite.setPasswordUrl);
      return reply.status(201).send({
        organization: { ...presentOrganization(org), staffCount: 1, activeStaffCount: 1 },
        admin: presentStaff(admin, staff.actor),
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
      await updateOrganizationPlan(superadmin(req), req.params.id, req.body);
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
      const staff = superadmin(req);
      await loadOrganization(db, req.params.id);
      return (await listStaff(staff, req.params.id)).map((user) => presentStaff(user, staff.actor));
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
      const staff = superadmin(req);
      await loadOrganization(db, req.params.id);
      const { user, invite } = await addStaff(staff, req.body, req.params.id);
      logInvite(ctx, user.email, invite.setPasswordUrl);
      return reply.status(201).send({
        staff: presentStaff(user, staff.actor),
        invite: { ...invite, expiresAt: invite.expiresAt.toISOString() },
      });
    },
  );
}
