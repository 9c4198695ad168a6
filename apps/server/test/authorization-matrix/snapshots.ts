import { asc, count, eq, inArray } from 'drizzle-orm';
import {
  apiKeys,
  auditLog,
  conversations,
  customerFields,
  customers,
  files,
  guestSessions,
  labelBatches,
  labels,
  leads,
  messages,
  organizations,
  passwordTokens,
  requestForms,
  rooms,
  routingRules,
  scheduledMessages,
  sessions,
  stayGuests,
  stays,
  teamMembers,
  teams,
  users,
  workChecklistItems,
  workItems,
} from '../../src/db/schema.js';
import { orgA, orgS, server } from './setup.js';

/**
 * Everything of organization A a request could touch: settings, members, links, sessions, audit,
 * teams and their members, routing rules, rooms, stays, their guests (and codes), guest sessions, conversations (status, assignee, rating…)
 * and how many messages there are.
 */
/** Everything of service company S the service rows could touch. */
export async function orgSState() {
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
export function secretsOfS(state: Awaited<ReturnType<typeof orgSState>>): string[] {
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

export async function orgAState() {
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

/** What organization B's people must never see: A's ids, slug, members, rooms, stays, guests, codes and conversations. */
export function secretsOf(state: Awaited<ReturnType<typeof orgAState>>): string[] {
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
