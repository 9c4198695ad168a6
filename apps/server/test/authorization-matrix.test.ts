import { randomUUID } from 'node:crypto';
import { apiKeyScopes, clientEvents, type ErrorCode, errorCodes } from '@frontdesk/protocol';
import { asc, count, eq, inArray } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  alerts,
  apiKeys,
  attachments,
  auditLog,
  cannedResponses,
  conversations,
  customerFields,
  customers,
  emails,
  files,
  guestSessions,
  labelBatches,
  labels,
  leads,
  messages,
  organizations,
  passwordTokens,
  quickActions,
  requestForms,
  requestFormVersions,
  rooms,
  routingRules,
  scheduledMessages,
  sessions,
  stayGuests,
  stays,
  tags,
  teamMembers,
  teams,
  users,
  visitors,
  webhookDeliveries,
  webhookEndpoints,
  workChecklistItems,
  workItems,
  workPhotos,
} from '../src/db/schema.js';
import { newAccessCode } from '../src/modules/stays/codes.js';
import { ApiClient, type ApiResponse } from './client.js';
import {
  hoursFromNow,
  makeConversation,
  makeOrg,
  makeRooms,
  makeStaff,
  makeStay,
  makeSuperadmin,
  signIn,
  TEST_PASSWORD,
  type TestOrg,
  type TestUser,
} from './factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from './harness.js';
import { ask, connect } from './sockets.js';

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
 * what anonymous callers get on the public ones. Adding an endpoint means adding a row to `matrix` (the OpenAPI check at the bottom
 * fails until you do).
 *
 * Service company S's guest routes add two columns (`customer: [same, other]` in their rows; a check
 * below fails for a row without them): "customer" is a verified customer of S, signed in at their label
 * as the customer's page does, and "otherCustomer" a verified customer of another service company
 * (S2), who must neither see nor change anything of S's.
 */

const actorRoles = [
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
type ActorRole = (typeof actorRoles)[number];
/** The two columns of S's guest routes: a verified customer of S, and one of S2. */
const customerRoles = ['customer', 'otherCustomer'] as const;
type CustomerRole = (typeof customerRoles)[number];
type CaseRole = ActorRole | CustomerRole;

/**
 * What the path parameters point at, made fresh for every case: the organization A itself, a member
 * of A with that role (inactive ones for activate), the caller's own account, a new room of A (for
 * `POST /stays`: the free room to check into), or a new live stay of A in a room of its own (`stay`
 * fills `{id}`; `stayGuest` also fills `{guestId}` with the stay's guest). `unknownId` is an id
 * nothing has.
 *
 * Conversations of A (`{id}`; `ids.guestId` is their guest), each as it stands after the guest's
 * first message: `queued` (nobody took it), `takenByCaller` (open, the caller's own when the caller
 * is an agent or admin of A, else a new agent's), `takenByColleague` (open, a new agent's);
 * `stayWithConversation` is a stay of A (`{id}`) with one queued conversation (`ids.conversationId`).
 * The guest side: `guestsOwn…` belong to the calling guest (for callers who are no guest, to a new
 * guest of A), `otherGuests…` to a guest of another stay of A, `roommates` to a second guest of the
 * calling guest's own stay; `…Resolved` ones are resolved and unrated, `…Rated` resolved and rated.
 * From the other side, `queuedOfB` is a queued conversation of organization B and `stayOfB` a stay of
 * B with one (`ids.conversationId`): B's admin sees them, nobody of A does.
 *
 * Teams of A: `team` (`{id}`, no members), `teamMember` (`{userId}` an agent of A in it),
 * `teamAndColleague` (`{userId}` an agent of A not in it yet) and `teamOfCallersDuty` (the caller, when
 * a member of A, is its duty manager; for any other caller it has none). `routingRule` is a routing rule of A
 * (to a team of its own); `urgentQueued` a queued conversation of A marked urgent.
 *
 * Organization A shows agents only their teams' requests (`conversationVisibility: 'team'`; the
 * requests above have no team, so every agent sees them): `otherTeamsQueued` is a queued request of a
 * team the caller is not in (a new team with a new agent; `otherTeamsUrgent` the same marked urgent,
 * so that it is on the queue's first page), `ownTeamsQueued` one of a team the caller
 * is in (for staff of A; others get a team without them), and `stayWithOtherTeamsConversation` a stay
 * of A whose one request is of another team (`ids.conversationId`). Admins see them all; an agent
 * outside the team gets 404 from every conversation endpoint and lists without them.
 *
 * Merging: `twoOfOneGuest` is a guest's queued request (`{id}`) after an earlier resolved one of
 * theirs (`ids.otherId`); `…TakenByColleague` the same with the later one held by a new agent;
 * `mergeOfA` a merge of two such requests an admin of A just made (`{mergeId}`);
 * `twoOfOneGuestInOtherTeams` the same two requests in a team the caller is not in (a new team with a new agent).
 * Scheduled replies (`{id}` the queued conversation, `{scheduledId}` the reply): `scheduledByCaller`
 * written by the caller (a new agent's for callers who are no staff of A), `scheduledByColleague` by
 * a new agent, `scheduledInOtherTeams` by a member of a team the caller is not in, in its request.
 * `alertOfA` is an alert (an alarming word) on a queued request of A of no team (`{id}`).
 * `quickActionOfA` is a quick action of A (`{id}`: "how many" 1–4, a task for a team of A); `quickActionOfB` one of B.
 * `endedStay` is a stay of A checked out a moment ago (`{id}`): its guests' data may be erased.
 * PMS and CRM pushes (`{externalId}`): `roomByExternalId` a room of A the PMS knows by that id,
 * `freeRoomAndNewExternalId` a free room of A (`ids.roomId`) and a reservation id nothing has yet,
 * `stayByExternalId` a live stay of A with that reservation id (`ids.roomId` its room), and
 * `customerByExternalId` a customer of S the CRM knows by that id. Another organization's admin
 * pushing the same id makes a record of their own: ids are unique per organization.
 * `webhookOfA` is a webhook of A (`{id}`, on a private address) with one given-up delivery (`{deliveryId}`).
 * Attachments (`{id}` the file): one sent in the first message of a `queued` request, of an
 * `otherTeamsQueued` one, of the calling guest's own (`guestsOwn`) and of another guest's (`otherGuests`).
 */
type Target =
  | 'orgA'
  | 'agent'
  | 'field'
  | 'admin'
  | 'inactiveAgent'
  | 'inactiveAdmin'
  | 'self'
  | 'room'
  | 'stay'
  | 'stayGuest'
  | 'unknownId'
  | 'queued'
  | 'takenByCaller'
  | 'takenByColleague'
  | 'stayWithConversation'
  | 'guestsOwn'
  | 'guestsOwnResolved'
  | 'guestsOwnRated'
  | 'otherGuests'
  | 'otherGuestsResolved'
  | 'roommates'
  | 'roommatesResolved'
  | 'queuedOfB'
  | 'stayOfB'
  | 'team'
  | 'teamMember'
  | 'teamAndColleague'
  | 'teamOfCallersDuty'
  | 'routingRule'
  | 'urgentQueued'
  | 'otherTeamsQueued'
  | 'otherTeamsUrgent'
  | 'ownTeamsQueued'
  | 'stayWithOtherTeamsConversation'
  | 'twoOfOneGuest'
  | 'twoOfOneGuestTakenByColleague'
  | 'twoOfOneGuestInOtherTeams'
  | 'mergeOfA'
  | 'cannedShared'
  | 'cannedOwn'
  | 'cannedOfColleague'
  | 'scheduledByCaller'
  | 'scheduledByColleague'
  | 'scheduledInOtherTeams'
  | 'customer'
  | 'customerOfCaller'
  | 'labelBatch'
  | 'blankLabel'
  | 'assignedLabel'
  | 'labelOfCustomerWithEmail'
  | 'labelOfCustomerWithoutEmail'
  | 'form'
  | 'lead'
  | 'leadWithPhoto'
  | 'attachmentInQueued'
  | 'attachmentInOtherTeams'
  | 'attachmentInGuestsOwn'
  | 'attachmentInOtherGuests'
  | 'emailOfA'
  | 'tagOfA'
  | 'queuedWithTag'
  | 'otherTeamsQueuedWithTag'
  | 'visitorOfA'
  | 'workItem'
  | 'workItemOfCaller'
  | 'workItemOfOtherTeam'
  | 'webhookOfA'
  | 'apiKeyOfA'
  | 'alertOfA'
  | 'quickActionOfA'
  | 'quickActionOfB'
  | 'roomByExternalId'
  | 'freeRoomAndNewExternalId'
  | 'stayByExternalId'
  | 'customerByExternalId'
  | 'endedStay';
/** Targets that are members of A: a foreign admin's case records them for the final check. */
const memberTargets = new Set<Target>(['agent', 'field', 'admin', 'inactiveAgent', 'inactiveAdmin']);

interface BodyContext {
  role: CaseRole;
  suffix: string;
  /** The path parameters of the case's target (`id`, `guestId`), e.g. the room to check into. */
  ids: Record<string, string>;
}

interface Row {
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

interface CheckContext {
  ids: Record<string, string>;
  actor: Actor;
}

/** A browser's push subscription (keys of the right sizes) at a closed port of this machine. */
const pushDevice = (suffix: string) => ({
  endpoint: `http://127.0.0.1:9/push/${suffix}`,
  keys: { p256dh: `B${'A'.repeat(86)}`, auth: 'A'.repeat(22) },
});

/** The request bodies each operation is tried with (valid ones: only authorization may refuse them). */
const bodies: Record<string, (c: BodyContext) => unknown> = {
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
  // a closed port of this machine (the server allows it: PUSH_ALLOW_PRIVATE below): a push there is refused at once, nothing leaves
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
/** A form of one question, complete as the server keeps it (the targets write it straight to the database). */
const oneQuestion = {
  steps: [
    {
      title: '',
      fields: [
        {
          key: 'what',
          type: 'short_text',
          label: 'What do you need?',
          help: '',
          required: false,
          options: [],
          showIf: null,
        },
      ],
    },
  ],
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

const ORG_A_SEATS = 100_000;
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
const matrix: Row[] = [
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
 * Endpoints anyone may call: not part of the matrix. The guest-facing ones are checked below for
 * never answering with, or signing into, another organization's data.
 */
const publicOps = new Set([
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

/** The stable code each refusal must carry. */
const refusalCodes: Record<number, string> = {
  401: 'unauthenticated',
  403: 'forbidden',
  404: 'not_found',
  409: 'cannot_modify_self',
};

/** What an allowed request for a QR code or printable answers with. */
const binaryKinds: Record<string, { type: string; magic: RegExp }> = {
  svg: { type: 'image/svg+xml', magic: /<svg[\s>]/ },
  // The client reads every body as text: the PNG signature's first byte (0x89) becomes U+FFFD.
  png: { type: 'image/png', magic: /^\uFFFDPNG/ },
  pdf: { type: 'application/pdf', magic: /^%PDF-/ },
};
const binaryOf = (path: string) => binaryKinds[/\.(\w+)$/.exec(path)?.[1] ?? ''];

interface Actor {
  client: ApiClient;
  user: TestUser | null;
  /** A signed-in guest's own guest record (guests only). */
  guest?: typeof stayGuests.$inferSelect;
}

let server: TestServer;
let orgA: TestOrg;
let orgB: TestOrg;
let orgAInitial: typeof organizations.$inferSelect;
const shared = {} as Record<ActorRole, Actor>;
/** Service company S (the `service` rows), another one (S2), and the columns' accounts for those rows. */
let orgS: TestOrg;
let orgS2: TestOrg;
const sharedS = {} as Record<ActorRole, Actor>;
/** The customer columns of S's guest routes: a verified customer of S and one of S2. */
const customersOfS = {} as Record<CustomerRole, Actor>;
/** The shared guest of A (the "guest" column): their access code, stay and guest record. */
let matrixGuest: { code: string; stayId: string; guestId: string };
/** Every account that acted as organization B's admin, for the final audit-log check. */
const foreignActorIds = new Set<string>();
/** Members of A a foreign admin tried to act on, as they were before, for the final check. */
const foreignTargets: { label: string; id: string; before: typeof users.$inferSelect | undefined }[] = [];
/** An active agent of A that requests are handed to, and an inactive one that they may not be. */
let colleague: TestUser;
let inactiveAgentOfA: TestUser;
/** The shared account of a staff column. */
const accountOf = (role: ActorRole): TestUser => {
  const user = shared[role]?.user;
  if (!user) throw new Error(`no account for ${role}`);
  return user;
};

beforeAll(async () => {
  // The matrix signs in ~30 times (and guests ~15 times) from one address: lift the rate limits for this file.
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
});
afterAll(() => server?.close());

/**
 * A guest of a new live stay in A, signed in through the guest login with their access code: kept
 * as the fd_guest cookie (as the guest page does) or as the g_… bearer token (as an app would).
 */
async function signInGuest(via: 'cookie' | 'bearer') {
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
async function freshActor(role: ActorRole, org?: 'service'): Promise<Actor> {
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

/** The path parameters for the target, made fresh in organization A. */
async function makeTarget(target: Target, actor: Actor): Promise<Record<string, string>> {
  const conversationOf = async (
    guest: typeof stayGuests.$inferSelect,
    opts: Parameters<typeof makeConversation>[2] = {},
  ) => {
    const { conversation } = await makeConversation(server, guest, opts);
    const [room] = await server.ctx.db
      .select({ number: rooms.number })
      .from(stays)
      .innerJoin(rooms, eq(rooms.id, stays.roomId))
      .where(eq(stays.id, guest.stayId));
    return { id: conversation.id, guestId: guest.id, room: room?.number ?? '' };
  };
  const newGuest = async () => (await makeStay(server, orgA)).guest;
  /** A new team of A with `member` in it: its id. */
  const newTeamOfA = async (member: { id: string }) => {
    const [team] = await server.ctx.db
      .insert(teams)
      .values({ orgId: orgA.id, name: `Matrix team ${uniqueSuffix()}` })
      .returning();
    if (!team) throw new Error('no team');
    await server.ctx.db.insert(teamMembers).values({ orgId: orgA.id, teamId: team.id, userId: member.id });
    return team.id;
  };
  /** The calling guest; for callers who are no guest, a new guest of A. */
  const callingGuest = async () => actor.guest ?? (await newGuest());
  /** A second guest of the calling guest's stay (or of a new stay of A). */
  const roommate = async () => {
    const stayId = actor.guest?.stayId ?? (await newGuest()).stayId;
    const [guest] = await server.ctx.db
      .insert(stayGuests)
      .values({ orgId: orgA.id, stayId, code: newAccessCode(), name: 'Roommate' })
      .returning();
    if (!guest) throw new Error('no roommate');
    return guest;
  };
  switch (target) {
    case 'orgA':
      return { id: orgA.id };
    case 'self':
      // Callers without an account of their own (anonymous, guests): point them at an agent of A.
      return { id: actor.user ? actor.user.id : (await makeStaff(server, orgA, 'agent')).id };
    case 'unknownId':
      return { id: randomUUID() };
    case 'labelBatch':
    case 'blankLabel':
    case 'assignedLabel': {
      const [batch] = await server.ctx.db
        .insert(labelBatches)
        .values({ orgId: orgS.id, name: `Batch ${uniqueSuffix()}`, size: 2 })
        .returning();
      if (!batch) throw new Error('no batch');
      const [customer] = await server.ctx.db
        .insert(customers)
        .values({ orgId: orgS.id, name: `Customer ${uniqueSuffix()}`, language: 'en' })
        .returning();
      if (!customer) throw new Error('no customer');
      const made = await server.ctx.db
        .insert(labels)
        .values(
          [0, 1].map(() => ({
            orgId: orgS.id,
            batchId: batch.id,
            token: randomUUID().replaceAll('-', ''),
            code: uniqueSuffix().slice(0, 8).toUpperCase().padEnd(8, '0'),
            ...(target === 'assignedLabel' ? { status: 'assigned' as const, customerId: customer.id } : {}),
          })),
        )
        .returning();
      const label = made[0];
      if (!label) throw new Error('no label');
      if (target === 'labelBatch') return { id: batch.id };
      // the label's customer, or (assignedLabel) another one to move it to
      const [other] = await server.ctx.db
        .insert(customers)
        .values({ orgId: orgS.id, name: `Other ${uniqueSuffix()}`, language: 'en' })
        .returning();
      return {
        id: label.id,
        code: label.code,
        customerId: (target === 'assignedLabel' ? other?.id : customer.id) ?? '',
      };
    }
    case 'labelOfCustomerWithEmail':
    case 'labelOfCustomerWithoutEmail': {
      // a label of S in use, whose link (`{token}`) anyone holding it may ask a code at
      const [batch] = await server.ctx.db
        .insert(labelBatches)
        .values({ orgId: orgS.id, name: `Batch ${uniqueSuffix()}`, size: 1 })
        .returning();
      const withEmail = target === 'labelOfCustomerWithEmail';
      const [customer] = await server.ctx.db
        .insert(customers)
        .values({
          orgId: orgS.id,
          name: `Customer ${uniqueSuffix()}`,
          language: 'en',
          emails: withEmail ? [`matrix-${uniqueSuffix()}@example.test`] : [],
        })
        .returning();
      if (!batch || !customer) throw new Error('no batch or customer');
      const [label] = await server.ctx.db
        .insert(labels)
        .values({
          orgId: orgS.id,
          batchId: batch.id,
          token: randomUUID().replaceAll('-', ''),
          code: uniqueSuffix().slice(0, 8).toUpperCase().padEnd(8, '0'),
          status: 'assigned',
          customerId: customer.id,
        })
        .returning();
      if (!label) throw new Error('no label');
      return { token: label.token, id: label.id, address: customer.emails[0] ?? '' };
    }
    case 'form':
    case 'lead':
    case 'leadWithPhoto': {
      const draft = oneQuestion as typeof requestForms.$inferInsert.draft;
      const [form] = await server.ctx.db
        .insert(requestForms)
        .values({
          orgId: orgS.id,
          name: `Form ${uniqueSuffix()}`,
          draft,
          publishedVersion: target === 'lead' ? 1 : null,
        })
        .returning();
      if (!form) throw new Error('no form');
      if (target === 'form') return { id: form.id };
      await server.ctx.db.insert(requestFormVersions).values({ formId: form.id, version: 1, definition: draft });
      const [customer] = await server.ctx.db
        .insert(customers)
        .values({ orgId: orgS.id, name: `Customer ${uniqueSuffix()}`, language: 'en' })
        .returning();
      if (!customer) throw new Error('no customer');
      const [lead] = await server.ctx.db
        .insert(leads)
        .values({
          orgId: orgS.id,
          customerId: customer.id,
          formId: form.id,
          formVersion: 1,
          answers: { what: 'A repair' },
        })
        .returning();
      if (!lead) throw new Error('no lead');
      if (target !== 'leadWithPhoto') return { id: lead.id, formId: form.id };
      // a version with a photo question, answered with a photo sent with the lead
      const withPhoto = {
        steps: [
          {
            ...oneQuestion.steps[0],
            fields: [
              {
                ...oneQuestion.steps[0]?.fields[0],
                key: 'pic',
                type: 'photo',
                label: 'Photo',
                required: false,
                options: [],
                showIf: null,
              },
            ],
          },
        ],
      };
      await server.ctx.db
        .insert(requestFormVersions)
        .values({ formId: form.id, version: 2, definition: withPhoto as typeof draft });
      const photoId = await photoOf(orgS.id);
      await server.ctx.db
        .update(leads)
        .set({ formVersion: 2, answers: { pic: [photoId] } })
        .where(eq(leads.id, lead.id));
      return { id: lead.id, photoId };
    }
    case 'customer':
    case 'customerOfCaller': {
      const own = target === 'customerOfCaller' && actor.user?.orgId === orgS.id;
      const [customer] = await server.ctx.db
        .insert(customers)
        .values({
          orgId: orgS.id,
          name: `Customer ${uniqueSuffix()}`,
          language: 'en',
          createdBy: own ? actor.user?.id : null,
        })
        .returning();
      if (!customer) throw new Error('no customer');
      return { id: customer.id };
    }
    case 'queued':
      return conversationOf(await newGuest());
    case 'takenByCaller': {
      const own = actor.user?.orgId === orgA.id && (actor.user.role === 'agent' || actor.user.role === 'admin');
      const assignee = own && actor.user ? actor.user : await makeStaff(server, orgA, 'agent');
      return conversationOf(await newGuest(), { assigneeId: assignee.id });
    }
    case 'takenByColleague':
      return conversationOf(await newGuest(), { assigneeId: (await makeStaff(server, orgA, 'agent')).id });
    case 'stayWithConversation': {
      const guest = await newGuest();
      const { id } = await conversationOf(guest);
      return { id: guest.stayId, conversationId: id, guestId: guest.id };
    }
    case 'guestsOwn':
      return conversationOf(await callingGuest());
    case 'guestsOwnResolved':
      return conversationOf(await callingGuest(), { status: 'resolved' });
    case 'guestsOwnRated':
      return conversationOf(await callingGuest(), { status: 'resolved', rating: 5 });
    case 'otherGuests':
      return conversationOf(await newGuest());
    case 'otherGuestsResolved':
      return conversationOf(await newGuest(), { status: 'resolved' });
    case 'roommates':
      return conversationOf(await roommate());
    case 'roommatesResolved':
      return conversationOf(await roommate(), { status: 'resolved' });
    case 'queuedOfB':
      return conversationOf((await makeStay(server, orgB)).guest);
    case 'stayOfB': {
      const { guest } = await makeStay(server, orgB);
      const { id } = await conversationOf(guest);
      return { id: guest.stayId, conversationId: id, guestId: guest.id };
    }
    case 'inactiveAgent':
      return { id: (await makeStaff(server, orgA, 'agent', { active: false })).id };
    case 'inactiveAdmin':
      return { id: (await makeStaff(server, orgA, 'admin', { active: false })).id };
    case 'team':
    case 'teamMember':
    case 'teamAndColleague': {
      const [team] = await server.ctx.db
        .insert(teams)
        .values({ orgId: orgA.id, name: `Matrix team ${uniqueSuffix()}` })
        .returning();
      if (!team) throw new Error('no team');
      if (target === 'team') return { id: team.id };
      const agent = await makeStaff(server, orgA, 'agent');
      if (target === 'teamMember') {
        await server.ctx.db.insert(teamMembers).values({ orgId: orgA.id, teamId: team.id, userId: agent.id });
      }
      return { id: team.id, userId: agent.id };
    }
    case 'teamOfCallersDuty': {
      const own = actor.user?.orgId === orgA.id ? actor.user : null;
      const [team] = await server.ctx.db
        .insert(teams)
        .values({ orgId: orgA.id, name: `Matrix duty ${uniqueSuffix()}`, dutyManagerId: own?.id ?? null })
        .returning();
      if (!team) throw new Error('no team');
      if (own) await server.ctx.db.insert(teamMembers).values({ orgId: orgA.id, teamId: team.id, userId: own.id });
      return { id: team.id };
    }
    case 'urgentQueued':
      return conversationOf(await newGuest(), { priority: 'urgent' });
    case 'twoOfOneGuest':
    case 'twoOfOneGuestTakenByColleague':
    case 'twoOfOneGuestInOtherTeams':
    case 'mergeOfA': {
      const guest = await newGuest();
      const teamId =
        target === 'twoOfOneGuestInOtherTeams' ? await newTeamOfA(await makeStaff(server, orgA, 'agent')) : null;
      const earlier = await conversationOf(guest, { status: 'resolved', teamId });
      await server.ctx.db
        .update(conversations)
        .set({ createdAt: new Date(Date.now() - 3_600_000) })
        .where(eq(conversations.id, earlier.id));
      const assigneeId =
        target === 'twoOfOneGuestTakenByColleague' ? (await makeStaff(server, orgA, 'agent')).id : null;
      const later = await conversationOf(guest, { assigneeId, teamId });
      if (target !== 'mergeOfA') return { ...later, otherId: earlier.id };
      const admin = shared.admin.client;
      const merged = await admin.post(`/api/v1/conversations/${later.id}/merge`, { otherConversationId: earlier.id });
      const listed = await admin.get(`/api/v1/conversations/${earlier.id}/merges`);
      if (merged.status !== 200 || listed.status !== 200)
        throw new Error(`merge failed: ${JSON.stringify(merged.body)}`);
      return { mergeId: listed.body.merges[0].id, survivorId: earlier.id, guestId: guest.id };
    }
    case 'otherTeamsQueued':
    case 'otherTeamsUrgent':
    case 'ownTeamsQueued':
    case 'stayWithOtherTeamsConversation': {
      const callerOfA = actor.user?.orgId === orgA.id ? actor.user : null;
      const member = target === 'ownTeamsQueued' && callerOfA ? callerOfA : await makeStaff(server, orgA, 'agent');
      const teamId = await newTeamOfA(member);
      const guest = await newGuest();
      const priority = target === 'otherTeamsUrgent' ? 'urgent' : 'normal';
      const conversation = await conversationOf(guest, { teamId, priority });
      if (target !== 'stayWithOtherTeamsConversation') return conversation;
      return { id: guest.stayId, conversationId: conversation.id, guestId: guest.id };
    }
    case 'scheduledByCaller':
    case 'scheduledByColleague':
    case 'scheduledInOtherTeams': {
      const callerOfA =
        actor.user?.orgId === orgA.id && (actor.user.role === 'agent' || actor.user.role === 'admin')
          ? actor.user
          : null;
      let teamId: string | null = null;
      let author = target === 'scheduledByCaller' && callerOfA ? callerOfA : await makeStaff(server, orgA, 'agent');
      if (target === 'scheduledInOtherTeams') {
        author = await makeStaff(server, orgA, 'agent');
        teamId = await newTeamOfA(author);
      }
      const { id } = await conversationOf(await newGuest(), { teamId });
      const [scheduled] = await server.ctx.db
        .insert(scheduledMessages)
        .values({
          orgId: orgA.id,
          conversationId: id,
          authorId: author.id,
          body: 'Your taxi is here',
          sendAt: new Date(Date.now() + 3 * 3_600_000),
        })
        .returning();
      if (!scheduled) throw new Error('no scheduled message');
      return { id, scheduledId: scheduled.id };
    }
    case 'routingRule': {
      const [team] = await server.ctx.db
        .insert(teams)
        .values({ orgId: orgA.id, name: `Matrix team ${uniqueSuffix()}` })
        .returning();
      if (!team) throw new Error('no team');
      const [rule] = await server.ctx.db
        .insert(routingRules)
        .values({ orgId: orgA.id, position: 1_000, name: 'Matrix rule', teamId: team.id, keywords: ['matrix'] })
        .returning();
      if (!rule) throw new Error('no routing rule');
      return { id: rule.id };
    }
    case 'emailOfA': {
      const [email] = await server.ctx.db
        .insert(emails)
        .values({
          orgId: orgA.id,
          key: `matrix:${uniqueSuffix()}`,
          template: 'staff_role_changed',
          language: 'en',
          toAddress: `someone-${uniqueSuffix()}@example.test`,
          subject: 'Matrix',
          text: 'Matrix',
          html: '<p>Matrix</p>',
          essential: true,
          status: 'kept',
        })
        .returning();
      if (!email) throw new Error('no e-mail');
      return { id: email.id };
    }
    case 'visitorOfA': {
      const [visitor] = await server.ctx.db
        .insert(visitors)
        .values({ orgId: orgA.id, name: 'Matrix visitor', topic: 'Matrix' })
        .returning();
      if (!visitor) throw new Error('no visitor');
      await server.ctx.db.insert(conversations).values({ orgId: orgA.id, visitorId: visitor.id, preview: 'Matrix' });
      return { id: visitor.id };
    }
    case 'cannedShared':
    case 'cannedOwn':
    case 'cannedOfColleague': {
      const callerOfA = actor.user?.orgId === orgA.id ? actor.user : null;
      const ownerId =
        target === 'cannedShared'
          ? null
          : target === 'cannedOwn' && callerOfA
            ? callerOfA.id
            : (await makeStaff(server, orgA, 'agent')).id;
      const [canned] = await server.ctx.db
        .insert(cannedResponses)
        .values({
          orgId: orgA.id,
          ownerId,
          shortcut: `m${uniqueSuffix()}`,
          title: 'Matrix',
          body: 'Hello {{guest.name}}',
        })
        .returning();
      if (!canned) throw new Error('no canned response');
      return { id: canned.id };
    }
    case 'attachmentInQueued':
    case 'attachmentInOtherTeams':
    case 'attachmentInGuestsOwn':
    case 'attachmentInOtherGuests': {
      const within = (
        {
          attachmentInQueued: 'queued',
          attachmentInOtherTeams: 'otherTeamsQueued',
          attachmentInGuestsOwn: 'guestsOwn',
          attachmentInOtherGuests: 'otherGuests',
        } as const
      )[target];
      const { id: conversationId = '' } = await makeTarget(within, actor);
      return { id: await attachmentIn(conversationId) };
    }
    case 'apiKeyOfA': {
      const [key] = await server.ctx.db
        .insert(apiKeys)
        .values({
          orgId: orgA.id,
          name: 'Matrix key',
          scopes: ['reports:read'],
          prefix: uniqueSuffix().padEnd(12, '0').slice(0, 12),
          secretHash: '0'.repeat(64),
        })
        .returning();
      if (!key) throw new Error('no API key');
      return { id: key.id };
    }
    case 'alertOfA': {
      const { id: conversationId = '' } = await makeTarget('queued', actor);
      const [alert] = await server.ctx.db
        .insert(alerts)
        .values({
          orgId: orgA.id,
          conversationId,
          kind: 'alarming_word',
          detail: { word: 'fire', contactName: 'Matrix', roomNumber: null, teamName: null },
          eventId: randomUUID(),
          raisedAt: new Date(),
        })
        .returning();
      if (!alert) throw new Error('no alert');
      return { id: alert.id, conversationId };
    }
    case 'quickActionOfA':
    case 'quickActionOfB': {
      const orgId = target === 'quickActionOfA' ? orgA.id : orgB.id;
      const [team] = await server.ctx.db
        .insert(teams)
        .values({ orgId, name: `Matrix housekeeping ${uniqueSuffix()}` })
        .returning();
      const [action] = await server.ctx.db
        .insert(quickActions)
        .values({
          orgId,
          titles: { en: `Matrix towels ${uniqueSuffix()}` },
          fields: { count: { min: 1, max: 4 }, time: false, note: false, photo: false },
          taskTeamId: team?.id ?? null,
        })
        .returning();
      if (!action) throw new Error('no quick action');
      return { id: action.id };
    }
    case 'webhookOfA': {
      // a private address: a replayed delivery is refused at once, without reaching any network
      const [endpoint] = await server.ctx.db
        .insert(webhookEndpoints)
        .values({
          orgId: orgA.id,
          url: 'http://127.0.0.1:9/hook',
          eventTypes: ['webhook.disabled'],
          secret: 'whsec_matrix',
        })
        .returning();
      if (!endpoint) throw new Error('no webhook');
      const [delivery] = await server.ctx.db
        .insert(webhookDeliveries)
        .values({
          orgId: orgA.id,
          endpointId: endpoint.id,
          eventId: randomUUID(),
          eventType: 'webhook.disabled',
          stream: `webhook:${endpoint.id}`,
          body: '{}',
          status: 'given_up',
        })
        .returning();
      if (!delivery) throw new Error('no delivery');
      return { id: endpoint.id, deliveryId: delivery.id };
    }
    case 'tagOfA':
    case 'queuedWithTag':
    case 'otherTeamsQueuedWithTag': {
      const [tag] = await server.ctx.db
        .insert(tags)
        .values({ orgId: orgA.id, name: `Matrix ${uniqueSuffix()}`, color: '#336699' })
        .returning();
      if (!tag) throw new Error('no tag');
      if (target === 'tagOfA') return { id: tag.id };
      const conversation =
        target === 'queuedWithTag'
          ? await conversationOf(await newGuest())
          : await makeTarget('otherTeamsQueued', actor);
      return { id: conversation.id ?? '', tagId: tag.id };
    }
    case 'workItem':
    case 'workItemOfCaller':
    case 'workItemOfOtherTeam': {
      const callerOfA = actor.user?.orgId === orgA.id ? actor.user : null;
      let teamId: string | null = null;
      let assigneeId: string | null = null;
      if (target === 'workItemOfCaller') assigneeId = callerOfA?.id ?? (await makeStaff(server, orgA, 'field')).id;
      if (target === 'workItemOfOtherTeam') {
        const [team] = await server.ctx.db
          .insert(teams)
          .values({ orgId: orgA.id, name: `Matrix work team ${uniqueSuffix()}` })
          .returning();
        teamId = team?.id ?? null;
        assigneeId = (await makeStaff(server, orgA, 'field')).id;
      }
      const [item] = await server.ctx.db
        .insert(workItems)
        .values({ orgId: orgA.id, title: `Matrix work ${uniqueSuffix()}`, teamId, assigneeId })
        .returning();
      if (!item) throw new Error('no work item');
      const [step] = await server.ctx.db
        .insert(workChecklistItems)
        .values({ orgId: orgA.id, workItemId: item.id, text: 'Bring towels', position: 0 })
        .returning();
      const photoId = randomUUID();
      const thumbnailKey = randomUUID();
      const png = await matrixPng();
      await server.ctx.files.put(photoId, png);
      await server.ctx.files.put(thumbnailKey, png);
      const common = { orgId: orgA.id, kind: 'image' as const, mime: 'image/png', byteSize: png.byteLength };
      await server.ctx.db.insert(attachments).values({
        ...common,
        id: photoId,
        uploaderKey: `user:${assigneeId ?? 'nobody'}`,
        name: 'tile.png',
        width: 64,
        height: 48,
        thumbnailKey,
        attachedAt: new Date(),
      });
      await server.ctx.db
        .insert(workPhotos)
        .values({ attachmentId: photoId, workItemId: item.id, orgId: orgA.id, addedByName: 'Matrix' });
      return { id: item.id, itemId: step?.id ?? '', photoId, assigneeId: assigneeId ?? '', teamId: teamId ?? '' };
    }
    case 'room': {
      const [room] = await makeRooms(server, orgA, [`M-${uniqueSuffix()}`]);
      if (!room) throw new Error('no room');
      return { id: room.id };
    }
    case 'roomByExternalId':
    case 'freeRoomAndNewExternalId': {
      const [room] = await makeRooms(server, orgA, [`X-${uniqueSuffix()}`]);
      if (!room) throw new Error('no room');
      const externalId = `pms-${uniqueSuffix()}`;
      if (target === 'freeRoomAndNewExternalId') return { roomId: room.id, externalId };
      await server.ctx.db.update(rooms).set({ externalId }).where(eq(rooms.id, room.id));
      return { externalId };
    }
    case 'endedStay': {
      const { stay } = await makeStay(server, orgA);
      await server.ctx.db.update(stays).set({ endedAt: new Date() }).where(eq(stays.id, stay.id));
      return { id: stay.id };
    }
    case 'stayByExternalId': {
      const { stay } = await makeStay(server, orgA);
      const externalId = `res-${uniqueSuffix()}`;
      await server.ctx.db.update(stays).set({ externalId }).where(eq(stays.id, stay.id));
      return { externalId, roomId: stay.roomId };
    }
    case 'customerByExternalId': {
      const externalId = `crm-${uniqueSuffix()}`;
      await server.ctx.db
        .insert(customers)
        .values({ orgId: orgS.id, name: `Customer ${uniqueSuffix()}`, language: 'en', externalId });
      return { externalId };
    }
    case 'stay':
    case 'stayGuest': {
      const { stay, guest } = await makeStay(server, orgA);
      return target === 'stay' ? { id: stay.id } : { id: stay.id, guestId: guest.id };
    }
    default:
      return { id: (await makeStaff(server, orgA, target)).id };
  }
}

/**
 * Everything of organization A a request could touch: settings, members, links, sessions, audit,
 * teams and their members, routing rules, rooms, stays, their guests (and codes), guest sessions, conversations (status, assignee, rating…)
 * and how many messages there are.
 */
/** Everything of service company S the service rows could touch. */
async function orgSState() {
  const { db } = server.ctx;
  return {
    customers: await db.select().from(customers).where(eq(customers.orgId, orgS.id)).orderBy(asc(customers.id)),
    fields: await db.select().from(customerFields).where(eq(customerFields.orgId, orgS.id)),
    labels: await db.select().from(labels).where(eq(labels.orgId, orgS.id)).orderBy(asc(labels.id)),
    batches: await db.select().from(labelBatches).where(eq(labelBatches.orgId, orgS.id)).orderBy(asc(labelBatches.id)),
    forms: await db.select().from(requestForms).where(eq(requestForms.orgId, orgS.id)).orderBy(asc(requestForms.id)),
    leads: await db.select().from(leads).where(eq(leads.orgId, orgS.id)).orderBy(asc(leads.id)),
  };
}
function secretsOfS(state: Awaited<ReturnType<typeof orgSState>>): string[] {
  return [
    orgS.id,
    orgS.slug,
    ...state.customers.flatMap((c) => [c.id, c.name]),
    ...state.labels.flatMap((l) => [l.id, l.token]),
    ...state.batches.map((b) => b.name),
    ...state.forms.flatMap((f) => [f.id, f.name]),
    ...state.leads.map((l) => l.id),
  ];
}

async function orgAState() {
  const { db } = server.ctx;
  const [org] = await db.select().from(organizations).where(eq(organizations.id, orgA.id));
  const staff = await db.select().from(users).where(eq(users.orgId, orgA.id)).orderBy(asc(users.id));
  const ids = staff.map((u) => u.id);
  const [links] = await db.select({ n: count() }).from(passwordTokens).where(inArray(passwordTokens.userId, ids));
  const [live] = await db.select({ n: count() }).from(sessions).where(inArray(sessions.userId, ids));
  const [audit] = await db.select({ n: count() }).from(auditLog).where(eq(auditLog.orgId, orgA.id));
  const roomRows = await db.select().from(rooms).where(eq(rooms.orgId, orgA.id)).orderBy(asc(rooms.id));
  const stayRows = await db.select().from(stays).where(eq(stays.orgId, orgA.id)).orderBy(asc(stays.id));
  const guests = await db.select().from(stayGuests).where(eq(stayGuests.orgId, orgA.id)).orderBy(asc(stayGuests.id));
  const [guestLive] = await db.select({ n: count() }).from(guestSessions).where(eq(guestSessions.orgId, orgA.id));
  const requests = await db
    .select()
    .from(conversations)
    .where(eq(conversations.orgId, orgA.id))
    .orderBy(asc(conversations.id));
  const [written] = await db.select({ n: count() }).from(messages).where(eq(messages.orgId, orgA.id));
  // not the last use: the matrix's own key notes its use whatever the answer
  const keys = await db
    .select({ id: apiKeys.id, name: apiKeys.name, scopes: apiKeys.scopes, revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(eq(apiKeys.orgId, orgA.id))
    .orderBy(asc(apiKeys.id));
  const images = await db.select().from(files).where(eq(files.orgId, orgA.id)).orderBy(asc(files.id));
  const teamRows = await db.select().from(teams).where(eq(teams.orgId, orgA.id)).orderBy(asc(teams.id));
  const memberships = await db
    .select()
    .from(teamMembers)
    .where(eq(teamMembers.orgId, orgA.id))
    .orderBy(asc(teamMembers.teamId), asc(teamMembers.userId));
  const rules = await db
    .select()
    .from(routingRules)
    .where(eq(routingRules.orgId, orgA.id))
    .orderBy(asc(routingRules.id));
  const scheduled = await db
    .select()
    .from(scheduledMessages)
    .where(eq(scheduledMessages.orgId, orgA.id))
    .orderBy(asc(scheduledMessages.id));
  const work = await db.select().from(workItems).where(eq(workItems.orgId, orgA.id)).orderBy(asc(workItems.id));
  const steps = await db
    .select()
    .from(workChecklistItems)
    .where(eq(workChecklistItems.orgId, orgA.id))
    .orderBy(asc(workChecklistItems.id));
  return {
    org,
    staff,
    scheduled,
    work,
    steps,
    passwordLinks: links?.n,
    sessions: live?.n,
    auditEntries: audit?.n,
    rooms: roomRows,
    stays: stayRows,
    guests,
    guestSessions: guestLive?.n,
    conversations: requests,
    messages: written?.n,
    files: images,
    teams: teamRows,
    teamMembers: memberships,
    routingRules: rules,
    apiKeys: keys,
  };
}

let pngForUploads: Promise<Buffer> | undefined;
/** A small real PNG for the upload rows. */
/** A picture sent in the first message of a conversation of A, stored as an upload would store it. */
async function attachmentIn(conversationId: string): Promise<string> {
  const { db, files: storage } = server.ctx;
  const [message] = await db.select().from(messages).where(eq(messages.conversationId, conversationId)).limit(1);
  if (!message) throw new Error('no message to attach to');
  const png = await matrixPng();
  const id = randomUUID();
  const thumbnailKey = randomUUID();
  await storage.put(id, png);
  await storage.put(thumbnailKey, png);
  await db.insert(attachments).values({
    id,
    orgId: orgA.id,
    uploaderKey: `guest:${message.senderId}`,
    messageId: message.id,
    kind: 'image',
    name: 'matrix.png',
    mime: 'image/png',
    byteSize: png.byteLength,
    width: 64,
    height: 48,
    thumbnailKey,
    attachedAt: new Date(),
  });
  return id;
}

/** A photo a customer of the organization sent with a request (its message not modelled here). */
async function photoOf(orgId: string): Promise<string> {
  const { db, files: storage } = server.ctx;
  const png = await matrixPng();
  const id = randomUUID();
  const thumbnailKey = randomUUID();
  await storage.put(id, png);
  await storage.put(thumbnailKey, png);
  await db.insert(attachments).values({
    id,
    orgId,
    uploaderKey: `visitor:${randomUUID()}`,
    kind: 'image',
    name: 'leak.png',
    mime: 'image/png',
    byteSize: png.byteLength,
    width: 64,
    height: 48,
    thumbnailKey,
    attachedAt: new Date(),
  });
  return id;
}

const matrixPng = () => {
  pngForUploads ??= sharp({ create: { width: 64, height: 48, channels: 3, background: '#1f5f8b' } })
    .png()
    .toBuffer();
  return pngForUploads;
};

/** What organization B's people must never see: A's ids, slug, members, rooms, stays, guests, codes and conversations. */
function secretsOf(state: Awaited<ReturnType<typeof orgAState>>): string[] {
  return [
    orgA.id,
    orgA.slug,
    ...state.staff.flatMap((u) => [u.id, u.email]),
    ...state.rooms.map((r) => r.id),
    ...state.stays.map((s) => s.id),
    ...state.guests.flatMap((g) => [g.id, g.code]),
    ...state.conversations.map((c) => c.id),
    ...state.teams.map((t) => t.id),
    ...state.routingRules.map((r) => r.id),
    ...state.work.flatMap((w) => [w.id, w.title]),
  ];
}

/** The refusal's stable code; a row's own codes (such as already_taken) may carry details. */
function expectRefusal(body: unknown, status: number, codes: Row['codes'] = {}) {
  const own = codes[status];
  if (own) expect(body).toMatchObject({ error: { code: own, message: expect.any(String) } });
  else expect(body).toEqual({ error: { code: refusalCodes[status], message: expect.any(String) } });
  expect(errorCodes).toContain((body as { error: { code: string } }).error.code);
}

const isCustomerRole = (role: CaseRole): role is CustomerRole => (customerRoles as readonly string[]).includes(role);

const labelOf = (r: Row) =>
  [r.op, r.query && `?${r.query({ id: '{id}' })}`, r.target && `(target: ${r.target})`, r.note]
    .filter(Boolean)
    .join(' ');

describe('authorization matrix', () => {
  describe.each(matrix.map((r) => ({ ...r, label: labelOf(r) })))('$label', (r) => {
    const cases: { role: CaseRole; expected: number }[] = [
      ...actorRoles.map((role) => ({ role, expected: r.expect[role] })),
      ...(r.customer ? customerRoles.map((role, i) => ({ role, expected: r.customer?.[i] ?? 0 })) : []),
    ];
    const runCase = async ({ role, expected }: (typeof cases)[number]) => {
      const customer = isCustomerRole(role);
      const actor = customer
        ? customersOfS[role]
        : r.fresh
          ? await freshActor(role, r.org)
          : (r.org ? sharedS : shared)[role];
      const [method = '', template = ''] = r.op.split(' ');
      const ids = r.target ? await makeTarget(r.target, actor) : {};
      const path =
        template.replace(/\{(\w+)\}/g, (whole, name: string) => ids[name] ?? whole) +
        (r.query ? `?${r.query(ids)}` : '');
      const makeBody = r.body ?? bodies[r.op];
      const body = makeBody?.({ role, suffix: uniqueSuffix(), ids });
      const foreign = role === 'otherOrgAdmin' || role === 'otherCustomer';
      const targetBefore =
        foreign && ids.id && r.target && memberTargets.has(r.target)
          ? (await server.ctx.db.select().from(users).where(eq(users.id, ids.id)))[0]
          : undefined;
      const before = r.org ? await orgSState() : await orgAState();
      const after = () => (r.org ? orgSState() : orgAState());

      const res = r.image
        ? await actor.client.request(method, path, undefined, {
            raw: await matrixPng(),
            headers: { 'content-type': 'image/png' },
          })
        : await actor.client.request(method, path, body);

      expect(res.status, `${role} ${method} ${path}: ${JSON.stringify(res.body).slice(0, 400)}`).toBe(expected);
      const binary = binaryOf(template);
      if (expected >= 400) expectRefusal(res.body, expected, r.codes);
      else {
        if (binary) {
          expect(res.headers.get('content-type')).toContain(binary.type);
          expect(String(res.body)).toMatch(binary.magic);
        }
        if (customer) await r.customerCheck?.(res, role, { ids, actor });
        else r.check?.(res, role, { ids, actor });
      }
      // A refused request changes nothing; the other organization's admin changes nothing of A's even when
      // the request itself is allowed (it then acts on their own organization).
      if (expected >= 400 || foreign) expect(await after()).toEqual(before);
      if (foreign) {
        const seen = JSON.stringify(res.body ?? '');
        const secrets = 'customers' in before ? secretsOfS(before) : secretsOf(before);
        for (const secret of secrets) {
          expect(seen, `organization B's admin saw data of A in ${method} ${path}`).not.toContain(secret);
        }
        if (ids.id && targetBefore)
          foreignTargets.push({ label: `${method} ${path}`, id: ids.id, before: targetBefore });
      }
    };
    it.each(cases)('$role → $expected', runCase);
  });

  it('states what a verified customer of S and one of another company get on every guest route of S', () => {
    const missing = matrix.filter((r) => r.org === 'service' && r.op.includes(' /api/v1/guest/') && !r.customer);
    expect(missing.map(labelOf)).toEqual([]);
  });

  it("left organization A's data as it was wherever organization B's admin was refused", async () => {
    expect(foreignTargets.length, 'run the whole file: this check relies on the matrix cases').toBeGreaterThan(0);
    const { db } = server.ctx;
    for (const { label, id, before } of foreignTargets) {
      const [now] = await db.select().from(users).where(eq(users.id, id));
      expect(now, `after ${label}`).toEqual(before);
    }
    const [org] = await db.select().from(organizations).where(eq(organizations.id, orgA.id));
    // Only A's own admin edited the motto, the logo and the default team; the super admin re-set the same seat limit.
    const settled = ({
      motto: _motto,
      logoFileId: _logoFileId,
      logoUrl: _logoUrl,
      defaultTeamId: _defaultTeamId,
      updatedAt: _updatedAt,
      ...rest
    }: typeof orgAInitial) => rest;
    expect(org && settled(org)).toEqual(settled(orgAInitial));
    expect([orgAInitial.motto, 'Edited by admin']).toContain(org?.motto);
    const imagesOfA = await db.select().from(files).where(eq(files.orgId, orgA.id));
    for (const image of imagesOfA) expect(foreignActorIds.has(image.createdBy ?? '')).toBe(false);
    if (org?.logoFileId) {
      const [logo] = await db.select().from(files).where(eq(files.id, org.logoFileId));
      expect(logo?.createdBy).toBe(accountOf('admin').id);
    }
    const foreignAudit = await db
      .select()
      .from(auditLog)
      .where(eq(auditLog.orgId, orgA.id))
      .then((entries) => entries.filter((e) => e.actorId && foreignActorIds.has(e.actorId)));
    expect(foreignAudit).toEqual([]);
  });
});

describe('the public guest endpoints never cross organizations', () => {
  it("A's access code does not sign in at B's slug; B's public page and visitor chat show nothing of A", async () => {
    const { db } = server.ctx;
    const before = await orgAState();
    // A has visitors of its own (the matrix's `visitorOfA`): B's visitor must not become one more
    const visitorsOfA = async () =>
      (await db.select({ n: count() }).from(visitors).where(eq(visitors.orgId, orgA.id)))[0]?.n;
    const visitorsBefore = await visitorsOfA();
    const phone = new ApiClient(server.url);
    const answers: ApiResponse[] = [];

    // A's code at B's login is unknown there: from a new phone, and from A's own signed-in guests alike.
    for (const client of [phone, shared.guest.client, shared.guestBearer.client]) {
      const login = await client.post(`/api/v1/guest/${orgB.slug}/login`, { code: matrixGuest.code });
      expect(login.status).toBe(401);
      expect(login.body.error.code).toBe('code_unknown');
      answers.push(login);
    }
    expect(phone.cookies.has('fd_guest'), 'no guest session from a refused login').toBe(false);

    const page = await phone.get(`/api/v1/public/organizations/${orgB.slug}`);
    expect(page.status).toBe(200);
    expect(page.body).toMatchObject({ slug: orgB.slug, name: orgB.name, publicEntryEnabled: false });
    answers.push(page);

    const visitor = { name: 'Walk-in', topic: 'Do you have a room tonight?' };
    const refused = await phone.post(`/api/v1/guest/${orgB.slug}/visit`, visitor);
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('public_entry_disabled');
    answers.push(refused);

    // With B's public entry on, a visitor gets a session in B, and only in B.
    await db.update(organizations).set({ publicEntryEnabled: true }).where(eq(organizations.id, orgB.id));
    const visit = await phone.post(`/api/v1/guest/${orgB.slug}/visit`, visitor);
    expect(visit.status).toBe(200);
    expect(visit.body.session).toMatchObject({ kind: 'visitor', organization: { slug: orgB.slug }, stay: null });
    const session = await phone.get('/api/v1/guest/session');
    expect(session.body).toMatchObject({ kind: 'visitor', organization: { slug: orgB.slug } });
    answers.push(visit, session);

    const secrets = [...secretsOf(before), orgA.name];
    for (const res of answers) {
      const seen = JSON.stringify(res.body);
      for (const secret of secrets) expect(seen, `a public answer about B showed data of A`).not.toContain(secret);
    }
    expect(await orgAState()).toEqual(before);
    expect(await visitorsOfA()).toBe(visitorsBefore);
    // A's guests are still signed in, to A and to their own stays.
    for (const guest of [shared.guest, shared.guestBearer]) {
      const own = await guest.client.get('/api/v1/guest/session');
      expect(own.status).toBe(200);
      expect(own.body).toMatchObject({ kind: 'guest', organization: { slug: orgA.slug } });
    }
    expect((await shared.guest.client.get('/api/v1/guest/session')).body.stay.id).toBe(matrixGuest.stayId);
  });
});

describe('a guest rates their own request once, after it is resolved', () => {
  it('refuses a rating before resolve and a second one after, keeping the first; nobody else rates it', async () => {
    const { db } = server.ctx;
    // The request starts the real way: the guest's first message over the socket.
    const guest = await signInGuest('bearer');
    const socket = await connect(server.url, { token: guest.client.token });
    let id: string;
    try {
      const sent = await ask(socket, clientEvents.send, { text: 'Two more towels, please', clientId: uniqueSuffix() });
      expect(sent.ok, JSON.stringify(sent)).toBe(true);
      expect(sent.data.conversation.status).toBe('queued');
      id = sent.data.conversation.id;
    } finally {
      socket.close();
    }
    const rate = (actor: Actor, body: unknown) => actor.client.post(`/api/v1/guest/conversations/${id}/rating`, body);

    const early = await rate(guest, { rating: 5 });
    expect(early.status).toBe(409);
    expect(early.body.error.code).toBe('not_resolved');

    // the admin: by now the matrix has given A a default team, which the request went to and the agent is not in
    expect((await shared.admin.client.post(`/api/v1/conversations/${id}/resolve`)).status).toBe(200);
    const first = await rate(guest, { rating: 5, comment: 'Quick, thanks!' });
    expect(first.status).toBe(200);
    expect(first.body).toMatchObject({ id, status: 'resolved', rating: 5, ratingComment: 'Quick, thanks!' });

    const again = await rate(guest, { rating: 1, comment: 'Changed my mind' });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('already_rated');
    // Another guest of A (the matrix's cookie guest) does not even see it.
    const stranger = await rate(shared.guest, { rating: 1 });
    expect(stranger.status).toBe(404);
    expect(stranger.body.error.code).toBe('not_found');

    const [row] = await db.select().from(conversations).where(eq(conversations.id, id));
    expect(row).toMatchObject({ rating: 5, ratingComment: 'Quick, thanks!' });
    const seen = await shared.admin.client.get(`/api/v1/conversations/${id}`);
    expect(seen.body).toMatchObject({ rating: 5, ratingComment: 'Quick, thanks!' });
  });
});

describe('staff and guest tokens are never mistaken for each other', () => {
  // Bearer tokens are routed by prefix (g_ guest, s_ staff). Unprefixed random staff tokens once
  // started with "g_" about one login in 4,096 and were then taken for guest tokens.
  it('staff tokens carry their own prefix, guest tokens theirs, and each works only on its side', async () => {
    const agent = shared.agent.user;
    if (!agent) throw new Error('no agent');
    const staffTokens = await Promise.all(
      Array.from(
        { length: 5 },
        async () => (await new ApiClient(server.url).login(agent.email, agent.password)).body.token as string,
      ),
    );
    for (const token of staffTokens) expect(token).toMatch(/^s_/);
    const staffApi = new ApiClient(server.url);
    staffApi.token = staffTokens[0] ?? '';
    expect((await staffApi.get('/api/v1/auth/me')).status).toBe(200);
    expect((await staffApi.get('/api/v1/guest/session')).status).toBe(401);
  });
});

describe('the matrix stays complete', () => {
  it('has a row for every operation in the OpenAPI document (public ones aside), and no stale rows', async () => {
    const res = await new ApiClient(server.url).get('/api/openapi.json');
    expect(res.status).toBe(200);
    const documented = new Set<string>();
    for (const [path, item] of Object.entries(res.body.paths as Record<string, Record<string, unknown>>)) {
      for (const method of Object.keys(item)) {
        if (['get', 'put', 'post', 'patch', 'delete', 'head', 'options'].includes(method)) {
          documented.add(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    const covered = new Set(matrix.map((r) => r.op));
    const missing = [...documented].filter((op) => !covered.has(op) && !publicOps.has(op));
    const stale = [...covered].filter((op) => !documented.has(op));
    expect(missing, 'add these operations to the authorization matrix').toEqual([]);
    expect(stale, 'these matrix rows name operations the API no longer has').toEqual([]);
    for (const op of publicOps) expect(documented).toContain(op);
  });

  it('shows an API-key scope in the OpenAPI document on exactly the routes whose rows let keys in', async () => {
    const res = await new ApiClient(server.url).get('/api/openapi.json');
    const withScope = new Set<string>();
    for (const [path, item] of Object.entries(
      res.body.paths as Record<string, Record<string, { security?: Record<string, string[]>[] }>>,
    )) {
      for (const [method, op] of Object.entries(item)) {
        const key = op.security?.find((s) => 'apiKeyAuth' in s);
        if (key) {
          expect(key.apiKeyAuth, `${method} ${path}`).toHaveLength(1);
          withScope.add(`${method.toUpperCase()} ${path}`);
        }
      }
    }
    const opened = new Set(matrix.filter((r) => r.apiKey !== undefined).map((r) => r.op));
    expect([...withScope].sort()).toEqual([...opened].sort());
  });
});
