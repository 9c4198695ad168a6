import { clientEvents, type EscalationNotice, serverEvents } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeStay, signIn, signInWithToken } from '../../../test/factories.js';
import { freshInstallation, startTestServer, type TestServer } from '../../../test/harness.js';
import { ask, connect, eventually, until } from '../../../test/sockets.js';
import { conversations, domainEvents, slaBreaches } from '../../db/schema.js';
import { systemContext } from '../../platform/service-context.js';
import { escalateOverdue } from './escalate.js';

const minutes = (n: number) => n * 60_000;
/** Runs the escalation job's work on `node` at `at` (a moved clock: nothing waits). */
const escalateAt = (node: TestServer, at: Date) => escalateOverdue(systemContext(node.ctx, 'test'), at);

describe('an SLA escalation survives a restart', () => {
  it('is made once, by a node started after the one that saw the request stopped, and never again', async () => {
    // a brand-new installation: its only request is this test's, so the job's counts are this request's
    const install = await freshInstallation();
    const sockets: Socket[] = [];
    let first: TestServer | undefined;
    let second: TestServer | undefined;
    let third: TestServer | undefined;
    try {
      first = await startTestServer({}, install.env);
      const org = await makeOrg(first);
      const admin = await signIn(first, await makeStaff(first, org, 'admin'));
      const manager = await makeStaff(first, org, 'agent', { name: 'Marta Manager' });
      const team = (await admin.post('/api/v1/teams', { name: 'Reception' })).body.id as string;
      await admin.put('/api/v1/routing-rules/default-team', { teamId: team });
      await admin.put(`/api/v1/teams/${team}/members/${manager.id}`, {});
      const set = await admin.patch(`/api/v1/teams/${team}`, { firstResponseMinutes: 5, dutyManagerId: manager.id });
      expect(set.body.sla).toMatchObject({ firstResponseMinutes: 5, dutyManagerId: manager.id });

      // the guest's request reaches the first node and waits
      const { guest } = await makeStay(first, org, { guestName: 'Rosa' });
      const login = await new ApiClient(first.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
      const guestSocket = await connect(first.url, { token: login.body.token });
      sockets.push(guestSocket);
      const sent = await ask(guestSocket, clientEvents.send, { text: 'No hot water', clientId: 'sla-restart-0001' });
      expect(sent.ok, JSON.stringify(sent)).toBe(true);
      const id = sent.data.conversation.id as string;
      const rowOn = async (node: TestServer) =>
        (await node.ctx.db.select().from(conversations).where(eq(conversations.id, id)))[0];
      const waiting = await rowOn(first);
      const since = waiting?.awaitingSince;
      if (!since) expect.fail('the guest waits from their first message');
      expect(waiting).toMatchObject({ teamId: team, priority: 'normal', slaEscalatedFor: null });
      // before the target the first node escalates nothing; then it stops, the target not yet passed
      expect(await escalateAt(first, new Date(since.getTime() + minutes(4)))).toBe(0);
      await first.close();
      first = undefined;

      // a new node on the same database; the duty manager's desk is on it
      second = await startTestServer({}, install.env);
      const node = second;
      const escalations: EscalationNotice[] = [];
      sockets.push(
        await connect(
          node.url,
          { token: (await signInWithToken(node, manager)).token },
          { listen: { [serverEvents.escalation]: (n: EscalationNotice) => escalations.push(n) } },
        ),
      );
      expect((await rowOn(node))?.priority).toBe('normal');

      // the clock past the target: the new node escalates the request the old one saw, once
      // (a run skips a row another transaction holds, e.g. the new node catching up on the send's
      // events: run until it is raised, counting what every run escalated)
      const past = new Date(since.getTime() + minutes(6));
      let escalated = 0;
      await eventually(async () => {
        escalated += await escalateAt(node, past);
        return (await rowOn(node))?.priority === 'high';
      });
      expect(escalated).toBe(1);
      await until(() => escalations.length === 1);
      expect(escalations[0]).toMatchObject({
        conversationId: id,
        teamName: 'Reception',
        kind: 'first_response',
        targetMinutes: 5,
        priority: 'high',
        contactName: 'Rosa',
      });
      const breachesOn = (n: TestServer) =>
        n.ctx.db.select().from(slaBreaches).where(eq(slaBreaches.conversationId, id));
      const breachedEventsOn = (n: TestServer) =>
        n.ctx.db
          .select({ data: domainEvents.data })
          .from(domainEvents)
          .where(
            and(eq(domainEvents.type, 'conversation.sla_breached'), eq(domainEvents.stream, `conversation:${id}`)),
          );
      const recorded = (await breachesOn(node)).map((b) => ({
        teamId: b.teamId,
        kind: b.kind,
        targetMinutes: b.targetMinutes,
        waitingSince: b.waitingSince.toISOString(),
        breachedAt: b.breachedAt.toISOString(),
      }));
      const once = [
        {
          teamId: team,
          kind: 'first_response',
          targetMinutes: 5,
          waitingSince: since.toISOString(),
          breachedAt: past.toISOString(),
        },
      ];
      expect(recorded).toEqual(once);
      expect((await breachedEventsOn(node)).map((e) => e.data)).toEqual([
        expect.objectContaining({ previousPriority: 'normal', priority: 'high', notifiedUserIds: [manager.id] }),
      ]);

      // running it again, later, changes nothing: on this node, and on a node started after this one stopped
      expect(await escalateAt(node, new Date(since.getTime() + minutes(60)))).toBe(0);
      await second.close();
      second = undefined;
      third = await startTestServer({}, install.env);
      // (several runs: one that met the row held by the new node's catching up would skip it)
      for (const later of [120, 180, 24 * 60]) {
        expect(await escalateAt(third, new Date(since.getTime() + minutes(later)))).toBe(0);
      }
      expect((await rowOn(third))?.priority).toBe('high');
      expect((await breachesOn(third)).map((b) => b.breachedAt.toISOString())).toEqual([past.toISOString()]);
      expect(await breachedEventsOn(third)).toHaveLength(1);
      expect(escalations).toHaveLength(1);
    } finally {
      for (const s of sockets) s.close();
      await first?.close();
      await second?.close();
      await third?.close();
      await install.drop();
    }
  }, 90_000);
});
