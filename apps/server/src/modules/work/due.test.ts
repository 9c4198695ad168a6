import { serverEvents, type WorkNotice } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { eventually, socketsClosedAfterEach, until } from '../../../test/sockets.js';
import { domainEvents, teamMembers, teams, workItems } from '../../db/schema.js';
import { systemContext } from '../../platform/service-context.js';
import { escalateOverdueWork, remindDueWork } from './due.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);
const minutes = (n: number) => n * 60_000;
// the jobs' work at a moved clock (they look at every organization: the tests look at their own items)
const remindAt = (at: Date) => remindDueWork(systemContext(server.ctx, 'test'), at);
const escalateAt = (at: Date) => escalateOverdueWork(systemContext(server.ctx, 'test'), at);

/** A staff member signed in, with a socket that keeps the work notices it hears. */
async function listener(org: TestOrg, role: 'admin' | 'agent' | 'field') {
  const user = await makeStaff(server, org, role);
  const api: ApiClient = await signInWithToken(server, user);
  const heard: WorkNotice[] = [];
  await socketFor({ token: api.token }, { listen: { [serverEvents.workNotice]: (n: WorkNotice) => heard.push(n) } });
  return { id: user.id, api, heard };
}

const row = async (id: string) => (await server.ctx.db.select().from(workItems).where(eq(workItems.id, id)))[0];
const events = async (type: 'work_item.reminder_due' | 'work_item.overdue', id: string) =>
  server.ctx.db
    .select({ data: domainEvents.data })
    .from(domainEvents)
    .where(and(eq(domainEvents.type, type), eq(domainEvents.stream, `work_item:${id}`)))
    .orderBy(domainEvents.position);

describe('due times of work items', () => {
  it('remind the assignee once per time, the setting’s minutes before, and again when rescheduled', async () => {
    const org = await makeOrg(server);
    const admin = await listener(org, 'admin');
    const doer = await listener(org, 'field');
    const set = await admin.api.patch('/api/v1/organization', { workReminderMinutes: 15 });
    expect(set.body.workReminderMinutes).toBe(15);
    const due = new Date(Math.ceil(Date.now() / minutes(1)) * minutes(1) + minutes(60));
    const made = await admin.api.post('/api/v1/work-items', {
      title: 'Towels ×2 — room 112',
      assigneeId: doer.id,
      dueAt: due.toISOString(),
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    const id = made.body.id as string;
    const reminded = (at: Date) =>
      eventually(async () => {
        await remindAt(at);
        return !!(await row(id))?.remindedFor;
      });

    // 16 minutes before: too early; 14 before: once, however often the job runs
    await remindAt(new Date(due.getTime() - minutes(16)));
    expect((await row(id))?.remindedFor).toBeNull();
    await reminded(new Date(due.getTime() - minutes(14)));
    await remindAt(new Date(due.getTime() - minutes(10)));
    await remindAt(new Date(due.getTime() - minutes(1)));
    await until(() => doer.heard.length === 1);
    expect(doer.heard[0]).toMatchObject({ kind: 'reminder', item: { id, title: 'Towels ×2 — room 112' } });
    expect(admin.heard).toEqual([]);
    expect((await events('work_item.reminder_due', id)).map((e) => e.data)).toEqual([
      { workItemId: id, assigneeId: doer.id, startsAt: due.toISOString(), minutesBefore: 15 },
    ]);

    // a new time reminds again, at its own time
    const later = new Date(due.getTime() + minutes(120));
    const moved = await admin.api.post(`/api/v1/work-items/${id}/reschedule`, { dueAt: later.toISOString() });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    await remindAt(new Date(due.getTime() + minutes(1)));
    expect((await row(id))?.remindedFor?.toISOString()).toBe(due.toISOString());
    await eventually(async () => {
      await remindAt(new Date(later.getTime() - minutes(5)));
      return (await row(id))?.remindedFor?.toISOString() === later.toISOString();
    });
    await until(() => doer.heard.length === 2);
    expect(doer.heard.map((n) => n.kind)).toEqual(['reminder', 'reminder']);

    // started work is not reminded of; a setting of 0 reminds nobody
    expect((await admin.api.post(`/api/v1/work-items/${id}/status`, { status: 'in_progress' })).status).toBe(200);
    expect((await admin.api.patch('/api/v1/organization', { workReminderMinutes: 0 })).status).toBe(200);
    const quiet = await admin.api.post('/api/v1/work-items', {
      title: 'Pillows',
      assigneeId: doer.id,
      dueAt: due.toISOString(),
    });
    await remindAt(new Date(due.getTime() - minutes(1)));
    expect((await row(quiet.body.id))?.remindedFor).toBeNull();
    expect(doer.heard).toHaveLength(2);
  });

  it('escalate an overdue item once per deadline: to its team and assignee, or to the admins', async () => {
    const org = await makeOrg(server);
    const admin = await listener(org, 'admin');
    const member = await listener(org, 'agent');
    const outsider = await listener(org, 'agent');
    const doer = await listener(org, 'field');
    const [team] = await server.ctx.db.insert(teams).values({ orgId: org.id, name: 'Housekeeping' }).returning();
    if (!team) expect.fail('no team');
    await server.ctx.db.insert(teamMembers).values({ orgId: org.id, teamId: team.id, userId: member.id });
    const start = new Date(Math.ceil(Date.now() / minutes(1)) * minutes(1) + minutes(60));
    const end = new Date(start.getTime() + minutes(180));
    const order = await admin.api.post('/api/v1/work-items', {
      kind: 'work_order',
      title: 'Boiler service',
      assigneeId: doer.id,
      teamId: team.id,
      window: { start: start.toISOString(), end: end.toISOString() },
    });
    expect(order.status, JSON.stringify(order.body)).toBe(201);
    const id = order.body.id as string;
    const orphan = await admin.api.post('/api/v1/work-items', { title: 'Broken lamp', dueAt: start.toISOString() });
    const orphanId = orphan.body.id as string;
    const escalated = (itemId: string, at: Date) =>
      eventually(async () => {
        await escalateAt(at);
        return !!(await row(itemId))?.overdueFor;
      });

    // within its window it is not late; after the window ends, once
    await escalated(orphanId, new Date(start.getTime() + minutes(1)));
    expect((await row(id))?.overdueFor).toBeNull();
    await escalated(id, new Date(end.getTime() + minutes(1)));
    await escalateAt(new Date(end.getTime() + minutes(30)));
    await until(() => member.heard.length === 1 && doer.heard.length === 1 && admin.heard.length === 1);
    expect(member.heard[0]).toMatchObject({ kind: 'overdue', item: { id, overdue: false } });
    expect(doer.heard[0]).toMatchObject({ kind: 'overdue', item: { id } });
    // the item of no team went to the admins; nobody else heard anything
    expect(admin.heard[0]).toMatchObject({ kind: 'overdue', item: { id: orphanId, title: 'Broken lamp' } });
    expect(outsider.heard).toEqual([]);
    const told = (await events('work_item.overdue', id)).map((e) => e.data as { notifiedUserIds: string[] });
    expect(told).toHaveLength(1);
    expect(told[0]?.notifiedUserIds.sort()).toEqual([member.id, doer.id].sort());
    expect((await events('work_item.overdue', orphanId)).map((e) => e.data)).toEqual([
      {
        workItemId: orphanId,
        deadline: start.toISOString(),
        teamId: null,
        assigneeId: null,
        notifiedUserIds: [admin.id],
      },
    ]);

    // done work is never late
    const done = await admin.api.post('/api/v1/work-items', { title: 'Done soon', dueAt: start.toISOString() });
    for (const status of ['in_progress', 'done']) {
      const moved = await admin.api.post(`/api/v1/work-items/${done.body.id}/status`, { status });
      expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    }
    await escalateAt(new Date(end.getTime() + minutes(60)));
    expect((await row(done.body.id))?.overdueFor).toBeNull();
    expect(admin.heard).toHaveLength(1);
  });

  it('tells nobody of another organization', async () => {
    const org = await makeOrg(server);
    const other = await makeOrg(server);
    const admin = await listener(org, 'admin');
    const otherAdmin = await listener(other, 'admin');
    const due = new Date(Date.now() + minutes(90));
    const made = await admin.api.post('/api/v1/work-items', { title: 'Fix the tap', dueAt: due.toISOString() });
    await eventually(async () => {
      await escalateAt(new Date(due.getTime() + minutes(1)));
      return !!(await row(made.body.id))?.overdueFor;
    });
    await until(() => admin.heard.length === 1);
    expect(otherAdmin.heard).toEqual([]);
  });
});
