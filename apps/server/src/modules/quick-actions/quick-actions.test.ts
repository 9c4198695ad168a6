import { and, asc, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import {
  auditLog,
  domainEvents,
  messages,
  organizations,
  quickActionRequests,
  teams,
  workItems,
} from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer({ quickActionLimits: { perGuest: 6, windowSeconds: 600 } });
});
afterAll(() => server?.close());

const clientId = () => `qa-${uniqueSuffix()}`;

async function admin(org: TestOrg) {
  return signInWithToken(server, await makeStaff(server, org, 'admin'));
}

async function team(org: TestOrg, name: string) {
  const [t] = await server.ctx.db.insert(teams).values({ orgId: org.id, name }).returning();
  if (!t) throw new Error('no team');
  return t.id;
}

async function guestOf(org: TestOrg, name = 'Anna Nowak') {
  const room = `${Math.floor(100 + Math.random() * 800)}${uniqueSuffix().slice(-3)}`;
  const made = await makeGuest(server, org, { name, room });
  const api = new ApiClient(server.url);
  api.token = made.token;
  return { ...made, api, room };
}

const towels = (teamId: string | null) => ({
  titles: { en: 'Extra towels', pl: 'Dodatkowe ręczniki' },
  icon: '🧺',
  fields: { count: { min: 1, max: 4 } },
  task: teamId ? { teamId, priority: 'high' } : null,
});

describe('the quick-action catalogue', () => {
  it('admins add, list in order, change and remove actions, each audited', async () => {
    const org = await makeOrg(server);
    const api = await admin(org);
    const hk = await team(org, 'Housekeeping');
    const first = await api.post('/api/v1/quick-actions', towels(hk));
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.body).toMatchObject({
      titles: { en: 'Extra towels', pl: 'Dodatkowe ręczniki' },
      icon: '🧺',
      fields: { count: { min: 1, max: 4 }, time: false, note: false, photo: false },
      position: 0,
      enabled: true,
      task: { team: { id: hk, name: 'Housekeeping' }, priority: 'high' },
    });
    const second = await api.post('/api/v1/quick-actions', { titles: { de: 'Taxi' }, fields: { time: true } });
    expect(second.body).toMatchObject({ position: 1, task: null, icon: '' });

    const moved = await api.patch(`/api/v1/quick-actions/${second.body.id}`, { position: 0, enabled: false });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body).toMatchObject({ position: 0, enabled: false });
    expect((await api.patch(`/api/v1/quick-actions/${first.body.id}`, { position: 5 })).body.position).toBe(5);
    const list = await api.get('/api/v1/quick-actions');
    expect(list.body.actions.map((a: { id: string }) => a.id)).toEqual([second.body.id, first.body.id]);

    const noTask = await api.patch(`/api/v1/quick-actions/${first.body.id}`, { task: null });
    expect(noTask.body.task).toBeNull();
    expect((await api.delete(`/api/v1/quick-actions/${second.body.id}`)).status).toBe(204);
    expect((await api.get(`/api/v1/quick-actions/${second.body.id}`)).status).toBe(404);

    const audit = await server.ctx.db
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(eq(auditLog.orgId, org.id))
      .orderBy(asc(auditLog.id));
    expect(audit.map((a) => a.action).filter((a) => a.startsWith('quick_action'))).toEqual([
      'quick_action.created',
      'quick_action.created',
      'quick_action.updated',
      'quick_action.updated',
      'quick_action.updated',
      'quick_action.deleted',
    ]);
  });

  it('refuses bad definitions: no title, min above max, another organization’s team', async () => {
    const org = await makeOrg(server);
    const other = await makeOrg(server);
    const api = await admin(org);
    const foreign = await team(other, 'Housekeeping');
    expect((await api.post('/api/v1/quick-actions', { titles: {} })).status).toBe(400);
    expect((await api.post('/api/v1/quick-actions', { titles: { xx: 'Hi' } })).status).toBe(400);
    const range = await api.post('/api/v1/quick-actions', {
      titles: { en: 'T' },
      fields: { count: { min: 5, max: 2 } },
    });
    expect(range.status).toBe(400);
    const theirs = await api.post('/api/v1/quick-actions', towels(foreign));
    expect(theirs.status).toBe(400);
    expect(theirs.body.error.code).toBe('bad_request');
    const invented = await api.post('/api/v1/quick-actions', { titles: { en: 'T' }, fields: { shoeSize: true } });
    expect(invented.status).toBe(400);
  });

  it('keeps organizations apart and is for admins only', async () => {
    const a = await makeOrg(server);
    const b = await makeOrg(server);
    const adminA = await admin(a);
    const adminB = await admin(b);
    const made = await adminA.post('/api/v1/quick-actions', towels(null));
    expect((await adminB.get(`/api/v1/quick-actions/${made.body.id}`)).status).toBe(404);
    expect((await adminB.patch(`/api/v1/quick-actions/${made.body.id}`, { enabled: false })).status).toBe(404);
    expect((await adminB.delete(`/api/v1/quick-actions/${made.body.id}`)).status).toBe(404);
    expect((await adminB.get('/api/v1/quick-actions')).body.actions).toEqual([]);
    const agent = await signInWithToken(server, await makeStaff(server, a, 'agent'));
    expect((await agent.get('/api/v1/quick-actions')).status).toBe(403);
    expect((await agent.post('/api/v1/quick-actions', towels(null))).status).toBe(403);
  });
});

describe('a guest’s tap', () => {
  it('sends one readable request and creates the task for the team at once, which the guest follows', async () => {
    const org = await makeOrg(server);
    const api = await admin(org);
    const hk = await team(org, 'Housekeeping');
    const action = (await api.post('/api/v1/quick-actions', towels(hk))).body;
    await api.post('/api/v1/quick-actions', { titles: { en: 'Hidden' }, enabled: false });
    const guest = await guestOf(org);

    const shown = await guest.api.get('/api/v1/guest/quick-actions', { headers: { 'accept-language': 'pl' } });
    expect(shown.status, JSON.stringify(shown.body)).toBe(200);
    expect(shown.body).toEqual({
      language: 'pl',
      actions: [
        {
          id: action.id,
          title: 'Dodatkowe ręczniki',
          icon: '🧺',
          fields: { count: { min: 1, max: 4 }, time: false, note: false, photo: false },
        },
      ],
    });

    const id = clientId();
    const tapped = await guest.api.post(`/api/v1/guest/quick-actions/${action.id}/request`, { clientId: id, count: 2 });
    expect(tapped.status, JSON.stringify(tapped.body)).toBe(201);
    expect(tapped.body).toMatchObject({ duplicate: false, message: { text: 'Extra towels — how many: 2' } });
    const workItemId = tapped.body.workItemId as string;
    const [item] = await server.ctx.db.select().from(workItems).where(eq(workItems.id, workItemId));
    expect(item).toMatchObject({
      orgId: org.id,
      title: `Extra towels ×2 — room ${guest.room}`,
      teamId: hk,
      priority: 'high',
      status: 'open',
      conversationId: tapped.body.conversationId,
      stayId: guest.stayId,
      createdBy: null,
    });
    expect(item?.roomId).not.toBeNull();

    // the guest follows it: their request, then the status line of the task
    const thread = await guest.api.get(`/api/v1/guest/conversations/${tapped.body.conversationId}/messages`);
    expect(thread.body.messages.map((m: { text: string }) => m.text)).toEqual([
      'Extra towels — how many: 2',
      'Request received: we are on it',
    ]);
    // housekeeping starts it: the guest reads "On its way"
    const field = await makeStaff(server, org, 'admin');
    const desk = await signInWithToken(server, field);
    expect((await desk.post(`/api/v1/work-items/${workItemId}/status`, { status: 'in_progress' })).status).toBe(200);
    const after = await guest.api.get(`/api/v1/guest/conversations/${tapped.body.conversationId}/messages`);
    expect(after.body.messages.at(-1).text).toBe('On its way');

    const events = await server.ctx.db
      .select({ type: domainEvents.type, data: domainEvents.data })
      .from(domainEvents)
      .where(and(eq(domainEvents.orgId, org.id), eq(domainEvents.type, 'quick_action.requested')));
    expect(events).toEqual([
      {
        type: 'quick_action.requested',
        data: {
          quickActionId: action.id,
          conversationId: tapped.body.conversationId,
          messageId: tapped.body.message.id,
          stayId: guest.stayId,
          workItemId,
        },
      },
    ]);

    // a double tap or an offline retry: one request, one task
    const again = await guest.api.post(`/api/v1/guest/quick-actions/${action.id}/request`, { clientId: id, count: 2 });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ duplicate: true, workItemId, message: { id: tapped.body.message.id } });
    const both = await Promise.all(
      [0, 1].map(() =>
        guest.api.post(`/api/v1/guest/quick-actions/${action.id}/request`, { clientId: `${id}-x`, count: 1 }),
      ),
    );
    expect(both.map((r) => r.status).sort()).toEqual([200, 201]);
    expect(both[0]?.body.workItemId).toBe(both[1]?.body.workItemId);
    const items = await server.ctx.db.select().from(workItems).where(eq(workItems.orgId, org.id));
    expect(items).toHaveLength(2);
    const sent = await server.ctx.db
      .select()
      .from(messages)
      .where(and(eq(messages.orgId, org.id), eq(messages.senderType, 'guest')));
    expect(sent).toHaveLength(2);
  });

  it('sends only the message when no task is set up', async () => {
    const org = await makeOrg(server);
    const api = await admin(org);
    const taxi = (
      await api.post('/api/v1/quick-actions', {
        titles: { en: 'Taxi' },
        icon: '🚕',
        fields: { time: true, note: true },
      })
    ).body;
    const guest = await guestOf(org);
    const tapped = await guest.api.post(`/api/v1/guest/quick-actions/${taxi.id}/request`, {
      clientId: clientId(),
      time: '07:30',
      note: 'To the airport, two suitcases',
    });
    expect(tapped.status, JSON.stringify(tapped.body)).toBe(201);
    expect(tapped.body).toMatchObject({
      workItemId: null,
      message: { text: 'Taxi — at 07:30\nTo the airport, two suitcases' },
    });
    expect(await server.ctx.db.select().from(workItems).where(eq(workItems.orgId, org.id))).toEqual([]);
    const [req] = await server.ctx.db
      .select()
      .from(quickActionRequests)
      .where(eq(quickActionRequests.messageId, tapped.body.message.id));
    expect(req).toMatchObject({ quickActionId: taxi.id, workItemId: null });
  });

  it('makes "what time" the task’s due time on the organization’s clock: today, or tomorrow once it is gone', async () => {
    const org = await makeOrg(server); // Europe/Warsaw
    const api = await admin(org);
    const desk = await team(org, 'Concierge');
    const taxi = (
      await api.post('/api/v1/quick-actions', {
        titles: { en: 'Taxi' },
        fields: { time: true },
        task: { teamId: desk },
      })
    ).body;
    const guest = await guestOf(org);
    const dueFor = async (time: string) => {
      const tapped = await guest.api.post(`/api/v1/guest/quick-actions/${taxi.id}/request`, {
        clientId: clientId(),
        time,
      });
      expect(tapped.status, JSON.stringify(tapped.body)).toBe(201);
      const [item] = await server.ctx.db.select().from(workItems).where(eq(workItems.id, tapped.body.workItemId));
      return { item, tapped };
    };
    // three hours from now on the Warsaw clock: that time today (or just after midnight, tomorrow)
    const soon = DateTime.now().setZone('Europe/Warsaw').plus({ hours: 3 }).startOf('minute');
    const { item, tapped } = await dueFor(soon.toFormat('HH:mm'));
    expect(item?.dueAt?.toISOString()).toBe(soon.toUTC().toISO());
    expect(item?.title).toContain(`Taxi at ${soon.toFormat('HH:mm')}`);
    // the desk reads it too
    const staff = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const read = await staff.get(`/api/v1/work-items/${tapped.body.workItemId}`);
    expect(read.body.dueAt).toBe(soon.toUTC().toISO({ suppressMilliseconds: false }));
    // three hours ago is gone: the guest means tomorrow
    const gone = DateTime.now().setZone('Europe/Warsaw').minus({ hours: 3 }).startOf('minute');
    const later = await dueFor(gone.toFormat('HH:mm'));
    expect(later.item?.dueAt?.toISOString()).toBe(gone.plus({ days: 1 }).toUTC().toISO());
  });

  it('creates no task on a plan without tasks: the request still reaches the chat', async () => {
    const org = await makeOrg(server);
    const api = await admin(org);
    const action = (await api.post('/api/v1/quick-actions', towels(await team(org, 'Housekeeping')))).body;
    await server.ctx.db.update(organizations).set({ plan: 'free' }).where(eq(organizations.id, org.id));
    const guest = await guestOf(org);
    const tapped = await guest.api.post(`/api/v1/guest/quick-actions/${action.id}/request`, {
      clientId: clientId(),
      count: 1,
    });
    expect(tapped.status, JSON.stringify(tapped.body)).toBe(201);
    expect(tapped.body).toMatchObject({ workItemId: null, message: { text: 'Extra towels — how many: 1' } });
    expect(await server.ctx.db.select().from(workItems).where(eq(workItems.orgId, org.id))).toEqual([]);
    // and the admin can no longer set one up
    const refused = await api.post('/api/v1/quick-actions', towels(await team(org, 'Spa')));
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('plan_feature_unavailable');
    expect((await api.patch(`/api/v1/quick-actions/${action.id}`, { task: null })).status).toBe(200);
  });

  it('takes a photo where the action asks for one, in the same message', async () => {
    const org = await makeOrg(server);
    const api = await admin(org);
    const hk = await team(org, 'Maintenance');
    const broken = (
      await api.post('/api/v1/quick-actions', {
        titles: { en: 'Something is broken' },
        fields: { note: true, photo: true },
        task: { teamId: hk, priority: 'high' },
      })
    ).body;
    const guest = await guestOf(org);
    const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: '#c33' } })
      .jpeg()
      .toBuffer();
    const uploaded = await guest.api.post('/api/v1/guest/attachments?name=lamp.jpg', undefined, {
      raw: jpeg,
      headers: { 'content-type': 'image/jpeg' },
    });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(201);
    const tapped = await guest.api.post(`/api/v1/guest/quick-actions/${broken.id}/request`, {
      clientId: clientId(),
      note: 'The bedside lamp flickers',
      photoId: uploaded.body.id,
    });
    expect(tapped.status, JSON.stringify(tapped.body)).toBe(201);
    expect(tapped.body.message.text).toBe('Something is broken\nThe bedside lamp flickers');
    expect(tapped.body.message.attachments).toMatchObject([{ id: uploaded.body.id }]);
    expect(tapped.body.workItemId).toEqual(expect.any(String));
    // a photo where the action takes none is refused
    const towelsAction = (await api.post('/api/v1/quick-actions', towels(null))).body;
    const refused = await guest.api.post(`/api/v1/guest/quick-actions/${towelsAction.id}/request`, {
      clientId: clientId(),
      count: 1,
      photoId: uploaded.body.id,
    });
    expect(refused.status).toBe(400);
  });

  it('checks the fields against the action: none invented, none out of range, required ones given', async () => {
    const org = await makeOrg(server);
    const api = await admin(org);
    const action = (await api.post('/api/v1/quick-actions', towels(null))).body;
    const guest = await guestOf(org);
    const tap = (body: Record<string, unknown>) =>
      guest.api.post(`/api/v1/guest/quick-actions/${action.id}/request`, { clientId: clientId(), ...body });
    for (const body of [{}, { count: 5 }, { count: 0 }, { count: 2, time: '10:00' }, { count: 2, note: 'x' }]) {
      const refused = await tap(body);
      expect(refused.status, JSON.stringify(body)).toBe(400);
      expect(refused.body.error.code).toBe('validation_failed');
    }
    expect((await tap({ count: 2, colour: 'red' })).status).toBe(400);
    expect((await tap({ count: 2, time: '25:00' })).status).toBe(400);
    expect(await server.ctx.db.select().from(messages).where(eq(messages.orgId, org.id))).toEqual([]);
  });

  it('never shows or takes another organization’s actions, nor disabled ones', async () => {
    const a = await makeOrg(server);
    const b = await makeOrg(server);
    const adminA = await admin(a);
    const adminB = await admin(b);
    const theirs = (await adminB.post('/api/v1/quick-actions', towels(await team(b, 'Housekeeping')))).body;
    const off = (await adminA.post('/api/v1/quick-actions', { ...towels(null), enabled: false })).body;
    const guest = await guestOf(a);
    expect((await guest.api.get('/api/v1/guest/quick-actions')).body.actions).toEqual([]);
    for (const id of [theirs.id, off.id]) {
      const refused = await guest.api.post(`/api/v1/guest/quick-actions/${id}/request`, {
        clientId: clientId(),
        count: 1,
      });
      expect(refused.status).toBe(404);
    }
    expect(await server.ctx.db.select().from(workItems).where(eq(workItems.orgId, b.id))).toEqual([]);
  });

  it('refuses a checked-out guest, staff, and a guest past the rate limit', async () => {
    const org = await makeOrg(server);
    const api = await admin(org);
    const action = (await api.post('/api/v1/quick-actions', towels(null))).body;
    const guest = await guestOf(org);
    const path = `/api/v1/guest/quick-actions/${action.id}/request`;
    expect((await api.post(path, { clientId: clientId(), count: 1 })).status).toBe(401);

    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await guest.api.post(path, { clientId: clientId(), count: 1 })).status);
    expect(statuses).toEqual([201, 201, 201, 201, 201, 201, 429]);

    const leaving = await guestOf(org);
    const kept = clientId();
    expect((await leaving.api.post(path, { clientId: kept, count: 1 })).status).toBe(201);
    await leaving.desk.post(`/api/v1/stays/${leaving.stayId}/check-out`);
    const refused = await leaving.api.post(path, { clientId: clientId(), count: 1 });
    expect(refused.status).toBe(403);
    expect(refused.body.error.code).toBe('stay_read_only');
    // a retry of the tap sent before check-out still gets its answer
    expect((await leaving.api.post(path, { clientId: kept, count: 1 })).body.duplicate).toBe(true);
  });
});
