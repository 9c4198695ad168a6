import { clientEvents, type EscalationNotice, serverEvents, type UrgentNotice } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeStay, signIn, signInWithToken, type TestUser } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { ask, eventually, socketsClosedAfterEach, until } from '../../../test/sockets.js';
import { conversations, domainEvents, slaBreaches } from '../../db/schema.js';
import { systemContext } from '../../platform/service-context.js';
import { escalateOverdue, raised } from './escalate.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);
const minutes = (n: number) => n * 60_000;
/** Runs the escalation job's work at `at` (a moved clock: nothing waits). */
const escalateAt = (at: Date) => escalateOverdue(systemContext(server.ctx, 'test'), at);

/** A desk socket that keeps the escalations and urgent notices it hears. */
async function deskOf(user: TestUser) {
  const escalations: EscalationNotice[] = [];
  const urgent: UrgentNotice[] = [];
  const socket: Socket = await socketFor(
    { token: (await signInWithToken(server, user)).token },
    {
      listen: {
        [serverEvents.escalation]: (n: EscalationNotice) => escalations.push(n),
        [serverEvents.urgent]: (n: UrgentNotice) => urgent.push(n),
      },
    },
  );
  return { socket, escalations, urgent };
}

describe('escalation when a request waits longer than its team’s target', () => {
  it('escalates once per wait, first and next response, telling the duty manager and the team when urgent', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const [manager, member, outsider] = [
      await makeStaff(server, org, 'agent', { name: 'Marta Manager' }),
      await makeStaff(server, org, 'agent'),
      await makeStaff(server, org, 'agent'),
    ];
    const team = (await admin.post('/api/v1/teams', { name: 'Reception' })).body.id as string;
    await admin.put('/api/v1/routing-rules/default-team', { teamId: team });
    for (const u of [manager, member]) await admin.put(`/api/v1/teams/${team}/members/${u.id}`, {});
    const set = await admin.patch(`/api/v1/teams/${team}`, {
      firstResponseMinutes: 5,
      nextResponseMinutes: 10,
      dutyManagerId: manager.id,
    });
    expect(set.body.sla).toEqual({ firstResponseMinutes: 5, nextResponseMinutes: 10, dutyManagerId: manager.id });
    const [managerDesk, memberDesk, outsiderDesk] = [
      await deskOf(manager),
      await deskOf(member),
      await deskOf(outsider),
    ];

    const { guest } = await makeStay(server, org, { guestName: 'Rosa' });
    const login = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
    const guestSocket = await socketFor({ token: login.body.token });
    const sent = await ask(guestSocket, clientEvents.send, { text: 'No hot water', clientId: 'sla-test-0001' });
    const id = sent.data.conversation.id as string;
    const row = async () => (await server.ctx.db.select().from(conversations).where(eq(conversations.id, id)))[0];
    const since = (await row())?.awaitingSince;
    if (!since) expect.fail('the guest waits from their first message');
    // a run skips a request another transaction holds at that moment (the send's listeners may):
    // the next run takes it, so run until this one is raised
    const raisedAt = (at: Date, priority: string) =>
      eventually(async () => {
        await escalateAt(at);
        return (await row())?.priority === priority;
      });

    // before the target nothing happens; after it, once
    // (the job looks at every organization: this test looks at its own request, not the counts)
    await escalateAt(new Date(since.getTime() + minutes(4)));
    expect((await row())?.priority).toBe('normal');
    await raisedAt(new Date(since.getTime() + minutes(6)), 'high');
    await escalateAt(new Date(since.getTime() + minutes(60)));
    expect((await row())?.priority).toBe('high');
    await until(() => managerDesk.escalations.length === 1);
    expect(managerDesk.escalations[0]).toMatchObject({
      conversationId: id,
      teamName: 'Reception',
      kind: 'first_response',
      targetMinutes: 5,
      priority: 'high',
      contactName: 'Rosa',
    });
    const breaches = await server.ctx.db.select().from(slaBreaches).where(eq(slaBreaches.conversationId, id));
    expect(breaches.map((b) => [b.kind, b.targetMinutes, b.waitingSince.toISOString()])).toEqual([
      ['first_response', 5, since.toISOString()],
    ]);

    // the desk answers: no wait; the guest writes again: a new wait with the next-response target
    const desk = await signIn(server, member);
    await desk.post(`/api/v1/conversations/${id}/take`);
    await ask(memberDesk.socket, clientEvents.send, {
      conversationId: id,
      text: 'Sending someone',
      clientId: 'sla-test-0002',
    });
    expect((await row())?.awaitingSince).toBeNull();
    await ask(guestSocket, clientEvents.send, { conversationId: id, text: 'Still cold', clientId: 'sla-test-0003' });
    const again = (await row())?.awaitingSince;
    if (!again) expect.fail('the guest waits again');
    await escalateAt(new Date(again.getTime() + minutes(9)));
    expect((await row())?.priority).toBe('high');
    await raisedAt(new Date(again.getTime() + minutes(11)), 'urgent');

    // urgent now: the whole team hears it, nobody outside it; the duty manager the second escalation
    await until(() => memberDesk.urgent.length === 1 && managerDesk.escalations.length === 2);
    expect(memberDesk.urgent[0]).toMatchObject({ conversationId: id, teamName: 'Reception', contactName: 'Rosa' });
    expect(managerDesk.escalations[1]).toMatchObject({ kind: 'next_response', targetMinutes: 10, priority: 'urgent' });
    expect(outsiderDesk.urgent).toEqual([]);
    expect(outsiderDesk.escalations).toEqual([]);
    const events = await server.ctx.db
      .select({ data: domainEvents.data })
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'conversation.sla_breached'), eq(domainEvents.stream, `conversation:${id}`)));
    expect(events.map((e) => (e.data as { notifiedUserIds: string[] }).notifiedUserIds)).toEqual([
      [manager.id],
      [manager.id],
    ]);
  });

  it('tells the admins when the team has no duty manager, and ignores teams without targets', async () => {
    const org = await makeOrg(server);
    const adminUser = await makeStaff(server, org, 'admin');
    const admin = await signIn(server, adminUser);
    const adminDesk = await deskOf(adminUser);
    const team = (await admin.post('/api/v1/teams', { name: 'Night' })).body.id as string;
    await admin.put('/api/v1/routing-rules/default-team', { teamId: team });
    const { guest } = await makeStay(server, org);
    const login = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
    const sent = await ask(await socketFor({ token: login.body.token }), clientEvents.send, {
      text: 'Hello?',
      clientId: 'sla-test-0004',
    });
    const later = new Date(Date.now() + minutes(24 * 60));
    const escalatedBefore = await server.ctx.db
      .select()
      .from(slaBreaches)
      .where(eq(slaBreaches.conversationId, sent.data.conversation.id));
    expect(escalatedBefore).toEqual([]);
    await escalateAt(later);
    expect(
      await server.ctx.db.select().from(slaBreaches).where(eq(slaBreaches.conversationId, sent.data.conversation.id)),
    ).toEqual([]);

    await admin.patch(`/api/v1/teams/${team}`, { firstResponseMinutes: 1 });
    // runs until this request is taken (a run takes a batch, skipping rows another transaction holds)
    await eventually(async () => {
      await escalateAt(later);
      const breaches = await server.ctx.db
        .select()
        .from(slaBreaches)
        .where(eq(slaBreaches.conversationId, sent.data.conversation.id));
      return breaches.length === 1;
    });
    await until(() => adminDesk.escalations.some((e) => e.conversationId === sent.data.conversation.id));
  });

  it('tells the whole team, and nobody outside it, of a request a rule makes urgent or the desk sets urgent', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const [first, second, outsider] = [
      await makeStaff(server, org, 'agent'),
      await makeStaff(server, org, 'agent'),
      await makeStaff(server, org, 'agent'),
    ];
    const team = (await admin.post('/api/v1/teams', { name: 'Maintenance' })).body.id as string;
    for (const u of [first, second]) await admin.put(`/api/v1/teams/${team}/members/${u.id}`, {});
    await admin.put('/api/v1/routing-rules/default-team', { teamId: team });
    const rule = await admin.post('/api/v1/routing-rules', {
      name: 'Water',
      teamId: team,
      conditions: { keywords: ['flood'] },
      priority: 'urgent',
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const [firstDesk, secondDesk, outsiderDesk] = [await deskOf(first), await deskOf(second), await deskOf(outsider)];
    const open = async (name: string, text: string, clientId: string) => {
      const { guest } = await makeStay(server, org, { guestName: name });
      const login = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
      const sent = await ask(await socketFor({ token: login.body.token }), clientEvents.send, { text, clientId });
      expect(sent.ok, JSON.stringify(sent)).toBe(true);
      return sent.data.conversation.id as string;
    };
    const heardBy = (desk: { urgent: UrgentNotice[] }, id: string) =>
      desk.urgent.filter((n) => n.conversationId === id);

    // routed urgent by the rule: both members hear it as the request opens
    const flooded = await open('Flora', 'There is a flood in my bathroom', 'sla-test-urgent-1');
    await until(() => heardBy(firstDesk, flooded).length === 1 && heardBy(secondDesk, flooded).length === 1);
    expect(heardBy(firstDesk, flooded)[0]).toMatchObject({ teamName: 'Maintenance', contactName: 'Flora' });

    // set urgent by the desk: the team hears it once, however often it is set
    const plain = await open('Paul', 'The lamp flickers', 'sla-test-urgent-2');
    const desk = await signIn(server, first);
    expect((await desk.put(`/api/v1/conversations/${plain}/priority`, { priority: 'urgent' })).status).toBe(200);
    await until(() => heardBy(firstDesk, plain).length === 1 && heardBy(secondDesk, plain).length === 1);
    expect((await desk.put(`/api/v1/conversations/${plain}/priority`, { priority: 'urgent' })).status).toBe(200);
    // a later notice about another request marks the point by which a second one would have come
    const third = await open('Theo', 'Another flood, in the corridor', 'sla-test-urgent-3');
    await until(() => heardBy(secondDesk, third).length === 1);
    expect(heardBy(secondDesk, plain)).toHaveLength(1);
    expect(outsiderDesk.urgent).toEqual([]);
  });

  it('refuses a duty manager who is not in the team, and a target out of range', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const stranger = await makeStaff(server, org, 'agent');
    const team = (await admin.post('/api/v1/teams', { name: 'Spa' })).body.id as string;
    const notMember = await admin.patch(`/api/v1/teams/${team}`, { dutyManagerId: stranger.id });
    expect([notMember.status, notMember.body.error.code]).toEqual([404, 'not_found']);
    const tooLong = await admin.patch(`/api/v1/teams/${team}`, { firstResponseMinutes: 100_000 });
    expect([tooLong.status, tooLong.body.error.code]).toEqual([400, 'validation_failed']);
    // taking the duty manager out of the team hands the duty back to the admins
    await admin.put(`/api/v1/teams/${team}/members/${stranger.id}`, {});
    await admin.patch(`/api/v1/teams/${team}`, { dutyManagerId: stranger.id });
    await admin.delete(`/api/v1/teams/${team}/members/${stranger.id}`);
    expect((await admin.get(`/api/v1/teams/${team}`)).body.sla.dutyManagerId).toBeNull();
  });

  it('raises a priority one step at a time', () => {
    expect(['low', 'normal', 'high', 'urgent'].map((p) => raised(p as 'low'))).toEqual([
      'normal',
      'high',
      'urgent',
      'urgent',
    ]);
  });
});
