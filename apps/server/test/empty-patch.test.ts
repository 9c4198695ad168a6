import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditLog, routingRules, scheduledMessages, users } from '../src/db/schema.js';
import type { ApiClient } from './client.js';
import {
  makeConversation,
  makeOrg,
  makeRooms,
  makeStaff,
  makeStay,
  makeSuperadmin,
  signIn,
  type TestOrg,
  type TestUser,
} from './factories.js';
import { startTestServer, type TestServer } from './harness.js';
import { type OpenApiDocument, openApi } from './openapi.js';

/**
 * An empty PATCH body changes nothing: every partial-update operation answers `{}` with the entity
 * as it is — no 500 ("No values to set"), no write, no audit entry for a change that did not happen.
 */

let server: TestServer;
let org: TestOrg;
let admin: ApiClient;
let adminUser: TestUser;
let owner: ApiClient;
let roomId: string;
let teamId: string;
let ruleId: string;
let stay: Awaited<ReturnType<typeof makeStay>>;
let cannedId: string;
let conversationId: string;
let scheduledId: string;
let serviceAdmin: ApiClient;
let serviceOrgId: string;
let customerId: string;
let formId: string;
let tagId: string;
let workItemId: string;
let webhookId: string;
let quickActionId: string;

beforeAll(async () => {
  server = await startTestServer();
  org = await makeOrg(server);
  adminUser = await makeStaff(server, org, 'admin');
  admin = await signIn(server, adminUser);
  owner = await signIn(server, await makeSuperadmin(server));
  const [room] = await makeRooms(server, org, ['101']);
  roomId = room?.id ?? '';
  teamId = (await admin.post('/api/v1/teams', { name: 'Reception' })).body.id;
  ruleId = (await admin.post('/api/v1/routing-rules', { name: 'Everything', teamId })).body.id;
  stay = await makeStay(server, org);
  cannedId = (
    await admin.post('/api/v1/canned-responses', { scope: 'shared', shortcut: 'hi', title: 'Hi', text: 'Hello' })
  ).body.id;
  tagId = (await admin.post('/api/v1/tags', { name: 'VIP', color: '#ffaa00' })).body.id;
  workItemId = (await admin.post('/api/v1/work-items', { title: 'Towels ×2 — room 101' })).body.id;
  webhookId = (
    await admin.post('/api/v1/webhooks', { url: 'https://93.184.216.34/hook', eventTypes: ['webhook.disabled'] })
  ).body.id;
  quickActionId = (await admin.post('/api/v1/quick-actions', { titles: { en: 'Extra towels' } })).body.id;
  const { guest } = await makeStay(server, org);
  conversationId = (await makeConversation(server, guest)).conversation.id;
  scheduledId = (
    await admin.post(`/api/v1/conversations/${conversationId}/scheduled-messages`, {
      body: 'Your taxi is here',
      sendAt: new Date(Date.now() + 3_600_000).toISOString(),
    })
  ).body.id;
  const company = await makeOrg(server, { kind: 'service' });
  serviceOrgId = company.id;
  serviceAdmin = await signIn(server, await makeStaff(server, company, 'admin'));
  customerId = (await serviceAdmin.post('/api/v1/customers', { name: 'Jan', phones: ['601234567'] })).body.customer.id;
  formId = (
    await serviceAdmin.post('/api/v1/forms', {
      name: 'Repair',
      draft: { steps: [{ fields: [{ key: 'what', type: 'short_text', label: 'What is wrong?' }] }] },
    })
  ).body.id;
});
afterAll(() => server?.close());

const auditCount = async () =>
  (
    await server.ctx.db
      .select({ id: auditLog.id })
      .from(auditLog)
      .where(inArray(auditLog.orgId, [org.id, serviceOrgId]))
  ).length;

/** Each partial update, with how to read the same entity back. */
const patches: Record<string, () => { client: ApiClient; path: string; read: () => Promise<unknown> }> = {
  'PATCH /api/v1/rooms/{id}': () => ({
    client: admin,
    path: `/api/v1/rooms/${roomId}`,
    read: async () => (await admin.get('/api/v1/rooms')).body.find((r: { id: string }) => r.id === roomId),
  }),
  'PATCH /api/v1/teams/{id}': () => ({
    client: admin,
    path: `/api/v1/teams/${teamId}`,
    read: async () => (await admin.get(`/api/v1/teams/${teamId}`)).body,
  }),
  'PATCH /api/v1/routing-rules/{id}': () => ({
    client: admin,
    path: `/api/v1/routing-rules/${ruleId}`,
    // the rule's updatedAt is not in the API: read it from the row too
    read: async () => ({
      rule: (await admin.get('/api/v1/routing-rules')).body.rules.find((r: { id: string }) => r.id === ruleId),
      row: await server.ctx.db.select().from(routingRules).where(eq(routingRules.id, ruleId)),
    }),
  }),
  'PATCH /api/v1/customers/{id}': () => ({
    client: serviceAdmin,
    path: `/api/v1/customers/${customerId}`,
    read: async () => (await serviceAdmin.get(`/api/v1/customers/${customerId}`)).body,
  }),
  'PATCH /api/v1/forms/{id}': () => ({
    client: serviceAdmin,
    path: `/api/v1/forms/${formId}`,
    read: async () => (await serviceAdmin.get(`/api/v1/forms/${formId}`)).body,
  }),
  'PATCH /api/v1/canned-responses/{id}': () => ({
    client: admin,
    path: `/api/v1/canned-responses/${cannedId}`,
    read: async () => (await admin.get(`/api/v1/canned-responses/${cannedId}`)).body,
  }),
  'PATCH /api/v1/tags/{id}': () => ({
    client: admin,
    path: `/api/v1/tags/${tagId}`,
    read: async () => (await admin.get('/api/v1/tags')).body.tags.find((t: { id: string }) => t.id === tagId),
  }),
  'PATCH /api/v1/work-items/{id}': () => ({
    client: admin,
    path: `/api/v1/work-items/${workItemId}`,
    read: async () => (await admin.get(`/api/v1/work-items/${workItemId}`)).body,
  }),
  'PATCH /api/v1/webhooks/{id}': () => ({
    client: admin,
    path: `/api/v1/webhooks/${webhookId}`,
    read: async () => (await admin.get(`/api/v1/webhooks/${webhookId}`)).body,
  }),
  'PATCH /api/v1/sso-settings': () => ({
    client: admin,
    path: '/api/v1/sso-settings',
    read: async () => (await admin.get('/api/v1/sso-settings')).body,
  }),
  'PATCH /api/v1/alert-settings': () => ({
    client: admin,
    path: '/api/v1/alert-settings',
    read: async () => (await admin.get('/api/v1/alert-settings')).body,
  }),
  'PATCH /api/v1/quick-actions/{id}': () => ({
    client: admin,
    path: `/api/v1/quick-actions/${quickActionId}`,
    read: async () => (await admin.get(`/api/v1/quick-actions/${quickActionId}`)).body,
  }),
  'PATCH /api/v1/me': () => ({
    client: admin,
    path: '/api/v1/me',
    // the account's updatedAt is not in the API: read it from the row
    read: async () => ({
      me: (await admin.get('/api/v1/auth/me')).body,
      row: await server.ctx.db.select({ updatedAt: users.updatedAt }).from(users).where(eq(users.id, adminUser.id)),
    }),
  }),
  'PATCH /api/v1/stays/{id}/guests/{guestId}': () => ({
    client: admin,
    path: `/api/v1/stays/${stay.stay.id}/guests/${stay.guest.id}`,
    read: async () => (await admin.get(`/api/v1/stays/${stay.stay.id}`)).body,
  }),
  'PATCH /api/v1/organization': () => ({
    client: admin,
    path: '/api/v1/organization',
    read: async () => (await admin.get('/api/v1/organization')).body,
  }),
  'PATCH /api/v1/conversations/{id}/scheduled-messages/{scheduledId}': () => ({
    client: admin,
    path: `/api/v1/conversations/${conversationId}/scheduled-messages/${scheduledId}`,
    read: async () => ({
      list: (await admin.get(`/api/v1/conversations/${conversationId}/scheduled-messages`)).body,
      row: await server.ctx.db.select().from(scheduledMessages).where(eq(scheduledMessages.id, scheduledId)),
    }),
  }),
  'PATCH /api/v1/platform/organizations/{id}/sso-settings': () => ({
    client: owner,
    path: `/api/v1/platform/organizations/${org.id}/sso-settings`,
    // the super admin only changes them: the organization's admin reads them
    read: async () => (await admin.get('/api/v1/sso-settings')).body,
  }),
  'PATCH /api/v1/platform/organizations/{id}': () => ({
    client: owner,
    path: `/api/v1/platform/organizations/${org.id}`,
    read: async () => (await owner.get(`/api/v1/platform/organizations/${org.id}`)).body,
  }),
};

describe('an empty PATCH body', () => {
  it('is covered here for every partial update in the OpenAPI document', async () => {
    const doc = (await (await fetch(`${server.url}/api/openapi.json`)).json()) as OpenApiDocument;
    const { operations, resolve } = openApi(doc);
    const partial = operations
      .filter((op) => op.method === 'PATCH' && op.body && !resolve(op.body).required?.length)
      .map((op) => op.name);
    expect(partial.sort()).toEqual(Object.keys(patches).sort());
  });

  it.each(Object.keys(patches))('%s with {} → 200, the entity unchanged, nothing audited', async (name) => {
    const { client, path, read } = patches[name]?.() ?? expect.unreachable();
    const before = await read();
    const audited = await auditCount();
    const res = await client.patch(path, {});
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(await read()).toEqual(before);
    expect(await auditCount()).toBe(audited);
  });
});
