import { randomUUID } from 'node:crypto';
import type { ErrorCode } from '@frontdesk/protocol';
import { inArray } from 'drizzle-orm';
import { expect } from 'vitest';
import { requestForms } from '../../src/db/schema.js';
import type { ApiResponse } from '../client.js';
import { hoursFromNow, TEST_PASSWORD } from '../factories.js';
import {
  type Actor,
  type ActorRole,
  accountOf,
  type CaseRole,
  type CustomerRole,
  colleague,
  inactiveAgentOfA,
  ORG_A_SEATS,
  orgA,
  orgB,
  orgS,
  orgS2,
  server,
} from './setup.js';
import { oneQuestion, type Target } from './targets.js';

/**
 * Who may call what: every staff, admin, platform and guest endpoint under /api/v1, tried by every
 * kind of caller. Organization A owns every target; "otherOrgAdmin" is an admin of organization B,
 * who must neither see nor change anything of A's. "guest" is a guest of a live stay in A, signed in
 * through the guest login (the fd_guest cookie, as the guest page holds it); "guestBearer" is the same
 * kind of guest presenting the g_… token as a bearer token instead, as an app would, and always
 * expects what "guest" expects. A guest session is not a staff session: guests get 401 on every
 * staff endpoint, and staff get 401 on the guest ones. "apiKey" is another system with an API key of
 * A (of service company S in S's rows) holding every scope: it gets what an admin gets on the routes
 * open to keys (their rows say `apiKey`), 403 on every other route that needs someone signed in, and
 * what anonymous callers get on the public ones. Adding an endpoint means adding a row to `matrix`,
 * below in this file (the OpenAPI check in suite.ts, run by authorization-matrix-1.test.ts, fails
 * until you do). The rows run in the shard files authorization-matrix-1…4.test.ts (row i in shard
 * i mod 4 + 1), each with its own server and organizations (setup.ts); run all four to run them all.
 *
 * Service company S's guest routes add two columns (`customer: [same, other]` in their rows; a check
 * in suite.ts fails for a row without them): "customer" is a verified customer of S, signed in at their label
 * as the customer's page does, and "otherCustomer" a verified customer of another service company
 * (S2), who must neither see nor change anything of S's.
 */

export interface BodyContext {
  role: CaseRole;
  suffix: string;
  /** The path parameters of the case's target (`id`, `guestId`), e.g. the room to check into. */
  ids: Record<string, string>;
}

export interface Row {
  /** The operation as the OpenAPI document names it: `METHOD /path/{id}`. */
  op: string;
  target?: Target;
  /** Overrides the operation's default body from `bodies`. */
  body?: (c: BodyContext) => unknown;
  /** A query string for the case (without `?`). */
  query?: (ids: Record<string, string>) => string;
  /** The call ends the caller's session or changes their account: use a fresh account per case. */
  fresh?: boolean;
  /**
   * `service`: the row is about service company S, not hotel A: the staff columns are S's, the other
   * organization's admin is another service company's (S2), the API key is S's, and the targets are S's.
   * (A hotel's key on S's routes: the rows noted "a hotel", where A's key and staff are refused.)
   */
  org?: 'service';
  note?: string;
  /** Send a small PNG as the raw request body (image uploads) instead of a JSON body. */
  image?: boolean;
  /** More assertions on an allowed (2xx) answer. */
  check?: (res: ApiResponse, role: ActorRole, c: CheckContext) => void;
  /** The refusal codes of this row where they differ from `refusalCodes` (e.g. a 409 other than cannot_modify_self). */
  codes?: Partial<Record<number, ErrorCode>>;
  /** The route is open to API keys: the key of A (of S in `service` rows; every scope) expects this (see the column's rule). */
  apiKey?: number;
  /** S's guest routes: what a verified customer of S, then one of another service company (S2), gets. */
  customer?: readonly [sameCompany: number, otherCompany: number];
  /** More assertions on a customer's allowed answer. */
  customerCheck?: (res: ApiResponse, role: CustomerRole, c: CheckContext) => void | Promise<void>;
  expect: Record<ActorRole, number>;
}

export interface CheckContext {
  ids: Record<string, string>;
  actor: Actor;
}

/** A browser's push subscription (keys of the right sizes) at a closed port of this machine. */
const pushDevice = (suffix: string) => ({
  endpoint: `http://127.0.0.1:9/push/${suffix}`,
  keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
});

/** The request bodies each operation is tried with (valid ones: only authorization may refuse them). */
export const bodies: Record<string, (c: BodyContext) => unknown> = {
  'PATCH /api/v1/me': (c) => ({ motto: `Edited by ${c.role}` }),
  'POST /api/v1/me/password': () => ({ currentPassword: TEST_PASSWORD, newPassword: 'a-brand-new-password' }),
  'PATCH /api/v1/organization': (c) => ({ motto: `Edited by ${c.role}` }),
  'POST /api/v1/staff': (c) => ({ email: `hire-${c.suffix}@example.test`, name: 'Matrix Hire', role: 'agent' }),
  'POST /api/v1/platform/organizations': (c) => ({
    name: `Matrix Org ${c.suffix}`,
    slug: `matrix-${c.suffix}`,
    admin: { email: `boss-${c.suffix}@example.test`, name: 'Matrix Boss' },
  }),
  // Same seat limit as before: allowed, but changes nothing the rest of the matrix depends on.
  'PATCH /api/v1/platform/organizations/{id}': () => ({ seatLimit: ORG_A_SEATS }),
  'POST /api/v1/platform/organizations/{id}/staff': (c) => ({
    email: `platform-hire-${c.suffix}@example.test`,
    name: 'Platform Hire',
    role: 'admin',
  }),
  'POST /api/v1/rooms': (c) => ({ number: `R${c.suffix}`, label: `Added by ${c.role}` }),
  'POST /api/v1/rooms/bulk': (c) => ({ numbers: [`B${c.suffix}a`, `B${c.suffix}b`], label: `Added by ${c.role}` }),
  'PATCH /api/v1/rooms/{id}': (c) => ({ label: `Edited by ${c.role}`, priority: true }),
  'PUT /api/v1/rooms/by-external-id/{externalId}': (c) => ({ number: `P${c.suffix}`, label: `Pushed by ${c.role}` }),
  'PUT /api/v1/stays/by-external-id/{externalId}': (c) => ({ roomId: c.ids.roomId, checkOutAt: hoursFromNow(48) }),
  'PUT /api/v1/customers/by-external-id/{externalId}': (c) => ({
    name: `Pushed by ${c.role}`,
    phones: ['601 234 567'],
  }),
  'POST /api/v1/stays': (c) => ({
    roomId: c.ids.id,
    checkOutAt: hoursFromNow(24),
    guest: { name: `Checked in by ${c.role}` },
  }),
  'PATCH /api/v1/stays/{id}': () => ({ checkOutAt: hoursFromNow(48) }),
  'PATCH /api/v1/stays/{id}/guests/{guestId}': (c) => ({ name: `Renamed by ${c.role}`, vip: true }),
  'POST /api/v1/stays/{id}/guests': (c) => ({ name: `Added by ${c.role}` }),
  // To an active agent of A: a valid assignee, so only who asks decides.
  'POST /api/v1/conversations/{id}/assign': () => ({ userId: colleague.id }),
  'POST /api/v1/conversations/{id}/transfer': () => ({ userId: colleague.id, note: 'Over to you' }),
  'POST /api/v1/me/handover': () => ({}),
  'POST /api/v1/staff/{id}/handover': () => ({}),
  'POST /api/v1/teams': (c) => ({ name: `Team ${c.suffix}`, description: `Added by ${c.role}` }),
  'PATCH /api/v1/teams/{id}': (c) => ({ description: `Edited by ${c.role}` }),
  'PUT /api/v1/teams/{id}/members/{userId}': () => ({ capacity: 5, languages: ['de'], skills: ['spa'] }),
  'PUT /api/v1/teams/{id}/hours': (c) => ({
    weekly: { monday: [{ start: '08:00', end: '22:00' }] },
    holidays: [{ date: '2026-12-25', name: 'Christmas' }],
    awayMessage: `Set by ${c.role}`,
  }),
  'POST /api/v1/guest/conversations/{id}/rating': (c) => ({ rating: 4, comment: `Rated by ${c.role}` }),
  // To the target team: A's own for A's admin, so only who asks decides (B's admin: not found).
  'POST /api/v1/routing-rules': (c) => ({
    name: `Rule ${c.suffix}`,
    teamId: c.ids.id,
    conditions: { keywords: ['towel'] },
    priority: 'high',
  }),
  'PATCH /api/v1/routing-rules/{id}': (c) => ({ name: `Edited by ${c.role}` }),
  'PUT /api/v1/routing-rules/order': (c) => ({ ids: [c.ids.id] }),
  'PUT /api/v1/routing-rules/default-team': (c) => ({ teamId: c.ids.id }),
  'PUT /api/v1/conversations/{id}/priority': () => ({ priority: 'high' }),
  'POST /api/v1/conversations/{id}/merge': (c) => ({ otherConversationId: c.ids.otherId }),
  'POST /api/v1/conversations/{id}/notes': (c) => ({ clientId: `matrix-${c.suffix}`, text: `Note by ${c.role}` }),
  'POST /api/v1/me/mentions/read': () => ({}),
  'POST /api/v1/canned-responses': (c) => ({ shortcut: `m${c.suffix}`, title: 'Matrix', text: `Added by ${c.role}` }),
  'PATCH /api/v1/canned-responses/{id}': (c) => ({ title: `Edited by ${c.role}` }),
  'POST /api/v1/conversations/{id}/scheduled-messages': (c) => ({
    body: `Scheduled by ${c.role}`,
    sendAt: hoursFromNow(3),
  }),
  'PATCH /api/v1/conversations/{id}/scheduled-messages/{scheduledId}': (c) => ({ body: `Edited by ${c.role}` }),
  'POST /api/v1/customers': (c) => ({ name: `Added by ${c.role}`, phones: ['601 234 567'] }),
  'PATCH /api/v1/customers/{id}': (c) => ({ notes: `Edited by ${c.role}` }),
  'PUT /api/v1/customer-fields': () => ({ fields: [{ key: 'boiler', label: 'Boiler model', type: 'text' }] }),
  'POST /api/v1/label-batches': (c) => ({ name: `Batch by ${c.role}`, size: 2 }),
  // a customer of S: only S's staff may give S's labels to them (S2's admin finds neither)
  'POST /api/v1/labels/{id}/assign': (c) => ({ customerId: c.ids.customerId }),
  'POST /api/v1/forms': (c) => ({ name: `Form by ${c.role}`, draft: oneQuestion }),
  'PATCH /api/v1/forms/{id}': (c) => ({ description: `Edited by ${c.role}` }),
  'PATCH /api/v1/leads/{id}': () => ({ status: 'contacted' }),
  'POST /api/v1/conversations/bulk': (c) => ({ ids: [c.ids.id], action: { type: 'priority', priority: 'high' } }),
  'POST /api/v1/tags': (c) => ({ name: `Tag ${c.suffix}`, color: '#336699' }),
  'PATCH /api/v1/tags/{id}': (c) => ({ name: `Renamed ${c.suffix}` }),
  'POST /api/v1/work-items': (c) => ({ title: `Towels by ${c.role}`, checklist: ['Two towels'] }),
  'PATCH /api/v1/work-items/{id}': (c) => ({ title: `Edited by ${c.role}`, priority: 'high' }),
  'POST /api/v1/work-items/{id}/status': () => ({ status: 'in_progress' }),
  'POST /api/v1/work-items/{id}/assign': () => ({ assigneeId: colleague.id }),
  'POST /api/v1/work-items/{id}/reschedule': () => ({ dueAt: hoursFromNow(3) }),
  'POST /api/v1/work-items/{id}/move': () => ({ dueAt: hoursFromNow(4), assigneeId: colleague.id }),
  'POST /api/v1/work-items/{id}/checklist': (c) => ({ text: `Step by ${c.role}` }),
  'PUT /api/v1/work-items/{id}/checklist/{itemId}': () => ({ done: true }),
  'POST /api/v1/work-items/{id}/notes': (c) => ({ opId: `matrix-${c.suffix}`, text: `Work note by ${c.role}` }),
  'POST /api/v1/leads/{id}/convert': () => ({
    window: { start: hoursFromNow(24), end: hoursFromNow(27) },
    address: 'Polna 5, Warszawa',
  }),
  // a public address given as such (no DNS); an event type the matrix never records, so nothing is sent
  'POST /api/v1/webhooks': () => ({ url: 'https://93.184.216.34/hook', eventTypes: ['webhook.disabled'] }),
  // a closed port of this machine (the server allows it: PUSH_ALLOW_PRIVATE in setup.ts): a push there is refused at once, nothing leaves
  'POST /api/v1/me/push-subscriptions': (c) => pushDevice(c.suffix),
  'POST /api/v1/guest/push-subscriptions': (c) => pushDevice(c.suffix),
  'POST /api/v1/me/push-subscriptions/unsubscribe': (c) => ({ endpoint: pushDevice(c.suffix).endpoint }),
  'POST /api/v1/guest/push-subscriptions/unsubscribe': (c) => ({ endpoint: pushDevice(c.suffix).endpoint }),
  'POST /api/v1/api-keys': (c) => ({ name: `Made by ${c.role}`, scopes: ['reports:read'] }),
  'POST /api/v1/conversations/{id}/messages': (c) => ({ clientId: `matrix-${c.suffix}`, text: `Sent by ${c.role}` }),
  'PATCH /api/v1/webhooks/{id}': (c) => ({ description: `Edited by ${c.role}` }),
  'PATCH /api/v1/alert-settings': () => ({ cooldownMinutes: 30 }),
  'PATCH /api/v1/sso-settings': () => ({ allowSignUp: false }),
  'PATCH /api/v1/platform/organizations/{id}/sso-settings': () => ({ passwordSignInDisabled: false }),
  'POST /api/v1/quick-actions': (c) => ({ titles: { en: `Added by ${c.role}` }, fields: { note: true } }),
  'PATCH /api/v1/quick-actions/{id}': (c) => ({ titles: { en: `Edited by ${c.role}` }, icon: '🧺' }),
  'POST /api/v1/guest/quick-actions/{id}/request': (c) => ({ clientId: `matrix-${c.suffix}`, count: 2 }),
  'PUT /api/v1/guest/stay-summary': (c) => ({ email: `summary-${c.suffix}@example.test` }),
};
const noSessions = (res: ApiResponse) => expect(res.body).toEqual({ sessions: 0 });
/** A code went out: the address shows masked, never whole. */
const codeSentMasked = (res: ApiResponse, _role: string, { ids }: CheckContext) => {
  expect(res.body.sentTo).toMatch(/^m•••@e•••\.test$/);
  expect(JSON.stringify(res.body)).not.toContain(ids.address);
};
/** Every label of the batch, and nothing else (S2's admin: none of S's). */
/** The forms a customer is offered are their own company's (S's for S's customer, S2's for S2's). */
const formsOfOwnCompany = async (res: ApiResponse, role: CustomerRole) => {
  const ids = (res.body.forms as { id: string }[]).map((f) => f.id);
  const owners = ids.length
    ? await server.ctx.db.select({ orgId: requestForms.orgId }).from(requestForms).where(inArray(requestForms.id, ids))
    : [];
  for (const o of owners) expect(o.orgId).toBe(role === 'customer' ? orgS.id : orgS2.id);
};
/** A customer of S2 has sent nothing: none of S's requests reach them. */
const leadsOfOwnCompany = (res: ApiResponse, role: CustomerRole) => {
  if (role === 'otherCustomer') expect(res.body.leads).toEqual([]);
};
const batchOfTwo = (res: ApiResponse, role: ActorRole) =>
  expect(res.body.labels).toHaveLength(role === 'otherOrgAdmin' ? 0 : 2);
const assignedToTheCustomer = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) =>
  expect(res.body).toMatchObject({ id: ids.id, status: 'assigned', customer: { id: ids.customerId } });
/** The customer as the caller changed it. */
const customerEdited = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) =>
  expect(res.body.customer).toMatchObject({ id: ids.id, notes: `Edited by ${role}` });
const sharedCanned = (c: BodyContext) => ({
  scope: 'shared',
  shortcut: `s${c.suffix}`,
  title: 'Matrix',
  text: `Added by ${c.role}`,
});
/** The list fills the variables for the conversation asked about. */
const oneVisitorRequest = (res: ApiResponse, role: ActorRole) =>
  ['agent', 'admin'].includes(role) &&
  expect(res.body.conversations).toEqual([
    expect.objectContaining({ preview: 'Matrix', notes: { count: 0, latest: null } }),
  ]);
const noFilesToCopy = (res: ApiResponse, role: ActorRole) =>
  ['agent', 'admin'].includes(role) && expect(res.body).toEqual({ attachments: [] });
const fillFor = (ids: Record<string, string>) => `conversationId=${ids.id}`;
/** The note as written, by the caller. */
const theNote = (res: ApiResponse, role: ActorRole, { ids, actor }: CheckContext) =>
  expect(res.body).toMatchObject({ conversationId: ids.id, text: `Note by ${role}`, author: { id: actor.user?.id } });

/** The conversation now carries the tag. */
const taggedWith = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) =>
  expect(res.body.tags.map((t: { id: string }) => t.id)).toEqual([ids.tagId]);

/** Bulk: the caller's organization's desk changed it; anyone else's answer for it is not found. */
const bulkDoneFor = (allowed: ActorRole[]) => (res: ApiResponse, role: ActorRole) =>
  expect(res.body.results).toEqual([
    allowed.includes(role) ? { ok: true } : expect.objectContaining({ ok: false, code: 'not_found' }),
  ]);

/** Search for the target conversation's room: found by A's desk where it sees it, never by B's admin. */
const searchByRoom = (ids: Record<string, string>) => `q=${encodeURIComponent(ids.room ?? '')}`;
const foundFor =
  (allowed: ActorRole[]) =>
  (res: ApiResponse, role: ActorRole, { ids }: CheckContext) =>
    expect(res.body.conversations.map((c: { id: string }) => c.id)).toEqual(allowed.includes(role) ? [ids.id] : []);

/** The target work item is listed for these callers only (team visibility; B's admin sees B's alone). */
const workListedFor =
  (allowed: ActorRole[]) =>
  (res: ApiResponse, role: ActorRole, { ids }: CheckContext) => {
    const listed = (res.body.items as { id: string }[]).map((i) => i.id);
    if (allowed.includes(role)) expect(listed).toContain(ids.id);
    else expect(listed).not.toContain(ids.id);
  };

const service = 'service';
const fresh = true;
const roleBody = (role: string) => () => ({ role });
const hire = (role: string) => (c: BodyContext) => ({ email: `hire-${c.suffix}@example.test`, name: 'Hire', role });
/** Assign to someone who may not hold a request: an inactive agent or field staff of A, or B's admin. */
const assignTo = (who: () => { id: string }) => () => ({ userId: who().id });
const inactiveColleague = () => inactiveAgentOfA;
const fieldStaff = () => accountOf('field');
const adminOfB = () => accountOf('otherOrgAdmin');
const alreadyTaken = { 409: 'already_taken' } as const;
const notResolved = { 409: 'not_resolved' } as const;
const alreadyRated = { 409: 'already_rated' } as const;
/**
 * Posters of the target room only: A's staff get its QR in the sheet, B's admin an empty sheet of B's
 * (pdfkit compresses page content but leaves object dictionaries such as `/Subtype /Image` readable).
 */
const targetRoomOnly = (ids: Record<string, string>) => `ids=${ids.id}`;
const postersOfOwnRoomsOnly = (res: ApiResponse, role: ActorRole) =>
  expect(String(res.body).includes('/Subtype /Image'), 'a room QR in the sheet').toBe(role !== 'otherOrgAdmin');
/** The guest session is the guest's own, in organization A. */
const ownGuestSession = (res: ApiResponse) =>
  expect(res.body).toMatchObject({ kind: 'guest', access: 'active', organization: { slug: orgA.slug } });

/**
 * A's desk sees the new urgent request among the urgent ones at the top of its queue (which shows
 * the most urgent first); B's admin an inbox of B's without it.
 */
const inboxOfOwnOrg = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) => {
  const conversations = res.body.conversations as { id: string; priority: string }[];
  const listed = conversations.map((c) => c.id);
  if (role === 'otherOrgAdmin') expect(listed).not.toContain(ids.id);
  else {
    expect(listed).toContain(ids.id);
    const upTo = conversations.slice(0, listed.indexOf(ids.id ?? '') + 1);
    expect(upTo.map((c) => c.priority)).toEqual(upTo.map(() => 'urgent'));
  }
  expect(res.body.counts).toEqual(expect.objectContaining({ queued: expect.any(Number) }));
};
/** Team visibility: the request of another team is in the admin's queue, not in the agent's. */
const inboxOfOwnTeams = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) => {
  const listed = (res.body.conversations as { id: string }[]).map((c) => c.id);
  // a key acts for the whole organization, as its admins see it
  if (role === 'admin' || role === 'apiKey') expect(listed).toContain(ids.id);
  else expect(listed).not.toContain(ids.id);
};
/** Team visibility: the stay's request of another team is listed for the admin only. */
const staysConversationsOfOwnTeams = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) =>
  expect((res.body as { id: string }[]).map((c) => c.id)).toEqual(role === 'admin' ? [ids.conversationId] : []);
/** Team visibility: the inbox's CSV has a row for the request of another team for the admin (and a key) only. */
const csvOfOwnTeams = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) => {
  expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  const text = String(res.body);
  expect(text.startsWith('Request,')).toBe(true);
  expect(text.includes(`${ids.id},queued,`)).toBe(role === 'admin' || role === 'apiKey');
};
/** Team visibility: the stay's transcript holds its request of another team for the admin only. */
const transcriptOfOwnTeams = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) =>
  expect(String(res.body).includes(`Request ${ids.conversationId}`)).toBe(role === 'admin');
/** Team visibility: a contact's history shows their request of another team to the admin only. */
const historyOfOwnTeams = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) =>
  expect((res.body.conversations as { id: string }[]).map((c) => c.id)).toEqual(
    role === 'admin' ? [ids.conversationId] : [],
  );
/** The conversation asked for, with the guest as its contact. */
const theConversation = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) =>
  expect(res.body).toMatchObject({ id: ids.id, contact: { kind: 'guest', id: ids.guestId } });
/** Its history: the guest's first message. */
const itsHistory = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) =>
  expect(res.body).toEqual({
    messages: [
      expect.objectContaining({
        conversationId: ids.id,
        seq: 1,
        sender: expect.objectContaining({ type: 'guest', id: ids.guestId }),
      }),
    ],
    hasMore: false,
  });
/**
 * The caller's message, after the guest's first (other rows may have written in between): staff sign
 * with their name, a key with the organization's.
 */
const sentByTheCaller = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) => {
  expect(res.body).toMatchObject({
    duplicate: false,
    conversation: { id: ids.id },
    message: {
      text: `Sent by ${role}`,
      sender: { type: 'staff', ...(role === 'apiKey' ? { name: 'Organization A' } : {}) },
    },
  });
  expect(res.body.message.seq).toBeGreaterThan(1);
};
/** Keys are listed without their secrets; B's admin sees B's keys only. */
/** A's alerts for A's admin only: an agent of no duty sees none, B's admin none of A's. */
const alertListedFor =
  (allowed: ActorRole[]) =>
  (res: ApiResponse, role: ActorRole, { ids }: CheckContext) => {
    const listed = (res.body.alerts as { id: string }[]).map((a) => a.id);
    if (allowed.includes(role)) expect(listed).toContain(ids.id);
    else expect(listed).not.toContain(ids.id);
  };
/** The same in the alerts' CSV: a row naming A's alert's request for A's admin only. */
const alertCsvListedFor =
  (allowed: ActorRole[]) =>
  (res: ApiResponse, role: ActorRole, { ids }: CheckContext) => {
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    const text = String(res.body);
    expect(text.startsWith('Raised (')).toBe(true);
    if (allowed.includes(role)) expect(text).toContain(`,${ids.conversationId},`);
    else expect(text).not.toContain(`${ids.conversationId}`);
  };
const quickActionIds = (res: ApiResponse) => (res.body.actions as { id: string }[]).map((a) => a.id);
const quickActionsOfOwnOrg = (res: ApiResponse, role: ActorRole, c: CheckContext) =>
  role === 'otherOrgAdmin'
    ? expect(quickActionIds(res)).not.toContain(c.ids.id)
    : expect(quickActionIds(res)).toContain(c.ids.id);
const guestSeesOwnQuickActions = (res: ApiResponse, _role: ActorRole, c: CheckContext) =>
  expect(quickActionIds(res)).toContain(c.ids.id);
/** A guest's tap: their request in the chat and the team's task at once. */
const quickTaskMade = (res: ApiResponse) =>
  expect(res.body).toMatchObject({
    duplicate: false,
    workItemId: expect.any(String),
    message: { text: expect.stringMatching(/^Matrix towels .* — how many: 2$/) },
  });
const keysOfOwnOrg = (res: ApiResponse) => {
  for (const key of res.body.keys as Record<string, unknown>[]) {
    expect(key).not.toHaveProperty('key');
    expect(key).not.toHaveProperty('secretHash');
  }
};
const keyShownOnce = (res: ApiResponse, role: ActorRole) =>
  expect(res.body).toMatchObject({ name: `Made by ${role}`, key: expect.stringMatching(/^fdk_[0-9a-f]{12}_/) });
/** Taken: open, with the caller as the assignee. */
const takenByTheCaller = (res: ApiResponse, _role: ActorRole, { ids, actor }: CheckContext) =>
  expect(res.body).toMatchObject({ id: ids.id, status: 'open', assignee: { id: actor.user?.id } });
const oneScheduled = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) =>
  expect(res.body.scheduled).toEqual([
    expect.objectContaining({
      id: ids.scheduledId,
      conversationId: ids.id,
      status: 'scheduled',
      body: 'Your taxi is here',
    }),
  ]);
const scheduledByTheCaller = (res: ApiResponse, role: ActorRole, { ids, actor }: CheckContext) =>
  expect(res.body).toMatchObject({
    conversationId: ids.id,
    author: { id: actor.user?.id },
    body: `Scheduled by ${role}`,
    status: 'scheduled',
    canChange: true,
  });
const editedSchedule = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) =>
  expect(res.body).toMatchObject({ id: ids.scheduledId, body: `Edited by ${role}`, status: 'scheduled' });
const prioritized = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) =>
  expect(res.body).toMatchObject({ id: ids.id, status: 'queued', priority: 'high' });
const resolved = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) =>
  expect(res.body).toMatchObject({ id: ids.id, status: 'resolved', resolvedAt: expect.any(String) });
const assignedToColleague = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) =>
  expect(res.body).toMatchObject({ id: ids.id, status: 'open', assignee: { id: colleague.id } });
/** The earlier request keeps the thread (both messages, then the merge's) and the later one's state. */
const mergedIntoTheEarlier = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) => {
  expect(res.body).toMatchObject({ id: ids.otherId, lastSeq: 3 });
  expect(res.body.status).not.toBe('resolved');
};
const noMerges = (res: ApiResponse) => expect(res.body).toEqual({ merges: [] });
const guestRenamed = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) =>
  expect(res.body.guests).toContainEqual(
    expect.objectContaining({ id: ids.guestId, name: `Renamed by ${role}`, vip: true }),
  );
/** The factory's guest has neither e-mail nor phone: nobody to recognise. */
const noEarlierStays = (res: ApiResponse) => expect(res.body).toEqual({ matchedBy: null, stays: 0, conversations: [] });
const unmerged = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) =>
  expect(res.body).toMatchObject({ id: ids.survivorId, status: 'resolved', lastSeq: 3, epoch: 1 });
/** A hand-over's answer: how many requests changed hands (whatever the caller held from earlier cases). */
const handedOver = (res: ApiResponse) =>
  expect(res.body).toEqual({ handedOver: expect.any(Number) as unknown as number });
/** The stay's requests: exactly its one conversation. */
const theStaysConversation = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) =>
  expect((res.body as { id: string; stay: { id: string } }[]).map((c) => [c.id, c.stay.id])).toEqual([
    [ids.conversationId, ids.id],
  ]);
/** The guest's own requests only, the new one among them. */
const guestsOwnList = (res: ApiResponse, _role: ActorRole, { ids }: CheckContext) => {
  const list = res.body as { id: string; contact: { id: string } }[];
  expect(list.map((c) => c.id)).toContain(ids.id);
  for (const c of list) expect(c.contact.id).toBe(ids.guestId);
};
const rated = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) =>
  expect(res.body).toMatchObject({ id: ids.id, status: 'resolved', rating: 4, ratingComment: `Rated by ${role}` });

/** The uploaded logo is the caller's own organization's (A's for A's admin, B's for B's). */
const ownOrgLogo = (res: ApiResponse, role: ActorRole) => {
  expect(res.body.id).toBe(role === 'otherOrgAdmin' ? orgB.id : orgA.id);
  expect(res.body.logoUrl).toMatch(/^\/api\/v1\/files\/[0-9a-f-]{36}$/);
};
const noLogo = (res: ApiResponse, role: ActorRole) => {
  expect(res.body.id).toBe(role === 'otherOrgAdmin' ? orgB.id : orgA.id);
  expect(res.body.logoUrl).toBeNull();
};
/** A's new e-mail is listed for A's admin and the platform owner, never for B's admin. */
const emailsOfOwnOrgOnly = (res: ApiResponse, role: ActorRole, { ids }: CheckContext) => {
  const listed = (res.body.emails as { id: string; orgId: string }[]).map((e) => e.id);
  expect(listed.includes(ids.id as string), 'A’s e-mail listed').toBe(role !== 'otherOrgAdmin');
  if (role === 'otherOrgAdmin')
    expect((res.body.emails as { orgId: string }[]).every((e) => e.orgId === orgB.id)).toBe(true);
};
/** The caller's own account, with the photo just uploaded (or none after removal). */
const ownPhoto = (res: ApiResponse, _role: ActorRole, { actor }: CheckContext) =>
  expect(res.body).toMatchObject({ id: actor.user?.id, photoUrl: expect.stringMatching(/^\/api\/v1\/files\//) });
const noPhoto = (res: ApiResponse, _role: ActorRole, { actor }: CheckContext) =>
  expect(res.body).toMatchObject({ id: actor.user?.id, photoUrl: null });
const image = true;

/** anonymous, field, agent, admin, otherOrgAdmin, superadmin, guest. */
type Statuses = [number, number, number, number, number, number, number];

/**
 * One row per endpoint (and per interesting target); the columns are the expected statuses. The
 * guest's bearer-token column expects what the guest column does.
 */
const row = (
  op: string,
  opts: Omit<Row, 'op' | 'expect'>,
  [anonymous, field, agent, admin, otherOrgAdmin, superadmin, guest]: Statuses,
): Row => ({
  op,
  ...opts,
  expect: {
    anonymous,
    field,
    agent,
    admin,
    otherOrgAdmin,
    superadmin,
    guest,
    guestBearer: guest,
    apiKey: opts.apiKey ?? (anonymous === 401 ? 403 : anonymous),
  },
});

// biome-ignore format: the matrix reads best as an aligned table
export const matrix: Row[] = [
  //  endpoint                                          options                                                               anon field agent admin other super guest
  row('GET /api/v1/auth/me',                            {},                                                                  [401, 200, 200, 200, 200, 200, 401]),
  row('POST /api/v1/auth/logout',                       { fresh },                                                           [401, 204, 204, 204, 204, 204, 401]),
  row('PATCH /api/v1/me',                               {},                                                                  [401, 200, 200, 200, 200, 200, 401]),
  row('POST /api/v1/me/password',                       { fresh },                                                           [401, 204, 204, 204, 204, 204, 401]),
  row('GET /api/v1/organization',                       {},                                                                  [401, 200, 200, 200, 200, 403, 401]),
  row('PATCH /api/v1/organization',                     {},                                                                  [401, 403, 403, 200, 200, 403, 401]),
  row('GET /api/v1/audit-log',                          {},                                                                  [401, 403, 403, 200, 200, 403, 401]),
  // Images: the logo is an admin setting; each staff member of an organization has their own photo.
  row('PUT /api/v1/organization/logo',                  { image, check: ownOrgLogo },                                        [401, 403, 403, 200, 200, 403, 401]),
  row('DELETE /api/v1/organization/logo',               { check: noLogo },                                                   [401, 403, 403, 200, 200, 403, 401]),
  row('PUT /api/v1/me/photo',                           { image, check: ownPhoto },                                          [401, 200, 200, 200, 200, 403, 401]),
  row('DELETE /api/v1/me/photo',                        { check: noPhoto },                                                  [401, 200, 200, 200, 200, 403, 401]),
  row('GET /api/v1/staff',                              {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  row('POST /api/v1/staff',                             { note: 'add an agent' },                                            [401, 403, 403, 201, 201, 403, 401]),
  row('POST /api/v1/staff',                             { note: 'add field staff', body: hire('field') },                    [401, 403, 403, 201, 201, 403, 401]),
  row('POST /api/v1/staff',                             { note: 'add an admin', body: hire('admin') },                       [401, 403, 403, 403, 403, 403, 401]),
  row('PATCH /api/v1/staff/{id}',                       { target: 'agent', note: '→ field', body: roleBody('field') },       [401, 403, 403, 200, 404, 200, 401]),
  row('PATCH /api/v1/staff/{id}',                       { target: 'field', note: '→ agent', body: roleBody('agent') },       [401, 403, 403, 200, 404, 200, 401]),
  row('PATCH /api/v1/staff/{id}',                       { target: 'agent', note: '→ admin', body: roleBody('admin') },       [401, 403, 403, 403, 404, 200, 401]),
  row('PATCH /api/v1/staff/{id}',                       { target: 'admin', note: '→ agent', body: roleBody('agent') },       [401, 403, 403, 403, 404, 200, 401]),
  row('PATCH /api/v1/staff/{id}',                       { target: 'self', note: '→ agent', body: roleBody('agent'), fresh }, [401, 409, 409, 409, 409, 404, 401]),
  row('DELETE /api/v1/staff/{id}',                      { target: 'agent' },                                                 [401, 403, 403, 204, 404, 204, 401]),
  row('DELETE /api/v1/staff/{id}',                      { target: 'field' },                                                 [401, 403, 403, 204, 404, 204, 401]),
  row('DELETE /api/v1/staff/{id}',                      { target: 'admin' },                                                 [401, 403, 403, 403, 404, 204, 401]),
  row('DELETE /api/v1/staff/{id}',                      { target: 'self', fresh },                                           [401, 409, 409, 409, 409, 404, 401]),
  row('POST /api/v1/staff/{id}/deactivate',             { target: 'agent' },                                                 [401, 403, 403, 200, 404, 200, 401]),
  row('POST /api/v1/staff/{id}/deactivate',             { target: 'field' },                                                 [401, 403, 403, 200, 404, 200, 401]),
  row('POST /api/v1/staff/{id}/deactivate',             { target: 'admin' },                                                 [401, 403, 403, 403, 404, 200, 401]),
  row('POST /api/v1/staff/{id}/deactivate',             { target: 'self', fresh },                                           [401, 409, 409, 409, 409, 404, 401]),
  row('POST /api/v1/staff/{id}/activate',               { target: 'inactiveAgent' },                                         [401, 403, 403, 200, 404, 200, 401]),
  row('POST /api/v1/staff/{id}/activate',               { target: 'inactiveAdmin' },                                         [401, 403, 403, 403, 404, 200, 401]),
  row('POST /api/v1/staff/{id}/password-link',          { target: 'agent' },                                                 [401, 403, 403, 200, 404, 200, 401]),
  row('POST /api/v1/staff/{id}/password-link',          { target: 'field' },                                                 [401, 403, 403, 200, 404, 200, 401]),
  row('POST /api/v1/staff/{id}/password-link',          { target: 'admin' },                                                 [401, 403, 403, 403, 404, 200, 401]),
  row('POST /api/v1/staff/{id}/password-link',          { target: 'self' },                                                  [401, 403, 403, 403, 403, 404, 401]),
  row('GET /api/v1/platform/organizations',             {},                                                                  [401, 403, 403, 403, 403, 200, 401]),
  row('POST /api/v1/platform/organizations',            {},                                                                  [401, 403, 403, 403, 403, 201, 401]),
  row('GET /api/v1/platform/organizations/{id}',        { target: 'orgA' },                                                  [401, 403, 403, 403, 403, 200, 401]),
  row('PATCH /api/v1/platform/organizations/{id}',      { target: 'orgA' },                                                  [401, 403, 403, 403, 403, 200, 401]),
  row('GET /api/v1/platform/organizations/{id}/staff',  { target: 'orgA' },                                                  [401, 403, 403, 403, 403, 200, 401]),
  row('POST /api/v1/platform/organizations/{id}/staff', { target: 'orgA', note: 'add an admin' },                            [401, 403, 403, 403, 403, 201, 401]),
  row('GET /api/v1/platform/event-consumers',           {},                                                                  [401, 403, 403, 403, 403, 200, 401]),
  // Rooms: reception sees them and prints their posters; only admins change them.
  row('GET /api/v1/rooms',                              {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/rooms/posters.pdf',                  {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/rooms/posters.pdf',                  { target: 'room', query: targetRoomOnly, check: postersOfOwnRoomsOnly }, [401, 403, 200, 200, 200, 403, 401]),
  row('POST /api/v1/rooms',                             {},                                                                  [401, 403, 403, 201, 201, 403, 401]),
  row('POST /api/v1/rooms/bulk',                        {},                                                                  [401, 403, 403, 201, 201, 403, 401]),
  row('PATCH /api/v1/rooms/{id}',                       { target: 'room' },                                                  [401, 403, 403, 200, 404, 403, 401]),
  row('DELETE /api/v1/rooms/{id}',                      { target: 'room' },                                                  [401, 403, 403, 204, 404, 403, 401]),
  row('GET /api/v1/rooms/{id}/qr.svg',                  { target: 'room' },                                                  [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/rooms/{id}/qr.png',                  { target: 'room' },                                                  [401, 403, 200, 200, 404, 403, 401]),
  // Teams: reception sees who is in which team (as it sees the staff list); only admins change them.
  row('GET /api/v1/teams',                              {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  row('POST /api/v1/teams',                             {},                                                                  [401, 403, 403, 201, 201, 403, 401]),
  row('GET /api/v1/teams/{id}',                         { target: 'team' },                                                  [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/teams/{id}',                         { target: 'unknownId' },                                             [401, 403, 404, 404, 404, 403, 401]),
  row('PATCH /api/v1/teams/{id}',                       { target: 'team' },                                                  [401, 403, 403, 200, 404, 403, 401]),
  row('DELETE /api/v1/teams/{id}',                      { target: 'team' },                                                  [401, 403, 403, 204, 404, 403, 401]),
  row('PUT /api/v1/teams/{id}/members/{userId}',        { target: 'teamAndColleague', note: 'add' },                         [401, 403, 403, 200, 404, 403, 401]),
  row('PUT /api/v1/teams/{id}/members/{userId}',        { target: 'teamMember', note: 'change' },                            [401, 403, 403, 200, 404, 403, 401]),
  row('DELETE /api/v1/teams/{id}/members/{userId}',     { target: 'teamMember' },                                            [401, 403, 403, 204, 404, 403, 401]),
  row('PUT /api/v1/teams/{id}/hours',                   { target: 'team' },                                                  [401, 403, 403, 200, 404, 403, 401]),
  // Routing: reception sees where requests go; only admins change it, and only to teams and rules of their own.
  row('GET /api/v1/routing-rules',                      {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  row('POST /api/v1/routing-rules',                     { target: 'team' },                                                  [401, 403, 403, 201, 404, 403, 401]),
  row('PATCH /api/v1/routing-rules/{id}',               { target: 'routingRule' },                                           [401, 403, 403, 200, 404, 403, 401]),
  row('DELETE /api/v1/routing-rules/{id}',              { target: 'routingRule' },                                           [401, 403, 403, 204, 404, 403, 401]),
  row('PUT /api/v1/routing-rules/order',                { target: 'routingRule' },                                           [401, 403, 403, 200, 404, 403, 401]),
  row('PUT /api/v1/routing-rules/default-team',         { target: 'team' },                                                  [401, 403, 403, 200, 404, 403, 401]),
  // Stays: reception and admins; field staff never see guests' stays or codes.
  row('GET /api/v1/stays',                              {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  row('POST /api/v1/stays',                             { target: 'room', note: "check into A's free room", apiKey: 201 },   [401, 403, 201, 201, 404, 403, 401]),
  // A PMS pushes stays by its reservation id: check-in (201), then moves and extensions (200). Another
  // organization's admin names a room of A: not found. Rooms by the PMS's id are the admins' (and the
  // key's): another organization's admin pushing the same id adds a room of their own.
  row('PUT /api/v1/stays/by-external-id/{externalId}',  { target: 'freeRoomAndNewExternalId', apiKey: 201 },                 [401, 403, 201, 201, 404, 403, 401]),
  row('PUT /api/v1/stays/by-external-id/{externalId}',  { target: 'stayByExternalId', note: 'extend', apiKey: 200 },         [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/stays/by-external-id/{externalId}',  { target: 'stayByExternalId', apiKey: 200 },                         [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/stays/by-external-id/{externalId}/check-out', { target: 'stayByExternalId', apiKey: 200 },               [401, 403, 200, 200, 404, 403, 401]),
  row('PUT /api/v1/rooms/by-external-id/{externalId}',  { target: 'roomByExternalId', apiKey: 200 },                         [401, 403, 403, 200, 201, 403, 401]),
  // A person's data (GDPR): only admins export it or erase it, and only their own organization's.
  row('GET /api/v1/stays/{id}/data-export',             { target: 'stay' },                                                  [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/data-export.html',        { target: 'stay' },                                                  [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/data-export.zip',         { target: 'stay' },                                                  [401, 403, 403, 200, 404, 403, 401]),
  row('POST /api/v1/stays/{id}/erase',                  { target: 'endedStay' },                                             [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/stays/{id}',                         { target: 'stay', apiKey: 200 },                                     [401, 403, 200, 200, 404, 403, 401]),
  row('PATCH /api/v1/stays/{id}',                       { target: 'stay' },                                                  [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/stays/{id}/check-out',              { target: 'stay', apiKey: 200 },                                     [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/stays/{id}/end-access',             { target: 'stay' },                                                  [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/stays/{id}/guests',                 { target: 'stay' },                                                  [401, 403, 201, 201, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/guests/{guestId}/qr.svg', { target: 'stayGuest' },                                             [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/guests/{guestId}/qr.png', { target: 'stayGuest' },                                             [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/guests/{guestId}/welcome-card.pdf', { target: 'stayGuest' },                                   [401, 403, 200, 200, 404, 403, 401]),
  // The desk keeps a guest's details, and sees their requests from earlier stays.
  row('PATCH /api/v1/stays/{id}/guests/{guestId}',      { target: 'stayGuest', check: guestRenamed },                        [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/guests/{guestId}/history', { target: 'stayGuest', check: noEarlierStays },                     [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/visitors/{id}/history',              { target: 'visitorOfA', check: oneVisitorRequest },                  [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/visitors/{id}/data-export',          { target: 'visitorOfA' },                                            [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/visitors/{id}/data-export.html',     { target: 'visitorOfA' },                                            [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/visitors/{id}/data-export.zip',      { target: 'visitorOfA' },                                            [401, 403, 403, 200, 404, 403, 401]),
  row('POST /api/v1/visitors/{id}/erase',               { target: 'visitorOfA' },                                            [401, 403, 403, 200, 404, 403, 401]),
  // The public entry link and its QR: reception and admins (each sees their own); field staff have their profile only.
  row('GET /api/v1/organization/public-entry',          {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/organization/public-entry/qr.svg',   {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/organization/public-entry/qr.png',   {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  // The guest side: only a guest session counts; a staff session is none.
  row('GET /api/v1/guest/session',                      { check: ownGuestSession },                                          [401, 401, 401, 401, 401, 401, 200]),
  row('POST /api/v1/guest/logout',                      { fresh },                                                           [401, 401, 401, 401, 401, 401, 204]),
  row('GET /api/v1/guest/desk',                         {},                                                                  [401, 401, 401, 401, 401, 401, 200]),
  // The guest's "Email me a summary after my stay": their own stay guest only.
  row('GET /api/v1/guest/stay-summary',                 {},                                                                  [401, 401, 401, 401, 401, 401, 200]),
  row('PUT /api/v1/guest/stay-summary',                 {},                                                                  [401, 401, 401, 401, 401, 401, 200]),
  row('DELETE /api/v1/guest/stay-summary',              {},                                                                  [401, 401, 401, 401, 401, 401, 200]),
  // Conversations, staff side: reception and admins of the organization; field staff and the platform never.
  row('GET /api/v1/conversations',                      { target: 'urgentQueued', check: inboxOfOwnOrg, apiKey: 200 }, [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/conversations/{id}',                 { target: 'queued', check: theConversation, apiKey: 200 }, [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}',                 { target: 'unknownId', apiKey: 404 }, [401, 403, 404, 404, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}',                 { target: 'queuedOfB', check: theConversation, apiKey: 404 }, [401, 403, 404, 404, 200, 403, 401]),
  row('GET /api/v1/conversations/{id}/messages',        { target: 'queued', check: itsHistory, apiKey: 200 }, [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/messages',       { target: 'queued', check: sentByTheCaller, apiKey: 201 },          [401, 404, 201, 201, 404, 404, 401]),
  row('POST /api/v1/conversations/{id}/messages',       { target: 'queuedOfB', apiKey: 404 },                              [401, 404, 404, 404, 201, 404, 401]),
  row('POST /api/v1/conversations/{id}/take',           { target: 'queued', check: takenByTheCaller },                       [401, 403, 200, 200, 404, 403, 401]),
  row('PUT /api/v1/conversations/{id}/priority',        { target: 'queued', check: prioritized },                            [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/take',           { target: 'takenByColleague', codes: alreadyTaken },                 [401, 403, 409, 409, 404, 403, 401]),
  // Anyone at the desk closes a request nobody took; a taken one only its assignee or an admin.
  row('POST /api/v1/conversations/{id}/resolve',        { target: 'queued', check: resolved },  [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/resolve',        { target: 'takenByCaller', check: resolved }, [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/resolve',        { target: 'takenByColleague', check: resolved }, [401, 403, 403, 200, 404, 403, 401]),
  // Admins hand any request over, the assignee their own; only to an active agent or admin of A.
  row('POST /api/v1/conversations/{id}/assign',         { target: 'queued', check: assignedToColleague }, [401, 403, 403, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/assign',         { target: 'takenByCaller', check: assignedToColleague }, [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/assign',         { target: 'takenByColleague', check: assignedToColleague }, [401, 403, 403, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/assign',         { target: 'takenByCaller', note: 'to an inactive agent', body: assignTo(inactiveColleague) }, [401, 403, 404, 404, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/assign',         { target: 'takenByCaller', note: 'to field staff', body: assignTo(fieldStaff) }, [401, 403, 404, 404, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/assign',         { target: 'takenByCaller', note: "to B's admin", body: assignTo(adminOfB) }, [401, 403, 404, 404, 404, 403, 401]),
  // Transfer: admins any request, the assignee theirs, anyone at the desk one nobody took.
  row('POST /api/v1/conversations/{id}/transfer',       { target: 'queued', check: assignedToColleague },                    [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/transfer',       { target: 'takenByCaller', check: assignedToColleague },             [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/transfer',       { target: 'takenByColleague', check: assignedToColleague },          [401, 403, 403, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/transfer',       { target: 'takenByCaller', note: "to B's admin", body: assignTo(adminOfB) }, [401, 403, 404, 404, 404, 403, 401]),
  // Merging two requests of one guest: the desk, within what it may hold; undoing it, admins only.
  row('POST /api/v1/conversations/{id}/merge',          { target: 'twoOfOneGuest', check: mergedIntoTheEarlier },            [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/merge',          { target: 'twoOfOneGuestTakenByColleague', check: mergedIntoTheEarlier }, [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}/merges',          { target: 'queued', check: noMerges },                               [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/conversation-merges/{mergeId}/undo', { target: 'mergeOfA', check: unmerged },                           [401, 403, 403, 200, 404, 403, 401]),
  // Hand-over: one's own requests at the end of a shift (the desk); a colleague's, admins only.
  row('POST /api/v1/me/handover',                       { check: handedOver },                                               [401, 403, 200, 200, 200, 403, 401]),
  row('POST /api/v1/staff/{id}/handover',               { target: 'agent', check: handedOver },                              [401, 403, 403, 200, 404, 403, 401]),
  row('POST /api/v1/staff/{id}/handover',               { target: 'unknownId' },                                             [401, 403, 403, 404, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/conversations',           { target: 'stayWithConversation', check: theStaysConversation },     [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/conversations',           { target: 'unknownId' },                                             [401, 403, 404, 404, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/conversations',           { target: 'stayOfB', check: theStaysConversation },                  [401, 403, 404, 404, 200, 403, 401]),
  // Downloads: the inbox list as CSV (as the list: a key with conversations:read too), transcripts for staff who see the request or stay (exports.test.ts).
  row('GET /api/v1/conversations.csv',                  { query: () => 'status=queued', apiKey: 200 },                       [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/conversations/{id}/transcript.txt',  { target: 'queued' },                                                [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}/transcript.pdf',  { target: 'queued' },                                                [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}/transcript.txt',  { target: 'unknownId' },                                             [401, 403, 404, 404, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/transcript.txt',          { target: 'stayWithConversation' },                                  [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/transcript.pdf',          { target: 'stayWithConversation' },                                  [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/transcript.pdf',          { target: 'stayOfB' },                                               [401, 403, 404, 404, 200, 403, 401]),
  // Send later: anyone at the desk who sees the request schedules and lists; its author or an admin edits and cancels.
  row('GET /api/v1/conversations/{id}/scheduled-messages',  { target: 'scheduledByCaller', check: oneScheduled },             [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}/scheduled-messages',  { target: 'scheduledInOtherTeams', check: oneScheduled },         [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/scheduled-messages', { target: 'queued', check: scheduledByTheCaller },                [401, 403, 201, 201, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/scheduled-messages', { target: 'otherTeamsQueued', check: scheduledByTheCaller },      [401, 403, 404, 201, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/scheduled-messages', { target: 'queuedOfB', check: scheduledByTheCaller },             [401, 403, 404, 404, 201, 403, 401]),
  row('PATCH /api/v1/conversations/{id}/scheduled-messages/{scheduledId}',  { target: 'scheduledByCaller', check: editedSchedule }, [401, 403, 200, 200, 404, 403, 401]),
  row('PATCH /api/v1/conversations/{id}/scheduled-messages/{scheduledId}',  { target: 'scheduledByColleague', check: editedSchedule }, [401, 403, 403, 200, 404, 403, 401]),
  row('PATCH /api/v1/conversations/{id}/scheduled-messages/{scheduledId}',  { target: 'scheduledInOtherTeams', check: editedSchedule }, [401, 403, 404, 200, 404, 403, 401]),
  row('DELETE /api/v1/conversations/{id}/scheduled-messages/{scheduledId}', { target: 'scheduledByCaller' },                  [401, 403, 204, 204, 404, 403, 401]),
  row('DELETE /api/v1/conversations/{id}/scheduled-messages/{scheduledId}', { target: 'scheduledByColleague' },               [401, 403, 403, 204, 404, 403, 401]),
  // Team visibility (A shows agents their teams' requests only): another team's request is not found for an agent, every way.
  row('GET /api/v1/conversations',                      { target: 'otherTeamsUrgent', check: inboxOfOwnTeams, apiKey: 200 }, [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/conversations/{id}',                 { target: 'otherTeamsQueued', check: theConversation, apiKey: 200 }, [401, 403, 404, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}',                 { target: 'ownTeamsQueued', check: theConversation, apiKey: 200 }, [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}/messages',        { target: 'otherTeamsQueued', check: itsHistory, apiKey: 200 }, [401, 403, 404, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}/transcript.txt',  { target: 'otherTeamsQueued' },                                      [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/take',           { target: 'otherTeamsQueued', check: takenByTheCaller },             [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/take',           { target: 'ownTeamsQueued', check: takenByTheCaller },               [401, 403, 200, 200, 404, 403, 401]),
  row('PUT /api/v1/conversations/{id}/priority',        { target: 'otherTeamsQueued', check: prioritized },                  [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/resolve',        { target: 'otherTeamsQueued', check: resolved },                     [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/assign',         { target: 'otherTeamsQueued', check: assignedToColleague },          [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/transfer',       { target: 'otherTeamsQueued', check: assignedToColleague },          [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/messages',       { target: 'otherTeamsQueued', check: sentByTheCaller, apiKey: 201 }, [401, 404, 404, 201, 404, 404, 401]),
  row('GET /api/v1/conversations/{id}/transcript.pdf',  { target: 'otherTeamsQueued' },                                      [401, 403, 404, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}/merges',          { target: 'otherTeamsQueued', check: noMerges },                     [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/merge',          { target: 'twoOfOneGuestInOtherTeams', check: mergedIntoTheEarlier }, [401, 403, 404, 200, 404, 403, 401]),
  row('DELETE /api/v1/conversations/{id}/scheduled-messages/{scheduledId}', { target: 'scheduledInOtherTeams' },              [401, 403, 404, 204, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/conversations',           { target: 'stayWithOtherTeamsConversation', check: staysConversationsOfOwnTeams }, [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/conversations.csv',                  { target: 'otherTeamsQueued', query: () => 'status=queued', check: csvOfOwnTeams, apiKey: 200 }, [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/stays/{id}/transcript.txt',          { target: 'stayWithOtherTeamsConversation', check: transcriptOfOwnTeams }, [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/transcript.pdf',          { target: 'stayWithOtherTeamsConversation', note: 'its text: visibility.test.ts' }, [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/stays/{id}/guests/{guestId}/history', { target: 'guestBackAfterOtherTeamsRequest', check: historyOfOwnTeams }, [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/visitors/{id}/history',              { target: 'visitorWithOtherTeamsRequest', check: historyOfOwnTeams }, [401, 403, 200, 200, 404, 403, 401]),
  // Conversations, guest side: a guest's own requests only (not even a roommate's); staff have no guest session.
  row('GET /api/v1/guest/conversations',                { target: 'guestsOwn', check: guestsOwnList },                       [401, 401, 401, 401, 401, 401, 200]),
  row('GET /api/v1/guest/conversations/{id}/messages',  { target: 'guestsOwn', check: itsHistory },                          [401, 401, 401, 401, 401, 401, 200]),
  row('GET /api/v1/guest/conversations/{id}/messages',  { target: 'otherGuests' },                                           [401, 401, 401, 401, 401, 401, 404]),
  row('GET /api/v1/guest/conversations/{id}/messages',  { target: 'roommates' },                                             [401, 401, 401, 401, 401, 401, 404]),
  row('GET /api/v1/guest/conversations/{id}/messages',  { target: 'queuedOfB' },                                             [401, 401, 401, 401, 401, 401, 404]),
  row('GET /api/v1/guest/conversations/{id}/messages',  { target: 'unknownId' },                                             [401, 401, 401, 401, 401, 401, 404]),
  row('POST /api/v1/guest/conversations/{id}/rating',   { target: 'guestsOwnResolved', check: rated },                       [401, 401, 401, 401, 401, 401, 200]),
  row('POST /api/v1/guest/conversations/{id}/rating',   { target: 'guestsOwnRated', codes: alreadyRated },                   [401, 401, 401, 401, 401, 401, 409]),
  row('POST /api/v1/guest/conversations/{id}/rating',   { target: 'guestsOwn', note: 'not resolved yet', codes: notResolved }, [401, 401, 401, 401, 401, 401, 409]),
  row('POST /api/v1/guest/conversations/{id}/rating',   { target: 'otherGuestsResolved' },                                   [401, 401, 401, 401, 401, 401, 404]),
  row('POST /api/v1/guest/conversations/{id}/rating',   { target: 'roommatesResolved' },                                     [401, 401, 401, 401, 401, 401, 404]),
  // Notes: the desk that sees the conversation; never guests (their own conversation included), nor another team's agents.
  row('GET /api/v1/conversations/{id}/notes',           { target: 'queued' },                                                [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}/notes',           { target: 'guestsOwn' },                                             [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}/notes',           { target: 'otherTeamsQueued' },                                      [401, 403, 404, 200, 404, 403, 401]),
  row('GET /api/v1/conversations/{id}/notes',           { target: 'unknownId' },                                             [401, 403, 404, 404, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/notes',          { target: 'queued', check: theNote },                                [401, 403, 201, 201, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/notes',          { target: 'guestsOwn', check: theNote },                             [401, 403, 201, 201, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/notes',          { target: 'otherTeamsQueued', check: theNote },                      [401, 403, 404, 201, 404, 403, 401]),
  row('POST /api/v1/conversations/{id}/notes',          { target: 'queuedOfB', check: theNote },                             [401, 403, 404, 404, 201, 403, 401]),
  row('GET /api/v1/me/mentions',                        {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  row('POST /api/v1/me/mentions/read',                  {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  // Canned responses: admins keep the shared ones, everyone at the desk their own, which nobody else sees.
  row('GET /api/v1/canned-responses',                   {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/canned-responses',                   { target: 'queued', query: fillFor },                                [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/canned-responses',                   { target: 'otherTeamsQueued', query: fillFor },                      [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/canned-responses',                  { note: 'my own' },                                                  [401, 403, 201, 201, 201, 403, 401]),
  row('POST /api/v1/canned-responses',                  { note: 'shared', body: sharedCanned },                              [401, 403, 403, 201, 201, 403, 401]),
  row('GET /api/v1/canned-responses/{id}',              { target: 'cannedShared' },                                          [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/canned-responses/{id}',              { target: 'cannedOwn' },                                             [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/canned-responses/{id}',              { target: 'cannedOfColleague' },                                     [401, 403, 404, 404, 404, 403, 401]),
  row('PATCH /api/v1/canned-responses/{id}',            { target: 'cannedShared' },                                          [401, 403, 403, 200, 404, 403, 401]),
  row('PATCH /api/v1/canned-responses/{id}',            { target: 'cannedOwn' },                                             [401, 403, 200, 200, 404, 403, 401]),
  row('PATCH /api/v1/canned-responses/{id}',            { target: 'cannedOfColleague' },                                     [401, 403, 404, 404, 404, 403, 401]),
  row('DELETE /api/v1/canned-responses/{id}',           { target: 'cannedShared' },                                          [401, 403, 403, 204, 404, 403, 401]),
  row('DELETE /api/v1/canned-responses/{id}',           { target: 'cannedOwn' },                                             [401, 403, 204, 204, 404, 403, 401]),
  row('DELETE /api/v1/canned-responses/{id}',           { target: 'cannedOfColleague' },                                     [401, 403, 404, 404, 404, 403, 401]),
  row('POST /api/v1/canned-responses/{id}/attachments/copies', { target: 'cannedShared', check: noFilesToCopy },           [401, 403, 201, 201, 404, 403, 401]),
  row('POST /api/v1/canned-responses/{id}/attachments/copies', { target: 'cannedOwn' },                                   [401, 403, 201, 201, 404, 403, 401]),
  row('POST /api/v1/canned-responses/{id}/attachments/copies', { target: 'cannedOfColleague' },                           [401, 403, 404, 404, 404, 403, 401]),
  // Customers are a service company's (S): its staff see and add them, field staff change only their own,
  // admins remove them and choose their fields. A hotel's staff have none. S's API key (customers:manage)
  // does what its admin does with the records, not with the fields or sessions; a hotel's key (A's, in the
  // "a hotel" rows) is refused like its staff (the scope and revocation refusals: leads/api-keys.test.ts).
  row('GET /api/v1/customers',                          { note: 'a hotel' },                                                 [401, 403, 403, 403, 403, 403, 401]),
  row('GET /api/v1/customers',                          { org: service, apiKey: 200 },                                       [401, 200, 200, 200, 200, 403, 401]),
  row('GET /api/v1/customers.csv',                      { note: 'a hotel' },                                                 [401, 403, 403, 403, 403, 403, 401]),
  row('GET /api/v1/customers.csv',                      { org: service, apiKey: 200 },                                       [401, 200, 200, 200, 200, 403, 401]),
  row('GET /api/v1/customers/duplicates',               { org: service, query: () => 'phone=601234567', apiKey: 200 },       [401, 200, 200, 200, 200, 403, 401]),
  row('POST /api/v1/customers',                         { note: 'a hotel' },                                                 [401, 403, 403, 403, 403, 403, 401]),
  row('POST /api/v1/customers',                         { org: service, apiKey: 201 },                                       [401, 201, 201, 201, 201, 403, 401]),
  // A CRM pushes customers by its own id; field staff change only their own; B's admin makes B's own.
  row('PUT /api/v1/customers/by-external-id/{externalId}', { note: 'a hotel', target: 'customerByExternalId' },              [401, 403, 403, 403, 403, 403, 401]),
  row('PUT /api/v1/customers/by-external-id/{externalId}', { org: service, target: 'customerByExternalId', apiKey: 200 },    [401, 403, 200, 200, 201, 403, 401]),
  row('GET /api/v1/customers/{id}/data-export',         { org: service, target: 'customer' },                                [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/customers/{id}/data-export.html',    { org: service, target: 'customer' },                                [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/customers/{id}/data-export.zip',     { org: service, target: 'customer' },                                [401, 403, 403, 200, 404, 403, 401]),
  row('POST /api/v1/customers/{id}/erase',              { org: service, target: 'customer' },                                [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/customers/{id}',                     { org: service, target: 'customer', apiKey: 200 },                   [401, 200, 200, 200, 404, 403, 401]),
  row('PATCH /api/v1/customers/{id}',                   { org: service, target: 'customer', check: customerEdited, apiKey: 200 }, [401, 403, 200, 200, 404, 403, 401]),
  row('PATCH /api/v1/customers/{id}',                   { org: service, target: 'customerOfCaller', check: customerEdited, apiKey: 200 }, [401, 200, 200, 200, 404, 403, 401]),
  // A customer's requests and chats: the desk that works them (field staff add customers, but work no requests).
  row('GET /api/v1/customers/{id}/history',             { org: service, target: 'customer' },                                [401, 403, 200, 200, 404, 403, 401]),
  // A customer's tasks and work orders: everyone who sees customers, each the items they see on the board.
  row('GET /api/v1/customers/{id}/work-items',          { org: service, target: 'customer' },                                [401, 200, 200, 200, 404, 403, 401]),
  row('DELETE /api/v1/customers/{id}',                  { org: service, target: 'customer', apiKey: 204 },                   [401, 403, 403, 204, 404, 403, 401]),
  row('GET /api/v1/customer-fields',                    { org: service, apiKey: 200 },                                       [401, 200, 200, 200, 200, 403, 401]),
  row('PUT /api/v1/customer-fields',                    { org: service },                                                    [401, 403, 403, 200, 200, 403, 401]),
  row('PUT /api/v1/customer-fields',                    { note: 'a hotel' },                                                 [401, 403, 403, 403, 403, 403, 401]),
  row('POST /api/v1/customers/{id}/sign-out',           { org: service, target: 'customer', check: noSessions },             [401, 403, 200, 200, 404, 403, 401]),
  // QR labels: S's staff find them and give blank ones to customers; moving one is the office's; admins make and retire them.
  row('GET /api/v1/label-batches',                      { org: service },                                                    [401, 200, 200, 200, 200, 403, 401]),
  row('POST /api/v1/label-batches',                     { org: service },                                                    [401, 403, 403, 201, 201, 403, 401]),
  row('POST /api/v1/label-batches',                     { note: 'a hotel' },                                                 [401, 403, 403, 403, 403, 403, 401]),
  row('GET /api/v1/label-batches/{id}/sheet.pdf',       { org: service, target: 'labelBatch' },                              [401, 200, 200, 200, 404, 403, 401]),
  row('GET /api/v1/labels',                             { org: service, target: 'labelBatch', query: (ids) => `batchId=${ids.id}`, check: batchOfTwo }, [401, 200, 200, 200, 200, 403, 401]),
  row('GET /api/v1/labels/find',                        { org: service, target: 'blankLabel', query: (ids) => `code=${ids.code}` }, [401, 200, 200, 200, 404, 403, 401]),
  row('GET /api/v1/labels/{id}',                        { org: service, target: 'blankLabel' },                              [401, 200, 200, 200, 404, 403, 401]),
  row('POST /api/v1/labels/{id}/assign',                { org: service, target: 'blankLabel', check: assignedToTheCustomer }, [401, 200, 200, 200, 404, 403, 401]),
  row('POST /api/v1/labels/{id}/assign',                { org: service, target: 'assignedLabel', codes: { 409: 'label_taken' } }, [401, 409, 200, 200, 404, 403, 401]),
  row('POST /api/v1/labels/{id}/retire',                { org: service, target: 'blankLabel' },                              [401, 403, 403, 200, 404, 403, 401]),
  // "E-mail me a code" at a label: the label's link is the authority, whoever holds it; the answer names the address masked only.
  // The label is the authority here (anyone holding it asks for its customer's code), a customer session or not.
  row('POST /api/v1/guest/labels/{token}/code',         { org: service, target: 'labelOfCustomerWithEmail', check: codeSentMasked, customer: [200, 200], customerCheck: codeSentMasked }, [200, 200, 200, 200, 200, 200, 200]),
  row('POST /api/v1/guest/labels/{token}/code',         { org: service, target: 'labelOfCustomerWithoutEmail', codes: { 409: 'no_email_on_file' }, customer: [409, 409] }, [409, 409, 409, 409, 409, 409, 409]),
  // Request forms: admins design and publish them, dispatchers read them; leads are worked by both.
  row('GET /api/v1/forms',                              { org: service },                                                    [401, 403, 200, 200, 200, 403, 401]),
  row('POST /api/v1/forms',                             { org: service },                                                    [401, 403, 403, 201, 201, 403, 401]),
  row('GET /api/v1/forms/{id}',                         { org: service, target: 'form' },                                    [401, 403, 200, 200, 404, 403, 401]),
  row('PATCH /api/v1/forms/{id}',                       { org: service, target: 'form' },                                    [401, 403, 403, 200, 404, 403, 401]),
  row('POST /api/v1/forms/{id}/publish',                { org: service, target: 'form' },                                    [401, 403, 403, 200, 404, 403, 401]),
  row('DELETE /api/v1/forms/{id}',                      { org: service, target: 'form' },                                    [401, 403, 403, 204, 404, 403, 401]),
  row('GET /api/v1/leads',                              { org: service, apiKey: 200 },                                       [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/leads',                              { note: 'a hotel' },                                                 [401, 403, 403, 403, 403, 403, 401]),
  // Where leads come from: a service company's admins (each counts only their own company's: leads/report.test.ts).
  row('GET /api/v1/leads/report',                       { org: service, query: () => 'from=2026-11-01&to=2026-11-30', apiKey: 200 }, [401, 403, 403, 200, 200, 403, 401]),
  row('GET /api/v1/leads/report',                       { note: 'a hotel', query: () => 'from=2026-11-01&to=2026-11-30' },   [401, 403, 403, 403, 403, 403, 401]),
  row('GET /api/v1/leads/report.csv',                   { org: service, query: () => 'from=2026-11-01&to=2026-11-30', apiKey: 200 }, [401, 403, 403, 200, 200, 403, 401]),
  // Service metrics and rated requests: admins and keys with reports:read, each of their own organization; a team's duty manager that team's.
  row('GET /api/v1/reports/metrics',                    { query: () => 'from=2026-11-01&to=2026-11-30', apiKey: 200 },       [401, 403, 403, 200, 200, 403, 401]),
  row('GET /api/v1/reports/metrics',                    { target: 'team', query: (ids) => `from=2026-11-01&to=2026-11-30&groupBy=agent&teamId=${ids.id}`, apiKey: 200 }, [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/reports/metrics',                    { target: 'teamMember', query: (ids) => `from=2026-11-01&to=2026-11-01&groupBy=hour&agentId=${ids.userId}`, apiKey: 200 }, [401, 403, 403, 200, 404, 403, 401]),
  // a team's duty manager (here the field user and the agent of A) reads that team's figures, no other's
  row('GET /api/v1/reports/metrics',                    { target: 'teamOfCallersDuty', note: "the caller's own team", query: (ids) => `from=2026-11-01&to=2026-11-30&teamId=${ids.id}`, apiKey: 200 }, [401, 200, 200, 200, 404, 403, 401]),
  row('GET /api/v1/reports/metrics',                    { target: 'self', note: "the caller's own figures (My performance)", query: (ids) => `from=2026-11-01&to=2026-11-30&groupBy=team&agentId=${ids.id}`, apiKey: 200 }, [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/reports/ratings',                    { query: () => 'from=2026-11-01&to=2026-11-30', apiKey: 200 },       [401, 403, 403, 200, 200, 403, 401]),
  row('GET /api/v1/reports/ratings',                    { target: 'team', query: (ids) => `from=2026-11-01&to=2026-11-30&teamId=${ids.id}`, apiKey: 200 }, [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/reports/ratings',                    { target: 'teamOfCallersDuty', note: "the caller's own team", query: (ids) => `from=2026-11-01&to=2026-11-30&teamId=${ids.id}`, apiKey: 200 }, [401, 200, 200, 200, 404, 403, 401]),
  row('GET /api/v1/reports/ratings',                    { target: 'teamMember', query: (ids) => `from=2026-11-01&to=2026-11-30&agentId=${ids.userId}`, apiKey: 200 }, [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/reports/ratings',                    { target: 'self', note: "the caller's own ratings (My performance)", query: (ids) => `from=2026-11-01&to=2026-11-30&agentId=${ids.id}`, apiKey: 200 }, [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/reports/metrics.csv',                { query: () => 'from=2026-11-01&to=2026-11-30&groupBy=agent', apiKey: 200 }, [401, 403, 403, 200, 200, 403, 401]),
  row('GET /api/v1/reports/metrics.csv',                { target: 'self', note: "the caller's own figures (My performance)", query: (ids) => `from=2026-11-01&to=2026-11-30&agentId=${ids.id}`, apiKey: 200 }, [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/reports/metrics.csv',                { target: 'teamOfCallersDuty', note: "the caller's own team", query: (ids) => `from=2026-11-01&to=2026-11-30&groupBy=agent&teamId=${ids.id}&timing=business`, apiKey: 200 }, [401, 200, 200, 200, 404, 403, 401]),
  row('GET /api/v1/reports/ratings.csv',                { query: () => 'from=2026-11-01&to=2026-11-30', apiKey: 200 },       [401, 403, 403, 200, 200, 403, 401]),
  row('GET /api/v1/reports/ratings.csv',                { target: 'team', query: (ids) => `from=2026-11-01&to=2026-11-30&teamId=${ids.id}`, apiKey: 200 }, [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/reports/ratings.csv',                { target: 'teamOfCallersDuty', note: "the caller's own team", query: (ids) => `from=2026-11-01&to=2026-11-30&teamId=${ids.id}`, apiKey: 200 }, [401, 200, 200, 200, 404, 403, 401]),
  row('GET /api/v1/leads.csv',                          { org: service, apiKey: 200 },                                       [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/leads.csv',                          { note: 'a hotel' },                                                 [401, 403, 403, 403, 403, 403, 401]),
  row('GET /api/v1/leads/{id}',                         { org: service, target: 'lead', apiKey: 200 },                       [401, 403, 200, 200, 404, 403, 401]),
  row('PATCH /api/v1/leads/{id}',                       { org: service, target: 'lead', apiKey: 200 },                       [401, 403, 200, 200, 404, 403, 401]),
  // A lead's photos: whoever may see the lead (the customer opens theirs through their chat: leads/photos.test.ts).
  row('GET /api/v1/leads/{id}/photos/{photoId}',        { org: service, target: 'leadWithPhoto' },                           [401, 403, 200, 200, 404, 403, 401]),
  row('GET /api/v1/leads/{id}/photos/{photoId}/thumbnail', { org: service, target: 'leadWithPhoto' },                        [401, 403, 200, 200, 404, 403, 401]),
  // The customer's side (their happy path: leads.test.ts): a hotel guest is no customer; a customer of S2 sees S2's forms and requests only, and cannot send with S's form.
  row('GET /api/v1/guest/forms',                        { org: service, customer: [200, 200], customerCheck: formsOfOwnCompany }, [401, 401, 401, 401, 401, 401, 403]),
  row('POST /api/v1/guest/leads',                       { org: service, body: () => ({ formId: randomUUID(), answers: {} }), customer: [404, 404] }, [401, 401, 401, 401, 401, 401, 403]),
  row('POST /api/v1/guest/leads',                       { org: service, target: 'lead', note: 'with S’s published form', body: (c) => ({ formId: c.ids.formId, answers: { what: 'Matrix' } }), customer: [201, 404] }, [401, 401, 401, 401, 401, 401, 403]),
  row('GET /api/v1/guest/leads',                        { org: service, customer: [200, 200], customerCheck: leadsOfOwnCompany }, [401, 401, 401, 401, 401, 401, 403]),
  // Work items: A shows agents only their teams' work; field staff see only theirs and their teams'; the desk plans, field staff do.
  // The list as CSV: each sees only what the list shows them (work/csv.test.ts).
  row('GET /api/v1/work-items.csv',                     {},                                                                  [401, 200, 200, 200, 200, 403, 401]),
  row('GET /api/v1/work-items',                         { target: 'workItemOfOtherTeam', query: (ids) => `teamId=${ids.teamId}`, check: workListedFor(['admin']) }, [401, 200, 200, 200, 200, 403, 401]),
  row('GET /api/v1/work-items',                         { target: 'workItemOfCaller', query: (ids) => `assigneeId=${ids.assigneeId}`, check: workListedFor(['field', 'agent', 'admin']) }, [401, 200, 200, 200, 200, 403, 401]),
  row('GET /api/v1/me/work',                            {},                                                                  [401, 200, 200, 200, 200, 403, 401]),
  row('POST /api/v1/work-items',                        {},                                                                  [401, 403, 201, 201, 201, 403, 401]),
  row('POST /api/v1/work-items',                        { target: 'queued', note: 'from a conversation', body: (c) => ({ conversationId: c.ids.id }) }, [401, 403, 201, 201, 404, 403, 401]),
  row('POST /api/v1/work-items',                        { target: 'otherTeamsQueued', note: 'from another team’s conversation', body: (c) => ({ conversationId: c.ids.id }) }, [401, 403, 404, 201, 404, 403, 401]),
  row('POST /api/v1/work-items',                        { note: 'for B’s admin', body: () => ({ title: 'Theirs', assigneeId: accountOf('otherOrgAdmin').id }), codes: { 400: 'bad_request' } }, [401, 403, 400, 400, 201, 403, 401]),
  row('GET /api/v1/work-items/{id}',                    { target: 'workItem' },                                              [401, 404, 200, 200, 404, 403, 401]),
  row('GET /api/v1/work-items/{id}',                    { target: 'workItemOfCaller' },                                      [401, 200, 200, 200, 404, 403, 401]),
  row('GET /api/v1/work-items/{id}',                    { target: 'workItemOfOtherTeam' },                                   [401, 404, 404, 200, 404, 403, 401]),
  row('GET /api/v1/work-items/{id}',                    { target: 'unknownId' },                                             [401, 404, 404, 404, 404, 403, 401]),
  row('PATCH /api/v1/work-items/{id}',                  { target: 'workItemOfCaller' },                                      [401, 403, 200, 200, 404, 403, 401]),
  row('PATCH /api/v1/work-items/{id}',                  { target: 'workItemOfOtherTeam' },                                   [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/status',            { target: 'workItemOfCaller' },                                      [401, 200, 200, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/status',            { target: 'workItem' },                                              [401, 404, 200, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/status',            { target: 'workItemOfOtherTeam' },                                   [401, 404, 404, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/status',            { target: 'workItemOfCaller', note: 'cancel', body: () => ({ status: 'cancelled', reason: 'Guest left' }) }, [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/status',            { target: 'workItemOfCaller', note: 'open → done', body: () => ({ status: 'done' }), codes: { 409: 'illegal_transition' } }, [401, 409, 409, 409, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/assign',            { target: 'workItemOfCaller' },                                      [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/assign',            { target: 'workItemOfOtherTeam' },                                   [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/assign',            { target: 'workItemOfCaller', note: 'to B’s admin', body: () => ({ assigneeId: accountOf('otherOrgAdmin').id }), codes: { 400: 'bad_request' } }, [401, 403, 400, 400, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/reschedule',        { target: 'workItemOfCaller' },                                      [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/reschedule',        { target: 'workItemOfOtherTeam' },                                   [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/move',              { target: 'workItemOfCaller' },                                      [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/move',              { target: 'workItemOfOtherTeam' },                                   [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/move',              { target: 'workItemOfCaller', note: 'to B’s admin', body: () => ({ dueAt: hoursFromNow(5), assigneeId: accountOf('otherOrgAdmin').id }), codes: { 400: 'bad_request' } }, [401, 403, 400, 400, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/checklist',         { target: 'workItemOfCaller' },                                      [401, 403, 201, 201, 404, 403, 401]),
  row('PUT /api/v1/work-items/{id}/checklist/{itemId}', { target: 'workItemOfCaller' },                                      [401, 200, 200, 200, 404, 403, 401]),
  row('PUT /api/v1/work-items/{id}/checklist/{itemId}', { target: 'workItemOfOtherTeam' },                                   [401, 404, 404, 200, 404, 403, 401]),
  row('DELETE /api/v1/work-items/{id}/checklist/{itemId}', { target: 'workItemOfCaller' },                                   [401, 403, 200, 200, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/notes',             { target: 'workItemOfCaller' },                                      [401, 201, 201, 201, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/notes',             { target: 'workItemOfOtherTeam' },                                   [401, 404, 404, 201, 404, 403, 401]),
  // Photos: the upload itself is the attachments module's (its happy path: work.test.ts); an upload that is not the caller's is unavailable.
  row('POST /api/v1/work-items/{id}/photos',            { target: 'workItemOfCaller', body: () => ({ attachmentId: randomUUID() }), codes: { 409: 'attachment_unavailable' } }, [401, 409, 409, 409, 404, 403, 401]),
  row('POST /api/v1/work-items/{id}/photos',            { target: 'workItemOfOtherTeam', body: () => ({ attachmentId: randomUUID() }), codes: { 409: 'attachment_unavailable' } }, [401, 404, 404, 409, 404, 403, 401]),
  row('GET /api/v1/work-items/{id}/photos/{photoId}',   { target: 'workItemOfCaller' },                                      [401, 200, 200, 200, 404, 403, 401]),
  row('GET /api/v1/work-items/{id}/photos/{photoId}',   { target: 'workItemOfOtherTeam' },                                   [401, 404, 404, 200, 404, 403, 401]),
  row('GET /api/v1/work-items/{id}/photos/{photoId}/thumbnail', { target: 'workItemOfCaller' },                              [401, 200, 200, 200, 404, 403, 401]),
  row('GET /api/v1/work-items/{id}/photos/{photoId}/thumbnail', { target: 'workItemOfOtherTeam' },                           [401, 404, 404, 200, 404, 403, 401]),
  row('POST /api/v1/leads/{id}/convert',                { org: service, target: 'lead' },                                    [401, 403, 201, 201, 404, 403, 401]),
  // Attachments: uploads by staff who write in conversations and by guests; a file only to whoever sees its conversation.
  row('POST /api/v1/attachments',                       { image, query: () => 'name=matrix.png' },                           [401, 201, 201, 201, 201, 403, 401]),
  row('POST /api/v1/guest/attachments',                 { image, query: () => 'name=matrix.png' },                           [401, 401, 401, 401, 401, 401, 201]),
  row('GET /api/v1/attachments/{id}',                   { target: 'attachmentInQueued' },                                    [401, 404, 200, 200, 404, 404, 401]),
  row('GET /api/v1/attachments/{id}',                   { target: 'attachmentInOtherTeams' },                                [401, 404, 404, 200, 404, 404, 401]),
  row('GET /api/v1/attachments/{id}',                   { target: 'unknownId' },                                             [401, 404, 404, 404, 404, 404, 401]),
  row('GET /api/v1/attachments/{id}/thumbnail',         { target: 'attachmentInQueued' },                                    [401, 404, 200, 200, 404, 404, 401]),
  row('GET /api/v1/attachments/{id}/thumbnail',         { target: 'attachmentInOtherTeams' },                                [401, 404, 404, 200, 404, 404, 401]),
  row('GET /api/v1/guest/attachments/{id}',             { target: 'attachmentInGuestsOwn' },                                 [401, 401, 401, 401, 401, 401, 200]),
  row('GET /api/v1/guest/attachments/{id}',             { target: 'attachmentInOtherGuests' },                               [401, 401, 401, 401, 401, 401, 404]),
  row('GET /api/v1/guest/attachments/{id}/thumbnail',   { target: 'attachmentInGuestsOwn' },                                 [401, 401, 401, 401, 401, 401, 200]),
  row('GET /api/v1/guest/attachments/{id}/thumbnail',   { target: 'attachmentInOtherGuests' },                               [401, 401, 401, 401, 401, 401, 404]),
  // E-mail: an organization's admins see what was sent to its people; the platform owner sees every organization's.
  row('GET /api/v1/emails',                             { target: 'emailOfA', check: emailsOfOwnOrgOnly },                   [401, 403, 403, 200, 200, 403, 401]),
  row('GET /api/v1/platform/emails',                    { target: 'emailOfA', check: emailsOfOwnOrgOnly },                   [401, 403, 403, 403, 403, 200, 401]),
  row('GET /api/v1/emails/{id}',                        { target: 'emailOfA' },                                              [401, 403, 403, 200, 404, 200, 401]),
  row('GET /api/v1/emails/{id}',                        { target: 'unknownId' },                                             [401, 403, 403, 404, 404, 404, 401]),
  // Bulk: one answer per conversation; those the caller does not see are not found (and unchanged).
  row('POST /api/v1/conversations/bulk',                { target: 'queued', check: bulkDoneFor(['agent', 'admin']) },       [401, 403, 200, 200, 200, 403, 401]),
  row('POST /api/v1/conversations/bulk',                { target: 'otherTeamsQueued', check: bulkDoneFor(['admin']) },      [401, 403, 200, 200, 200, 403, 401]),
  // Search: the desk of the organization, within its team visibility (the index fills off the send path).
  row('GET /api/v1/search',                             { query: () => 'q=shower' },                                         [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/search',                             { target: 'otherTeamsQueued', query: searchByRoom, check: foundFor(['admin']) }, [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/search',                             { target: 'queued', query: searchByRoom, check: foundFor(['agent', 'admin']) }, [401, 403, 200, 200, 200, 403, 401]),
  // Tags: admins keep them, the desk reads them and tags the conversations it sees.
  row('GET /api/v1/tags',                               {},                                                                  [401, 403, 200, 200, 200, 403, 401]),
  row('POST /api/v1/tags',                              {},                                                                  [401, 403, 403, 201, 201, 403, 401]),
  row('PATCH /api/v1/tags/{id}',                        { target: 'tagOfA' },                                                [401, 403, 403, 200, 404, 403, 401]),
  row('DELETE /api/v1/tags/{id}',                       { target: 'tagOfA' },                                                [401, 403, 403, 204, 404, 403, 401]),
  row('PUT /api/v1/conversations/{id}/tags/{tagId}',    { target: 'queuedWithTag', check: taggedWith },                      [401, 403, 200, 200, 404, 403, 401]),
  row('PUT /api/v1/conversations/{id}/tags/{tagId}',    { target: 'otherTeamsQueuedWithTag', check: taggedWith },            [401, 403, 404, 200, 404, 403, 401]),
  row('DELETE /api/v1/conversations/{id}/tags/{tagId}', { target: 'queuedWithTag' },                                         [401, 403, 200, 200, 404, 403, 401]),
  row('DELETE /api/v1/conversations/{id}/tags/{tagId}', { target: 'otherTeamsQueuedWithTag' },                               [401, 403, 404, 200, 404, 403, 401]),
  // Webhooks: the organization's admins only (they send its events out).
  row('GET /api/v1/api-keys',                           { check: keysOfOwnOrg },                                             [401, 403, 403, 200, 200, 403, 401]),
  row('POST /api/v1/api-keys',                          { check: keyShownOnce },                                             [401, 403, 403, 201, 201, 403, 401]),
  row('POST /api/v1/api-keys/{id}/revoke',              { target: 'apiKeyOfA' },                                             [401, 403, 403, 200, 404, 403, 401]),
  // Quick actions: admins keep their organization's catalogue; a guest sees and taps their hotel's only.
  row('GET /api/v1/quick-actions',                      { target: 'quickActionOfA', check: quickActionsOfOwnOrg },            [401, 403, 403, 200, 200, 403, 401]),
  row('POST /api/v1/quick-actions',                     {},                                                                  [401, 403, 403, 201, 201, 403, 401]),
  row('GET /api/v1/quick-actions/{id}',                 { target: 'quickActionOfA' },                                        [401, 403, 403, 200, 404, 403, 401]),
  row('PATCH /api/v1/quick-actions/{id}',               { target: 'quickActionOfA' },                                        [401, 403, 403, 200, 404, 403, 401]),
  row('DELETE /api/v1/quick-actions/{id}',              { target: 'quickActionOfA' },                                        [401, 403, 403, 204, 404, 403, 401]),
  row('GET /api/v1/quick-actions/{id}',                 { target: 'quickActionOfB' },                                        [401, 403, 403, 404, 200, 403, 401]),
  row('GET /api/v1/guest/quick-actions',                { target: 'quickActionOfA', check: guestSeesOwnQuickActions },       [401, 401, 401, 401, 401, 401, 200]),
  row('POST /api/v1/guest/quick-actions/{id}/request',  { target: 'quickActionOfA', check: quickTaskMade },                  [401, 401, 401, 401, 401, 401, 201]),
  row('POST /api/v1/guest/quick-actions/{id}/request',  { target: 'quickActionOfB' },                                        [401, 401, 401, 401, 401, 401, 404]),
  // Web push: the key is public; staff subscribe their devices, guests and customers theirs; a device
  // is only ever unsubscribed by whoever subscribed it (push/push.test.ts), so an unknown one is not found.
  row('GET /api/v1/push/public-key',                    {},                                                                  [200, 200, 200, 200, 200, 200, 200]),
  row('POST /api/v1/me/push-subscriptions',             {},                                                                  [401, 201, 201, 201, 201, 403, 401]),
  row('POST /api/v1/me/push-subscriptions/unsubscribe', {},                                                                  [401, 404, 404, 404, 404, 403, 401]),
  row('POST /api/v1/guest/push-subscriptions',          {},                                                                  [401, 401, 401, 401, 401, 401, 201]),
  row('POST /api/v1/guest/push-subscriptions',          { org: service, note: 'a customer', customer: [201, 201] },          [401, 401, 401, 401, 401, 401, 201]),
  row('POST /api/v1/guest/push-subscriptions/unsubscribe', {},                                                               [401, 401, 401, 401, 401, 401, 404]),
  row('GET /api/v1/webhooks',                           {},                                                                  [401, 403, 403, 200, 200, 403, 401]),
  row('POST /api/v1/webhooks',                          {},                                                                  [401, 403, 403, 201, 201, 403, 401]),
  row('GET /api/v1/webhooks/{id}',                      { target: 'webhookOfA' },                                            [401, 403, 403, 200, 404, 403, 401]),
  row('PATCH /api/v1/webhooks/{id}',                    { target: 'webhookOfA' },                                            [401, 403, 403, 200, 404, 403, 401]),
  row('DELETE /api/v1/webhooks/{id}',                   { target: 'webhookOfA' },                                            [401, 403, 403, 204, 404, 403, 401]),
  row('POST /api/v1/webhooks/{id}/rotate-secret',       { target: 'webhookOfA' },                                            [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/webhooks/{id}/deliveries',           { target: 'webhookOfA' },                                            [401, 403, 403, 200, 404, 403, 401]),
  row('GET /api/v1/webhooks/{id}/deliveries/{deliveryId}', { target: 'webhookOfA' },                                         [401, 403, 403, 200, 404, 403, 401]),
  row('POST /api/v1/webhooks/{id}/deliveries/{deliveryId}/replay', { target: 'webhookOfA' },                                 [401, 403, 403, 201, 404, 403, 401]),
  // Alerts: admins see and acknowledge all of theirs (a team's duty manager that team's: alerts.test.ts); settings are admins'.
  row('GET /api/v1/alerts',                             { target: 'alertOfA', check: alertListedFor(['admin']) },            [401, 403, 200, 200, 200, 403, 401]),
  row('GET /api/v1/alerts.csv',                         { target: 'alertOfA', check: alertCsvListedFor(['admin']) },         [401, 403, 200, 200, 200, 403, 401]),
  row('POST /api/v1/alerts/{id}/acknowledge',           { target: 'alertOfA' },                                              [401, 403, 404, 200, 404, 403, 401]),
  row('POST /api/v1/alerts/{id}/acknowledge',           { target: 'unknownId' },                                             [401, 403, 404, 404, 404, 403, 401]),
  row('GET /api/v1/alert-settings',                     {},                                                                  [401, 403, 403, 200, 200, 403, 401]),
  row('PATCH /api/v1/alert-settings',                   {},                                                                  [401, 403, 403, 200, 200, 403, 401]),
  row('GET /api/v1/sso-settings',                       {},                                                                  [401, 403, 403, 200, 200, 403, 401]),
  row('PATCH /api/v1/sso-settings',                     {},                                                                  [401, 403, 403, 200, 200, 403, 401]),
  row('PATCH /api/v1/platform/organizations/{id}/sso-settings', { target: 'orgA' },                                          [401, 403, 403, 403, 403, 200, 401]),
];

/**
 * Endpoints anyone may call: not part of the matrix. The guest-facing ones are checked (suite.ts) for
 * never answering with, or signing into, another organization's data.
 */
export const publicOps = new Set([
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/set-password',
  // Single sign-on: both only redirect; the state the browser holds is the authority (sso.test.ts)
  'GET /api/v1/auth/sso/{slug}/start',
  'GET /api/v1/auth/sso/callback',
  'GET /api/v1/public/organizations/{slug}',
  // Uploaded logos and photos: public by their random ids, as <img> tags on the guest pages load them.
  'GET /api/v1/files/{id}',
  'POST /api/v1/guest/{slug}/login',
  'POST /api/v1/guest/{slug}/visit',
  // A scanned label: says whether it is in use and whose company it is, nothing personal (labels.test.ts).
  'GET /api/v1/public/labels/{token}',
  'POST /api/v1/guest/labels/{token}/verify',
  // Unsubscribe links: the signed token in the link is the authority (mail.test.ts refuses forged ones).
  'GET /api/v1/mail/unsubscribe',
  'POST /api/v1/mail/unsubscribe',
]);
