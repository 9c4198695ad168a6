import {
  ChangeLeadRequest,
  CustomerLeadList,
  Lead,
  LeadCsvQuery,
  LeadList,
  LeadListQuery,
  PublishedForm,
  StayIdParams,
  SubmitLeadRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffOrKeySecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import { attachmentDisposition, csvStream } from '../../platform/csv.js';
import { presentAttachment } from '../conversations/index.js';
import { publishedForms } from '../forms/index.js';
import { leadsCsv } from './csv-export.js';
import { registerCustomerHistoryRoutes } from './customer-history-routes.js';
import { registerLeadPhotoRoutes } from './photo-routes.js';
import { presentLead } from './present.js';
import { registerLeadReportRoutes } from './report-routes.js';
import { changeLead, customerOfGuest, getLead, listLeads, ownLeads, submitLead } from './service.js';

const guestSecurity: { [scheme: string]: string[] }[] = [{ guestCookie: [] }, { bearerAuth: [] }];

export function registerLeadRoutes(app: Api, ctx: AppContext): void {
  const tags = ['leads'];
  const security = staffOrKeySecurity('customers:manage');
  const params = StayIdParams;
  registerLeadReportRoutes(app);
  registerCustomerHistoryRoutes(app);
  registerLeadPhotoRoutes(app);

  app.get(
    '/api/v1/leads',
    {
      schema: {
        tags,
        security,
        summary: 'Leads, newest first: filter by status, form, campaign or customer name',
        querystring: LeadListQuery,
        response: { 200: LeadList, ...errors(400, 401, 403) },
      },
    },
    async (req) => ({
      leads: (await listLeads(req.asStaffOrApiClient('customers:manage'), req.query)).map(presentLead),
    }),
  );

  app.get(
    '/api/v1/leads.csv',
    {
      schema: {
        tags,
        security,
        summary:
          'The leads list with the same filters as a CSV table, every page of it, streamed; times on the organization’s clock, named in the header',
        querystring: LeadCsvQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const csv = await leadsCsv(req.asStaffOrApiClient('customers:manage'), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header(
          'content-disposition',
          attachmentDisposition(`leads${req.query.status ? `-${req.query.status}` : ''}.csv`),
        )
        .send(csvStream(csv.header, csv.batches));
    },
  );

  app.get(
    '/api/v1/leads/:id',
    {
      schema: {
        tags,
        security,
        summary: 'A lead with its answers, as the version of the form the customer filled asked them',
        params,
        response: { 200: Lead, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => presentLead(await getLead(req.asStaffOrApiClient('customers:manage'), req.params.id)),
  );

  app.patch(
    '/api/v1/leads/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Move a lead along: contacted, converted, or lost (with a reason)',
        params,
        body: ChangeLeadRequest,
        response: { 200: Lead, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const caller = req.asStaffOrApiClient('customers:manage');
      await changeLead(caller, req.params.id, req.body);
      return presentLead(await getLead(caller, req.params.id));
    },
  );

  app.get(
    '/api/v1/guest/forms',
    {
      schema: {
        tags,
        security: guestSecurity,
        summary: 'The request forms a signed-in customer can fill (their company’s published versions)',
        response: { 200: z.object({ forms: z.array(PublishedForm) }), ...errors(401, 403, 410) },
      },
    },
    async (req) => {
      const guest = req.asGuest();
      await customerOfGuest(guest.db, guest.actor);
      const forms = await publishedForms(ctx.db, guest.actor.orgId);
      return {
        forms: forms.map((f) => ({
          id: f.form.id,
          name: f.form.name,
          description: f.form.description,
          version: f.version,
          definition: f.definition,
        })),
      };
    },
  );

  app.post(
    '/api/v1/guest/leads',
    {
      schema: {
        tags,
        security: guestSecurity,
        summary: 'A customer sends a request form: it becomes a lead, and their chat opens with a summary of it',
        body: SubmitLeadRequest,
        response: { 201: CustomerLeadList.shape.leads.element, ...errors(400, 401, 403, 404, 410) },
      },
    },
    async (req, reply) => {
      const { lead, formName, photos } = await submitLead(req.asGuest(), req.body);
      return reply.status(201).send({
        id: lead.id,
        formName,
        status: lead.status,
        conversationId: lead.conversationId,
        photos,
        createdAt: lead.createdAt.toISOString(),
      });
    },
  );

  app.get(
    '/api/v1/guest/leads',
    {
      schema: {
        tags,
        security: guestSecurity,
        summary: 'The signed-in customer’s own requests and where each stands',
        response: { 200: CustomerLeadList, ...errors(401, 403, 410) },
      },
    },
    async (req) => ({
      leads: (await ownLeads(req.asGuest())).map((v) => ({
        id: v.lead.id,
        formName: v.formName,
        status: v.lead.status,
        conversationId: v.lead.conversationId,
        photos: v.photos.map(presentAttachment),
        createdAt: v.lead.createdAt.toISOString(),
      })),
    }),
  );
}
