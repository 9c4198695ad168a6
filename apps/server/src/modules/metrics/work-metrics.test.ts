import { randomUUID } from 'node:crypto';
import type { DomainEvent, MetricsReport } from '@frontdesk/protocol';
import { asc, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { eventually } from '../../../test/sockets.js';
import {
  conversations,
  customers,
  domainEvents,
  metricsDaily,
  metricsDimensionDaily,
  metricsDimensionHourly,
  metricsHourly,
  metricsWorkItems,
  teams,
  visitors,
  workItems,
} from '../../db/schema.js';
import { applyMetricsEvents, rebuildMetrics } from './store.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const report = async (api: ApiClient, query: string) => {
  const res = await api.get(`/api/v1/reports/metrics?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as MetricsReport;
};

/** The work figures of a report's totals, or of one of its rows. */
const work = (v: MetricsReport['totals'] | undefined) => [v?.workCompleted, v?.averageWorkCompletionSeconds];
const onTime = (v: MetricsReport['totals'] | undefined) => [v?.workCompletedOnTime, v?.workOnTimeRate];

/** Every rollup row and work-item state of an organization, in a fixed order. */
async function snapshot(orgId: string) {
  const { db } = server.ctx;
  const who = (t: { teamId: unknown; agentId: unknown }) => [
    sql`${t.teamId} nulls first`,
    sql`${t.agentId} nulls first`,
  ];
  return {
    hourly: await db
      .select()
      .from(metricsHourly)
      .where(eq(metricsHourly.orgId, orgId))
      .orderBy(asc(metricsHourly.bucket), ...who(metricsHourly)),
    daily: await db
      .select()
      .from(metricsDaily)
      .where(eq(metricsDaily.orgId, orgId))
      .orderBy(asc(metricsDaily.day), ...who(metricsDaily)),
    dimensionHourly: await db
      .select()
      .from(metricsDimensionHourly)
      .where(eq(metricsDimensionHourly.orgId, orgId))
      .orderBy(asc(metricsDimensionHourly.bucket), asc(metricsDimensionHourly.value), ...who(metricsDimensionHourly)),
    dimensionDaily: await db
      .select()
      .from(metricsDimensionDaily)
      .where(eq(metricsDimensionDaily.orgId, orgId))
      .orderBy(asc(metricsDimensionDaily.day), asc(metricsDimensionDaily.value), ...who(metricsDimensionDaily)),
    workItems: await db
      .select()
      .from(metricsWorkItems)
      .where(eq(metricsWorkItems.orgId, orgId))
      .orderBy(asc(metricsWorkItems.workItemId)),
  };
}

/** Writes work-item events into the outbox by hand, at fixed times, as the work service would. */
function workLog(org: TestOrg) {
  const written: DomainEvent[] = [];
  const event = async (type: DomainEvent['type'], workItemId: string, at: string, data: Record<string, unknown>) => {
    const id = randomUUID();
    const stream = `work_item:${workItemId}`;
    const row = { id, type, version: 1, orgId: org.id, stream, data: { workItemId, ...data } };
    await server.ctx.db.insert(domainEvents).values({ ...row, occurredAt: new Date(at) });
    written.push({ ...row, occurredAt: new Date(at).toISOString() } as DomainEvent);
  };
  return {
    written,
    async created(
      at: string,
      who: { assigneeId?: string; teamId?: string; conversationId?: string; byUserId?: string | null },
      deadline?: { dueAt?: string; window?: [string, string] },
    ): Promise<string> {
      const id = randomUUID();
      // the item's row, where the consumer reads its deadline when it is done
      if (deadline) {
        await server.ctx.db.insert(workItems).values({
          id,
          orgId: org.id,
          title: 'Boiler service',
          dueAt: deadline.dueAt ? new Date(deadline.dueAt) : null,
          windowStart: deadline.window ? new Date(deadline.window[0]) : null,
          windowEnd: deadline.window ? new Date(deadline.window[1]) : null,
          createdAt: new Date(at),
        });
      }
      await event('work_item.created', id, at, {
        kind: 'work_order',
        assigneeId: who.assigneeId ?? null,
        teamId: who.teamId ?? null,
        conversationId: who.conversationId ?? null,
        leadId: null,
        byUserId: who.byUserId ?? null,
      });
      return id;
    },
    assigned: (id: string, at: string, to: { assigneeId: string | null; teamId: string | null }, by: string) =>
      event('work_item.updated', id, at, {
        change: 'assigned',
        fields: ['assignee', 'team'],
        ...to,
        previousAssigneeId: null,
        previousTeamId: null,
        byUserId: by,
      }),
    moved: (id: string, at: string, from: string, to: string, by: string | null) =>
      event('work_item.status_changed', id, at, {
        from,
        to,
        reason: to === 'cancelled' ? 'Customer called it off' : null,
        conversationId: null,
        byUserId: by,
      }),
  };
}

describe('time to complete work', () => {
  it('counts work items done (not cancelled) at the hour of completion, from creation to the first done, per team, staff member and entry point; the local day boundary; a repeat and a rebuild change nothing', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server, { kind: 'service' }); // Europe/Warsaw: UTC+1 in February
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const dispatcher = await makeStaff(server, org, 'agent');
    const t1 = await makeStaff(server, org, 'field');
    const t2 = await makeStaff(server, org, 'field');
    const [field] = await db
      .insert(teams)
      .values({ orgId: org.id, name: `Field ${uniqueSuffix()}` })
      .returning();
    if (!field) throw new Error('no team');
    // a customer wrote from their QR label: the work made from that request came in there
    const [customer] = await db
      .insert(customers)
      .values({ orgId: org.id, name: 'Boiler owner', language: 'en' })
      .returning();
    const [visitor] = await db
      .insert(visitors)
      .values({ orgId: org.id, name: 'Boiler owner', topic: 'repair', customerId: customer?.id as string })
      .returning();
    const [request] = await db
      .insert(conversations)
      .values({ orgId: org.id, status: 'open', visitorId: visitor?.id as string })
      .returning();
    const log = workLog(org);

    // 1. 09:00 local, from the customer's request, T1 of Field, due 11:00 local: started 10:00, done
    //    11:30 local (9,000 s), late
    const w1 = await log.created(
      '2026-02-10T08:00:00Z',
      { assigneeId: t1.id, teamId: field.id, conversationId: request?.id as string, byUserId: dispatcher.id },
      { dueAt: '2026-02-10T10:00:00Z' },
    );
    await log.moved(w1, '2026-02-10T09:00:00Z', 'open', 'in_progress', t1.id);
    await log.moved(w1, '2026-02-10T10:30:00Z', 'in_progress', 'done', t1.id);
    // done is final in the service; were it left and done again, only the first completion counts
    await log.moved(w1, '2026-02-10T12:00:00Z', 'done', 'in_progress', t1.id);
    await log.moved(w1, '2026-02-10T12:30:00Z', 'in_progress', 'done', t1.id);

    // 2. 10:00 local, nobody's, in the window 12:00–15:00 local; given to T2 of Field at 10:30; done
    //    14:00 local (14,400 s), on time, for T2 and Field
    const w2 = await log.created(
      '2026-02-10T09:00:00Z',
      { byUserId: dispatcher.id },
      { window: ['2026-02-10T11:00:00Z', '2026-02-10T14:00:00Z'] },
    );
    await log.assigned(w2, '2026-02-10T09:30:00Z', { assigneeId: t2.id, teamId: field.id }, dispatcher.id);
    await log.moved(w2, '2026-02-10T10:00:00Z', 'open', 'in_progress', t2.id);
    await log.moved(w2, '2026-02-10T13:00:00Z', 'in_progress', 'done', dispatcher.id);

    // 3. T1's, due the same day, cancelled: no completed work, on time or not
    const w3 = await log.created(
      '2026-02-10T10:00:00Z',
      { assigneeId: t1.id, teamId: field.id },
      { dueAt: '2026-02-10T16:00:00Z' },
    );
    await log.moved(w3, '2026-02-10T11:00:00Z', 'open', 'cancelled', dispatcher.id);

    // 4. 21:00 local on the 10th, nobody's and no team's, no deadline; T2 marks it done at 00:30
    //    local on the 11th (23:30 UTC on the 10th): 12,600 s, on the 11th, for T2 (who marked it done), no team
    const w4 = await log.created('2026-02-10T20:00:00Z', {});
    await log.moved(w4, '2026-02-10T21:00:00Z', 'open', 'in_progress', t2.id);
    await log.moved(w4, '2026-02-10T23:30:00Z', 'in_progress', 'done', t2.id);

    await eventually(async () => (await report(admin, 'from=2026-02-11&to=2026-02-11')).totals.workCompleted === 1);
    const tenth = await report(admin, 'from=2026-02-10&to=2026-02-10');
    expect(work(tenth.totals)).toEqual([2, 11_700]); // (9,000 + 14,400) / 2
    expect(work(tenth.previous.totals)).toEqual([0, null]);
    // of the two with a deadline, the second was done by it
    expect(onTime(tenth.totals)).toEqual([1, 0.5]);
    // the 11th against the 10th: one piece of work, slower
    const eleventh = await report(admin, 'from=2026-02-11&to=2026-02-11');
    expect(work(eleventh.totals)).toEqual([1, 12_600]);
    expect(work(eleventh.previous.totals)).toEqual([2, 11_700]);
    expect(onTime(eleventh.totals)).toEqual([0, null]); // no deadline: neither on time nor late
    expect(onTime(eleventh.previous.totals)).toEqual([1, 0.5]);
    const both = await report(admin, 'from=2026-02-10&to=2026-02-11');
    expect(work(both.totals)).toEqual([3, 12_000]); // (9,000 + 14,400 + 12,600) / 3
    expect(both.series.map((s) => [s.key, ...work(s.values)])).toEqual([
      ['2026-02-10', 2, 11_700],
      ['2026-02-11', 1, 12_600],
    ]);
    // no request was opened or resolved: the work figures stand on their own
    expect(both.totals).toMatchObject({ conversationsOpened: 0, resolutions: 0, leadsCreated: 0 });

    // by hour of completion (local names)
    const hours = await report(admin, 'from=2026-02-10&to=2026-02-11&groupBy=hour');
    expect(hours.series.filter((s) => s.values.workCompleted).map((s) => [s.name, ...work(s.values)])).toEqual([
      ['2026-02-10T11:00', 1, 9_000],
      ['2026-02-10T14:00', 1, 14_400],
      ['2026-02-11T00:00', 1, 12_600],
    ]);

    // by staff member: the assignee who completed it, or who marked done the work of nobody
    const agents = await report(admin, 'from=2026-02-10&to=2026-02-11&groupBy=agent');
    const byAgent = Object.fromEntries(agents.series.map((s) => [s.key, work(s.values)]));
    expect(byAgent).toEqual({ [t1.id]: [1, 9_000], [t2.id]: [2, 13_500] }); // T2: (14,400 + 12,600) / 2
    expect(Object.fromEntries(agents.series.map((s) => [s.key, onTime(s.values)]))).toEqual({
      [t1.id]: [0, 0],
      [t2.id]: [1, 1],
    });
    const onlyT2 = await report(admin, `from=2026-02-10&to=2026-02-10&agentId=${t2.id}`);
    expect(work(onlyT2.totals)).toEqual([1, 14_400]);

    // by team: Field's two, and the one of no team
    const byTeam = await report(admin, 'from=2026-02-10&to=2026-02-11&groupBy=team');
    expect(byTeam.series.map((s) => [s.key, ...work(s.values)])).toEqual([
      [field.id, 2, 11_700],
      ['none', 1, 12_600],
    ]);
    expect(work((await report(admin, `from=2026-02-10&to=2026-02-11&teamId=${field.id}`)).totals)).toEqual([2, 11_700]);

    // by entry point: only the work made from the customer's request has one
    const entries = await report(admin, 'from=2026-02-10&to=2026-02-11&groupBy=entryPoint');
    expect(entries.series.map((s) => [s.key, ...work(s.values)])).toEqual([['customer_label', 1, 9_000]]);

    // the CSV has the four columns
    const csv = await admin.get('/api/v1/reports/metrics.csv?from=2026-02-10&to=2026-02-11&groupBy=day');
    expect(csv.status).toBe(200);
    const [header = '', , , total = ''] = String(csv.body).split('\r\n');
    const titles = header.split(',');
    const at = titles.indexOf('Work completed');
    expect(titles.slice(at + 1, at + 4)).toEqual([
      'Average time to complete work (s)',
      'Work completed on time',
      'Work on time (%)',
    ]);
    // both lines have one quoted comma before these columns (CSAT's title, the totals' name)
    expect(total.split(',').slice(at, at + 4)).toEqual(['3', '12000', '1', '50']);

    // the same events again — all at once, then one by one — change nothing
    const kept = await snapshot(org.id);
    expect(kept.workItems.map((w) => [w.workItemId, w.completedAt?.toISOString() ?? null])).toEqual(
      [
        [w1, '2026-02-10T10:30:00.000Z'],
        [w2, '2026-02-10T13:00:00.000Z'],
        [w3, null],
        [w4, '2026-02-10T23:30:00.000Z'],
      ].sort(([a], [b]) => String(a).localeCompare(String(b))),
    );
    await applyMetricsEvents(db, log.written);
    for (const event of log.written) await applyMetricsEvents(db, [event]);
    expect(await snapshot(org.id)).toEqual(kept);

    // rebuilt from the log: the very same rows
    await rebuildMetrics(db, org.id);
    expect(await snapshot(org.id)).toEqual(kept);
  });

  it('counts the work service’s own events: a work order done through the API, for its assignee; a cancelled one not', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server, { kind: 'service' });
    const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const tech = await makeStaff(server, org, 'field');
    const techApi = await signInWithToken(server, tech);
    const started = Date.now();
    // due in an hour: done well before it
    const dueAt = new Date(started + 3_600_000).toISOString();
    const make = async (title: string) => {
      const made = await admin.post('/api/v1/work-items', { kind: 'work_order', title, assigneeId: tech.id, dueAt });
      expect(made.status, JSON.stringify(made.body)).toBe(201);
      return made.body.id as string;
    };
    const boiler = await make('Boiler service');
    const gutter = await make('Gutter cleaning');
    expect((await techApi.post(`/api/v1/work-items/${boiler}/status`, { status: 'in_progress' })).status).toBe(200);
    expect((await techApi.post(`/api/v1/work-items/${boiler}/status`, { status: 'done' })).status).toBe(200);
    expect(
      (
        await admin.post(`/api/v1/work-items/${gutter}/status`, {
          status: 'cancelled',
          reason: 'Customer called it off',
        })
      ).status,
    ).toBe(200);
    const elapsed = (Date.now() - started) / 1000;

    // today on the organization's clock (Europe/Warsaw)
    const today = new Intl.DateTimeFormat('en-CA', { timeZone: 'Europe/Warsaw' }).format(new Date());
    const query = `from=${today}&to=${today}`;
    await eventually(async () => (await report(admin, query)).totals.workCompleted === 1);
    const seconds = (await report(admin, query)).totals.averageWorkCompletionSeconds ?? -1;
    expect(seconds).toBeGreaterThanOrEqual(0);
    expect(seconds).toBeLessThanOrEqual(elapsed + 0.1);
    const techs = await report(admin, `${query}&agentId=${tech.id}`);
    expect([...work(techs.totals), ...onTime(techs.totals)]).toEqual([1, seconds, 1, 1]);

    // the cancellation is counted by the consumer too (its work item's state), yet is no completion
    await eventually(async () => (await snapshot(org.id)).workItems.every((w) => w.applied.length >= 2));
    const kept = await snapshot(org.id);
    expect(kept.workItems.map((w) => w.completedAt !== null).sort()).toEqual([false, true]);
    await rebuildMetrics(db, org.id);
    expect(await snapshot(org.id)).toEqual(kept);
  });
});
