import type { Priority } from '@frontdesk/protocol';
import { and, eq, inArray, sql } from 'drizzle-orm';
import { conversations, slaBreaches, teams, users } from '../../db/schema.js';
import type { SystemActor } from '../../platform/actor.js';
import type { ServiceContext } from '../../platform/service-context.js';

/** One step up: low → normal → high → urgent (urgent stays). */
export function raised(priority: Priority): Priority {
  const order: Priority[] = ['low', 'normal', 'high', 'urgent'];
  return order[Math.min(order.indexOf(priority) + 1, order.length - 1)] ?? 'urgent';
}

/** At most this many overdue requests per run; the next run (seconds later) takes the rest. */
const BATCH = 200;

interface Overdue {
  id: string;
  org_id: string;
  team_id: string;
  priority: Priority;
  awaiting_since: Date | string;
  kind: 'first_response' | 'next_response';
  target_minutes: number;
  duty_manager_id: string | null;
}

/**
 * Escalates every request whose guest has waited longer than its team's target at `now` — for the
 * first reply to a new request, or the next one after writing again — once per wait: its priority
 * goes up a step, the breach is recorded (`sla_breaches`, `conversation.sla_breached`) and the
 * duty manager (or, without one, the organization's admins) is told live by the event's listener.
 *
 * Run by a durable job: the state is in the rows (a wait already escalated is marked), so a run
 * repeated after a crash escalates nothing twice, and one missed while no node ran catches up.
 * `now` is a parameter so tests move the clock instead of waiting.
 */
export async function escalateOverdue(ctx: ServiceContext<SystemActor>, now: Date = new Date()): Promise<number> {
  return ctx.transact(async (tx) => {
    const due = (await tx.db.execute(sql`
      select c.id, c.org_id, c.team_id, c.priority, c.awaiting_since, t.duty_manager_id,
             case when c.first_response_at is null then 'first_response' else 'next_response' end as kind,
             case when c.first_response_at is null then t.first_response_minutes else t.next_response_minutes end
               as target_minutes
      from ${teams} t
      join ${conversations} c on c.org_id = t.org_id and c.status in ('queued', 'open') and c.team_id = t.id
      where t.removed_at is null
        and (t.first_response_minutes is not null or t.next_response_minutes is not null)
        and c.awaiting_since is not null
        and c.sla_escalated_for is distinct from c.awaiting_since
        and c.awaiting_since + make_interval(mins => case when c.first_response_at is null
              then t.first_response_minutes else t.next_response_minutes end) <= ${now.toISOString()}::timestamptz
      order by c.awaiting_since
      limit ${BATCH}
      for update of c skip locked`)) as unknown as { rows: Overdue[] };
    const rows = due.rows;
    if (!rows.length) return 0;
    const admins = await adminsOf(
      tx,
      rows.filter((r) => !r.duty_manager_id).map((r) => r.org_id),
    );
    for (const r of rows) {
      const waitingSince = new Date(r.awaiting_since);
      const priority = raised(r.priority);
      await tx.db
        .update(conversations)
        .set({ priority, slaEscalatedFor: waitingSince })
        .where(eq(conversations.id, r.id));
      await tx.db
        .insert(slaBreaches)
        .values({
          orgId: r.org_id,
          conversationId: r.id,
          teamId: r.team_id,
          kind: r.kind,
          targetMinutes: r.target_minutes,
          waitingSince,
          breachedAt: now,
        })
        .onConflictDoNothing();
      await tx.record({
        type: 'conversation.sla_breached',
        orgId: r.org_id,
        stream: `conversation:${r.id}`,
        data: {
          conversationId: r.id,
          teamId: r.team_id,
          kind: r.kind,
          targetMinutes: r.target_minutes,
          waitingSince: waitingSince.toISOString(),
          previousPriority: r.priority,
          priority,
          notifiedUserIds: r.duty_manager_id ? [r.duty_manager_id] : (admins.get(r.org_id) ?? []),
        },
      });
    }
    return rows.length;
  });
}

/** The active admins of each organization. */
async function adminsOf(tx: ServiceContext<SystemActor>, orgIds: string[]): Promise<Map<string, string[]>> {
  const byOrg = new Map<string, string[]>();
  if (!orgIds.length) return byOrg;
  const rows = await tx.db
    .select({ id: users.id, orgId: users.orgId })
    .from(users)
    .where(and(inArray(users.orgId, [...new Set(orgIds)]), eq(users.role, 'admin'), eq(users.active, true)));
  for (const r of rows) if (r.orgId) byOrg.set(r.orgId, [...(byOrg.get(r.orgId) ?? []), r.id]);
  return byOrg;
}
