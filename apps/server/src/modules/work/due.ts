import { and, eq, inArray, sql } from 'drizzle-orm';
import { organizations, teamMembers, users, workItems } from '../../db/schema.js';
import type { SystemActor } from '../../platform/actor.js';
import type { ServiceContext } from '../../platform/service-context.js';

type Ctx = ServiceContext<SystemActor>;

/** At most this many items per run and kind of notice; the next run (seconds later) takes the rest. */
const BATCH = 200;

// the same times the lists and the presentation read: when it starts, and when it is late
const startsAt = sql`coalesce(${workItems.windowStart}, ${workItems.dueAt})`;
const deadline = sql`coalesce(${workItems.windowEnd}, ${workItems.dueAt})`;

interface Reminder {
  id: string;
  org_id: string;
  assignee_id: string;
  starts_at: Date | string;
  minutes: number;
}

interface Late {
  id: string;
  org_id: string;
  team_id: string | null;
  assignee_id: string | null;
  deadline: Date | string;
}

/**
 * Reminds each assignee of the items that start (due time, or window start) within their
 * organization's reminder minutes at `now` and are not yet late, once per start time: the row keeps
 * the time it reminded of (`reminded_for`), so a repeated run reminds nobody twice and a rescheduled
 * item reminds again. Items already started, done or cancelled are not reminded of.
 */
export async function remindDueWork(ctx: Ctx, now: Date = new Date()): Promise<number> {
  const at = now.toISOString();
  return ctx.transact(async (tx) => {
    const due = (await tx.db.execute(sql`
      select ${workItems.id} as id, ${workItems.orgId} as org_id, ${workItems.assigneeId} as assignee_id,
             ${startsAt} as starts_at, ${organizations.workReminderMinutes} as minutes
      from ${workItems}
      join ${organizations} on ${organizations.id} = ${workItems.orgId} and ${organizations.workReminderMinutes} > 0
      where ${workItems.assigneeId} is not null
        and ${workItems.status} in ('open', 'scheduled')
        and ${startsAt} is not null
        and ${startsAt} - make_interval(mins => ${organizations.workReminderMinutes}) <= ${at}::timestamptz
        and ${deadline} > ${at}::timestamptz
        and ${workItems.remindedFor} is distinct from ${startsAt}
      order by ${startsAt}
      limit ${BATCH}
      for update of ${workItems} skip locked`)) as unknown as { rows: Reminder[] };
    for (const r of due.rows) {
      const starts = new Date(r.starts_at);
      await tx.db.update(workItems).set({ remindedFor: starts }).where(eq(workItems.id, r.id));
      await tx.record({
        type: 'work_item.reminder_due',
        orgId: r.org_id,
        stream: `work_item:${r.id}`,
        data: { workItemId: r.id, assigneeId: r.assignee_id, startsAt: starts.toISOString(), minutesBefore: r.minutes },
      });
    }
    return due.rows.length;
  });
}

/**
 * Escalates each item past its deadline (due time, or window end) at `now` that is not done or
 * cancelled, once per deadline (`overdue_for`): its team's members are told live, or, of an item of
 * no team, the organization's admins; its assignee too. A run repeated after a crash tells nobody
 * twice, and one missed while no node ran catches up.
 */
export async function escalateOverdueWork(ctx: Ctx, now: Date = new Date()): Promise<number> {
  const at = now.toISOString();
  return ctx.transact(async (tx) => {
    const late = (await tx.db.execute(sql`
      select ${workItems.id} as id, ${workItems.orgId} as org_id, ${workItems.teamId} as team_id,
             ${workItems.assigneeId} as assignee_id, ${deadline} as deadline
      from ${workItems}
      where ${workItems.status} not in ('done', 'cancelled')
        and ${deadline} < ${at}::timestamptz
        and ${workItems.overdueFor} is distinct from ${deadline}
      order by ${deadline}
      limit ${BATCH}
      for update of ${workItems} skip locked`)) as unknown as { rows: Late[] };
    if (!late.rows.length) return 0;
    const told = await toldOf(tx, late.rows);
    for (const r of late.rows) {
      const by = new Date(r.deadline);
      await tx.db.update(workItems).set({ overdueFor: by }).where(eq(workItems.id, r.id));
      const notified = new Set(r.team_id ? (told.teams.get(r.team_id) ?? []) : (told.admins.get(r.org_id) ?? []));
      if (r.assignee_id) notified.add(r.assignee_id);
      await tx.record({
        type: 'work_item.overdue',
        orgId: r.org_id,
        stream: `work_item:${r.id}`,
        data: {
          workItemId: r.id,
          deadline: by.toISOString(),
          teamId: r.team_id,
          assigneeId: r.assignee_id,
          notifiedUserIds: [...notified],
        },
      });
    }
    return late.rows.length;
  });
}

/** The active members of the late items' teams, and the active admins of the organizations of items of no team. */
async function toldOf(tx: Ctx, rows: Late[]) {
  const teamIds = [...new Set(rows.flatMap((r) => (r.team_id ? [r.team_id] : [])))];
  const orgIds = [...new Set(rows.filter((r) => !r.team_id).map((r) => r.org_id))];
  const teams = new Map<string, string[]>();
  const admins = new Map<string, string[]>();
  if (teamIds.length) {
    const members = await tx.db
      .select({ teamId: teamMembers.teamId, userId: teamMembers.userId })
      .from(teamMembers)
      .innerJoin(users, eq(users.id, teamMembers.userId))
      .where(and(inArray(teamMembers.teamId, teamIds), eq(users.active, true)));
    for (const m of members) teams.set(m.teamId, [...(teams.get(m.teamId) ?? []), m.userId]);
  }
  if (orgIds.length) {
    const rows = await tx.db
      .select({ id: users.id, orgId: users.orgId })
      .from(users)
      .where(and(inArray(users.orgId, orgIds), eq(users.role, 'admin'), eq(users.active, true)));
    for (const a of rows) if (a.orgId) admins.set(a.orgId, [...(admins.get(a.orgId) ?? []), a.id]);
  }
  return { teams, admins };
}
