import {
  AuditPage,
  OrganizationWithSeats,
  PageQuery,
  PublicEntry,
  UpdateOrganizationRequest,
} from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { requireStaff } from '../../platform/auth.js';
import type { AppContext } from '../../platform/context.js';
import { forbidden } from '../../platform/errors.js';
import { listAudit } from '../audit/index.js';
import { qrPng, qrSvg } from '../qr/index.js';
import { seatUsage } from '../staff/index.js';
import { guestLinks } from './links.js';
import { organizationPolicy } from './policy.js';
import { presentOrganization } from './present.js';
import { getOwnOrganization, getPublicEntryOrganization, type OrgRow, updateOrganizationSettings } from './service.js';

export function registerOrganizationRoutes(app: Api, ctx: AppContext): void {
  const withSeats = async (org: OrgRow) => ({ ...presentOrganization(org), seats: await seatUsage(ctx.db, org.id) });

  app.get(
    '/api/v1/organization',
    {
      schema: {
        tags: ['organization'],
        summary: 'Your organization, with seat usage',
        security: staffSecurity,
        response: { 200: OrganizationWithSeats, ...errors(401, 403) },
      },
    },
    async (req) => withSeats(await getOwnOrganization(req.asStaff())),
  );

  app.patch(
    '/api/v1/organization',
    {
      schema: {
        tags: ['organization'],
        summary: 'Edit name, motto, logo, time zone and language (admins)',
        security: staffSecurity,
        body: UpdateOrganizationRequest,
        response: { 200: OrganizationWithSeats, ...errors(400, 401, 403) },
      },
    },
    async (req) => withSeats(await updateOrganizationSettings(req.asStaff(), req.body)),
  );

  app.get(
    '/api/v1/organization/public-entry',
    {
      schema: {
        tags: ['organization'],
        summary: 'The public entry link for anonymous visitors and whether it is on',
        security: staffSecurity,
        response: { 200: PublicEntry, ...errors(401, 403) },
      },
    },
    async (req) => {
      const org = await getPublicEntryOrganization(req.asStaff());
      const url = guestLinks.publicEntry(ctx.config.publicUrl, org.slug);
      return {
        enabled: org.publicEntryEnabled,
        url,
        qrSvgUrl: `${ctx.config.publicUrl}/api/v1/organization/public-entry/qr.svg`,
        qrPngUrl: `${ctx.config.publicUrl}/api/v1/organization/public-entry/qr.png`,
      };
    },
  );

  for (const format of ['svg', 'png'] as const) {
    app.get(
      `/api/v1/organization/public-entry/qr.${format}`,
      {
        schema: {
          tags: ['organization'],
          summary: `The public entry QR as ${format.toUpperCase()}, for a poster`,
          security: staffSecurity,
          produces: [format === 'svg' ? 'image/svg+xml' : 'image/png'],
        },
      },
      async (req, reply) => {
        const org = await getPublicEntryOrganization(req.asStaff());
        const url = guestLinks.publicEntry(ctx.config.publicUrl, org.slug);
        if (format === 'svg') return reply.type('image/svg+xml').send(await qrSvg(url));
        return reply.type('image/png').send(await qrPng(url));
      },
    );
  }

  app.get(
    '/api/v1/audit-log',
    {
      schema: {
        tags: ['organization'],
        summary: 'Who did what to accounts and settings, newest first (admins)',
        security: staffSecurity,
        querystring: PageQuery,
        response: { 200: AuditPage, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const actor = requireStaff(req);
      if (!organizationPolicy.viewAudit(actor) || !actor.orgId) throw forbidden('Only admins can read the audit log');
      const page = await listAudit(ctx.db, actor.orgId, req.query);
      return {
        nextBefore: page.nextBefore,
        entries: page.entries.map((e) => ({ ...e, createdAt: e.createdAt.toISOString() })),
      };
    },
  );
}
