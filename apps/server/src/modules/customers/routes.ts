import {
  CreateCustomerRequest,
  CreatedCustomer,
  CustomerCsvQuery,
  CustomerDetail,
  CustomerDuplicatesQuery,
  CustomerFieldList,
  CustomerList,
  CustomerListQuery,
  DuplicateHints,
  ExternalIdParams,
  PutCustomerFieldsRequest,
  StayIdParams,
  UpdateCustomerRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffOrKeySecurity, staffSecurity } from '../../platform/api.js';
import { attachmentDisposition, csvStream } from '../../platform/csv.js';
import { customersCsv } from './csv-export.js';
import { pushCustomer } from './external.js';
import { listCustomerFields, putCustomerFields } from './fields.js';
import { presentCustomer } from './present.js';
import {
  archiveCustomer,
  createCustomer,
  findDuplicates,
  getCustomer,
  listCustomers,
  signOutCustomer,
  updateCustomer,
} from './service.js';

export function registerCustomerRoutes(app: Api): void {
  const tags = ['customers'];
  const security = staffSecurity;
  /** The routes a CRM keeping its records in step uses (README "API keys"). */
  const keySecurity = staffOrKeySecurity('customers:manage');
  const params = StayIdParams;

  app.get(
    '/api/v1/customers',
    {
      schema: {
        tags,
        security: keySecurity,
        summary: 'Customers by name, searched by name, company, phone, e-mail, street or postcode (service companies)',
        querystring: CustomerListQuery,
        response: { 200: CustomerList, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const page = await listCustomers(req.asStaffOrApiClient('customers:manage'), req.query);
      return { customers: page.rows.map(presentCustomer), next: page.next };
    },
  );

  app.get(
    '/api/v1/customers.csv',
    {
      schema: {
        tags,
        security: keySecurity,
        summary:
          'The customers list with the same filters as a CSV table, every page of it, streamed: contacts, addresses, the organization’s own fields, and when each was added on the organization’s clock, named in the header (whoever may list customers; API keys with customers:manage)',
        querystring: CustomerCsvQuery,
        produces: ['text/csv'],
      },
    },
    async (req, reply) => {
      const csv = await customersCsv(req.asStaffOrApiClient('customers:manage'), req.query);
      return reply
        .type('text/csv; charset=utf-8')
        .header('content-disposition', attachmentDisposition(req.query.mine ? 'my-customers.csv' : 'customers.csv'))
        .send(csvStream(csv.header, csv.batches));
    },
  );

  app.get(
    '/api/v1/customers/duplicates',
    {
      schema: {
        tags,
        security: keySecurity,
        summary: 'Customers with this phone or e-mail: a hint while typing that they may exist already',
        querystring: CustomerDuplicatesQuery,
        response: { 200: DuplicateHints, ...errors(400, 401, 403) },
      },
    },
    async (req) => ({ duplicates: await findDuplicates(req.asStaffOrApiClient('customers:manage'), req.query) }),
  );

  app.post(
    '/api/v1/customers',
    {
      schema: {
        tags,
        security: keySecurity,
        summary: 'Add a customer (admins, dispatchers, field staff, API keys)',
        body: CreateCustomerRequest,
        response: { 201: CreatedCustomer, ...errors(400, 401, 403) },
      },
    },
    async (req, reply) => {
      const caller = req.asStaffOrApiClient('customers:manage');
      const { row, duplicates } = await createCustomer(caller, req.body);
      return reply.status(201).send({
        customer: presentCustomer({ ...row, createdByName: caller.actor.name }),
        duplicates,
      });
    },
  );

  app.get(
    '/api/v1/customers/:id',
    {
      schema: {
        tags,
        security: keySecurity,
        summary: 'A customer, with others who may be the same person',
        params,
        response: { 200: CustomerDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { row, duplicates } = await getCustomer(req.asStaffOrApiClient('customers:manage'), req.params.id);
      return { customer: presentCustomer(row), duplicates };
    },
  );

  app.patch(
    '/api/v1/customers/:id',
    {
      schema: {
        tags,
        security: keySecurity,
        summary: 'Change a customer (field staff: only those they added)',
        params,
        body: UpdateCustomerRequest,
        response: { 200: CustomerDetail, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const caller = req.asStaffOrApiClient('customers:manage');
      await updateCustomer(caller, req.params.id, req.body);
      const { row, duplicates } = await getCustomer(caller, req.params.id);
      return { customer: presentCustomer(row), duplicates };
    },
  );

  app.delete(
    '/api/v1/customers/:id',
    {
      schema: {
        tags,
        security: keySecurity,
        summary: 'Remove a customer from the lists (admins, API keys); their history is kept',
        params,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await archiveCustomer(req.asStaffOrApiClient('customers:manage'), req.params.id);
      return reply.status(204).send();
    },
  );

  app.post(
    '/api/v1/customers/:id/sign-out',
    {
      schema: {
        tags,
        security,
        summary: 'Sign the customer out on every device they verified on (admins and dispatchers)',
        params,
        response: { 200: z.object({ sessions: z.number().int() }), ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({ sessions: await signOutCustomer(req.asStaff(), req.params.id) }),
  );

  app.put(
    '/api/v1/customers/by-external-id/:externalId',
    {
      schema: {
        tags,
        security: keySecurity,
        summary:
          'A CRM customer by its own id: created on the first push (201), brought in line with the body on the next (200)',
        params: ExternalIdParams,
        body: CreateCustomerRequest,
        response: { 200: CreatedCustomer, 201: CreatedCustomer, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => {
      const caller = req.asStaffOrApiClient('customers:manage');
      const { row, duplicates, created } = await pushCustomer(caller, req.params.externalId, req.body);
      return reply.status(created ? 201 : 200).send({ customer: presentCustomer(row), duplicates });
    },
  );

  app.get(
    '/api/v1/customer-fields',
    {
      schema: {
        tags,
        security: keySecurity,
        summary: 'The extra fields of every customer record, in order',
        response: { 200: CustomerFieldList, ...errors(401, 403) },
      },
    },
    async (req) => ({ fields: await listCustomerFields(req.asStaffOrApiClient('customers:manage')) }),
  );

  app.put(
    '/api/v1/customer-fields',
    {
      schema: {
        tags,
        security,
        summary: 'Choose the extra fields of every customer record (admins); the list replaces the one before',
        body: PutCustomerFieldsRequest,
        response: { 200: CustomerFieldList, ...errors(400, 401, 403) },
      },
    },
    async (req) => ({ fields: await putCustomerFields(req.asStaff(), req.body) }),
  );
}
