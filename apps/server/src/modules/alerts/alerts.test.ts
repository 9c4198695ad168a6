import { randomUUID } from 'node:crypto';
import { type Alert, clientEvents, serverEvents } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signIn, signInWithToken, type TestOrg } from '../../../test/factories.js';
import type { TestServer } from '../../../test/harness.js';
import { mailingServerForFile, type SmtpServer } from '../../../test/mailing-server.js';
import { ask, eventually, socketsClosedAfterEach, until } from '../../../test/sockets.js';
import { alerts, conversations, domainEvents, stayGuests } from '../../db/schema.js';
import { systemContext } from '../../platform/service-context.js';
import { escalateOverdue } from '../sla/index.js';
import { raiseAlerts } from './raise.js';

let server: TestServer;
let smtp: SmtpServer;
mailingServerForFile((running) => {
  ({ smtp, server } = running);
});

const socketFor = socketsClosedAfterEach(() => server.url);

/** A socket that keeps every event it hears by name. */
async function listening(token: string) {
  const heard: { event: string; payload: unknown }[] = [];
  const alertsHeard: Alert[] = [];
  const socket: Socket = await socketFor(
    { token },
    { listen: { [serverEvents.alert]: (p: { alert: Alert }) => alertsHeard.push(p.alert) } },
  );
  socket.onAny((event: string, payload: unknown) => heard.push({ event, payload }));
  return { socket, heard, alerts: alertsHeard };
}

/**
 * A hotel with an admin (on a socket) and a checked-in guest (on a socket). The mood alerts are off
 * unless asked for, so a test of another kind counts only its own.
 */
async function hotel(opts: { sentiment?: boolean } = {}) {
  const org = await makeOrg(server);
  const admin = await makeStaff(server, org, 'admin', { name: 'Greta Admin' });
  const adminApi = await signInWithToken(server, admin);
  if (!opts.sentiment) await adminApi.patch('/api/v1/alert-settings', { sentiment: false });
  const adminDesk = await listening(adminApi.token as string);
  const guest = await makeGuest(server, org, { name: 'Jan', room: '112' });
  const guestSide = await listening(guest.token);
  return { org, admin, adminApi, adminDesk, guest, guestSide };
}

let n = 0;
const send = (socket: Socket, text: string, conversationId?: string) =>
  ask(socket, clientEvents.send, {
    text,
    clientId: `alert-test-${++n}`,
    ...(conversationId ? { conversationId } : {}),
  });

/** Alerts of a conversation in the order they were raised. */
const alertsOf = (conversationId: string) =>
  server.ctx.db.select().from(alerts).where(eq(alerts.conversationId, conversationId)).orderBy(alerts.raisedAt);

/**
 * Waits until the alerts consumer has read everything up to now: a probe message with an alert word
 * in a conversation of its own raises an alert, and the consumer reads events in order.
 */
async function consumerCaughtUp(org: TestOrg) {
  const probe = await makeGuest(server, org, { name: 'Probe' });
  const socket = await socketFor({ token: probe.token });
  const sent = await send(socket, 'probe: police');
  const id = sent.data.conversation.id as string;
  await eventually(async () => (await alertsOf(id)).length === 1);
  return id;
}

const noAlertHeardBy = (side: { heard: { event: string }[] }) =>
  expect(side.heard.filter((h) => h.event.startsWith('alert'))).toEqual([]);

describe('alarming words', () => {
  it('raise one alert per cool-down, live to the admin and by e-mail, never to the guest', async () => {
    const h = await hotel();
    const sent = await send(h.guestSide.socket, 'There is a FIRE in the corridor!');
    const id = sent.data.conversation.id as string;
    await until(() => h.adminDesk.alerts.length === 1, 15_000);
    expect(h.adminDesk.alerts[0]).toMatchObject({
      conversationId: id,
      kind: 'alarming_word',
      word: 'fire',
      contactName: 'Jan',
      roomNumber: '112',
      acknowledgedAt: null,
    });
    // the same word again within the cool-down: no second alert
    await send(h.guestSide.socket, 'the fire is still there', id);
    const probe = await consumerCaughtUp(h.org);
    expect((await alertsOf(id)).map((a) => a.kind)).toEqual(['alarming_word']);
    await until(() => h.adminDesk.alerts.length === 2);
    expect(h.adminDesk.alerts.map((a) => a.conversationId)).toEqual([id, probe]);

    // by e-mail to the admin, in plain words, with the link to the conversation
    // the probe's own alert ("police") is mailed too, and may arrive first
    const fireMail = () => smtp.to(h.admin.email).find((m) => m.parsed.subject?.includes('“fire”'));
    await eventually(async () => fireMail() !== undefined);
    const mail = fireMail();
    expect(mail?.parsed.subject).toContain('Alarming word: “fire” from Jan (112)');
    expect(mail?.parsed.text).toContain(`/app?c=${id}`);

    // never to the guest: not on their socket, not over REST
    noAlertHeardBy(h.guestSide);
    const guestApi = new ApiClient(server.url);
    guestApi.token = h.guest.token;
    expect((await guestApi.get('/api/v1/alerts')).status).toBe(401);
    expect(JSON.stringify(h.guestSide.heard)).not.toContain('alarming_word');
  });

  it('come from guests only: staff and system messages raise none', async () => {
    const h = await hotel();
    const sent = await send(h.guestSide.socket, 'Hello, can I get towels?');
    const id = sent.data.conversation.id as string;
    const agent = await signInWithToken(server, await makeStaff(server, h.org, 'agent'));
    const agentSocket = await socketFor({ token: agent.token as string });
    await agent.post(`/api/v1/conversations/${id}/take`);
    await send(agentSocket, 'No fire here, the police is not needed', id);
    await consumerCaughtUp(h.org);
    expect(await alertsOf(id)).toEqual([]);
  });
});

describe('low ratings', () => {
  it('raise an alert at or below the organization’s threshold only', async () => {
    const h = await hotel();
    const agent = await signInWithToken(server, await makeStaff(server, h.org, 'agent'));
    const agentSocket = await socketFor({ token: agent.token as string });
    const guests: Awaited<ReturnType<typeof listening>>[] = [];
    /** A new guest of room 30<rating> asks, is answered, and rates (a guest rates a request once). */
    const rate = async (rating: number) => {
      const guest = await makeGuest(server, h.org, { name: 'Jan', room: `30${rating}` });
      const side = await listening(guest.token);
      guests.push(side);
      const sent = await send(side.socket, 'The towels please');
      const id = sent.data.conversation.id as string;
      await agent.post(`/api/v1/conversations/${id}/take`);
      await ask(agentSocket, clientEvents.resolve, { conversationId: id });
      const rated = await ask(side.socket, clientEvents.rate, { conversationId: id, rating });
      expect(rated, JSON.stringify(rated)).toMatchObject({ ok: true });
      return id;
    };
    const four = await rate(4);
    const three = await rate(3);
    await until(() => h.adminDesk.alerts.some((a) => a.kind === 'low_rating'), 15_000);
    expect(h.adminDesk.alerts.filter((a) => a.kind === 'low_rating')).toMatchObject([
      { conversationId: three, rating: 3, roomNumber: '303' },
    ]);
    // a threshold of 1: two stars raise nothing
    await h.adminApi.patch('/api/v1/alert-settings', { ratingThreshold: 1 });
    const two = await rate(2);
    await consumerCaughtUp(h.org);
    expect(await alertsOf(four)).toEqual([]);
    expect(await alertsOf(two)).toEqual([]);
    await eventually(async () =>
      smtp.to(h.admin.email).some((m) => m.parsed.subject?.includes('Low rating: 3 stars from Jan (303)')),
    );
    for (const side of guests) noAlertHeardBy(side);
  });
});

describe('a negative mood', () => {
  it('raises one alert when the guest’s latest messages turn clearly negative, in the guest’s language', async () => {
    const h = await hotel({ sentiment: true });
    const calm = await send(h.guestSide.socket, 'Could I get two towels please?');
    const id = calm.data.conversation.id as string;
    await send(h.guestSide.socket, 'There is a problem with the TV', id);
    await consumerCaughtUp(h.org);
    expect(await alertsOf(id)).toEqual([]);

    await send(h.guestSide.socket, 'This is terrible, the room is dirty and the staff is rude.', id);
    await until(() => h.adminDesk.alerts.some((a) => a.kind === 'negative_mood'), 15_000);
    // the last three: +1 (please), −2 (problem), −7 (terrible, dirty, rude)
    expect(h.adminDesk.alerts.find((a) => a.kind === 'negative_mood')).toMatchObject({
      conversationId: id,
      score: -8,
      roomNumber: '112',
    });
    await send(h.guestSide.socket, 'Awful, I am disgusted.', id);
    await consumerCaughtUp(h.org);
    expect((await alertsOf(id)).map((a) => a.kind)).toEqual(['negative_mood']);
    await eventually(async () =>
      smtp.to(h.admin.email).some((m) => m.parsed.subject?.includes('Negative mood: Jan (112) sounds clearly unhappy')),
    );

    // a Polish guest, scored with the Polish list (words with ł and ś included)
    const polish = await makeGuest(server, h.org, { name: 'Ola', room: '214' });
    await server.ctx.db.update(stayGuests).set({ language: 'pl' }).where(eq(stayGuests.id, polish.guestId));
    const socket = await socketFor({ token: polish.token });
    const angry = (await send(socket, 'Jestem bardzo zły i wściekły')).data.conversation.id as string;
    await eventually(async () => (await alertsOf(angry)).length === 1);
    expect((await alertsOf(angry))[0]).toMatchObject({ kind: 'negative_mood', detail: { score: -5 } });
    noAlertHeardBy(h.guestSide);
  });
});

describe('SLA breaches', () => {
  it('raise an alert to the admins and the team’s duty manager, not to another agent', async () => {
    const h = await hotel();
    const manager = await makeStaff(server, h.org, 'agent', { name: 'Marta Manager' });
    const other = await makeStaff(server, h.org, 'agent');
    const team = (await h.adminApi.post('/api/v1/teams', { name: 'Reception' })).body.id as string;
    await h.adminApi.put('/api/v1/routing-rules/default-team', { teamId: team });
    await h.adminApi.put(`/api/v1/teams/${team}/members/${manager.id}`, {});
    await h.adminApi.patch(`/api/v1/teams/${team}`, { firstResponseMinutes: 5, dutyManagerId: manager.id });
    const managerApi = await signInWithToken(server, manager);
    const managerDesk = await listening(managerApi.token as string);
    const otherDesk = await listening((await signInWithToken(server, other)).token as string);

    const sent = await send(h.guestSide.socket, 'Is anyone there?');
    const id = sent.data.conversation.id as string;
    const [row] = await server.ctx.db.select().from(conversations).where(eq(conversations.id, id));
    const since = row?.awaitingSince;
    if (!since) expect.fail('the guest waits');
    await eventually(async () => {
      await escalateOverdue(systemContext(server.ctx, 'test'), new Date(since.getTime() + 6 * 60_000));
      return (await alertsOf(id)).length === 1;
    });
    await until(() => managerDesk.alerts.length === 1 && h.adminDesk.alerts.length === 1);
    expect(managerDesk.alerts[0]).toMatchObject({ kind: 'sla_breach', targetMinutes: 5, teamName: 'Reception' });

    // the duty manager sees the team's alerts in the list and acknowledges; the admin hears it
    const list = await managerApi.get('/api/v1/alerts?status=open');
    expect(list.body).toMatchObject({ unacknowledged: 1, alerts: [{ conversationId: id, kind: 'sla_breach' }] });
    const adminHearsAck = new Promise<{ alert: Alert }>((resolve) =>
      h.adminDesk.socket.once(serverEvents.alertAcknowledged, resolve),
    );
    const acked = await managerApi.post(`/api/v1/alerts/${list.body.alerts[0].id}/acknowledge`);
    expect(acked.body.acknowledgedBy).toEqual({ id: manager.id, name: 'Marta Manager' });
    expect((await adminHearsAck).alert.acknowledgedAt).toBe(acked.body.acknowledgedAt);
    await eventually(async () => smtp.to(manager.email).some((m) => m.parsed.subject?.includes('Waiting too long')));
    // another agent of the organization sees no alert, live or listed, and cannot acknowledge
    const otherApi = await signIn(server, other);
    expect((await otherApi.get('/api/v1/alerts')).body).toEqual({ alerts: [], unacknowledged: 0 });
    expect((await otherApi.post(`/api/v1/alerts/${list.body.alerts[0].id}/acknowledge`)).status).toBe(404);
    noAlertHeardBy(otherDesk);
    noAlertHeardBy(h.guestSide);
  });
});

describe('the cool-down, with a fixed clock', () => {
  it('raises once per conversation and kind within the cool-down, again after it, once per event', async () => {
    const h = await hotel();
    const sent = await send(h.guestSide.socket, 'Hello');
    const id = sent.data.conversation.id as string;
    await h.adminApi.patch('/api/v1/alert-settings', { cooldownMinutes: 10 });
    const t0 = Date.parse('2026-03-01T10:00:00Z');
    const rated = (minutes: number, eventId: string) => ({
      id: eventId,
      type: 'conversation.rated' as const,
      version: 1 as const,
      orgId: h.org.id,
      stream: `conversation:${id}`,
      occurredAt: new Date(t0 + minutes * 60_000).toISOString(),
      data: { conversationId: id, rating: 1, comment: null },
    });
    const ctx = systemContext(server.ctx, 'test');
    const first = randomUUID();
    expect(await raiseAlerts(ctx, rated(0, first))).toBe(1);
    expect(await raiseAlerts(ctx, rated(0, first))).toBe(0); // the same event again
    expect(await raiseAlerts(ctx, rated(9, randomUUID()))).toBe(0); // within 10 minutes
    expect(await raiseAlerts(ctx, rated(10.5, randomUUID()))).toBe(1); // after them
    expect(await raiseAlerts(ctx, rated(15, randomUUID()))).toBe(0);
    const rows = await alertsOf(id);
    expect(rows.map((r) => [r.kind, r.raisedAt.toISOString()])).toEqual([
      ['low_rating', '2026-03-01T10:00:00.000Z'],
      ['low_rating', '2026-03-01T10:10:30.000Z'],
    ]);
    const raisedEvents = await server.ctx.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'alert.raised'), eq(domainEvents.orgId, h.org.id)))
      .orderBy(domainEvents.position);
    expect(raisedEvents.map((e) => (e.data as { alertId: string }).alertId)).toEqual(rows.map((r) => r.id));
  });
});

describe('acknowledging and listing', () => {
  it('lists newest first with the open count, acknowledges once, and keeps organizations apart', async () => {
    const h = await hotel();
    const a = (await send(h.guestSide.socket, 'call the police')).data.conversation.id as string;
    await until(() => h.adminDesk.alerts.length === 1, 15_000);
    const open = await h.adminApi.get('/api/v1/alerts?status=open');
    expect(open.body.unacknowledged).toBe(1);
    const alertId = open.body.alerts[0].id as string;
    expect(open.body.alerts[0]).toMatchObject({ conversationId: a, word: 'police' });

    const first = await h.adminApi.post(`/api/v1/alerts/${alertId}/acknowledge`);
    expect(first.status).toBe(200);
    expect(first.body.acknowledgedBy).toEqual({ id: h.admin.id, name: 'Greta Admin' });
    const again = await h.adminApi.post(`/api/v1/alerts/${alertId}/acknowledge`);
    expect(again.body.acknowledgedAt).toBe(first.body.acknowledgedAt);
    expect((await h.adminApi.get('/api/v1/alerts?status=open')).body).toEqual({ alerts: [], unacknowledged: 0 });
    expect((await h.adminApi.get('/api/v1/alerts?status=acknowledged')).body.alerts.map((x: Alert) => x.id)).toEqual([
      alertId,
    ]);

    // another organization's admin neither lists nor acknowledges it
    const elsewhere = await signIn(server, await makeStaff(server, await makeOrg(server), 'admin'));
    expect((await elsewhere.get('/api/v1/alerts')).body).toEqual({ alerts: [], unacknowledged: 0 });
    expect((await elsewhere.post(`/api/v1/alerts/${alertId}/acknowledge`)).status).toBe(404);
  });
});

describe('alert settings', () => {
  it('start from the defaults, add and remove words whatever their accents, and validate', async () => {
    const h = await hotel({ sentiment: true });
    const initial = await h.adminApi.get('/api/v1/alert-settings');
    expect(initial.body).toMatchObject({ ratingThreshold: 3, sentiment: true, cooldownMinutes: 30 });
    expect(initial.body.words).toEqual(expect.arrayContaining(['fire', 'pożar', 'feuer', 'police']));
    expect(Object.keys(initial.body.defaults).sort()).toEqual(['de', 'en', 'pl']);

    const set = await h.adminApi.patch('/api/v1/alert-settings', {
      words: ['fire'],
      addWords: ['Flood', 'flood', 'POŻAR'],
      removeWords: ['FIRE'],
      sentiment: false,
    });
    expect(set.status).toBe(200);
    expect(set.body).toMatchObject({ words: ['Flood', 'POŻAR'], sentiment: false, ratingThreshold: 3 });
    const removed = await h.adminApi.patch('/api/v1/alert-settings', { removeWords: ['pozar'] });
    expect(removed.body.words).toEqual(['Flood']);
    const withGerman = await h.adminApi.patch('/api/v1/alert-settings', { addDefaultsFor: ['de'] });
    expect(withGerman.body.words).toContain('polizei');
    expect(withGerman.body.words).not.toContain('police');

    // the list now decides: "police" is no alarm, "flood" is
    const quiet = (await send(h.guestSide.socket, 'police')).data.conversation.id as string;
    const loud = (await send(h.guestSide.socket, 'a FLOOD in the bathroom', quiet)).data.conversation.id as string;
    await until(() => h.adminDesk.alerts.length === 1, 15_000);
    expect(h.adminDesk.alerts[0]).toMatchObject({ conversationId: loud, word: 'Flood' });

    for (const bad of [
      { ratingThreshold: 6 },
      { ratingThreshold: -1 },
      { cooldownMinutes: 0 },
      { cooldownMinutes: 1441 },
      { words: ['x'.repeat(61)] },
      { words: ['   '] },
      { words: ['!!!'] },
      { words: Array.from({ length: 301 }, (_, i) => `w${i}`) },
      { addDefaultsFor: ['fr'] },
      { sentiment: 'yes' },
      { unknown: 1 },
    ]) {
      const res = await h.adminApi.patch('/api/v1/alert-settings', bad);
      expect(res.status, JSON.stringify(bad).slice(0, 80)).toBe(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const many = await h.adminApi.patch('/api/v1/alert-settings', {
      words: Array.from({ length: 300 }, (_, i) => `w${i}`),
      addWords: ['one more'],
    });
    expect(many.status).toBe(409);
    expect(many.body.error).toMatchObject({ code: 'conflict', details: { max: 300, count: 301 } });
    // nothing changed by the refusals
    expect((await h.adminApi.get('/api/v1/alert-settings')).body.words).toContain('polizei');

    // agents neither read nor change the settings
    const agent = await signIn(server, await makeStaff(server, h.org, 'agent'));
    expect((await agent.get('/api/v1/alert-settings')).status).toBe(403);
    expect((await agent.patch('/api/v1/alert-settings', { sentiment: true })).status).toBe(403);
  });
});
