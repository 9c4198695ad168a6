import {
  AssignLabelRequest,
  CreateLabelBatchRequest,
  FindLabelQuery,
  GuestLoginResponse,
  Label,
  LabelBatch,
  LabelCodeSent,
  LabelDetail,
  LabelList,
  LabelListQuery,
  LabelScan,
  LabelSheetQuery,
  LabelTokenParams,
  StayIdParams,
  VerifyLabelRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import type { StaffActor } from '../../platform/actor.js';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { beginGuestSession, createGuestSession, presentPublicOrganization } from '../guest/index.js';
import { getOwnOrganization } from '../organizations/index.js';
import { labelSheetPdf } from '../qr/index.js';
import { labelUrl, printedCode } from './codes.js';
import { presentBatch, presentLabel } from './present.js';
import { requestCodeAtLabel, scanLabel, verifyAtLabel } from './scan.js';
import {
  assignLabel,
  createBatch,
  findLabel,
  getLabel,
  listBatches,
  listLabels,
  loadBatch,
  retireLabel,
} from './service.js';

export function registerLabelRoutes(app: Api, ctx: AppContext): void {
  const tags = ['labels'];
  const security = staffSecurity;
  const params = StayIdParams;
  const publicUrl = ctx.config.publicUrl;
  const labelAnswer = async (staff: ServiceContext<StaffActor>, id: string) =>
    presentLabel((await getLabel(staff, id)).view, publicUrl);

  app.get(
    '/api/v1/label-batches',
    {
      schema: {
        tags,
        security,
        summary: 'Batches of QR labels, newest first, with how many are blank, assigned and retired',
        response: { 200: z.object({ batches: z.array(LabelBatch) }), ...errors(401, 403) },
      },
    },
    async (req) => ({
      batches: (await listBatches(req.asStaff())).map((b) => presentBatch(b.batch, b.counts, b.createdByName)),
    }),
  );

  app.post(
    '/api/v1/label-batches',
    {
      schema: {
        tags,
        security,
        summary: 'Create a batch of blank QR labels to print (admins)',
        body: CreateLabelBatchRequest,
        response: { 201: LabelBatch, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const staff = req.asStaff();
      const batch = await createBatch(staff, req.body);
      const counts = { blank: batch.size, assigned: 0, retired: 0 };
      return reply.status(201).send(presentBatch(batch, counts, staff.actor.name));
    },
  );

  app.get(
    '/api/v1/label-batches/:id/sheet.pdf',
    {
      schema: {
        tags,
        security,
        summary: 'Printable sticker sheets of a batch (A4 3×8, A4 2×5 or US Letter 2×5): its blank labels, or all',
        params,
        querystring: LabelSheetQuery,
        produces: ['application/pdf'],
      },
    },
    async (req, reply) => {
      const staff = req.asStaff();
      const batch = await loadBatch(staff, req.params.id);
      const org = await getOwnOrganization(staff);
      const views = await listLabels(staff, {
        batchId: batch.id,
        status: req.query.status === 'blank' ? 'blank' : undefined,
        mine: false,
        limit: batch.size,
      });
      const logo = org.logoFileId ? await ctx.files.get(org.logoFileId) : null;
      const pdf = await labelSheetPdf(
        {
          companyName: org.name,
          logo,
          instruction: 'Scan for service or a repair',
          labels: views.map((v) => ({ url: labelUrl(publicUrl, v.label.token), code: printedCode(v.label.code) })),
        },
        req.query.layout,
      );
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${org.slug}-labels-${req.query.layout}.pdf"`)
        .send(pdf);
    },
  );

  app.get(
    '/api/v1/labels',
    {
      schema: {
        tags,
        security,
        summary: 'Labels of a batch, of a customer, or those this user assigned',
        querystring: LabelListQuery,
        response: { 200: LabelList, ...errors(400, 401, 403) },
      },
    },
    async (req) => ({ labels: (await listLabels(req.asStaff(), req.query)).map((v) => presentLabel(v, publicUrl)) }),
  );

  app.get(
    '/api/v1/labels/find',
    {
      schema: {
        tags,
        security,
        summary: 'A label by the code printed under its QR, or by its link (a technician’s scan)',
        querystring: FindLabelQuery,
        response: { 200: Label, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => presentLabel(await findLabel(req.asStaff(), req.query), publicUrl),
  );

  app.get(
    '/api/v1/labels/:id',
    {
      schema: {
        tags,
        security,
        summary: 'A label with its history',
        params,
        response: { 200: LabelDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { view, history } = await getLabel(req.asStaff(), req.params.id);
      return {
        label: presentLabel(view, publicUrl),
        history: [
          { change: 'created' as const, customer: null, by: null, at: view.label.createdAt.toISOString() },
          ...history.map((h) => ({
            change: h.event.change,
            customer: h.event.customerId ? { id: h.event.customerId, name: h.customerName ?? '' } : null,
            by: h.event.byUserId ? { id: h.event.byUserId, name: h.byName ?? '' } : null,
            at: h.event.createdAt.toISOString(),
          })),
        ],
      };
    },
  );

  app.post(
    '/api/v1/labels/:id/assign',
    {
      schema: {
        tags,
        security,
        summary: 'Give a label to a customer (a blank one: anyone at the company; moving one: admins and dispatchers)',
        params,
        body: AssignLabelRequest,
        response: { 200: Label, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await assignLabel(staff, req.params.id, req.body.customerId);
      return labelAnswer(staff, req.params.id);
    },
  );

  app.post(
    '/api/v1/labels/:id/retire',
    {
      schema: {
        tags,
        security,
        summary: 'Take a label out of use for good (admins)',
        params,
        response: { 200: Label, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await retireLabel(staff, req.params.id);
      return labelAnswer(staff, req.params.id);
    },
  );

  app.get(
    '/api/v1/public/labels/:token',
    {
      schema: {
        tags,
        summary:
          'What a scanned label shows anyone: its company, whether it is in use, and what its customer may answer',
        params: LabelTokenParams,
        response: { 200: LabelScan, ...errors(400, 404) },
      },
    },
    async (req) => {
      const scan = await scanLabel(ctx.db, req.params.token);
      return { status: scan.status, organization: presentPublicOrganization(scan.org), challenges: scan.challenges };
    },
  );

  app.post(
    '/api/v1/guest/labels/:token/code',
    {
      schema: {
        tags,
        summary:
          'A customer at their label asks for a one-time code by e-mail, to the address on file (shown masked); a new request replaces the last code',
        params: LabelTokenParams,
        response: { 200: LabelCodeSent, ...errors(400, 404, 409, 429) },
      },
    },
    async (req) => {
      const sent = await requestCodeAtLabel(req.asAnonymous(), req.params.token);
      return { sentTo: sent.sentTo, expiresAt: sent.expiresAt.toISOString() };
    },
  );

  app.post(
    '/api/v1/guest/labels/:token/verify',
    {
      schema: {
        tags,
        summary:
          'A customer proves who they are at their label (last 4 digits of their phone, their postcode, or the code e-mailed to them) and is signed in on this device',
        params: LabelTokenParams,
        body: VerifyLabelRequest,
        response: { 200: GuestLoginResponse, ...errors(400, 401, 404, 409, 410, 429) },
      },
    },
    async (req, reply) => {
      const { orgId, visitorId } = await verifyAtLabel(req.asAnonymous(), req.params.token, req.body);
      const expiresAt = new Date(Date.now() + CUSTOMER_SESSION_DAYS * 24 * 3600 * 1000);
      const { token } = await createGuestSession(ctx.db, { orgId, visitorId, expiresAt });
      return beginGuestSession(ctx, req, reply, { token, expiresAt });
    },
  );
}

/** How long a verified device stays signed in (staff can sign a customer out everywhere before). */
const CUSTOMER_SESSION_DAYS = 180;
