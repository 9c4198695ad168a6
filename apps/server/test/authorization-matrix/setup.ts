import { randomUUID } from 'node:crypto';
import { apiKeyScopes } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { customers, labelBatches, labels, organizations, type stayGuests, type users } from '../../src/db/schema.js';
import { ApiClient } from '../client.js';
import { makeOrg, makeStaff, makeStay, makeSuperadmin, signIn, type TestOrg, type TestUser } from '../factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../harness.js';

/**
 * The world the authorization matrix runs in (see rows.ts): the test server, hotel A, hotel B,
 * service companies S and S2, and the shared account of every column. Each shard file of the matrix
 * starts its own (setUpWorld in its beforeAll): the module's state is per test file.
 */
export const actorRoles = [
  'anonymous',
  'field',
  'agent',
  'admin',
  'otherOrgAdmin',
  'superadmin',
  'guest',
  'guestBearer',
  'apiKey',
] as const;
export type ActorRole = (typeof actorRoles)[number];
/** The two columns of S's guest routes: a verified customer of S, and one of S2. */
export const customerRoles = ['customer', 'otherCustomer'] as const;
export type CustomerRole = (typeof customerRoles)[number];
export type CaseRole = ActorRole | CustomerRole;

export interface Actor {
  client: ApiClient;
  user: TestUser | null;
  /** A signed-in guest's own guest record (guests only). */
  guest?: typeof stayGuests.$inferSelect;
}

/** Organization A's seat limit (the super admin's PATCH sets the same again). */
export const ORG_A_SEATS = 100_000;

export let server: TestServer;
export let orgA: TestOrg;
export let orgB: TestOrg;
export let orgAInitial: typeof organizations.$inferSelect;
export const shared = {} as Record<ActorRole, Actor>;
/** Service company S (the `service` rows), another one (S2), and the columns' accounts for those rows. */
export let orgS: TestOrg;
export let orgS2: TestOrg;
export const sharedS = {} as Record<ActorRole, Actor>;
/** The customer columns of S's guest routes: a verified customer of S and one of S2. */
export const customersOfS = {} as Record<CustomerRole, Actor>;
/** The shared guest of A (the "guest" column): their access code, stay and guest record. */
export let matrixGuest: { code: string; stayId: string; guestId: string };
/** Every account that acted as organization B's admin, for the final audit-log check. */
export const foreignActorIds = new Set<string>();
/** Members of A a foreign admin tried to act on, as they were before, for the final check. */
export const foreignTargets: { label: string; id: string; before: typeof users.$inferSelect | undefined }[] = [];
/** An active agent of A that requests are handed to, and an inactive one that they may not be. */
export let colleague: TestUser;
export let inactiveAgentOfA: TestUser;
/** The shared account of a staff column. */
export const accountOf = (role: ActorRole): TestUser => {
  const user = shared[role]?.user;
  if (!user) throw new Error(`no account for ${role}`);
  return user;
};

/** Starts the test server and makes the organizations and the shared account of every column (a shard file's beforeAll). */
export async function setUpWorld() {
  // The matrix signs in ~30 times (and guests ~15 times) from one address: lift the rate limits for these files.
  server = await startTestServer(
    {
      apiKeyRequestsPerMinute: 1_000_000,
      loginLimits: { perIp: 10_000, perAccount: 1_000, perAccountAllAddresses: 10_000, windowSeconds: 60 },
      guestLimits: {
        codePerIp: 10_000,
        codeFailuresPerOrg: 1_000,
        codeWindowSeconds: 60,
        visitorPerIp: 1_000,
        visitorWindowSeconds: 60,
        labelAnswersPerLabel: 1_000,
        labelAnswersPerIp: 1_000,
        labelAnswerWindowSeconds: 60,
        labelCodesPerLabel: 1_000,
        labelCodesPerIp: 1_000,
        labelCodeWindowSeconds: 60,
      },
    },
    { PUSH_ALLOW_PRIVATE: 'true' },
  );
  orgA = await makeOrg(server, { seatLimit: ORG_A_SEATS, name: 'Organization A' });
  orgB = await makeOrg(server, { seatLimit: 1_000, name: 'Organization B' });
  const accounts: Record<Exclude<ActorRole, 'anonymous' | 'guest' | 'guestBearer' | 'apiKey'>, TestUser> = {
    field: await makeStaff(server, orgA, 'field'),
    agent: await makeStaff(server, orgA, 'agent'),
    admin: await makeStaff(server, orgA, 'admin'),
    otherOrgAdmin: await makeStaff(server, orgB, 'admin'),
    superadmin: await makeSuperadmin(server),
  };
  shared.anonymous = { client: new ApiClient(server.url), user: null };
  for (const [role, user] of Object.entries(accounts) as [ActorRole, TestUser][]) {
    shared[role] = { client: await signIn(server, user), user };
  }
  const guest = await signInGuest('cookie');
  shared.guest = guest;
  shared.guestBearer = await signInGuest('bearer');
  shared.apiKey = await keyOfA();
  matrixGuest = { code: guest.guest.code, stayId: guest.guest.stayId, guestId: guest.guest.id };
  foreignActorIds.add(accounts.otherOrgAdmin.id);
  colleague = await makeStaff(server, orgA, 'agent', { name: 'Matrix Colleague' });
  // A shows agents only their teams' requests; the matrix's requests of no team stay everyone's
  await server.ctx.db
    .update(organizations)
    .set({ conversationVisibility: 'team' })
    .where(eq(organizations.id, orgA.id));
  inactiveAgentOfA = await makeStaff(server, orgA, 'agent', { active: false });
  orgS = await makeOrg(server, { kind: 'service', name: 'Service company S' });
  orgS2 = await makeOrg(server, { kind: 'service', name: 'Service company S2' });
  Object.assign(sharedS, shared);
  for (const role of ['field', 'agent', 'admin', 'otherOrgAdmin'] as const) {
    const user = await makeStaff(
      server,
      role === 'otherOrgAdmin' ? orgS2 : orgS,
      role === 'otherOrgAdmin' ? 'admin' : role,
    );
    sharedS[role] = { client: await signIn(server, user), user };
    if (role === 'otherOrgAdmin') foreignActorIds.add(user.id);
  }
  sharedS.apiKey = await keyOfS();
  customersOfS.customer = await signInCustomer(orgS);
  customersOfS.otherCustomer = await signInCustomer(orgS2);
  const [org] = await server.ctx.db.select().from(organizations).where(eq(organizations.id, orgA.id));
  if (!org) throw new Error('organization A is missing');
  orgAInitial = org;
}

/**
 * A guest of a new live stay in A, signed in through the guest login with their access code: kept
 * as the fd_guest cookie (as the guest page does) or as the g_… bearer token (as an app would).
 */
export async function signInGuest(via: 'cookie' | 'bearer') {
  const { guest } = await makeStay(server, orgA, { guestName: 'Matrix Guest' });
  const client = new ApiClient(server.url);
  const res = await client.post(`/api/v1/guest/${orgA.slug}/login`, { code: guest.code });
  if (res.status !== 200 || !String(res.body.token).startsWith('g_') || !client.cookies.has('fd_guest')) {
    throw new Error(`guest login failed: ${res.status} ${JSON.stringify(res.body)}`);
  }
  if (via === 'bearer') {
    client.cookie = null;
    client.token = res.body.token;
  }
  return { client, user: null, guest } satisfies Actor;
}

/**
 * A customer of the service company with a label given to them, verified at it with the last four
 * digits of their phone: the session the customer's page holds (a cookie).
 */
async function signInCustomer(org: TestOrg): Promise<Actor> {
  const { db } = server.ctx;
  const [batch] = await db
    .insert(labelBatches)
    .values({ orgId: org.id, name: `Matrix customers ${uniqueSuffix()}`, size: 1 })
    .returning();
  const [customer] = await db
    .insert(customers)
    .values({ orgId: org.id, name: `Verified ${uniqueSuffix()}`, language: 'en', phones: ['601 234 567'] })
    .returning();
  if (!batch || !customer) throw new Error('no batch or customer');
  const token = randomUUID().replaceAll('-', '');
  await db.insert(labels).values({
    orgId: org.id,
    batchId: batch.id,
    token,
    code: uniqueSuffix().slice(0, 8).toUpperCase().padEnd(8, '0'),
    status: 'assigned',
    customerId: customer.id,
  });
  const client = new ApiClient(server.url);
  const res = await client.post(`/api/v1/guest/labels/${token}/verify`, { kind: 'phone_last4', answer: '4567' });
  if (res.status !== 200) throw new Error(`customer verification failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { client, user: null };
}

/** Another system with a new API key of A holding every scope, made by A's admin. */
const keyOfA = (): Promise<Actor> => newKey(shared.admin.client);
/** The same for service company S, made by S's admin. */
const keyOfS = (): Promise<Actor> => newKey(sharedS.admin.client);

async function newKey(admin: ApiClient): Promise<Actor> {
  const res = await admin.post('/api/v1/api-keys', { name: 'Matrix', scopes: [...apiKeyScopes] });
  if (res.status !== 201) throw new Error(`no API key: ${res.status} ${JSON.stringify(res.body)}`);
  const client = new ApiClient(server.url);
  client.token = res.body.key;
  return { client, user: null };
}

/** A new account of the role (in A, or in B for the other organization's admin), signed in. */
export async function freshActor(role: ActorRole, org?: 'service'): Promise<Actor> {
  let user: TestUser;
  if (role === 'anonymous') return { client: new ApiClient(server.url), user: null };
  if (role === 'guest') return signInGuest('cookie');
  if (role === 'guestBearer') return signInGuest('bearer');
  if (role === 'apiKey') return org ? keyOfS() : keyOfA();
  if (role === 'superadmin') user = await makeSuperadmin(server);
  else if (role === 'otherOrgAdmin') user = await makeStaff(server, org ? orgS2 : orgB, 'admin');
  else user = await makeStaff(server, org ? orgS : orgA, role);
  if (role === 'otherOrgAdmin') foreignActorIds.add(user.id);
  return { client: await signIn(server, user), user };
}
