import type { WorkListQuery } from '@frontdesk/protocol';
import { and, asc, desc, eq, inArray, notInArray, type SQL, sql } from 'drizzle-orm';
import type { z } from 'zod';
import { organizations, workItems } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { decodePageCursor, encodePageCursor } from '../../platform/page-cursor.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { customerOf, customerPolicy } from '../customers/index.js';
import { sees, viewerOf } from './policy.js';
import { presentWorkItem, type WorkItemView } from './present.js';
import { loadDetail, selectViews, visibleTo } from './queries.js';
import { workOrgOf } from './service.js';
import { todayIn } from './times.js';

type Ctx = ServiceContext<StaffActor>;

const plannedAt = sql`coalesce(${workItems.windowStart}, ${workItems.dueAt})`;
const lateBy = sql`coalesce(${workItems.windowEnd}, ${workItems.dueAt})`;
const finished = ['done', 'cancelled'] as const;
const overdueNow = (now: Date): SQL =>
  and(notInArray(workItems.status, [...finished]), sql`${lateBy} < ${now.toISOString()}::timestamptz`) as SQL;

/** The page cursor: the last item's place in the (sort_at, id) order. */
const cursorOf = (v: WorkItemView) => encodePageCursor([v.item.sortAt.toISOString(), v.item.id]);
function afterCursor(cursor: string): SQL {
  const [at = '', id = ''] = decodePageCursor(cursor, 2) ?? [];
  if (Number.isNaN(Date.parse(at)) || !/^[0-9a-f-]{36}$/.test(id))
    throw new AppError('bad_request', 'Unknown page cursor');
  return sql`(${workItems.sortAt}, ${workItems.id}) > (${at}::timestamptz, ${id}::uuid)`;
}

/**
 * The work items the caller sees, in time order (window start, else due time, else creation), paged
 * by keyset: filter by status, team, assignee, kind, conversation, a time range, overdue and
 * unscheduled (no due time and no window: the board's "Unscheduled" lane).
 */
export async function listWorkItems(ctx: Ctx, query: z.output<typeof WorkListQuery>) {
  const orgId = workOrgOf(ctx.actor);
  const now = new Date();
  const rows = await selectViews(ctx.db)
    .where(
      and(
        eq(workItems.orgId, orgId),
        visibleTo(viewerOf(ctx.actor)),
        query.status
          ? inArray(workItems.status, query.status.split(',') as (typeof workItems.$inferSelect.status)[])
          : undefined,
        query.teamId ? eq(workItems.teamId, query.teamId) : undefined,
        query.assigneeId ? eq(workItems.assigneeId, query.assigneeId) : undefined,
        query.kind ? eq(workItems.kind, query.kind) : undefined,
        query.conversationId ? eq(workItems.conversationId, query.conversationId) : undefined,
        query.from ? sql`${plannedAt} >= ${query.from}::timestamptz` : undefined,
        query.to ? sql`${plannedAt} < ${query.to}::timestamptz` : undefined,
        query.overdue === true ? overdueNow(now) : undefined,
        query.overdue === false ? sql`not coalesce(${overdueNow(now)}, false)` : undefined,
        query.unscheduled === true ? sql`${plannedAt} is null` : undefined,
        query.unscheduled === false ? sql`${plannedAt} is not null` : undefined,
        query.after ? afterCursor(query.after) : undefined,
      ),
    )
    .orderBy(asc(workItems.sortAt), asc(workItems.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return { items: page.map(presentWorkItem), next: rows.length > query.limit && last ? cursorOf(last) : null };
}

/** One item with its checklist, notes and history, if the caller sees it. */
export async function getWorkItem(ctx: Ctx, id: string) {
  const orgId = workOrgOf(ctx.actor);
  const [row] = await ctx.db
    .select({ assigneeId: workItems.assigneeId, teamId: workItems.teamId })
    .from(workItems)
    .where(and(eq(workItems.id, id), eq(workItems.orgId, orgId)));
  if (!row || !sees(viewerOf(ctx.actor), row)) throw notFound('Work item');
  const detail = await loadDetail(ctx.db, id);
  if (!detail) throw notFound('Work item');
  return detail;
}

const CUSTOMER_WORK_LIMIT = 50;

/**
 * A customer's tasks and work orders for their page: whoever sees the customer (customerPolicy)
 * gets the items of them they see on the board (`visibleTo`: field staff their own and their
 * teams'), latest planned first. Another company's customer is not found.
 */
export async function customerWork(ctx: Ctx, customerId: string) {
  if (!customerPolicy.view(ctx.actor)) throw forbidden('Customers are a service company’s');
  const orgId = workOrgOf(ctx.actor);
  if (!(await customerOf(ctx.db, orgId, customerId))) throw notFound('Customer');
  const rows = await selectViews(ctx.db)
    .where(and(eq(workItems.orgId, orgId), eq(workItems.customerId, customerId), visibleTo(viewerOf(ctx.actor))))
    .orderBy(desc(workItems.sortAt), desc(workItems.id))
    .limit(CUSTOMER_WORK_LIMIT);
  return { items: rows.map(presentWorkItem) };
}

const priorityRank = sql`case ${workItems.priority} when 'urgent' then 0 when 'high' then 1 when 'normal' then 2 else 3 end`;

/**
 * "My work": the caller's own items for today on the organization's clock — those planned today,
 * those late from before and not finished, and those with no time that are still to do — in order
 * of their time, then priority.
 */
export async function myWork(ctx: Ctx) {
  const orgId = workOrgOf(ctx.actor);
  const [org] = await ctx.db
    .select({ timeZone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const timeZone = org?.timeZone ?? 'UTC';
  const today = todayIn(timeZone);
  const start = today.start.toISOString();
  const end = today.end.toISOString();
  const rows = await selectViews(ctx.db)
    .where(
      and(
        eq(workItems.orgId, orgId),
        eq(workItems.assigneeId, ctx.actor.userId),
        sql`${workItems.status} <> 'cancelled'`,
        sql`(
          (${plannedAt} >= ${start}::timestamptz and ${plannedAt} < ${end}::timestamptz)
          or (${workItems.status} <> 'done' and ${plannedAt} < ${start}::timestamptz)
          or (${plannedAt} is null and (${workItems.status} <> 'done' or ${workItems.doneAt} >= ${start}::timestamptz))
        )`,
      ),
    )
    .orderBy(asc(workItems.sortAt), priorityRank, asc(workItems.id))
    .limit(200);
  return { day: today.day, timeZone, items: rows.map(presentWorkItem) };
}
