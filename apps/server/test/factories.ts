import type { PlanName, Role } from '@frontdesk/protocol';
import { plans } from '@frontdesk/protocol';
import type { Db } from '../src/db/connection.js';
import { conversations, messages, organizations, rooms, stayGuests, stays, users } from '../src/db/schema.js';
import { hashPassword } from '../src/modules/auth/passwords.js';
import { resolveGuestSession } from '../src/modules/guest/index.js';
import { newAccessCode } from '../src/modules/stays/codes.js';
import type { GuestActor } from '../src/platform/actor.js';
import { ApiClient } from './client.js';
import { uniqueSuffix } from './harness.js';

/** A running Frontdesk the factories write to: a test server, or a database beside spawned nodes. */
export interface TestServer {
  url: string;
  ctx: { db: Db };
}

export const TEST_PASSWORD = 'correct-horse-battery';
let passwordHash: Promise<string> | undefined;
const testPasswordHash = () => {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  return passwordHash;
};

export interface TestOrg {
  id: string;
  slug: string;
  name: string;
}

export interface TestUser {
  id: string;
  email: string;
  password: string;
  role: Role | null;
  orgId: string | null;
}

/** A fresh organization of its own, so tests never share or truncate data. */
export async function makeOrg(
  server: TestServer,
  opts: { seatLimit?: number; name?: string; kind?: 'hotel' | 'service'; plan?: PlanName } = {},
): Promise<TestOrg> {
  const suffix = uniqueSuffix();
  const [org] = await server.ctx.db
    .insert(organizations)
    .values({
      slug: `org-${suffix}`,
      kind: opts.kind ?? 'hotel',
      name: opts.name ?? (opts.kind === 'service' ? `Test Heating ${suffix}` : `Test Hotel ${suffix}`),
      timezone: 'Europe/Warsaw',
      seatLimit: opts.seatLimit ?? plans.free,
      // a plan with tasks, as every organization had before plans gated them (migration 0036)
      plan: opts.plan ?? 'team',
    })
    .returning();
  if (!org) throw new Error('no org');
  return { id: org.id, slug: org.slug, name: org.name };
}

export async function makeStaff(
  server: TestServer,
  org: TestOrg,
  role: Role,
  opts: { active?: boolean; name?: string } = {},
): Promise<TestUser> {
  const email = `${role}-${uniqueSuffix()}@example.test`;
  const [user] = await server.ctx.db
    .insert(users)
    .values({
      orgId: org.id,
      email,
      name: opts.name ?? `${role} ${email.slice(0, 12)}`,
      role,
      passwordHash: await testPasswordHash(),
      active: opts.active ?? true,
    })
    .returning();
  if (!user) throw new Error('no user');
  return { id: user.id, email, password: TEST_PASSWORD, role, orgId: org.id };
}

export async function makeSuperadmin(server: TestServer): Promise<TestUser> {
  const email = `owner-${uniqueSuffix()}@example.test`;
  const [user] = await server.ctx.db
    .insert(users)
    .values({ email, name: 'Platform owner', superadmin: true, passwordHash: await testPasswordHash() })
    .returning();
  if (!user) throw new Error('no user');
  return { id: user.id, email, password: TEST_PASSWORD, role: null, orgId: null };
}

/** A browser-like client already signed in as `user`. */
export async function signIn(server: TestServer, user: TestUser): Promise<ApiClient> {
  const client = new ApiClient(server.url);
  const res = await client.login(user.email, user.password);
  if (res.status !== 200) throw new Error(`login failed for ${user.email}: ${res.status} ${JSON.stringify(res.body)}`);
  return client;
}

/** An API client using the bearer token from login instead of the cookie. */
export async function signInWithToken(server: TestServer, user: TestUser): Promise<ApiClient> {
  const client = await signIn(server, user);
  client.token = (await client.login(user.email, user.password)).body.token;
  client.cookie = null;
  return client;
}

/** Another system (a PMS, a CRM) holding a new API key of `admin`'s organization with `scopes`. */
export async function makeApiKeyClient(server: TestServer, admin: ApiClient, scopes: string[]): Promise<ApiClient> {
  const res = await admin.post('/api/v1/api-keys', { name: 'Integration', scopes });
  if (res.status !== 201) throw new Error(`key not created: ${res.status} ${JSON.stringify(res.body)}`);
  const client = new ApiClient(server.url);
  client.token = res.body.key;
  return client;
}

/** Rooms straight into the database, for tests about what happens in them. */
export async function makeRooms(server: TestServer, org: TestOrg, numbers: string[]) {
  return server.ctx.db
    .insert(rooms)
    .values(numbers.map((number) => ({ orgId: org.id, number })))
    .returning();
}

/** A check-out time `hours` from now, as the API takes it. */
export function hoursFromNow(hours: number): string {
  return new Date(Date.now() + hours * 3600 * 1000).toISOString();
}

/**
 * A live stay straight into the database: checked in a minute ago, in a new room of its own,
 * with one guest and their access code.
 */
export async function makeStay(
  server: TestServer,
  org: TestOrg,
  opts: { checkOutInHours?: number; guestName?: string } = {},
) {
  const { db } = server.ctx;
  const [room] = await makeRooms(server, org, [`S-${uniqueSuffix()}`]);
  if (!room) throw new Error('no room');
  const [stay] = await db
    .insert(stays)
    .values({
      orgId: org.id,
      roomId: room.id,
      checkInAt: new Date(Date.now() - 60_000),
      checkOutAt: new Date(Date.now() + (opts.checkOutInHours ?? 24) * 3600 * 1000),
    })
    .returning();
  if (!stay) throw new Error('no stay');
  const [guest] = await db
    .insert(stayGuests)
    .values({ orgId: org.id, stayId: stay.id, code: newAccessCode(), name: opts.guestName ?? 'Test Guest' })
    .returning();
  if (!guest) throw new Error('no guest');
  return { room, stay, guest };
}

/** The guest (or visitor) a guest session's token stands for, as the server resolves it. */
export async function guestActorOf(server: TestServer, token: string): Promise<GuestActor> {
  const actor = await resolveGuestSession(server.ctx.db, token);
  if (!actor) throw new Error('no guest for that token');
  return actor;
}

/** A checked-in guest of a fresh room in `org`, signed in with their code: returns their token. */
export async function makeGuest(server: TestServer, org: TestOrg, opts: { name?: string; room?: string } = {}) {
  const [room] = await makeRooms(server, org, [opts.room ?? `R${uniqueSuffix()}`]);
  const desk = await signIn(server, await makeStaff(server, org, 'agent'));
  const stay = await desk.post('/api/v1/stays', {
    roomId: room?.id,
    checkOutAt: hoursFromNow(24),
    guest: { name: opts.name ?? 'Guest' },
  });
  const guest = stay.body.guests[0];
  const login = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
  return {
    token: login.body.token as string,
    guestId: guest.id as string,
    stayId: stay.body.id as string,
    code: guest.code as string,
    desk,
  };
}

/**
 * A guest's request straight into the database, as it stands after their first message (seq 1):
 * queued, or open with `assigneeId` (as if taken), or resolved (and `rating` if already rated).
 */
export async function makeConversation(
  server: TestServer,
  guest: { id: string; orgId: string; stayId: string; name: string | null },
  opts: {
    status?: 'queued' | 'open' | 'resolved';
    assigneeId?: string | null;
    rating?: number;
    text?: string;
    priority?: 'low' | 'normal' | 'high' | 'urgent';
    /** The team it was routed to (none by default). */
    teamId?: string | null;
  } = {},
) {
  const { db } = server.ctx;
  const status = opts.status ?? (opts.assigneeId ? 'open' : 'queued');
  const text = opts.text ?? 'The shower is cold';
  const now = new Date();
  const [conversation] = await db
    .insert(conversations)
    .values({
      orgId: guest.orgId,
      stayId: guest.stayId,
      guestId: guest.id,
      status,
      assigneeId: opts.assigneeId ?? null,
      lastSeq: 1,
      lastMessageAt: now,
      preview: text,
      staffUnread: 1,
      guestDeliveredSeq: 1,
      guestReadSeq: 1,
      resolvedAt: status === 'resolved' ? now : null,
      rating: opts.rating ?? null,
      ratedAt: opts.rating ? now : null,
      priority: opts.priority ?? 'normal',
      teamId: opts.teamId ?? null,
    })
    .returning();
  if (!conversation) throw new Error('no conversation');
  const [message] = await db
    .insert(messages)
    .values({
      orgId: guest.orgId,
      conversationId: conversation.id,
      seq: 1,
      senderType: 'guest',
      senderId: guest.id,
      senderName: guest.name,
      senderKey: `guest:${guest.id}`,
      clientId: `first-${uniqueSuffix()}`,
      body: text,
      createdAt: now,
    })
    .returning();
  if (!message) throw new Error('no message');
  return { conversation, message };
}
