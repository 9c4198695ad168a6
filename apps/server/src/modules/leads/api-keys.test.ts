import { and, asc, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../../../test/client.js';
import { makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditLog, domainEvents } from '../../db/schema.js';
import { companyWithRequests } from './test-company.js';

// A CRM keeping a service company's customers and leads in step, and a BI tool reading its
// lead-source report, with API keys (README "API keys": customers:manage, reports:read).

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({}, { API_KEY_REQUESTS_PER_MINUTE: '1000' });
});
afterAll(() => server?.close());

/** A key of `org` with `scopes`, made by a new admin of it (or `admin`). */
async function keyOf(org: TestOrg, scopes: string[], admin?: ApiClient) {
  const desk = admin ?? (await signInWithToken(server, await makeStaff(server, org, 'admin')));
  const res = await desk.post('/api/v1/api-keys', { name: 'CRM', scopes });
  expect(res.status).toBe(201);
  const client = new ApiClient(server.url);
  client.token = res.body.key;
  return { client, id: res.body.id as string, admin: desk };
}

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);
/** Yesterday to tomorrow: today on any organization's clock. */
const around = `from=${day(-1)}&to=${day(1)}`;

/** Every route a key with `customers:manage` may call, on the customer `c` and the lead `l`. */
const crmRoutes = (c: string, l: string) =>
  [
    ['get', '/api/v1/customers'],
    ['get', '/api/v1/customers/duplicates?phone=601234567'],
    ['post', '/api/v1/customers', { name: 'Ewa' }],
    ['get', `/api/v1/customers/${c}`],
    ['patch', `/api/v1/customers/${c}`, { notes: 'x' }],
    ['delete', `/api/v1/customers/${c}`],
    ['get', '/api/v1/customer-fields'],
    ['get', '/api/v1/leads'],
    ['get', `/api/v1/leads/${l}`],
    ['patch', `/api/v1/leads/${l}`, { status: 'contacted' }],
  ] as const;
const reportRoutes = [`/api/v1/leads/report?${around}`, `/api/v1/leads/report.csv?${around}`];

const call = (client: ApiClient, [method, path, body]: readonly [string, string, unknown?]): Promise<ApiResponse> =>
  client.request(method.toUpperCase(), path, body);

describe('a key with customers:manage', () => {
  it('lists, finds, adds, changes and archives customers as the API client, audited and announced as the key', async () => {
    const { org, customer } = await companyWithRequests(server, 0);
    const { client, id: keyId } = await keyOf(org, ['customers:manage']);

    const added = await client.post('/api/v1/customers', {
      name: 'Jan Kowalski',
      phones: ['+48 601 234 567'],
      emails: ['jan@example.com'],
    });
    expect(added.status).toBe(201);
    expect(added.body.customer).toMatchObject({ name: 'Jan Kowalski', createdBy: null });
    // the hint names the customer the company had with that phone
    expect(added.body.duplicates.map((d: { id: string }) => d.id)).toEqual([customer.id]);
    const id = added.body.customer.id as string;

    const list = await client.get('/api/v1/customers?q=jan');
    expect(list.status).toBe(200);
    expect(list.body.customers.map((c: { id: string }) => c.id).sort()).toEqual([customer.id, id].sort());
    // a key adds customers as nobody: none are its own
    expect((await client.get('/api/v1/customers?mine=true')).body.customers).toEqual([]);
    const hints = await client.get('/api/v1/customers/duplicates?email=JAN@example.com');
    expect(hints.body.duplicates.map((d: { id: string }) => d.id)).toEqual([id]);
    expect((await client.get('/api/v1/customer-fields')).body).toEqual({ fields: [] });

    const changed = await client.patch(`/api/v1/customers/${id}`, { notes: 'Synced from the CRM', companyName: 'JK' });
    expect(changed.status).toBe(200);
    expect(changed.body.customer).toMatchObject({ notes: 'Synced from the CRM', companyName: 'JK' });
    expect((await client.get(`/api/v1/customers/${id}`)).body.customer.notes).toBe('Synced from the CRM');
    // a key changes what staff added too (as an admin does)
    expect((await client.patch(`/api/v1/customers/${customer.id}`, { notes: 'Key was here' })).status).toBe(200);

    expect((await client.delete(`/api/v1/customers/${id}`)).status).toBe(204);
    expect((await client.get(`/api/v1/customers/${id}`)).status).toBe(404);

    const audit = await server.ctx.db
      .select({ action: auditLog.action, actorKind: auditLog.actorKind, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.targetId, id)))
      .orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action)).toEqual(['customer.created', 'customer.updated', 'customer.archived']);
    for (const entry of audit) expect(entry).toMatchObject({ actorKind: 'api_client', actorId: keyId });

    const events = await server.ctx.db
      .select({ data: domainEvents.data })
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'customer.changed'), eq(domainEvents.stream, `customer:${id}`)))
      .orderBy(asc(domainEvents.position));
    expect(events.map((e) => e.data)).toEqual([
      { customerId: id, change: 'created', fields: [], byUserId: null, byApiKeyId: keyId },
      { customerId: id, change: 'updated', fields: ['companyName', 'notes'], byUserId: null, byApiKeyId: keyId },
      { customerId: id, change: 'archived', fields: [], byUserId: null, byApiKeyId: keyId },
    ]);
  });

  it('lists, reads and moves leads along as the API client, audited and announced as the key', async () => {
    const { org, admin, sent } = await companyWithRequests(server);
    const { client, id: keyId } = await keyOf(org, ['customers:manage'], admin.api);
    const list = await client.get('/api/v1/leads');
    expect(list.status).toBe(200);
    expect(list.body.leads.map((l: { id: string }) => l.id).sort()).toEqual(sent.map((s) => s.id).sort());
    const [lead] = sent;
    expect((await client.get(`/api/v1/leads/${lead.id}`)).body).toMatchObject({ id: lead.id, status: 'new' });

    const lost = await client.patch(`/api/v1/leads/${lead.id}`, { status: 'lost', lostReason: 'Chose another firm' });
    expect(lost.status).toBe(200);
    expect(lost.body).toMatchObject({ status: 'lost', lostReason: 'Chose another firm' });
    // staff see where it stands
    expect((await admin.api.get(`/api/v1/leads/${lead.id}`)).body.status).toBe('lost');

    const [audit] = await server.ctx.db
      .select({ action: auditLog.action, actorKind: auditLog.actorKind, actorId: auditLog.actorId })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.targetId, lead.id)));
    expect(audit).toEqual({ action: 'lead.status_changed', actorKind: 'api_client', actorId: keyId });
    const [event] = await server.ctx.db
      .select({ data: domainEvents.data })
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'lead.status_changed'), eq(domainEvents.orgId, org.id)));
    expect(event?.data).toMatchObject({ leadId: lead.id, from: 'new', to: 'lost', byUserId: null, byApiKeyId: keyId });
  });

  it('never reads or changes another company’s customers and leads, and a hotel’s key has none', async () => {
    const ours = await companyWithRequests(server, 1);
    const theirs = await companyWithRequests(server, 1);
    const { client } = await keyOf(ours.org, ['customers:manage'], ours.admin.api);
    const c = theirs.customer.id as string;
    const l = theirs.sent[0].id as string;
    for (const route of crmRoutes(c, l).filter(([, path]) => path.includes(c) || path.includes(l))) {
      const res = await call(client, route);
      expect(res.status, `${route[0]} ${route[1]}`).toBe(404);
    }
    expect((await client.get('/api/v1/customers')).body.customers.map((x: { id: string }) => x.id)).toEqual([
      ours.customer.id,
    ]);
    expect((await client.get('/api/v1/leads')).body.leads.map((x: { id: string }) => x.id)).toEqual([ours.sent[0].id]);
    expect((await client.get('/api/v1/customers/duplicates?phone=601234567')).body.duplicates).toEqual([
      expect.objectContaining({ id: ours.customer.id }),
    ]);
    // theirs is untouched
    expect((await theirs.admin.api.get(`/api/v1/customers/${c}`)).body.customer.notes).toBe('');
    expect((await theirs.admin.api.get(`/api/v1/leads/${l}`)).body.status).toBe('new');

    const hotel = await keyOf(await makeOrg(server), ['customers:manage', 'reports:read']);
    for (const route of crmRoutes(c, l)) {
      const res = await call(hotel.client, route);
      expect(res.status, `${route[0]} ${route[1]}`).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
    for (const path of reportRoutes) {
      const res = await hotel.client.get(path);
      expect(res.status, path).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  it('is refused without the scope (403), once revoked (401), and on the routes not open to keys', async () => {
    const { org, admin, customer, sent } = await companyWithRequests(server, 1);
    const c = customer.id as string;
    const l = sent[0].id as string;
    const reader = await keyOf(org, ['reports:read', 'conversations:read'], admin.api);
    for (const route of crmRoutes(c, l)) {
      const res = await call(reader.client, route);
      expect(res.status, `${route[0]} ${route[1]}`).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'api_key_scope_missing', details: { scope: 'customers:manage' } });
    }
    const crm = await keyOf(org, ['customers:manage'], admin.api);
    for (const path of reportRoutes) {
      const res = await crm.client.get(path);
      expect(res.status, path).toBe(403);
      expect(res.body.error).toMatchObject({ code: 'api_key_scope_missing', details: { scope: 'reports:read' } });
    }
    // the customers' sessions, their history, the settings and the lead's work order stay staff's
    for (const route of [
      ['post', `/api/v1/customers/${c}/sign-out`],
      ['get', `/api/v1/customers/${c}/history`],
      ['put', '/api/v1/customer-fields', { fields: [] }],
      [
        'post',
        `/api/v1/leads/${l}/convert`,
        {
          window: {
            start: new Date(Date.now() + 86_400_000).toISOString(),
            end: new Date(Date.now() + 90_000_000).toISOString(),
          },
          address: 'Polna 5, Warszawa',
        },
      ],
    ] as const) {
      const res = await call(crm.client, route);
      expect(res.status, `${route[0]} ${route[1]}`).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }

    const all = await keyOf(org, ['customers:manage', 'reports:read'], admin.api);
    expect((await all.client.get('/api/v1/customers')).status).toBe(200);
    expect((await admin.api.post(`/api/v1/api-keys/${all.id}/revoke`)).status).toBe(200);
    for (const route of [...crmRoutes(c, l), ...reportRoutes.map((p) => ['get', p] as const)]) {
      const res = await call(all.client, route);
      expect(res.status, `${route[0]} ${route[1]}`).toBe(401);
      expect(res.body.error.code).toBe('api_key_invalid');
    }
    // nothing changed through the refused calls
    const changes = await server.ctx.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), inArray(auditLog.targetId, [c, l]), eq(auditLog.actorKind, 'api_client')));
    expect(changes).toEqual([]);
  });
});

describe('a key with reports:read', () => {
  it('reads where its own company’s leads come from, as JSON and as CSV', async () => {
    const { org, admin } = await companyWithRequests(server);
    const other = await companyWithRequests(server, 1);
    const { client } = await keyOf(org, ['reports:read'], admin.api);
    const report = await client.get(`/api/v1/leads/report?${around}`);
    expect(report.status).toBe(200);
    expect(report.body.total).toMatchObject({ leads: 2, open: 2 });
    expect(report.body.byForm.map((r: { name: string }) => r.name).sort()).toEqual([
      'Boiler service',
      'Emergency repair',
    ]);
    // the same as its admin reads
    expect((await admin.api.get(`/api/v1/leads/report?${around}`)).body).toEqual(report.body);

    const csv = await client.get(`/api/v1/leads/report.csv?${around}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.body).toContain('Boiler service');

    const theirs = await keyOf(other.org, ['reports:read'], other.admin.api);
    expect((await theirs.client.get(`/api/v1/leads/report?${around}`)).body.total.leads).toBe(1);
    // reading is all it does
    expect((await client.get('/api/v1/customers')).body.error.code).toBe('api_key_scope_missing');
  });
});
