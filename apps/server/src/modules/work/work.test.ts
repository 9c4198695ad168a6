import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { and, asc, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { ask, nextEvent, socketsClosedAfterEach, until } from '../../../test/sockets.js';
import {
  attachments,
  customers,
  domainEvents,
  leads,
  messages,
  organizations,
  requestForms,
  requestFormVersions,
  teamMembers,
  teams,
  workHistory,
  workItems,
} from '../../db/schema.js';
import { systemContext } from '../../platform/service-context.js';
import { sweepLooseAttachments } from '../attachments/index.js';
import { todayIn } from './times.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);
const opId = () => `op-${uniqueSuffix()}`;

interface Person {
  id: string;
  api: ApiClient;
}
async function person(org: TestOrg, role: 'admin' | 'agent' | 'field', name?: string): Promise<Person> {
  const user = await makeStaff(server, org, role, { name });
  return { id: user.id, api: await signInWithToken(server, user) };
}

async function teamOf(org: TestOrg, name: string, members: Person[]) {
  const [team] = await server.ctx.db.insert(teams).values({ orgId: org.id, name }).returning();
  if (!team) throw new Error('no team');
  for (const m of members) {
    await server.ctx.db.insert(teamMembers).values({ orgId: org.id, teamId: team.id, userId: m.id });
  }
  return team.id;
}

/** A guest of a new room who asked for something in their chat, with their socket. */
async function guestAsking(org: TestOrg, text: string) {
  const room = `${Math.floor(100 + Math.random() * 800)}${uniqueSuffix().slice(-3)}`;
  const guest = await makeGuest(server, org, { name: 'Jan Kowalski', room });
  const socket = await socketFor({ token: guest.token });
  const sent = await ask(socket, clientEvents.send, { text, clientId: `c-${uniqueSuffix()}` });
  expect(sent.ok, JSON.stringify(sent)).toBe(true);
  return { guest, socket, room, conversationId: sent.data.conversation.id as string, messageId: sent.data.message.id };
}

function recorder(socket: Socket) {
  const heard: { event: string; payload: unknown }[] = [];
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  return heard;
}

const guestMessages = (heard: { event: string; payload: unknown }[]) =>
  heard
    .filter((h) => h.event === serverEvents.message)
    .map((h) => (h.payload as { message: { text: string; event: string | null } }).message);

describe('a task made from a conversation', () => {
  it('is prefilled, reaches its assignee live, and the guest follows its status only', async () => {
    const org = await makeOrg(server);
    const agent = await person(org, 'agent', 'Rita Reception');
    const housekeeper = await person(org, 'field', 'Hana Housekeeping');
    const hkSocket = await socketFor({ token: housekeeper.api.token });
    const { socket: guestSocket, room, conversationId, messageId } = await guestAsking(org, '  Towels ×2  \nplease');
    const heard = recorder(guestSocket);

    const live = nextEvent(hkSocket, serverEvents.workItem);
    const created = await agent.api.post('/api/v1/work-items', {
      conversationId,
      messageId,
      assigneeId: housekeeper.id,
      checklist: ['Fetch two towels from the linen room'],
    });
    expect(created.status, JSON.stringify(created.body)).toBe(201);
    expect(created.body).toMatchObject({
      title: `Towels ×2 — room ${room}`,
      kind: 'task',
      status: 'open',
      assignee: { id: housekeeper.id, name: 'Hana Housekeeping' },
      place: { roomNumber: room },
      conversationId,
      timeZone: 'Europe/Warsaw',
      checklist: { done: 0, total: 1 },
    });
    expect(created.body.history.map((h: { action: string }) => h.action)).toEqual(['created']);
    const id = created.body.id as string;
    expect((await live).item).toMatchObject({ id, title: `Towels ×2 — room ${room}`, status: 'open' });

    // the housekeeper works it from the phone: a note, the checklist, start, done
    const secret = `Linen room key is under the mat ${uniqueSuffix()}`;
    expect((await housekeeper.api.post(`/api/v1/work-items/${id}/notes`, { text: secret })).status).toBe(201);
    const stepId = created.body.checklistItems[0].id;
    const ticked = await housekeeper.api.put(`/api/v1/work-items/${id}/checklist/${stepId}`, { done: true });
    expect(ticked.body.checklist).toEqual({ done: 1, total: 1 });
    const started = await housekeeper.api.post(`/api/v1/work-items/${id}/status`, { status: 'in_progress' });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const done = await housekeeper.api.post(`/api/v1/work-items/${id}/status`, { status: 'done' });
    expect(done.body).toMatchObject({ status: 'done', doneAt: expect.any(String) });
    const at = new Date(done.body.doneAt).toLocaleTimeString('en-GB', {
      timeZone: 'Europe/Warsaw',
      hour: '2-digit',
      minute: '2-digit',
    });

    await until(() => guestMessages(heard).length >= 3);
    expect(guestMessages(heard).map((m) => [m.event, m.text])).toEqual([
      ['work_status', 'Request received: we are on it'],
      ['work_status', 'On its way'],
      ['work_status', `Done at ${at}`],
    ]);
    // nothing internal ever reached the guest: no note, no checklist, no work item event
    const everything = JSON.stringify(heard);
    expect(everything).not.toContain(secret);
    expect(everything).not.toContain('linen room');
    expect(heard.map((h) => h.event)).not.toContain(serverEvents.workItem);
    const history = await agent.api.get(`/api/v1/work-items/${id}`);
    expect(history.body.history.map((h: { action: string }) => h.action)).toEqual([
      'created',
      'note_added',
      'checklist_checked',
      'status_changed',
      'status_changed',
    ]);
    expect(history.body.notes).toEqual([expect.objectContaining({ text: secret })]);
  });

  it('refuses a move its status does not allow with illegal_transition, and a field user cannot cancel', async () => {
    const org = await makeOrg(server);
    const agent = await person(org, 'agent');
    const field = await person(org, 'field');
    const { body: item } = await agent.api.post('/api/v1/work-items', { title: 'Fix the lamp', assigneeId: field.id });
    const early = await field.api.post(`/api/v1/work-items/${item.id}/status`, { status: 'done' });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'illegal_transition', details: { from: 'open', to: 'done' } });
    expect(
      (await field.api.post(`/api/v1/work-items/${item.id}/status`, { status: 'cancelled', reason: 'No' })).status,
    ).toBe(403);
    expect((await agent.api.post(`/api/v1/work-items/${item.id}/status`, { status: 'cancelled' })).status).toBe(400);
    const cancelled = await agent.api.post(`/api/v1/work-items/${item.id}/status`, {
      status: 'cancelled',
      reason: 'Guest left',
    });
    expect(cancelled.body).toMatchObject({ status: 'cancelled', cancelReason: 'Guest left' });
    const again = await agent.api.post(`/api/v1/work-items/${item.id}/status`, { status: 'in_progress' });
    expect(again.body.error.code).toBe('illegal_transition');
    const rescheduled = await agent.api.post(`/api/v1/work-items/${item.id}/reschedule`, { dueAt: null });
    expect(rescheduled.body.error.code).toBe('illegal_transition');
    const backwards = await agent.api.post('/api/v1/work-items', {
      title: 'Backwards',
      window: { start: '2026-05-12T12:00:00+02:00', end: '2026-05-12T09:00:00+02:00' },
    });
    expect(backwards.status).toBe(400);
    expect(backwards.body.error.code).toBe('bad_request');
  });
});

describe('an offline queue replayed', () => {
  it('applies each operation once and answers the first result again', async () => {
    const org = await makeOrg(server);
    const agent = await person(org, 'agent');
    const field = await person(org, 'field');
    const { socket: guestSocket, conversationId } = await guestAsking(org, 'The shower is cold');
    const heard = recorder(guestSocket);
    const createOp = opId();
    const body = { opId: createOp, conversationId, assigneeId: field.id };
    const first = await agent.api.post('/api/v1/work-items', body);
    const replay = await agent.api.post('/api/v1/work-items', body);
    expect(first.status).toBe(201);
    expect(replay.status).toBe(201);
    expect(replay.body).toEqual(first.body);
    const rows = await server.ctx.db.select().from(workItems).where(eq(workItems.conversationId, conversationId));
    expect(rows).toHaveLength(1);

    const id = first.body.id;
    const start = { opId: opId(), status: 'in_progress' };
    const [a, b] = await Promise.all([
      field.api.post(`/api/v1/work-items/${id}/status`, start),
      field.api.post(`/api/v1/work-items/${id}/status`, start),
    ]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(b.body).toEqual(a.body);
    const note = { opId: opId(), text: 'Started' };
    await field.api.post(`/api/v1/work-items/${id}/notes`, note);
    await field.api.post(`/api/v1/work-items/${id}/notes`, note);
    const history = await server.ctx.db.select().from(workHistory).where(eq(workHistory.workItemId, id));
    expect(history.map((h) => h.action).sort()).toEqual(['created', 'note_added', 'status_changed']);
    const lines = await server.ctx.db
      .select({ text: messages.body })
      .from(messages)
      .where(and(eq(messages.conversationId, conversationId), eq(messages.event, 'work_status')))
      .orderBy(messages.seq);
    expect(lines.map((l) => l.text)).toEqual(['Request received: we are on it', 'On its way']);
    expect(heard).toBeDefined();
    // another user's same op id is their own
    const other = await person(org, 'agent');
    const theirs = await other.api.post('/api/v1/work-items', { opId: createOp, title: 'Their own' });
    expect(theirs.body.id).not.toBe(id);
  });
});

describe('who sees work items', () => {
  it('field staff see only theirs and their teams’; with team visibility agents see no other team’s; another organization nothing', async () => {
    const org = await makeOrg(server);
    await server.ctx.db
      .update(organizations)
      .set({ conversationVisibility: 'team' })
      .where(eq(organizations.id, org.id));
    const admin = await person(org, 'admin');
    const hkAgent = await person(org, 'agent');
    const hkField = await person(org, 'field');
    const techField = await person(org, 'field');
    const housekeeping = await teamOf(org, 'Housekeeping', [hkAgent, hkField]);
    const maintenance = await teamOf(org, 'Maintenance', [techField]);
    const create = async (title: string, extra: object) =>
      (await admin.api.post('/api/v1/work-items', { title, ...extra })).body.id as string;
    const towels = await create('Towels', { teamId: housekeeping });
    const boiler = await create('Boiler', { teamId: maintenance });
    const general = await create('Anything', {});
    const handedToHk = await create('Lamp', { teamId: maintenance, assigneeId: hkField.id });

    const listed = async (p: Person) =>
      ((await p.api.get('/api/v1/work-items')).body.items as { id: string }[]).map((i) => i.id).sort();
    expect(await listed(admin)).toEqual([towels, boiler, general, handedToHk].sort());
    expect(await listed(hkAgent)).toEqual([towels, general].sort());
    expect(await listed(hkField)).toEqual([towels, handedToHk].sort());
    expect(await listed(techField)).toEqual([boiler, handedToHk].sort());
    expect((await hkField.api.get(`/api/v1/work-items/${boiler}`)).status).toBe(404);
    expect((await hkField.api.post(`/api/v1/work-items/${boiler}/status`, { status: 'in_progress' })).status).toBe(404);
    expect((await hkAgent.api.get(`/api/v1/work-items/${boiler}`)).status).toBe(404);

    // with visibility `all`, agents see every item; field staff still only theirs
    await server.ctx.db
      .update(organizations)
      .set({ conversationVisibility: 'all' })
      .where(eq(organizations.id, org.id));
    expect(await listed(hkAgent)).toEqual([towels, boiler, general, handedToHk].sort());
    expect(await listed(hkField)).toEqual([towels, handedToHk].sort());

    const outsider = await person(await makeOrg(server), 'admin');
    expect(await listed(outsider)).toEqual([]);
    expect((await outsider.api.get(`/api/v1/work-items/${towels}`)).status).toBe(404);
    expect((await outsider.api.post(`/api/v1/work-items/${towels}/assign`, { assigneeId: outsider.id })).status).toBe(
      404,
    );
    // and nobody assigns A's work to B's people
    expect((await admin.api.post(`/api/v1/work-items/${towels}/assign`, { assigneeId: outsider.id })).status).toBe(400);
  });

  it('a reassignment reaches the new assignee live and tells the old one to drop it', async () => {
    const org = await makeOrg(server);
    const agent = await person(org, 'agent');
    const first = await person(org, 'field');
    const second = await person(org, 'field');
    const firstSocket = await socketFor({ token: first.api.token });
    const secondSocket = await socketFor({ token: second.api.token });
    const { body: item } = await agent.api.post('/api/v1/work-items', { title: 'Broken tap', assigneeId: first.id });
    const gone = nextEvent(firstSocket, serverEvents.workItemGone);
    const arrived = nextEvent(secondSocket, serverEvents.workItem);
    const moved = await agent.api.post(`/api/v1/work-items/${item.id}/assign`, { assigneeId: second.id });
    expect(moved.body.assignee.id).toBe(second.id);
    expect(await gone).toEqual({ id: item.id });
    expect((await arrived).item).toMatchObject({ id: item.id, assignee: { id: second.id } });
  });
});

describe('the dispatch board’s "Unscheduled" lane', () => {
  it('lists the items with no time, and one dropped on a technician’s hour leaves it for their day', async () => {
    const org = await makeOrg(server);
    const agent = await person(org, 'agent');
    const tech = await person(org, 'field');
    const other = await person(org, 'field');
    const team = await teamOf(org, 'Maintenance', [tech]);
    const create = async (title: string, extra: object) =>
      (await agent.api.post('/api/v1/work-items', { kind: 'work_order', title, ...extra })).body.id as string;
    const loose = await create('Boiler service', { teamId: team });
    const timed = await create('Radiator', { dueAt: new Date(Date.now() + 3_600_000).toISOString() });
    const finished = await create('Old job', {});
    await agent.api.post(`/api/v1/work-items/${finished}/status`, { status: 'cancelled', reason: 'Duplicate' });
    const ids = async (p: Person, query: string) =>
      ((await p.api.get(`/api/v1/work-items?${query}`)).body.items as { id: string }[]).map((i) => i.id).sort();
    expect(await ids(agent, 'unscheduled=true')).toEqual([loose, finished].sort());
    expect(await ids(agent, 'unscheduled=true&status=open,scheduled,in_progress')).toEqual([loose]);
    expect(await ids(agent, 'unscheduled=false')).toEqual([timed]);
    // team visibility still applies: the lane shows a field user only what they see
    expect(await ids(other, 'unscheduled=true')).toEqual([]);
    expect((await agent.api.get('/api/v1/work-items?unscheduled=soon')).status).toBe(400);

    // the drop: through the same reschedule and assign as the dialog
    const day = todayIn('UTC');
    const start = new Date(Math.max(day.start.getTime(), Date.now() - 3_600_000));
    const window = { start: start.toISOString(), end: new Date(start.getTime() + 2 * 3_600_000).toISOString() };
    const moved = await agent.api.post(`/api/v1/work-items/${loose}/reschedule`, { window });
    expect(moved.body).toMatchObject({ status: 'scheduled', window });
    const assigned = await agent.api.post(`/api/v1/work-items/${loose}/assign`, { assigneeId: other.id });
    expect(assigned.body.assignee.id).toBe(other.id);
    expect(await ids(agent, 'unscheduled=true&status=open,scheduled,in_progress')).toEqual([]);
    const mine = await other.api.get('/api/v1/me/work');
    expect((mine.body.items as { id: string }[]).map((i) => i.id)).toContain(loose);
    expect(assigned.body.history.map((h: { action: string }) => h.action)).toEqual(
      expect.arrayContaining(['rescheduled', 'status_changed', 'assigned']),
    );

    // and back to the lane: clearing the window opens it again
    const cleared = await agent.api.post(`/api/v1/work-items/${loose}/reschedule`, { window: null });
    expect(cleared.body).toMatchObject({ status: 'open', window: null });
    expect(await ids(agent, 'unscheduled=true&status=open')).toEqual([loose]);
  });
});

describe('the work list, a page at a time', () => {
  it('hands out a cursor that gives the next page in time order, every item once, and refuses one it never gave', async () => {
    const org = await makeOrg(server);
    const agent = await person(org, 'agent');
    const at = (hours: number) => new Date(Date.now() + hours * 3_600_000).toISOString();
    const made: string[] = [];
    for (const hours of [3, 1, 5, 2, 4]) {
      const created = await agent.api.post('/api/v1/work-items', {
        kind: 'task',
        title: `Job ${hours}`,
        dueAt: at(hours),
      });
      made[hours - 1] = created.body.id;
    }
    const seen: string[] = [];
    let after: string | null = null;
    for (let page = 0; page < 3; page++) {
      const query: string = after ? `&after=${after}` : '';
      const res = await agent.api.get(`/api/v1/work-items?limit=2${query}`);
      expect(res.status, JSON.stringify(res.body)).toBe(200);
      seen.push(...(res.body.items as { id: string }[]).map((i) => i.id));
      after = res.body.next;
    }
    expect(seen).toEqual(made);
    expect(after).toBeNull();
    expect((await agent.api.get('/api/v1/work-items?after=nonsense')).status).toBe(400);
  });
});

describe('a drop on the dispatch board (POST /move)', () => {
  it('reschedules and reassigns in one transaction: both with their history and events, or neither', async () => {
    const org = await makeOrg(server);
    const agent = await person(org, 'agent');
    const tech = await person(org, 'field');
    const techSocket = await socketFor({ token: tech.api.token });
    const { body: item } = await agent.api.post('/api/v1/work-items', { kind: 'work_order', title: 'Boiler service' });
    const window = { start: '2026-12-08T08:00:00.000Z', end: '2026-12-08T10:00:00.000Z' };

    // refused halves leave the item as it was: a backwards window with a good person, a good window with B's admin
    const backwards = await agent.api.post(`/api/v1/work-items/${item.id}/move`, {
      window: { start: window.end, end: window.start },
      assigneeId: tech.id,
    });
    expect(backwards.status).toBe(400);
    const outsider = await makeStaff(server, await makeOrg(server), 'admin');
    const foreign = await agent.api.post(`/api/v1/work-items/${item.id}/move`, { window, assigneeId: outsider.id });
    expect(foreign.body.error.code).toBe('bad_request');
    const untouched = (await agent.api.get(`/api/v1/work-items/${item.id}`)).body;
    expect(untouched).toMatchObject({ status: 'open', window: null, assignee: null });
    expect(untouched.history.map((h: { action: string }) => h.action)).toEqual(['created']);

    const arrived = nextEvent(techSocket, serverEvents.workItem);
    const moved = await agent.api.post(`/api/v1/work-items/${item.id}/move`, {
      window,
      assigneeId: tech.id,
      opId: opId(),
    });
    expect(moved.status).toBe(200);
    expect(moved.body).toMatchObject({ status: 'scheduled', window, assignee: { id: tech.id } });
    expect(moved.body.history.map((h: { action: string }) => h.action)).toEqual([
      'created',
      'rescheduled',
      'status_changed',
      'assigned',
    ]);
    expect((await arrived).item).toMatchObject({ id: item.id, assignee: { id: tech.id } });
    const events = await server.ctx.db
      .select({ type: domainEvents.type, data: domainEvents.data })
      .from(domainEvents)
      .where(eq(domainEvents.stream, `work_item:${item.id}`))
      .orderBy(asc(domainEvents.position));
    expect(events.map((e) => `${e.type}:${(e.data as { change?: string }).change ?? ''}`)).toEqual([
      'work_item.created:',
      'work_item.updated:rescheduled',
      'work_item.status_changed:',
      'work_item.updated:assigned',
    ]);

    // a finished item does not move, and its person stays
    await tech.api.post(`/api/v1/work-items/${item.id}/status`, { status: 'in_progress' });
    await tech.api.post(`/api/v1/work-items/${item.id}/status`, { status: 'done' });
    const late = await agent.api.post(`/api/v1/work-items/${item.id}/move`, {
      dueAt: null,
      window: null,
      assigneeId: null,
    });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('illegal_transition');
    expect((await agent.api.get(`/api/v1/work-items/${item.id}`)).body.assignee.id).toBe(tech.id);
    // field staff do not plan; another organization does not find it
    expect((await tech.api.post(`/api/v1/work-items/${item.id}/move`, { assigneeId: null })).status).toBe(403);
    const stranger = await signInWithToken(server, outsider);
    expect((await stranger.post(`/api/v1/work-items/${item.id}/move`, { assigneeId: null })).status).toBe(404);
  });
});

describe('a lead converted to a work order', () => {
  it('schedules it for the field user, marks the lead converted, and records both events in one go', async () => {
    const org = await makeOrg(server, { kind: 'service' });
    const dispatcher = await person(org, 'agent');
    const tech = await person(org, 'field', 'Tomasz Technik');
    const draft = {
      steps: [
        {
          title: '',
          fields: [
            {
              key: 'what',
              type: 'short_text',
              label: 'What is wrong?',
              help: '',
              required: false,
              options: [],
              showIf: null,
            },
            { key: 'where', type: 'address', label: 'Where?', help: '', required: false, options: [], showIf: null },
          ],
        },
      ],
    } as unknown as typeof requestForms.$inferInsert.draft;
    const [form] = await server.ctx.db
      .insert(requestForms)
      .values({ orgId: org.id, name: 'Boiler service', draft, publishedVersion: 1 })
      .returning();
    await server.ctx.db.insert(requestFormVersions).values({ formId: form?.id ?? '', version: 1, definition: draft });
    const [customer] = await server.ctx.db
      .insert(customers)
      .values({ orgId: org.id, name: 'Ewa Nowak', language: 'en' })
      .returning();
    const [lead] = await server.ctx.db
      .insert(leads)
      .values({
        orgId: org.id,
        customerId: customer?.id ?? '',
        formId: form?.id ?? '',
        formVersion: 1,
        answers: { what: 'No hot water', where: { line1: 'Polna 5', line2: '', postcode: '00-001', city: 'Warszawa' } },
      })
      .returning();
    const today = todayIn('Europe/Warsaw');
    const window = {
      start: new Date(today.start.getTime() + 22 * 3600_000).toISOString(),
      end: new Date(today.start.getTime() + 23 * 3600_000).toISOString(),
    };
    expect((await dispatcher.api.get(`/api/v1/leads/${lead?.id}`)).body.workItemId).toBeNull();
    const converted = await dispatcher.api.post(`/api/v1/leads/${lead?.id}/convert`, { assigneeId: tech.id, window });
    expect(converted.status, JSON.stringify(converted.body)).toBe(201);
    // the lead leads to its work order, and the work order back to the lead
    expect((await dispatcher.api.get(`/api/v1/leads/${lead?.id}`)).body.workItemId).toBe(converted.body.workItem.id);
    const listed = await dispatcher.api.get('/api/v1/leads');
    expect(listed.body.leads.find((l: { id: string }) => l.id === lead?.id)?.workItemId).toBe(
      converted.body.workItem.id,
    );
    expect(converted.body.workItem).toMatchObject({
      kind: 'work_order',
      status: 'scheduled',
      title: 'Boiler service — Ewa Nowak',
      window,
      assignee: { id: tech.id },
      place: { address: 'Polna 5, 00-001 Warszawa' },
      leadId: lead?.id,
      customerId: customer?.id,
    });
    expect(converted.body.workItem.description).toContain('What is wrong?: No hot water');
    const [after] = await server.ctx.db
      .select()
      .from(leads)
      .where(eq(leads.id, lead?.id ?? ''));
    expect(after?.status).toBe('converted');
    const events = await server.ctx.db
      .select({ type: domainEvents.type, xid: domainEvents.xid })
      .from(domainEvents)
      .where(eq(domainEvents.orgId, org.id));
    const types = events.map((e) => e.type);
    expect(types).toEqual(expect.arrayContaining(['work_item.created', 'lead.status_changed', 'lead.converted']));
    expect(new Set(events.map((e) => e.xid)).size).toBe(1);
    const day = await tech.api.get('/api/v1/me/work');
    expect(day.body).toMatchObject({ day: today.day, timeZone: 'Europe/Warsaw' });
    expect(day.body.items.map((i: { id: string }) => i.id)).toEqual([converted.body.workItem.id]);
    const twice = await dispatcher.api.post(`/api/v1/leads/${lead?.id}/convert`, { assigneeId: tech.id, window });
    expect(twice.body.error.code).toBe('illegal_transition');
  });
});

describe('photos of a work item', () => {
  it('are uploaded by the field user, held by the item, served to those who see it and to nobody else', async () => {
    const sharp = (await import('sharp')).default;
    const png = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#884422' } })
      .png()
      .toBuffer();
    const org = await makeOrg(server);
    const agent = await person(org, 'agent');
    const field = await person(org, 'field');
    const stranger = await person(org, 'field');
    const { body: item } = await agent.api.post('/api/v1/work-items', { title: 'Broken tile', assigneeId: field.id });
    const upload = await field.api.request('POST', '/api/v1/attachments?name=tile.png', undefined, {
      raw: png,
      headers: { 'content-type': 'image/png' },
    });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    const photoOp = { opId: opId(), attachmentId: upload.body.id };
    const added = await field.api.post(`/api/v1/work-items/${item.id}/photos`, photoOp);
    expect(added.status, JSON.stringify(added.body)).toBe(201);
    expect(added.body.photos).toEqual([
      expect.objectContaining({ id: upload.body.id, addedBy: { id: field.id, name: expect.any(String) } }),
    ]);
    expect((await field.api.post(`/api/v1/work-items/${item.id}/photos`, photoOp)).body).toEqual(added.body);
    // once held, the same upload is not attached again (elsewhere or here)
    const again = await field.api.post(`/api/v1/work-items/${item.id}/photos`, { attachmentId: upload.body.id });
    expect(again.body.error.code).toBe('attachment_unavailable');

    const path = `/api/v1/work-items/${item.id}/photos/${upload.body.id}`;
    const served = await agent.api.get(path);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toContain('image/');
    expect((await agent.api.get(`${path}/thumbnail`)).status).toBe(200);
    expect((await stranger.api.get(path)).status).toBe(404);
    // not a conversation's file: the attachments route does not serve it
    expect((await agent.api.get(`/api/v1/attachments/${upload.body.id}`)).status).toBe(404);
    const outsider = await person(await makeOrg(server), 'admin');
    expect((await outsider.api.get(path)).status).toBe(404);
    // the sweep of unsent uploads keeps a photo the item holds, however old
    await server.ctx.db
      .update(attachments)
      .set({ createdAt: new Date(Date.now() - 30 * 24 * 3600_000) })
      .where(eq(attachments.id, upload.body.id));
    await sweepLooseAttachments(systemContext(server.ctx, 'test-sweep'));
    expect((await agent.api.get(path)).status).toBe(200);
  });
});
