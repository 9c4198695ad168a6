import { randomUUID } from 'node:crypto';
import { clientEvents, type DomainEvent, type MetricsReport } from '@frontdesk/protocol';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import {
  conversationMerges,
  conversations,
  customers,
  domainEvents,
  messages,
  metricsAgents,
  metricsConversations,
  metricsDaily,
  metricsDimensionDaily,
  metricsDimensionHourly,
  metricsHourly,
  organizations,
  tags,
  teams,
  users,
  visitors,
} from '../../db/schema.js';
import { applyMetricsEvents, rebuildMetrics } from './store.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

/** Every rollup row of an organization, and every conversation state, in a fixed order. */
async function snapshot(orgId: string) {
  const { db } = server.ctx;
  const rollup = await db
    .select()
    .from(metricsHourly)
    .where(eq(metricsHourly.orgId, orgId))
    .orderBy(
      asc(metricsHourly.bucket),
      sql`${metricsHourly.teamId} nulls first`,
      sql`${metricsHourly.agentId} nulls first`,
    );
  const daily = await db
    .select()
    .from(metricsDaily)
    .where(eq(metricsDaily.orgId, orgId))
    .orderBy(asc(metricsDaily.day), sql`${metricsDaily.teamId} nulls first`, sql`${metricsDaily.agentId} nulls first`);
  const dimensionOrder = (t: typeof metricsDimensionHourly | typeof metricsDimensionDaily) => [
    asc(t.kind),
    asc(t.value),
    sql`${t.teamId} nulls first`,
    sql`${t.agentId} nulls first`,
  ];
  const dimensionHourly = await db
    .select()
    .from(metricsDimensionHourly)
    .where(eq(metricsDimensionHourly.orgId, orgId))
    .orderBy(asc(metricsDimensionHourly.bucket), ...dimensionOrder(metricsDimensionHourly));
  const dimensionDaily = await db
    .select()
    .from(metricsDimensionDaily)
    .where(eq(metricsDimensionDaily.orgId, orgId))
    .orderBy(asc(metricsDimensionDaily.day), ...dimensionOrder(metricsDimensionDaily));
  const states = await db
    .select()
    .from(metricsConversations)
    .where(eq(metricsConversations.orgId, orgId))
    .orderBy(asc(metricsConversations.conversationId));
  // a row all of whose counters are back at zero (a first-contact resolution taken back) is no figure
  const nonZero = <T extends object>(rows: T[]) =>
    rows.filter((r) => Object.values(r).some((v) => typeof v === 'number' && v !== 0));
  return {
    rollup: nonZero(rollup),
    daily: nonZero(daily),
    dimensionHourly: nonZero(dimensionHourly),
    dimensionDaily: nonZero(dimensionDaily),
    states,
  };
}

/**
 * Writes an organization's event log by hand, with fixed times: conversation rows, messages (their
 * own `message.created` log) and outbox events, each in its own transaction, in the order given —
 * what the services would have written. Returns every event as the consumer receives it.
 */
function logWriter(org: TestOrg) {
  const { db } = server.ctx;
  const written: DomainEvent[] = [];
  const seqs = new Map<string, number>();
  return {
    written,
    async conversation(
      at: string,
      from: { guestId?: string; stayId?: string; visitorId?: string } = {},
    ): Promise<string> {
      const [row] = await db
        .insert(conversations)
        .values({ orgId: org.id, status: 'queued', createdAt: new Date(at), ...from })
        .returning({ id: conversations.id });
      return row?.id as string;
    },
    async message(
      conversationId: string,
      at: string,
      sender: { type: 'guest' | 'staff' | 'system'; id: string | null },
      event: 'taken' | 'transferred' | 'resolved' | 'reopened' | 'rated' | null = null,
    ) {
      const seq = (seqs.get(conversationId) ?? 0) + 1;
      seqs.set(conversationId, seq);
      const [row] = await db
        .insert(messages)
        .values({
          orgId: org.id,
          conversationId,
          seq,
          senderType: sender.type,
          senderId: sender.id,
          body: event ? `(${event})` : 'hello',
          event,
          createdAt: new Date(at),
        })
        .returning({ id: messages.id });
      written.push({
        id: row?.id as string,
        type: 'message.created',
        version: 1,
        orgId: org.id,
        stream: `conversation:${conversationId}`,
        occurredAt: new Date(at).toISOString(),
        data: {
          conversationId,
          messageId: row?.id as string,
          seq,
          sender: { ...sender, name: null },
          text: '',
          event,
        },
      });
    },
    async event(type: DomainEvent['type'], stream: string, at: string, data: Record<string, unknown>) {
      const id = randomUUID();
      await db
        .insert(domainEvents)
        .values({ id, type, version: 1, orgId: org.id, stream, occurredAt: new Date(at), data });
      written.push({
        id,
        type,
        version: 1,
        orgId: org.id,
        stream,
        occurredAt: new Date(at).toISOString(),
        data,
      } as DomainEvent);
    },
  };
}

const report = async (api: ApiClient, query: string) => {
  const res = await api.get(`/api/v1/reports/metrics?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as MetricsReport;
};

describe('service metrics', () => {
  it('counts a day by hand-computed definitions: notes, system messages and transfers, a reopen, ratings, a breach, leads, the local day boundary; a rebuild and a repeat change nothing', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server); // Europe/Warsaw: UTC+1 in January
    const adminUser = await makeStaff(server, org, 'admin');
    const admin = await signInWithToken(server, adminUser);
    const a = await makeStaff(server, org, 'agent');
    const b = await makeStaff(server, org, 'agent');
    const [reception, spa] = await db
      .insert(teams)
      .values([
        { orgId: org.id, name: `Reception ${uniqueSuffix()}` },
        { orgId: org.id, name: `Spa ${uniqueSuffix()}`, dutyManagerId: b.id },
      ])
      .returning();
    if (!reception || !spa) throw new Error('no teams');
    const log = logWriter(org);
    const guest = { type: 'guest' as const, id: null };
    const system = { type: 'system' as const, id: null };
    const staffA = { type: 'staff' as const, id: a.id };
    const staffB = { type: 'staff' as const, id: b.id };
    const routed = (c: string, at: string, teamId: string) =>
      log.event('conversation.routed', `conversation:${c}`, at, {
        conversationId: c,
        teamId,
        priority: 'normal',
        ruleId: null,
        reason: 'default team',
      });
    const taken = (c: string, at: string, who: string) =>
      log.event('conversation.taken', `conversation:${c}`, at, { conversationId: c, assigneeId: who });
    const resolved = (c: string, at: string, who: string) =>
      log.event('conversation.resolved', `conversation:${c}`, at, { conversationId: c, resolvedBy: who });
    const rated = (c: string, at: string, rating: number) =>
      log.event('conversation.rated', `conversation:${c}`, at, { conversationId: c, rating, comment: null });

    // 1. Reception, 10:00 local: taken by A, a note, transferred to B, who answers at 60 s
    const c1 = await log.conversation('2026-01-14T09:00:00Z');
    await routed(c1, '2026-01-14T09:00:00Z', reception.id);
    await log.message(c1, '2026-01-14T09:00:00Z', guest);
    await taken(c1, '2026-01-14T09:00:20Z', a.id);
    await log.message(c1, '2026-01-14T09:00:20Z', { ...staffA, type: 'staff' }, 'taken');
    await log.event('note.created', `conversation:${c1}`, '2026-01-14T09:00:30Z', {
      conversationId: c1,
      noteId: randomUUID(),
      authorId: a.id,
      mentionedUserIds: [],
    });
    await log.event('conversation.transferred', `conversation:${c1}`, '2026-01-14T09:00:40Z', {
      conversationId: c1,
      fromUserId: a.id,
      toUserId: b.id,
      fromTeamId: reception.id,
      toTeamId: reception.id,
      byUserId: a.id,
      reason: 'transfer',
      note: 'VIP',
    });
    await log.message(c1, '2026-01-14T09:00:40Z', system, 'transferred');
    await log.message(c1, '2026-01-14T09:01:00Z', staffB); // first response 60 s, response 60 s
    await log.message(c1, '2026-01-14T09:05:00Z', guest);
    await log.message(c1, '2026-01-14T09:05:30Z', guest);
    await log.message(c1, '2026-01-14T09:06:00Z', staffB); // response 60 s (from the first unanswered)
    await resolved(c1, '2026-01-14T09:10:00Z', b.id); // 600 s; two people handled it: no first-contact resolution
    await log.message(c1, '2026-01-14T09:10:00Z', staffB, 'resolved');
    await rated(c1, '2026-01-14T09:12:00Z', 5);

    // 2. Reception, 11:00 local: A alone, resolved (first contact) … then reopened, and resolved again
    const c2 = await log.conversation('2026-01-14T10:00:00Z');
    await routed(c2, '2026-01-14T10:00:00Z', reception.id);
    await log.message(c2, '2026-01-14T10:00:00Z', guest);
    await taken(c2, '2026-01-14T10:00:30Z', a.id);
    await log.message(c2, '2026-01-14T10:00:30Z', staffA, 'taken');
    await log.message(c2, '2026-01-14T10:00:45Z', staffA); // first response 45 s
    await resolved(c2, '2026-01-14T10:20:00Z', a.id); // 1,200 s, first contact (for now)
    await log.message(c2, '2026-01-14T10:20:00Z', staffA, 'resolved');
    await rated(c2, '2026-01-14T10:25:00Z', 3);
    await log.message(c2, '2026-01-14T11:00:00Z', system, 'reopened'); // takes the first contact back
    await log.message(c2, '2026-01-14T11:00:00Z', guest);
    await log.message(c2, '2026-01-14T11:02:00Z', staffA); // response 120 s
    await resolved(c2, '2026-01-14T11:30:00Z', a.id); // 1,800 s from the reopening
    await log.message(c2, '2026-01-14T11:30:00Z', staffA, 'resolved');

    // 3. Spa at 23:30 local (22:30 UTC): still the 14th; a breach before B takes it
    const c3 = await log.conversation('2026-01-14T22:30:00Z');
    await routed(c3, '2026-01-14T22:30:00Z', spa.id);
    await log.message(c3, '2026-01-14T22:30:00Z', guest);
    await log.event('conversation.sla_breached', `conversation:${c3}`, '2026-01-14T22:30:50Z', {
      conversationId: c3,
      teamId: spa.id,
      kind: 'first_response',
      targetMinutes: 0,
      waitingSince: '2026-01-14T22:30:00Z',
      previousPriority: 'normal',
      priority: 'high',
      notifiedUserIds: [],
    });
    await taken(c3, '2026-01-14T22:31:00Z', b.id);
    await log.message(c3, '2026-01-14T22:32:00Z', staffB); // first response 120 s
    await resolved(c3, '2026-01-14T22:45:00Z', b.id); // 900 s, first contact

    // 4. Spa at 00:10 local on the 15th (23:10 UTC on the 14th): the next day
    const c4 = await log.conversation('2026-01-14T23:10:00Z');
    await routed(c4, '2026-01-14T23:10:00Z', spa.id);
    await log.message(c4, '2026-01-14T23:10:00Z', guest);

    // a lead, converted by A
    const leadId = randomUUID();
    const customerId = randomUUID();
    await log.event('lead.created', `customer:${customerId}`, '2026-01-14T12:00:00Z', {
      leadId,
      customerId,
      formId: randomUUID(),
      formVersion: 1,
      labelId: null,
      batchId: null,
      campaign: '',
      conversationId: null,
    });
    await log.event('lead.converted', `customer:${customerId}`, '2026-01-14T13:00:00Z', {
      leadId,
      customerId,
      workItemId: randomUUID(),
      byUserId: a.id,
    });

    // the consumer reads the log in its order: once the last event counts, all have
    await eventually(async () => (await report(admin, 'from=2026-01-14&to=2026-01-14')).totals.leadsConverted === 1);
    const day = await report(admin, 'from=2026-01-14&to=2026-01-14');
    expect(day).toMatchObject({ timezone: 'Europe/Warsaw', groupBy: 'day', teamId: null, agentId: null });
    expect(day.totals).toEqual({
      conversationsOpened: 3,
      firstResponses: 3,
      averageFirstResponseSeconds: 75, // (60 + 45 + 120) / 3
      responses: 5,
      averageResponseSeconds: 81, // (60 + 60 + 45 + 120 + 120) / 5
      resolutions: 4,
      averageResolutionSeconds: 1125, // (600 + 1200 + 1800 + 900) / 4
      resolvedConversations: 3,
      reopens: 1,
      reopenRate: 0.25,
      firstContactResolutions: 1, // only the third: the second was reopened
      firstContactResolutionRate: 1 / 3,
      ratings: 2,
      averageRating: 4,
      ratingsFourOrFive: 1,
      satisfiedShare: 0.5,
      ratingDistribution: [0, 0, 1, 0, 1], // the 3 and the 5
      ratingResponseRate: 2 / 3,
      slaBreaches: 1,
      leadsCreated: 1,
      leadsConverted: 1,
      leadConversionRate: 1,
      // no work item was done
      workCompleted: 0,
      averageWorkCompletionSeconds: null,
      workCompletedOnTime: 0,
      workOnTimeRate: null,
      // A held one request at a time (20 s, 19 min 30 s, 30 min), B too: one at once on average and at most
      averageConcurrent: 1,
      peakConcurrent: 1,
    });
    expect(day.previous).toMatchObject({ from: '2026-01-13', to: '2026-01-13', totals: { conversationsOpened: 0 } });
    expect(day.series.map((s) => [s.key, s.values.conversationsOpened])).toEqual([['2026-01-14', 3]]);
    expect(day.units).toMatchObject({
      averageFirstResponseSeconds: 'seconds',
      reopenRate: 'share',
      averageRating: 'stars',
    });

    // two days: the 15th has the request of 00:10 local; the previous period is the two days before
    const twoDays = await report(admin, 'from=2026-01-14&to=2026-01-15');
    expect(twoDays.series.map((s) => [s.key, s.values.conversationsOpened])).toEqual([
      ['2026-01-14', 3],
      ['2026-01-15', 1],
    ]);
    expect(twoDays.previous).toMatchObject({ from: '2026-01-12', to: '2026-01-13' });
    // the 15th alone, compared with the 14th
    const next = await report(admin, 'from=2026-01-15&to=2026-01-15');
    expect([next.totals.conversationsOpened, next.previous.totals.conversationsOpened]).toEqual([1, 3]);

    // by hour: 24 local hours, each keyed by its UTC start and named by its local one
    const hours = await report(admin, 'from=2026-01-14&to=2026-01-14&groupBy=hour');
    expect(hours.series).toHaveLength(24);
    expect(hours.series[0]).toMatchObject({ key: '2026-01-13T23:00Z', name: '2026-01-14T00:00' });
    const opened = hours.series
      .filter((s) => s.values.conversationsOpened)
      .map((s) => [s.name, s.values.conversationsOpened]);
    expect(opened).toEqual([
      ['2026-01-14T10:00', 1],
      ['2026-01-14T11:00', 1],
      ['2026-01-14T23:00', 1],
    ]);

    // by agent: what each did; opening, breaches of an unassigned request and new leads belong to nobody
    const agents = await report(admin, 'from=2026-01-14&to=2026-01-14&groupBy=agent');
    const byAgent = Object.fromEntries(agents.series.map((s) => [s.key, s]));
    const [nameOfA] = await db.select({ name: users.name }).from(users).where(eq(users.id, a.id));
    expect(byAgent[a.id]?.name).toBe(nameOfA?.name);
    expect(byAgent[a.id]?.values).toMatchObject({
      conversationsOpened: 0,
      firstResponses: 1,
      averageFirstResponseSeconds: 45,
      responses: 2,
      averageResponseSeconds: 82.5,
      resolutions: 2,
      averageResolutionSeconds: 1500,
      resolvedConversations: 1,
      reopens: 1,
      firstContactResolutions: 0,
      ratings: 1,
      averageRating: 3,
      ratingDistribution: [0, 0, 1, 0, 0],
      leadsConverted: 1,
    });
    expect(byAgent[b.id]?.values).toMatchObject({
      firstResponses: 2,
      averageFirstResponseSeconds: 90,
      responses: 3,
      averageResponseSeconds: 80,
      resolutions: 2,
      averageResolutionSeconds: 750,
      resolvedConversations: 2,
      reopens: 0,
      firstContactResolutions: 1,
      firstContactResolutionRate: 0.5,
      ratings: 1,
      averageRating: 5,
      ratingDistribution: [0, 0, 0, 0, 1],
    });
    expect(byAgent.none?.values).toMatchObject({ conversationsOpened: 3, slaBreaches: 1, leadsCreated: 1 });
    expect(agents.series.at(-1)?.key).toBe('none');

    // the same tables as CSV through HTTP, streamed (no length known up front): a row per day or agent, then the totals
    const csvOf = async (query: string) => {
      const res = await fetch(`${server.url}/api/v1/reports/metrics.csv?${query}`, {
        headers: { authorization: `Bearer ${admin.token}` },
      });
      return { res, lines: (await res.text()).split('\r\n') };
    };
    const byDayCsv = await csvOf('from=2026-01-14&to=2026-01-15');
    expect(byDayCsv.res.status).toBe(200);
    expect(byDayCsv.res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(byDayCsv.res.headers.get('content-disposition')).toBe(
      'attachment; filename="service-quality-by-day-2026-01-14-to-2026-01-15.csv"',
    );
    expect(byDayCsv.res.headers.get('transfer-encoding')).toBe('chunked');
    expect(byDayCsv.res.headers.get('content-length')).toBeNull();
    expect(byDayCsv.lines.map((l) => l.split(',').slice(0, 2).join(','))).toEqual([
      'Day (Europe/Warsaw),Requests opened',
      '2026-01-14,3',
      '2026-01-15,1',
      '"All, 2026-01-14 to 2026-01-15"',
      '',
    ]);
    expect(byDayCsv.lines.at(-2)).toMatch(/^"All, 2026-01-14 to 2026-01-15",4,/);
    const byAgentCsv = await csvOf('from=2026-01-14&to=2026-01-14&groupBy=agent');
    expect(byAgentCsv.lines[0]).toMatch(/^Staff member,Requests opened,First responses,Average first response \(s\),/);
    // A: opened none, 1 first response in 45 s, 2 responses 82.5 s on average, 2 resolutions 1500 s, 1 resolved, 1 reopen
    expect(byAgentCsv.lines.find((l) => l.startsWith(`${nameOfA?.name},`))).toContain(
      `${nameOfA?.name},0,1,45,2,82.5,2,1500,1,1,`,
    );
    expect(byAgentCsv.lines.at(-3)).toMatch(/^Nobody \(unassigned\),3,/);
    expect(byAgentCsv.lines).toHaveLength(agents.series.length + 3);

    // one agent's share, one team's
    const onlyB = await report(admin, `from=2026-01-14&to=2026-01-14&agentId=${b.id}`);
    expect(onlyB.totals).toMatchObject({ resolutions: 2, firstContactResolutions: 1, conversationsOpened: 0 });
    const teamsReport = await report(admin, 'from=2026-01-14&to=2026-01-14&groupBy=team');
    expect(
      teamsReport.series.map((s) => [s.name, s.values.conversationsOpened, s.values.firstContactResolutions]),
    ).toEqual(
      [
        [reception.name, 2, 0],
        [spa.name, 1, 1],
        [null, 0, 0],
      ].sort((x, y) => Number(x[0] === null) - Number(y[0] === null) || String(x[0]).localeCompare(String(y[0]))),
    );

    // the duty manager of Spa (an agent) reads Spa's figures, and nothing else
    const dutyManager = await signInWithToken(server, b);
    const spaDay = await report(dutyManager, `from=2026-01-14&to=2026-01-14&teamId=${spa.id}`);
    expect(spaDay.totals).toMatchObject({ conversationsOpened: 1, slaBreaches: 1, firstContactResolutions: 1 });
    expect(
      (await dutyManager.get(`/api/v1/reports/metrics?from=2026-01-14&to=2026-01-14&teamId=${reception.id}`)).status,
    ).toBe(403);
    expect((await dutyManager.get('/api/v1/reports/metrics?from=2026-01-14&to=2026-01-14')).status).toBe(403);
    const agentA = await signInWithToken(server, a);
    expect((await agentA.get('/api/v1/reports/metrics?from=2026-01-14&to=2026-01-14')).status).toBe(403);

    // "My performance": agent A reads their own figures — the very numbers of their row above — and no one else's
    const mine = await report(agentA, `from=2026-01-14&to=2026-01-14&agentId=${a.id}`);
    expect(mine.totals).toEqual(byAgent[a.id]?.values);
    expect(mine.previous.totals.resolutions).toBe(0);
    const mineByAgent = await report(agentA, `from=2026-01-14&to=2026-01-14&groupBy=agent&agentId=${a.id}`);
    expect(mineByAgent.series.map((s) => s.key)).toEqual([a.id]);
    const mineByTeam = await report(agentA, `from=2026-01-14&to=2026-01-14&groupBy=team&agentId=${a.id}`);
    // the row of no team holds their concurrency (kept per staff member, for no team)
    expect(
      mineByTeam.series.map((s) => [s.name, s.values.resolutions, s.values.averageRating, s.values.peakConcurrent]),
    ).toEqual([
      [reception.name, 2, 3, 0],
      [null, 0, null, 1],
    ]);
    const mineInSpa = await report(agentA, `from=2026-01-14&to=2026-01-14&teamId=${spa.id}&agentId=${a.id}`);
    expect(mineInSpa.totals.resolutions).toBe(0);
    for (const other of [`agentId=${b.id}`, `groupBy=agent`, `teamId=${reception.id}`, `teamId=${spa.id}`]) {
      const refused = await agentA.get(`/api/v1/reports/metrics?from=2026-01-14&to=2026-01-14&${other}`);
      expect([other, refused.status]).toEqual([other, 403]);
    }
    const myCsv = await agentA.get(`/api/v1/reports/metrics.csv?from=2026-01-14&to=2026-01-14&agentId=${a.id}`);
    expect(myCsv.status).toBe(200);
    expect((await agentA.get(`/api/v1/reports/metrics.csv?from=2026-01-14&to=2026-01-14&agentId=${b.id}`)).status).toBe(
      403,
    );

    // another organization's admin sees none of it: its own (empty) figures, and 404 for these teams and staff
    const other = await makeOrg(server);
    const otherAdmin = await signInWithToken(server, await makeStaff(server, other, 'admin'));
    expect((await report(otherAdmin, 'from=2026-01-14&to=2026-01-14')).totals.conversationsOpened).toBe(0);
    const foreignTeam = await otherAdmin.get(`/api/v1/reports/metrics?from=2026-01-14&to=2026-01-14&teamId=${spa.id}`);
    expect([foreignTeam.status, foreignTeam.body.error?.code]).toEqual([404, 'not_found']);
    const foreignAgent = await otherAdmin.get(`/api/v1/reports/metrics?from=2026-01-14&to=2026-01-14&agentId=${b.id}`);
    expect([foreignAgent.status, foreignAgent.body.error?.code]).toEqual([404, 'not_found']);

    // the same events again — all at once, then one by one — change nothing (at-least-once delivery)
    const kept = await snapshot(org.id);
    await applyMetricsEvents(db, log.written);
    for (const event of log.written) await applyMetricsEvents(db, [event]);
    expect(await snapshot(org.id)).toEqual(kept);

    // rebuilt from the log: the very same rows
    await rebuildMetrics(db, org.id);
    expect(await snapshot(org.id)).toEqual(kept);
    expect((await report(admin, 'from=2026-01-14&to=2026-01-14')).totals.firstContactResolutions).toBe(1);

    // the organization moves to New York (UTC−5): the 14th there runs 05:00–05:00 UTC and holds all four
    await db.update(organizations).set({ timezone: 'America/New_York' }).where(eq(organizations.id, org.id));
    await log.event('organization.updated', `organization:${org.id}`, '2026-02-01T10:00:00Z', {
      changed: ['timezone'],
      byUserId: adminUser.id,
    });
    await eventually(
      async () => (await report(admin, 'from=2026-01-14&to=2026-01-14')).totals.conversationsOpened === 4,
    );
    const moved = await snapshot(org.id);
    await rebuildMetrics(db, org.id);
    expect(await snapshot(org.id)).toEqual(moved);
  });

  it('cuts the figures by tag and by entry point, by hand-computed definitions; a rebuild gives the same rows', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server); // Europe/Warsaw: UTC+1 in March
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const a = await makeStaff(server, org, 'agent');
    const b = await makeStaff(server, org, 'agent');
    const [reception, spa] = await db
      .insert(teams)
      .values([
        { orgId: org.id, name: `Reception ${uniqueSuffix()}` },
        { orgId: org.id, name: `Spa ${uniqueSuffix()}` },
      ])
      .returning();
    const [breakfast, noise] = await db
      .insert(tags)
      .values([
        { orgId: org.id, name: `Breakfast ${uniqueSuffix()}`, color: '#aa3300' },
        { orgId: org.id, name: `Noise ${uniqueSuffix()}`, color: '#0033aa' },
      ])
      .returning();
    if (!reception || !spa || !breakfast || !noise) throw new Error('no teams or tags');
    const roomGuest = await makeGuest(server, org);
    const [customer] = await db
      .insert(customers)
      .values({ orgId: org.id, name: 'Label customer', language: 'en' })
      .returning();
    const [passerBy, labelled] = await db
      .insert(visitors)
      .values([
        { orgId: org.id, name: 'Visitor', topic: 'booking' },
        { orgId: org.id, name: 'Customer', topic: 'repair', customerId: customer?.id as string },
      ])
      .returning();
    const log = logWriter(org);
    const guest = { type: 'guest' as const, id: null };
    const system = { type: 'system' as const, id: null };
    const staffA = { type: 'staff' as const, id: a.id };
    const staffB = { type: 'staff' as const, id: b.id };
    const on = (c: string, type: DomainEvent['type'], at: string, data: Record<string, unknown>) =>
      log.event(type, `conversation:${c}`, at, { conversationId: c, ...data });
    const routed = (c: string, at: string, teamId: string) =>
      on(c, 'conversation.routed', at, { teamId, priority: 'normal', ruleId: null, reason: 'default team' });
    const tag = (c: string, at: string, tagId: string) => on(c, 'conversation.tagged', at, { tagId, byUserId: a.id });
    const untag = (c: string, at: string, tagId: string) =>
      on(c, 'conversation.untagged', at, { tagId, byUserId: a.id });
    const resolved = (c: string, at: string, who: string) => on(c, 'conversation.resolved', at, { resolvedBy: who });

    // 1. a room's QR, Reception: tagged Breakfast, answered by A at 60 s, resolved at 600 s (first contact), 5 stars
    const c1 = await log.conversation('2026-03-10T09:00:00Z', { guestId: roomGuest.guestId, stayId: roomGuest.stayId });
    await routed(c1, '2026-03-10T09:00:00Z', reception.id);
    await log.message(c1, '2026-03-10T09:00:00Z', guest);
    await on(c1, 'conversation.taken', '2026-03-10T09:00:05Z', { assigneeId: a.id });
    await tag(c1, '2026-03-10T09:00:10Z', breakfast.id);
    await log.message(c1, '2026-03-10T09:01:00Z', staffA);
    await resolved(c1, '2026-03-10T09:10:00Z', a.id);
    await on(c1, 'conversation.rated', '2026-03-10T09:11:00Z', { rating: 5, comment: null });

    // 2. the public entry, Reception: Breakfast and Noise; Noise off before the resolution (first
    //    contact, with Breakfast only) and on again before the reopening
    const c2 = await log.conversation('2026-03-10T10:00:00Z', { visitorId: passerBy?.id as string });
    await routed(c2, '2026-03-10T10:00:00Z', reception.id);
    await log.message(c2, '2026-03-10T10:00:00Z', guest);
    await on(c2, 'conversation.taken', '2026-03-10T10:00:02Z', { assigneeId: a.id });
    await tag(c2, '2026-03-10T10:00:05Z', breakfast.id);
    await tag(c2, '2026-03-10T10:00:05Z', noise.id);
    await log.message(c2, '2026-03-10T10:00:30Z', staffA); // first response 30 s
    await untag(c2, '2026-03-10T10:05:00Z', noise.id);
    await resolved(c2, '2026-03-10T10:20:00Z', a.id); // 1,200 s, first contact for now
    await tag(c2, '2026-03-10T10:30:00Z', noise.id); // Noise's second "given"
    await log.message(c2, '2026-03-10T11:00:00Z', system, 'reopened'); // a reopen for both; the first contact back from Breakfast
    await log.message(c2, '2026-03-10T11:00:00Z', guest);
    await log.message(c2, '2026-03-10T11:02:00Z', staffA); // response 120 s
    await resolved(c2, '2026-03-10T11:30:00Z', a.id); // 1,800 s

    // 3. a customer's label, Spa: no tag; B answers at 40 s and resolves at 600 s
    const c3 = await log.conversation('2026-03-10T12:00:00Z', { visitorId: labelled?.id as string });
    await routed(c3, '2026-03-10T12:00:00Z', spa.id);
    await log.message(c3, '2026-03-10T12:00:00Z', guest);
    await on(c3, 'conversation.taken', '2026-03-10T12:00:10Z', { assigneeId: b.id });
    await log.message(c3, '2026-03-10T12:00:40Z', staffB);
    await resolved(c3, '2026-03-10T12:10:00Z', b.id);

    const day = 'from=2026-03-10&to=2026-03-10';
    await eventually(async () => (await report(admin, `${day}&groupBy=entryPoint`)).totals.resolutions === 4);
    const byEntry = await report(admin, `${day}&groupBy=entryPoint`);
    expect(byEntry).toMatchObject({ groupBy: 'entryPoint', tagId: null, entryPoint: null });
    const entry = Object.fromEntries(byEntry.series.map((s) => [s.key, s]));
    expect(Object.keys(entry).sort()).toEqual(['customer_label', 'public_entry', 'room']);
    expect(entry.room?.name).toBe('Room QR codes');
    expect(entry.room?.values).toMatchObject({
      conversationsOpened: 1,
      averageFirstResponseSeconds: 60,
      resolutions: 1,
      averageResolutionSeconds: 600,
      firstContactResolutions: 1,
      ratings: 1,
      averageRating: 5,
    });
    expect(entry.public_entry?.values).toMatchObject({
      conversationsOpened: 1,
      averageFirstResponseSeconds: 30,
      responses: 2,
      averageResponseSeconds: 75, // (30 + 120) / 2
      resolutions: 2,
      averageResolutionSeconds: 1500, // (1,200 + 1,800) / 2
      resolvedConversations: 1,
      reopens: 1,
      firstContactResolutions: 0,
    });
    expect(entry.customer_label?.values).toMatchObject({
      conversationsOpened: 1,
      averageFirstResponseSeconds: 40,
      resolutions: 1,
      firstContactResolutions: 1,
    });
    // every request has one entry point: the rows add up to the totals
    expect(byEntry.totals).toMatchObject({ conversationsOpened: 3, resolutions: 4, firstContactResolutions: 2 });

    const byTag = await report(admin, `${day}&groupBy=tag`);
    const tagged = Object.fromEntries(byTag.series.map((s) => [s.key, s]));
    expect(Object.keys(tagged).sort()).toEqual([breakfast.id, noise.id].sort());
    expect(tagged[breakfast.id]?.name).toBe(breakfast.name);
    expect(tagged[breakfast.id]?.values).toMatchObject({
      conversationsOpened: 2, // given to two requests
      firstResponses: 2,
      averageFirstResponseSeconds: 45, // (60 + 30) / 2
      responses: 3,
      averageResponseSeconds: 70, // (60 + 30 + 120) / 3
      resolutions: 3,
      averageResolutionSeconds: 1200, // (600 + 1,200 + 1,800) / 3
      resolvedConversations: 2,
      reopens: 1,
      firstContactResolutions: 1, // the second's taken back
      firstContactResolutionRate: 0.5,
      ratings: 1,
      averageRating: 5,
    });
    expect(tagged[noise.id]?.values).toMatchObject({
      conversationsOpened: 2, // given twice to the same request
      firstResponses: 1,
      averageFirstResponseSeconds: 30,
      responses: 2,
      averageResponseSeconds: 75,
      resolutions: 1, // the first resolution came while it was off
      averageResolutionSeconds: 1800,
      resolvedConversations: 0,
      reopens: 1,
      firstContactResolutions: 0, // never counted for Noise, so never taken back from it
    });
    // a request with two tags is in both rows: the totals are the organization's, not the rows' sum
    expect(byTag.totals).toMatchObject({ conversationsOpened: 3, resolutions: 4, reopens: 1 });
    expect(byTag.previous.totals.conversationsOpened).toBe(0);

    // filtered: one tag per agent, one entry point per team, one tag by hour
    const breakfastByAgent = await report(admin, `${day}&tagId=${breakfast.id}&groupBy=agent`);
    expect(breakfastByAgent).toMatchObject({ tagId: breakfast.id });
    expect(breakfastByAgent.totals).toMatchObject({ conversationsOpened: 2, resolutions: 3 });
    expect(
      breakfastByAgent.series.map((s) => [s.key, s.values.resolutions, s.values.conversationsOpened]).sort(),
    ).toEqual([
      [a.id, 3, 0],
      ['none', 0, 2],
    ]);
    const labelsByTeam = await report(admin, `${day}&entryPoint=customer_label&groupBy=team`);
    expect(labelsByTeam.series.map((s) => [s.name, s.values.resolutions])).toEqual([[spa.name, 1]]);
    expect(labelsByTeam.totals.conversationsOpened).toBe(1);
    const roomForA = await report(admin, `${day}&entryPoint=room&agentId=${a.id}`);
    expect(roomForA.totals).toMatchObject({ resolutions: 1, ratings: 1 });
    const breakfastHours = await report(admin, `${day}&tagId=${breakfast.id}&groupBy=hour`);
    expect(
      breakfastHours.series
        .filter((s) => s.values.conversationsOpened)
        .map((s) => [s.name, s.values.conversationsOpened]),
    ).toEqual([
      ['2026-03-10T10:00', 1],
      ['2026-03-10T11:00', 1],
    ]);

    // a tag and an entry point together, an unknown entry point: bad input; another organization's tag: not found
    for (const query of [
      `${day}&tagId=${breakfast.id}&entryPoint=room`,
      `${day}&groupBy=tag&entryPoint=room`,
      `${day}&groupBy=entryPoint&tagId=${breakfast.id}`,
      `${day}&entryPoint=lobby`,
      `${day}&tagId=breakfast`,
    ]) {
      const res = await admin.get(`/api/v1/reports/metrics?${query}`);
      expect([query, res.status, res.body.error?.code]).toEqual([query, 400, 'validation_failed']);
    }
    const other = await makeOrg(server);
    const otherAdmin = await signInWithToken(server, await makeStaff(server, other, 'admin'));
    const foreignTag = await otherAdmin.get(`/api/v1/reports/metrics?${day}&tagId=${breakfast.id}`);
    expect([foreignTag.status, foreignTag.body.error?.code]).toEqual([404, 'not_found']);
    expect((await report(otherAdmin, `${day}&groupBy=tag`)).series).toEqual([]);

    // rows only where something was counted: as many entry rows per hour as plain rows at most
    const kept = await snapshot(org.id);
    const entryRows = kept.dimensionHourly.filter((r) => r.kind === 'entry');
    expect(entryRows.length).toBeLessThanOrEqual(kept.rollup.length);
    // the same events again change nothing; rebuilt from the log: the very same rows
    await applyMetricsEvents(db, log.written);
    expect(await snapshot(org.id)).toEqual(kept);
    await rebuildMetrics(db, org.id);
    expect(await snapshot(org.id)).toEqual(kept);
  });

  it('counts concurrent requests per staff member hour by hour, from taking, transferring, resolving and reopening; a rebuild gives the same rows', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server); // Europe/Warsaw: UTC+1 in March
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const a = await makeStaff(server, org, 'agent');
    const b = await makeStaff(server, org, 'agent');
    const [desk] = await db
      .insert(teams)
      .values({ orgId: org.id, name: `Desk ${uniqueSuffix()}` })
      .returning();
    if (!desk) throw new Error('no team');
    const log = logWriter(org);
    const guest = { type: 'guest' as const, id: null };
    const system = { type: 'system' as const, id: null };
    const on = (c: string, type: DomainEvent['type'], at: string, data: Record<string, unknown>) =>
      log.event(type, `conversation:${c}`, at, { conversationId: c, ...data });
    const open = async (at: string) => {
      const c = await log.conversation(at);
      await on(c, 'conversation.routed', at, { teamId: desk.id, priority: 'normal', ruleId: null, reason: 'default' });
      await log.message(c, at, guest);
      return c;
    };

    // A: one request from 09:00:20 UTC, two from 09:30, one from 09:45, none from 10:15;
    // the first comes back (reopened) 10:30–10:40, the third is handed to B at 10:00 and B resolves it at 11:30
    const c1 = await open('2026-03-10T09:00:00Z');
    await on(c1, 'conversation.taken', '2026-03-10T09:00:20Z', { assigneeId: a.id });
    const c2 = await open('2026-03-10T09:29:00Z');
    await on(c2, 'conversation.assigned', '2026-03-10T09:30:00Z', {
      assigneeId: a.id,
      previousAssigneeId: null,
      byUserId: a.id,
    });
    await on(c1, 'conversation.resolved', '2026-03-10T09:45:00Z', { resolvedBy: a.id });
    const c3 = await open('2026-03-10T09:50:00Z');
    await on(c3, 'conversation.taken', '2026-03-10T09:55:00Z', { assigneeId: a.id }); // A has two again
    await on(c3, 'conversation.transferred', '2026-03-10T10:00:00Z', {
      fromUserId: a.id,
      toUserId: b.id,
      fromTeamId: desk.id,
      toTeamId: desk.id,
      byUserId: a.id,
      reason: 'transfer',
      note: null,
    });
    await on(c2, 'conversation.resolved', '2026-03-10T10:15:00Z', { resolvedBy: a.id });
    await log.message(c1, '2026-03-10T10:30:00Z', system, 'reopened');
    await log.message(c1, '2026-03-10T10:30:00Z', guest);
    await on(c1, 'conversation.resolved', '2026-03-10T10:40:00Z', { resolvedBy: a.id });
    await on(c3, 'conversation.resolved', '2026-03-10T11:30:00Z', { resolvedBy: b.id });

    const day = 'from=2026-03-10&to=2026-03-10';
    await eventually(async () => (await report(admin, day)).totals.resolutions === 4);
    const agents = Object.fromEntries((await report(admin, `${day}&groupBy=agent`)).series.map((s) => [s.key, s]));
    // A, 09:00 UTC: 1 × 29:40 + 2 × 15:00 + 1 × 10:00 + 2 × 5:00 = 4,780 s over 59:40 = 3,580 s busy
    //    10:00 UTC: 1 × 15:00 + 1 × 10:00 = 1,500 s over 1,500 s busy
    // → (4,780 + 1,500) ÷ (3,580 + 1,500) = 1.236…; at most 2 at once
    expect(agents[a.id]?.values).toMatchObject({ averageConcurrent: 1.24, peakConcurrent: 2 });
    // B: one from 10:00 to 11:30
    expect(agents[b.id]?.values).toMatchObject({ averageConcurrent: 1, peakConcurrent: 1 });
    // the organization: every staff member's time together (6,280 + 5,400) ÷ (5,080 + 5,400); the most of anyone
    const totals = (await report(admin, day)).totals;
    expect(totals).toMatchObject({ averageConcurrent: 1.11, peakConcurrent: 2 });
    const hours = await report(admin, `${day}&groupBy=hour&agentId=${a.id}`);
    expect(
      hours.series
        .filter((s) => s.values.peakConcurrent)
        .map((s) => [s.name, s.values.averageConcurrent, s.values.peakConcurrent]),
    ).toEqual([
      ['2026-03-10T10:00', 1.34, 2], // 4,780 ÷ 3,580
      ['2026-03-10T11:00', 1, 1],
    ]);

    const kept = await snapshot(org.id);
    await applyMetricsEvents(db, log.written);
    expect(await snapshot(org.id)).toEqual(kept);
    await rebuildMetrics(db, org.id);
    expect(await snapshot(org.id)).toEqual(kept);
  });

  it('releases a request merged into another from its staff member, and holds it again when the merge is undone; a rebuild gives the same rows', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const a = await makeStaff(server, org, 'agent');
    const b = await makeStaff(server, org, 'agent');
    const [desk] = await db
      .insert(teams)
      .values({ orgId: org.id, name: `Desk ${uniqueSuffix()}` })
      .returning();
    if (!desk) throw new Error('no team');
    const log = logWriter(org);
    const guest = { type: 'guest' as const, id: null };
    const on = (c: string, type: DomainEvent['type'], at: string, data: Record<string, unknown>) =>
      log.event(type, `conversation:${c}`, at, { conversationId: c, ...data });
    const open = async (at: string) => {
      const c = await log.conversation(at);
      await on(c, 'conversation.routed', at, { teamId: desk.id, priority: 'normal', ruleId: null, reason: 'default' });
      await log.message(c, at, guest);
      return c;
    };
    const merge = (survivorId: string, absorbedId: string, at: string, undo = false) =>
      log.event(undo ? 'conversation.unmerged' : 'conversation.merged', `conversation:${survivorId}`, at, {
        mergeId: randomUUID(),
        survivorId,
        absorbedId,
        ...(undo ? {} : { movedMessages: 1 }),
        byUserId: a.id,
      });

    // A holds s from 09:00 and x from 09:20; x is merged into s at 09:50 and the merge undone at
    // 10:10; A resolves x at 10:20 and s at 10:30
    const s = await open('2026-03-11T09:00:00Z');
    await on(s, 'conversation.taken', '2026-03-11T09:00:00Z', { assigneeId: a.id });
    const x = await open('2026-03-11T09:10:00Z');
    await on(x, 'conversation.taken', '2026-03-11T09:20:00Z', { assigneeId: a.id });
    await merge(s, x, '2026-03-11T09:50:00Z');
    await merge(s, x, '2026-03-11T10:10:00Z', true);
    await on(x, 'conversation.resolved', '2026-03-11T10:20:00Z', { resolvedBy: a.id });
    await on(s, 'conversation.resolved', '2026-03-11T10:30:00Z', { resolvedBy: a.id });
    // B holds t from 09:00 and y from 09:30; y is merged into t at 10:00 (for good); B resolves t at
    // 10:30, then holds z 11:00–11:15: the time between counts nothing
    const t = await open('2026-03-11T09:00:00Z');
    await on(t, 'conversation.taken', '2026-03-11T09:00:00Z', { assigneeId: b.id });
    const y = await open('2026-03-11T09:25:00Z');
    await on(y, 'conversation.taken', '2026-03-11T09:30:00Z', { assigneeId: b.id });
    await merge(t, y, '2026-03-11T10:00:00Z');
    await on(t, 'conversation.resolved', '2026-03-11T10:30:00Z', { resolvedBy: b.id });
    const z = await open('2026-03-11T11:00:00Z');
    await on(z, 'conversation.taken', '2026-03-11T11:00:00Z', { assigneeId: b.id });
    await on(z, 'conversation.resolved', '2026-03-11T11:15:00Z', { resolvedBy: b.id });

    const day = 'from=2026-03-11&to=2026-03-11';
    await eventually(async () => (await report(admin, day)).totals.resolutions === 4);
    const agents = Object.fromEntries((await report(admin, `${day}&groupBy=agent`)).series.map((r) => [r.key, r]));
    // A, 09:00 UTC: 1 × 20:00 + 2 × 30:00 + 1 × 10:00 = 5,400 s over 3,600 s busy
    //    10:00 UTC: 1 × 10:00 + 2 × 10:00 + 1 × 10:00 = 2,400 s over 1,800 s busy
    // → 7,800 ÷ 5,400 = 1.444…; at most 2 at once
    expect(agents[a.id]?.values).toMatchObject({ averageConcurrent: 1.44, peakConcurrent: 2 });
    const hours = await report(admin, `${day}&groupBy=hour&agentId=${a.id}`);
    expect(
      hours.series
        .filter((r) => r.values.peakConcurrent)
        .map((r) => [r.name, r.values.averageConcurrent, r.values.peakConcurrent]),
    ).toEqual([
      ['2026-03-11T10:00', 1.5, 2], // Warsaw time: 5,400 ÷ 3,600
      ['2026-03-11T11:00', 1.33, 2], // 2,400 ÷ 1,800
    ]);
    // B, 09:00 UTC: 1 × 30:00 + 2 × 30:00 = 5,400 s over 3,600 s; 10:00: 1 × 30:00; 11:00: 1 × 15:00
    // → (5,400 + 1,800 + 900) ÷ (3,600 + 1,800 + 900) = 1.2857…
    expect(agents[b.id]?.values).toMatchObject({ averageConcurrent: 1.29, peakConcurrent: 2 });
    const bHours = await report(admin, `${day}&groupBy=hour&agentId=${b.id}`);
    expect(
      bHours.series
        .filter((r) => r.values.peakConcurrent)
        .map((r) => [r.name, r.values.averageConcurrent, r.values.peakConcurrent]),
    ).toEqual([
      ['2026-03-11T10:00', 1.5, 2],
      ['2026-03-11T11:00', 1, 1],
      ['2026-03-11T12:00', 1, 1],
    ]);
    const [held] = await db.select().from(metricsAgents).where(eq(metricsAgents.agentId, b.id));
    expect(held?.open, 'nothing held once all are resolved').toBe(0);

    const kept = await snapshot(org.id);
    await applyMetricsEvents(db, log.written);
    expect(await snapshot(org.id)).toEqual(kept);
    await rebuildMetrics(db, org.id);
    expect(await snapshot(org.id)).toEqual(kept);
  });

  it('hands the surviving request of a merge to the holder the merge gave it, and back on undo; a rebuild gives the same rows', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const a = await makeStaff(server, org, 'agent');
    const b = await makeStaff(server, org, 'agent');
    const [desk] = await db
      .insert(teams)
      .values({ orgId: org.id, name: `Desk ${uniqueSuffix()}` })
      .returning();
    if (!desk) throw new Error('no team');
    const log = logWriter(org);
    const guest = { type: 'guest' as const, id: null };
    const on = (c: string, type: DomainEvent['type'], at: string, data: Record<string, unknown>) =>
      log.event(type, `conversation:${c}`, at, { conversationId: c, ...data });
    const open = async (at: string, agentId: string) => {
      const c = await log.conversation(at);
      await on(c, 'conversation.routed', at, { teamId: desk.id, priority: 'normal', ruleId: null, reason: 'default' });
      await log.message(c, at, guest);
      await on(c, 'conversation.taken', at, { assigneeId: agentId });
      return c;
    };
    const held = (assigneeId: string) => ({ status: 'open', assigneeId, teamId: desk.id, resolvedAt: null });

    // A holds v and s from 09:00, B holds w from 09:00 and x from 09:20; x is merged into s at
    // 09:40, which gives s x's state (open, B's); undone at 10:00 (s is A's again, x B's).
    // A resolves s at 10:20 and v at 10:50; B resolves x at 10:30 and w at 10:40
    const v = await open('2026-03-12T09:00:00Z', a.id);
    const s = await open('2026-03-12T09:00:00Z', a.id);
    const w = await open('2026-03-12T09:00:00Z', b.id);
    const x = await open('2026-03-12T09:20:00Z', b.id);
    const [merge] = await db
      .insert(conversationMerges)
      .values({
        orgId: org.id,
        survivorId: s,
        absorbedId: x,
        firstMovedSeq: 2,
        movedMessages: 1,
        survivorBefore: held(a.id),
        absorbedBefore: held(b.id),
      })
      .returning();
    if (!merge) throw new Error('no merge');
    const ids = { mergeId: merge.id, survivorId: s, absorbedId: x, byUserId: a.id };
    await log.event('conversation.merged', `conversation:${s}`, '2026-03-12T09:40:00Z', { ...ids, movedMessages: 1 });
    await log.event('conversation.unmerged', `conversation:${s}`, '2026-03-12T10:00:00Z', ids);
    await on(s, 'conversation.resolved', '2026-03-12T10:20:00Z', { resolvedBy: a.id });
    await on(x, 'conversation.resolved', '2026-03-12T10:30:00Z', { resolvedBy: b.id });
    await on(w, 'conversation.resolved', '2026-03-12T10:40:00Z', { resolvedBy: b.id });
    await on(v, 'conversation.resolved', '2026-03-12T10:50:00Z', { resolvedBy: a.id });

    const day = 'from=2026-03-12&to=2026-03-12';
    await eventually(async () => (await report(admin, day)).totals.resolutions === 4);
    const agents = Object.fromEntries((await report(admin, `${day}&groupBy=agent`)).series.map((r) => [r.key, r]));
    // A, 09:00 UTC: 2 × 40:00 + 1 × 20:00 (s is B's while merged) = 6,000 s over 3,600 s busy
    //    10:00 UTC: 2 × 20:00 + 1 × 30:00 = 4,200 s over 3,000 s busy → 10,200 ÷ 6,600 = 1.545…
    expect(agents[a.id]?.values).toMatchObject({ averageConcurrent: 1.55, peakConcurrent: 2 });
    // B, 09:00 UTC: 1 × 20:00 + 2 × 40:00 (x, then s while merged) = 6,000 s over 3,600 s busy
    //    10:00 UTC: 2 × 30:00 + 1 × 10:00 = 4,200 s over 2,400 s busy → 10,200 ÷ 6,000 = 1.7
    expect(agents[b.id]?.values).toMatchObject({ averageConcurrent: 1.7, peakConcurrent: 2 });
    const hours = await report(admin, `${day}&groupBy=hour&agentId=${b.id}`);
    expect(
      hours.series
        .filter((r) => r.values.peakConcurrent)
        .map((r) => [r.name, r.values.averageConcurrent, r.values.peakConcurrent]),
    ).toEqual([
      ['2026-03-12T10:00', 1.67, 2], // Warsaw time: 6,000 ÷ 3,600
      ['2026-03-12T11:00', 1.75, 2], // 4,200 ÷ 2,400
    ]);
    const states = await db.select().from(metricsAgents).where(eq(metricsAgents.orgId, org.id));
    expect(states.map((r) => r.open)).toEqual([0, 0]);
    const [survivor] = await db.select().from(metricsConversations).where(eq(metricsConversations.conversationId, s));
    expect(survivor).toMatchObject({ assigneeId: a.id, holderId: null });

    const kept = await snapshot(org.id);
    await applyMetricsEvents(db, log.written);
    expect(await snapshot(org.id)).toEqual(kept);
    await rebuildMetrics(db, org.id);
    expect(await snapshot(org.id)).toEqual(kept);
  });

  it('counts the three times in business hours too, for a team with hours; a team without counts all time; a rebuild gives the same rows', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server); // Europe/Warsaw: UTC+1 in December
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const a = await makeStaff(server, org, 'agent');
    const nineToSix = [{ start: '09:00', end: '18:00' }];
    const [desk, night] = await db
      .insert(teams)
      .values([
        {
          orgId: org.id,
          name: `Desk ${uniqueSuffix()}`,
          weeklyHours: {
            monday: nineToSix,
            tuesday: nineToSix,
            wednesday: nineToSix,
            thursday: nineToSix,
            friday: nineToSix,
            saturday: [],
            sunday: [],
          },
        },
        { orgId: org.id, name: `Night ${uniqueSuffix()}` },
      ])
      .returning();
    if (!desk || !night) throw new Error('no team');
    const log = logWriter(org);
    const guest = { type: 'guest' as const, id: null };
    const staff = { type: 'staff' as const, id: a.id };
    const on = (c: string, type: DomainEvent['type'], at: string, data: Record<string, unknown>) =>
      log.event(type, `conversation:${c}`, at, { conversationId: c, ...data });
    const open = async (at: string, teamId: string) => {
      const c = await log.conversation(at);
      await on(c, 'conversation.routed', at, { teamId, priority: 'normal', ruleId: null, reason: 'default' });
      await log.message(c, at, guest);
      await on(c, 'conversation.taken', at, { assigneeId: a.id });
      return c;
    };

    // the desk (Mon–Fri 09:00–18:00): a guest writes Friday 4 December 17:30 local, A first replies
    // Monday 09:10 (40 min of business hours; 2 d 15 h 40 min in all), the guest writes again 09:20,
    // A answers 09:25 (5 min) and resolves at 10:00 (business hours since the opening: 30 + 60 min)
    const c = await open('2026-12-04T16:30:00Z', desk.id);
    await log.message(c, '2026-12-07T08:10:00Z', staff);
    await log.message(c, '2026-12-07T08:20:00Z', guest);
    await log.message(c, '2026-12-07T08:25:00Z', staff);
    await on(c, 'conversation.resolved', '2026-12-07T09:00:00Z', { resolvedBy: a.id });
    // a team without hours counts all time: Saturday 10:00, replied 10:05
    const d = await open('2026-12-05T09:00:00Z', night.id);
    await log.message(d, '2026-12-05T09:05:00Z', staff);

    const days = 'from=2026-12-04&to=2026-12-07';
    await eventually(async () => (await report(admin, days)).totals.resolutions === 1);
    // all time: first responses (229,200 + 300) ÷ 2; responses (229,200 + 300 + 300) ÷ 3; resolution 232,200
    expect((await report(admin, days)).totals).toMatchObject({
      firstResponses: 2,
      averageFirstResponseSeconds: 114_750,
      responses: 3,
      averageResponseSeconds: 76_600,
      averageResolutionSeconds: 232_200,
    });
    // business hours: (2,400 + 300) ÷ 2; (2,400 + 300 + 300) ÷ 3; 5,400
    const business = await report(admin, `${days}&timing=business`);
    expect(business.timing).toBe('business');
    expect(business.totals).toMatchObject({
      firstResponses: 2,
      averageFirstResponseSeconds: 1_350,
      responses: 3,
      averageResponseSeconds: 1_000,
      averageResolutionSeconds: 5_400,
    });
    expect(business.previous.totals.averageFirstResponseSeconds).toBeNull();
    const byTeam = Object.fromEntries(
      (await report(admin, `${days}&groupBy=team&timing=business`)).series.map((r) => [r.key, r.values]),
    );
    expect(byTeam[desk.id]).toMatchObject({ averageFirstResponseSeconds: 2_400, averageResolutionSeconds: 5_400 });
    expect(byTeam[night.id]).toMatchObject({ averageFirstResponseSeconds: 300 });
    const csv = await admin.get(`/api/v1/reports/metrics.csv?${days}&groupBy=team&timing=business`);
    expect(csv.status).toBe(200);
    const [header, first] = String(csv.body).split('\r\n');
    expect(header).toContain('Average first response in business hours (s)');
    expect(first).toMatch(/^Desk [^,]*,1,1,2400,/);

    const kept = await snapshot(org.id);
    await applyMetricsEvents(db, log.written);
    expect(await snapshot(org.id)).toEqual(kept);
    await rebuildMetrics(db, org.id);
    expect(await snapshot(org.id)).toEqual(kept);
  });

  it('counts a real request end to end, through the services, the same incrementally and rebuilt', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server);
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const agent = await makeStaff(server, org, 'agent');
    const desk = await signInWithToken(server, agent);
    const guest = await makeGuest(server, org);
    const socket = await socketFor({ token: guest.token });
    const sent = await ask(socket, clientEvents.send, { text: 'The shower is cold', clientId: `m-${uniqueSuffix()}` });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    const id = sent.data.conversation.id as string;
    expect((await desk.post(`/api/v1/conversations/${id}/take`)).status).toBe(200);
    const note = await desk.post(`/api/v1/conversations/${id}/notes`, {
      clientId: `n-${uniqueSuffix()}`,
      text: 'checking the boiler',
    });
    expect(note.status, 'a note is no reply').toBeLessThan(300);
    const reply = await desk.post(`/api/v1/conversations/${id}/messages`, {
      text: 'On our way',
      clientId: `r-${uniqueSuffix()}`,
    });
    expect(reply.status).toBe(201);
    expect((await desk.post(`/api/v1/conversations/${id}/resolve`)).status).toBe(200);
    const guestApi = new ApiClient(server.url);
    guestApi.token = guest.token;
    expect((await guestApi.post(`/api/v1/guest/conversations/${id}/rating`, { rating: 4 })).status).toBe(200);

    const today = new Date().toLocaleDateString('en-CA', { timeZone: 'Europe/Warsaw' });
    const query = `from=${today}&to=${today}`;
    await eventually(async () => (await report(admin, query)).totals.ratings === 1);
    const { totals } = await report(admin, query);
    expect(totals).toMatchObject({
      conversationsOpened: 1,
      firstResponses: 1,
      responses: 1,
      resolutions: 1,
      resolvedConversations: 1,
      firstContactResolutions: 1,
      reopens: 0,
      ratings: 1,
      averageRating: 4,
      satisfiedShare: 1,
      ratingDistribution: [0, 0, 0, 1, 0],
    });
    expect(totals.averageFirstResponseSeconds).toBeGreaterThanOrEqual(0);
    const agentOnly = await report(admin, `${query}&agentId=${agent.id}`);
    expect(agentOnly.totals).toMatchObject({ firstResponses: 1, resolutions: 1, ratings: 1 });

    const kept = await snapshot(org.id);
    await rebuildMetrics(db, org.id);
    expect(await snapshot(org.id)).toEqual(kept);
  });
});
