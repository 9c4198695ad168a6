import { and, asc, eq, inArray, isNull, or, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import {
  attachments,
  organizations,
  rooms,
  teams,
  users,
  workChecklistItems,
  workHistory,
  workItems,
  workNotes,
  workPhotos,
} from '../../db/schema.js';
import type { WorkViewer } from './policy.js';
import { presentWorkItemDetail, type WorkItemView } from './present.js';

const assignees = sql`(select name from ${users} where ${users.id} = ${workItems.assigneeId})`;
const checklistCounts = {
  done: sql<number>`(select count(*) from ${workChecklistItems} where ${workChecklistItems.workItemId} = ${workItems.id} and ${workChecklistItems.done})::int`,
  total: sql<number>`(select count(*) from ${workChecklistItems} where ${workChecklistItems.workItemId} = ${workItems.id})::int`,
};

/** Work items with the names their presentation shows (one row per item). */
export function selectViews(db: Db) {
  return db
    .select({
      item: workItems,
      assigneeName: sql<string | null>`${assignees}`,
      teamName: teams.name,
      roomNumber: rooms.number,
      timeZone: organizations.timezone,
      checklistDone: checklistCounts.done,
      checklistTotal: checklistCounts.total,
    })
    .from(workItems)
    .innerJoin(organizations, eq(organizations.id, workItems.orgId))
    .leftJoin(teams, eq(teams.id, workItems.teamId))
    .leftJoin(rooms, eq(rooms.id, workItems.roomId))
    .$dynamic();
}

export async function loadView(db: Db, id: string): Promise<WorkItemView | undefined> {
  const [row] = await selectViews(db).where(eq(workItems.id, id));
  return row;
}

/** The item with its checklist, notes and history, presented. */
export async function loadDetail(db: Db, id: string) {
  const view = await loadView(db, id);
  if (!view) return undefined;
  // one after another: inside a transaction they share one connection
  const checklist = await db
    .select()
    .from(workChecklistItems)
    .where(eq(workChecklistItems.workItemId, id))
    .orderBy(asc(workChecklistItems.position));
  const notes = await db
    .select()
    .from(workNotes)
    .where(eq(workNotes.workItemId, id))
    .orderBy(asc(workNotes.createdAt), asc(workNotes.id));
  const history = await db
    .select()
    .from(workHistory)
    .where(eq(workHistory.workItemId, id))
    .orderBy(asc(workHistory.id));
  const photos = await db
    .select({
      id: attachments.id,
      name: attachments.name,
      width: attachments.width,
      height: attachments.height,
      addedBy: workPhotos.addedBy,
      addedByName: workPhotos.addedByName,
      createdAt: workPhotos.createdAt,
    })
    .from(workPhotos)
    .innerJoin(attachments, eq(attachments.id, workPhotos.attachmentId))
    .where(eq(workPhotos.workItemId, id))
    .orderBy(asc(workPhotos.createdAt));
  return presentWorkItemDetail(view, checklist, notes, history, photos);
}

/** `sees` (policy.ts) as SQL, for lists: nothing to add for admins and agents who see all. */
export function visibleTo(viewer: WorkViewer): SQL | undefined {
  const mine = eq(workItems.assigneeId, viewer.userId);
  const ofMyTeams = viewer.teamIds.length ? inArray(workItems.teamId, [...viewer.teamIds]) : undefined;
  if (viewer.role === 'admin') return undefined;
  if (viewer.role === 'agent') {
    return viewer.visibility === 'all' ? undefined : or(isNull(workItems.teamId), ofMyTeams, mine);
  }
  if (viewer.role === 'field') return or(mine, ofMyTeams);
  return sql`false`;
}

/** The staff of an organization who see an item (for the live fan-out), by the same rule as `sees`. */
export async function viewersOf(db: Db, orgId: string) {
  const [org] = await db
    .select({ visibility: organizations.conversationVisibility })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const staff = await db
    .select({
      userId: users.id,
      role: users.role,
      teamIds: sql<
        string[]
      >`coalesce((select array_agg(tm.team_id::text) from team_members tm where tm.user_id = ${users.id}), '{}')`,
    })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.active, true), inArray(users.role, ['admin', 'agent', 'field'])));
  return staff.map(
    (s): WorkViewer => ({
      userId: s.userId,
      role: s.role as WorkViewer['role'],
      teamIds: s.teamIds ?? [],
      visibility: (org?.visibility ?? 'all') as WorkViewer['visibility'],
    }),
  );
}
