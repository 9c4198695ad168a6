import type {
  AssignWorkItemRequest,
  ChangeWorkStatusRequest,
  CreateWorkItemRequest,
  MoveWorkItemRequest,
  RescheduleWorkItemRequest,
  UpdateWorkItemRequest,
  WorkItemDetail,
  WorkStatus,
} from '@frontdesk/protocol';
import { workTransitions } from '@frontdesk/protocol';
import { and, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import {
  conversations,
  customers,
  messages,
  rooms,
  stays,
  teams,
  users,
  visitors,
  workChecklistItems,
  workHistory,
  workItems,
} from '../../db/schema.js';
import { type Actor, actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { conversationPolicy } from '../conversations/index.js';
import { requirePlanFeature } from '../organizations/index.js';
import { orgLocale, tellGuest } from './guest-status.js';
import { once } from './ops.js';
import { sees, viewerOf, workPolicy } from './policy.js';
import type { WorkItemRow } from './present.js';
import { loadDetail } from './queries.js';
import { titleStrings } from './strings.js';

type Ctx = ServiceContext<StaffActor>;
export type Answer = { status: number; result: WorkItemDetail; replayed: boolean };

const badRequest = (message: string) => new AppError('bad_request', message);

/** The caller's organization, if they work with work items at all and its plan includes them. */
export function workOrgOf(actor: StaffActor): string {
  if (!workPolicy.use(actor)) throw forbidden('Work items are for an organization’s staff');
  requirePlanFeature(actor.orgPlan, 'tasks');
  return actorOrgId(actor);
}

export function requirePlanning(actor: StaffActor) {
  if (!workPolicy.plan(actor)) throw forbidden('Only the desk (admins and agents) plans work');
}

/** The item, locked for the change, if the caller sees it; else not found, as if it did not exist. */
export async function lockVisible(tx: Ctx, orgId: string, id: string): Promise<WorkItemRow> {
  const [row] = await tx.db
    .select()
    .from(workItems)
    .where(and(eq(workItems.id, id), eq(workItems.orgId, orgId)))
    .for('update');
  if (!row || !sees(viewerOf(tx.actor), row)) throw notFound('Work item');
  return row;
}

/** Who a change is written down for: a staff member, or (a guest's quick action) nobody on the staff. */
const byStaff = (actor: Actor) =>
  actor.kind === 'staff' ? { id: actor.userId, name: actor.name } : { id: null, name: null };

export async function addHistory(
  tx: ServiceContext,
  item: WorkItemRow,
  action: string,
  details: Record<string, unknown>,
) {
  const by = byStaff(tx.actor);
  await tx.db.insert(workHistory).values({
    orgId: item.orgId,
    workItemId: item.id,
    actorId: by.id,
    actorName: by.name,
    action,
    details,
  });
}

/** The presented item after a change (inside the change's transaction). */
export async function detailOf(db: Db, id: string): Promise<WorkItemDetail> {
  const detail = await loadDetail(db, id);
  if (!detail) throw new Error('work item vanished');
  return detail;
}

/** An assignee must be an active member of the organization with a role; a team one of its live teams. */
export async function checkAssignment(db: Db, orgId: string, assigneeId?: string | null, teamId?: string | null) {
  if (assigneeId) {
    const [u] = await db
      .select({ id: users.id })
      .from(users)
      .where(
        and(
          eq(users.id, assigneeId),
          eq(users.orgId, orgId),
          eq(users.active, true),
          inArray(users.role, ['admin', 'agent', 'field']),
        ),
      );
    if (!u) throw badRequest('The assignee is no active staff member of this organization');
  }
  if (teamId) {
    const [t] = await db
      .select({ id: teams.id })
      .from(teams)
      .where(and(eq(teams.id, teamId), eq(teams.orgId, orgId), isNull(teams.removedAt)));
    if (!t) throw badRequest('No such team in this organization');
  }
}

/** A window as instants; one that does not end after it starts is refused. */
export function windowOf(w: { start: string; end: string }): { start: Date; end: Date } {
  const start = new Date(w.start);
  const end = new Date(w.end);
  if (end.getTime() <= start.getTime()) throw badRequest('The window ends after it starts');
  return { start, end };
}

const sortAtOf = (i: { windowStart: Date | null; dueAt: Date | null; createdAt?: Date }) =>
  i.windowStart ?? i.dueAt ?? i.createdAt ?? new Date();

/** A title from a guest's message: its first line, trimmed, and the room it came from. */
function titleFrom(text: string, roomNumber: string | null, language: keyof typeof titleStrings): string {
  const first = (text.split('\n').find((l) => l.trim()) ?? '').trim().replace(/\s+/g, ' ');
  const short = first.length > 120 ? `${first.slice(0, 119)}…` : first;
  return roomNumber ? `${short} — ${titleStrings[language].room(roomNumber)}` : short;
}

interface Source {
  conversationId: string | null;
  stayId: string | null;
  roomId: string | null;
  roomNumber: string | null;
  customerId: string | null;
  text: string | null;
}

/** What a conversation (and one of its messages, else the contact's latest) prefills. */
async function fromConversation(tx: Ctx, orgId: string, conversationId: string, messageId?: string): Promise<Source> {
  const [c] = await tx.db
    .select({
      c: conversations,
      roomId: stays.roomId,
      roomNumber: rooms.number,
      customerId: visitors.customerId,
    })
    .from(conversations)
    .leftJoin(stays, eq(stays.id, conversations.stayId))
    .leftJoin(rooms, eq(rooms.id, stays.roomId))
    .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.orgId, orgId)));
  if (!c || !conversationPolicy.staffSees(tx.actor, c.c)) throw notFound('Conversation');
  const [m] = await tx.db
    .select({ body: messages.body })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        messageId ? eq(messages.id, messageId) : inArray(messages.senderType, ['guest', 'visitor']),
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(1);
  if (messageId && !m) throw notFound('Message');
  return {
    conversationId,
    stayId: c.c.stayId,
    roomId: c.roomId,
    roomNumber: c.roomNumber,
    customerId: c.customerId,
    text: m?.body ?? null,
  };
}

export interface NewWorkItem {
  kind: 'task' | 'work_order';
  title: string;
  description: string;
  priority: WorkItemRow['priority'];
  assigneeId: string | null;
  teamId: string | null;
  dueAt: Date | null;
  window: { start: Date; end: Date } | null;
  roomId: string | null;
  address: string;
  conversationId: string | null;
  stayId: string | null;
  leadId: string | null;
  customerId: string | null;
  checklist: string[];
}

/**
 * Writes a new item with its checklist, history and `work_item.created`, and tells the guest. A
 * staff member creates it, or a guest's quick action (then it is created by nobody on the staff).
 */
export async function insertWorkItem(tx: ServiceContext, orgId: string, n: NewWorkItem): Promise<WorkItemRow> {
  const now = new Date();
  const by = byStaff(tx.actor);
  const [item] = await tx.db
    .insert(workItems)
    .values({
      orgId,
      kind: n.kind,
      title: n.title,
      description: n.description,
      priority: n.priority,
      status: n.window ? 'scheduled' : 'open',
      assigneeId: n.assigneeId,
      teamId: n.teamId,
      dueAt: n.dueAt,
      windowStart: n.window?.start ?? null,
      windowEnd: n.window?.end ?? null,
      sortAt: sortAtOf({ windowStart: n.window?.start ?? null, dueAt: n.dueAt, createdAt: now }),
      roomId: n.roomId,
      address: n.address,
      conversationId: n.conversationId,
      stayId: n.stayId,
      leadId: n.leadId,
      customerId: n.customerId,
      createdBy: by.id,
      createdAt: now,
      updatedAt: now,
    })
    .returning();
  if (!item) throw new Error('insert returned nothing');
  if (n.checklist.length) {
    await tx.db
      .insert(workChecklistItems)
      .values(n.checklist.map((text, position) => ({ orgId, workItemId: item.id, text, position })));
  }
  await addHistory(tx, item, 'created', { status: item.status, assigneeId: item.assigneeId, teamId: item.teamId });
  await tx.record({
    type: 'work_item.created',
    orgId,
    stream: `work_item:${item.id}`,
    data: {
      workItemId: item.id,
      kind: item.kind,
      assigneeId: item.assigneeId,
      teamId: item.teamId,
      conversationId: item.conversationId,
      leadId: item.leadId,
      byUserId: by.id,
    },
  });
  await tellGuest(tx, item, 'created');
  return item;
}

/**
 * Creates a task or work order. From a conversation (`conversationId`, optionally `messageId`) it
 * links the stay, room and customer, and a missing title comes from the message ("Towels ×2 — room 112").
 */
export async function createWorkItem(ctx: Ctx, input: z.output<typeof CreateWorkItemRequest>): Promise<Answer> {
  const orgId = workOrgOf(ctx.actor);
  requirePlanning(ctx.actor);
  if (input.messageId && !input.conversationId) throw badRequest('A message is chosen within its conversation');
  return once(ctx, orgId, input.opId, 201, async (tx) => {
    const source = input.conversationId
      ? await fromConversation(tx, orgId, input.conversationId, input.messageId)
      : null;
    let title = input.title;
    if (!title && source?.text) {
      const { language } = await orgLocale(tx.db, orgId);
      title = titleFrom(source.text, source.roomNumber, language);
    }
    if (!title) throw badRequest('Give the work item a title');
    await checkAssignment(tx.db, orgId, input.assigneeId, input.teamId);
    if (input.roomId) {
      const [r] = await tx.db
        .select({ id: rooms.id })
        .from(rooms)
        .where(and(eq(rooms.id, input.roomId), eq(rooms.orgId, orgId)));
      if (!r) throw badRequest('No such room in this organization');
    }
    if (input.customerId) {
      const [c] = await tx.db
        .select({ id: customers.id })
        .from(customers)
        .where(and(eq(customers.id, input.customerId), eq(customers.orgId, orgId)));
      if (!c) throw badRequest('No such customer in this organization');
    }
    const item = await insertWorkItem(tx, orgId, {
      kind: input.kind,
      title,
      description: input.description,
      priority: input.priority,
      assigneeId: input.assigneeId ?? null,
      teamId: input.teamId ?? null,
      dueAt: input.dueAt ? new Date(input.dueAt) : null,
      window: input.window ? windowOf(input.window) : null,
      roomId: input.roomId ?? source?.roomId ?? null,
      address: input.address ?? '',
      conversationId: source?.conversationId ?? null,
      stayId: source?.stayId ?? null,
      leadId: null,
      customerId: input.customerId ?? source?.customerId ?? null,
      checklist: input.checklist,
    });
    return detailOf(tx.db, item.id);
  });
}

async function recordUpdated(
  tx: Ctx,
  before: WorkItemRow,
  after: WorkItemRow,
  change: 'fields' | 'assigned' | 'rescheduled' | 'checklist' | 'note' | 'photo',
  fields: string[],
) {
  await tx.record({
    type: 'work_item.updated',
    orgId: after.orgId,
    stream: `work_item:${after.id}`,
    data: {
      workItemId: after.id,
      change,
      fields,
      assigneeId: after.assigneeId,
      teamId: after.teamId,
      previousAssigneeId: before.assigneeId,
      previousTeamId: before.teamId,
      byUserId: tx.actor.userId,
    },
  });
}

/** The history line and the event of an item's change of status, from `before`'s to `after`'s. */
async function recordStatusChanged(tx: Ctx, before: WorkItemRow, after: WorkItemRow, reason: string | null) {
  await addHistory(tx, before, 'status_changed', { from: before.status, to: after.status, reason });
  await tx.record({
    type: 'work_item.status_changed',
    orgId: after.orgId,
    stream: `work_item:${after.id}`,
    data: {
      workItemId: after.id,
      from: before.status,
      to: after.status,
      reason,
      conversationId: after.conversationId,
      byUserId: tx.actor.userId,
    },
  });
}

/** Writes these columns of one (locked) item and gives its row back. */
async function saveItem(tx: Ctx, id: string, values: Partial<typeof workItems.$inferInsert>): Promise<WorkItemRow> {
  const [after] = await tx.db.update(workItems).set(values).where(eq(workItems.id, id)).returning();
  if (!after) throw new Error('work item vanished');
  return after;
}

/** Bumps the item's `updated_at` after a change to its checklist or notes, and records it. */
export async function touched(
  tx: Ctx,
  item: WorkItemRow,
  change: 'checklist' | 'note' | 'photo',
  details: Record<string, unknown>,
) {
  const after = await saveItem(tx, item.id, { updatedAt: new Date() });
  await addHistory(tx, item, change === 'checklist' ? `checklist_${String(details.op)}` : `${change}_added`, details);
  await recordUpdated(tx, item, after, change, [change]);
}

/** Edits what the item is: title, description, priority, kind, place. */
export async function updateWorkItem(ctx: Ctx, id: string, input: z.output<typeof UpdateWorkItemRequest>) {
  const orgId = workOrgOf(ctx.actor);
  requirePlanning(ctx.actor);
  return once(ctx, orgId, input.opId, 200, async (tx) => {
    const before = await lockVisible(tx, orgId, id);
    if (input.roomId) {
      const [r] = await tx.db
        .select({ id: rooms.id })
        .from(rooms)
        .where(and(eq(rooms.id, input.roomId), eq(rooms.orgId, orgId)));
      if (!r) throw badRequest('No such room in this organization');
    }
    const patch = {
      title: input.title,
      description: input.description,
      priority: input.priority,
      kind: input.kind,
      roomId: input.roomId,
      address: input.address,
    };
    const changed = (Object.keys(patch) as (keyof typeof patch)[]).filter(
      (k) => patch[k] !== undefined && patch[k] !== before[k],
    );
    if (changed.length) {
      const after = await saveItem(tx, id, {
        ...Object.fromEntries(changed.map((k) => [k, patch[k]])),
        updatedAt: new Date(),
      });
      await addHistory(tx, before, 'updated', {
        fields: changed,
        from: Object.fromEntries(changed.map((k) => [k, before[k]])),
        to: Object.fromEntries(changed.map((k) => [k, after[k]])),
      });
      await recordUpdated(tx, before, after, 'fields', changed);
    }
    return detailOf(tx.db, id);
  });
}

/** Moves the item along (see `workTransitions`); a cancellation says why. The guest hears of it. */
export async function changeWorkStatus(ctx: Ctx, id: string, input: z.output<typeof ChangeWorkStatusRequest>) {
  const orgId = workOrgOf(ctx.actor);
  if (!workPolicy.move(ctx.actor, input.status)) throw forbidden('Only the desk cancels work');
  return once(ctx, orgId, input.opId, 200, async (tx) => {
    const before = await lockVisible(tx, orgId, id);
    const to: WorkStatus = input.status;
    if (!workTransitions[before.status].includes(to)) {
      throw new AppError('illegal_transition', `A work item that is ${before.status} cannot become ${to}`, {
        from: before.status,
        to,
        allowed: workTransitions[before.status],
      });
    }
    if (to === 'scheduled' && !before.windowStart && !before.dueAt) {
      throw new AppError('illegal_transition', 'Give it a time (reschedule) before it is scheduled', {
        from: before.status,
        to,
        allowed: workTransitions[before.status],
      });
    }
    const now = new Date();
    const reason = to === 'cancelled' ? (input.reason ?? null) : null;
    const after = await saveItem(tx, id, {
      status: to,
      cancelReason: reason,
      doneAt: to === 'done' ? now : null,
      updatedAt: now,
    });
    await recordStatusChanged(tx, before, after, reason);
    if (to !== 'open') await tellGuest(tx, after, to);
    return detailOf(tx.db, id);
  });
}

/** Gives the item to a person, a team, or both (null takes either away). */
export async function assignWorkItem(ctx: Ctx, id: string, input: z.output<typeof AssignWorkItemRequest>) {
  return planningChange(ctx, id, input.opId, (tx, orgId) => assignIn(tx, orgId, id, input));
}

/**
 * A change of who or when (assign, reschedule, move) by someone who plans the work: made once per
 * operation id, in one transaction, answered with the item as it is after.
 */
function planningChange(
  ctx: Ctx,
  id: string,
  opId: string | undefined,
  change: (tx: Ctx, orgId: string) => Promise<unknown>,
) {
  const orgId = workOrgOf(ctx.actor);
  requirePlanning(ctx.actor);
  return once(ctx, orgId, opId, 200, async (tx) => {
    await change(tx, orgId);
    return detailOf(tx.db, id);
  });
}

/** The reassignment itself, inside the caller's transaction. */
async function assignIn(
  tx: Ctx,
  orgId: string,
  id: string,
  input: { assigneeId?: string | null; teamId?: string | null },
) {
  const before = await lockVisible(tx, orgId, id);
  await checkAssignment(tx.db, orgId, input.assigneeId, input.teamId);
  const assigneeId = input.assigneeId === undefined ? before.assigneeId : input.assigneeId;
  const teamId = input.teamId === undefined ? before.teamId : input.teamId;
  if (assigneeId === before.assigneeId && teamId === before.teamId) return;
  const after = await saveItem(tx, id, { assigneeId, teamId, updatedAt: new Date() });
  await addHistory(tx, before, 'assigned', {
    from: { assigneeId: before.assigneeId, teamId: before.teamId },
    to: { assigneeId, teamId },
  });
  await recordUpdated(
    tx,
    before,
    after,
    'assigned',
    [assigneeId !== before.assigneeId ? 'assignee' : '', teamId !== before.teamId ? 'team' : ''].filter(Boolean),
  );
}

/**
 * Moves the item's due time or window (null clears it). An open item given a window becomes
 * scheduled; the guest hears the new time of an item that is not finished.
 */
export async function rescheduleWorkItem(ctx: Ctx, id: string, input: z.output<typeof RescheduleWorkItemRequest>) {
  return planningChange(ctx, id, input.opId, (tx, orgId) => rescheduleIn(tx, orgId, id, input));
}

/** The reschedule itself, inside the caller's transaction. */
async function rescheduleIn(
  tx: Ctx,
  orgId: string,
  id: string,
  input: { dueAt?: string | null; window?: { start: string; end: string } | null },
) {
  const before = await lockVisible(tx, orgId, id);
  if (before.status === 'done' || before.status === 'cancelled') {
    throw new AppError('illegal_transition', `A work item that is ${before.status} is not rescheduled`, {
      from: before.status,
      to: before.status,
      allowed: [],
    });
  }
  const dueAt = input.dueAt === undefined ? before.dueAt : input.dueAt ? new Date(input.dueAt) : null;
  const window = input.window ? windowOf(input.window) : null;
  const windowStart = input.window === undefined ? before.windowStart : (window?.start ?? null);
  const windowEnd = input.window === undefined ? before.windowEnd : (window?.end ?? null);
  const same = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);
  if (same(dueAt, before.dueAt) && same(windowStart, before.windowStart) && same(windowEnd, before.windowEnd)) {
    return;
  }
  const status =
    before.status === 'open' && windowStart
      ? 'scheduled'
      : before.status === 'scheduled' && !windowStart && !dueAt
        ? 'open'
        : before.status;
  const after = await saveItem(tx, id, {
    dueAt,
    windowStart,
    windowEnd,
    status,
    sortAt: sortAtOf({ windowStart, dueAt, createdAt: before.createdAt }),
    updatedAt: new Date(),
  });
  const iso = (d: Date | null) => d?.toISOString() ?? null;
  await addHistory(tx, before, 'rescheduled', {
    from: { dueAt: iso(before.dueAt), windowStart: iso(before.windowStart), windowEnd: iso(before.windowEnd) },
    to: { dueAt: iso(dueAt), windowStart: iso(windowStart), windowEnd: iso(windowEnd) },
  });
  await recordUpdated(tx, before, after, 'rescheduled', ['dueAt', 'window']);
  if (status !== before.status) await recordStatusChanged(tx, before, after, null);
  await tellGuest(tx, after, status === 'scheduled' && before.status !== 'scheduled' ? 'scheduled' : 'rescheduled');
}

/**
 * A drop on the dispatch board: the reschedule and the reassignment above, in one transaction —
 * both are made or neither (a refused time leaves the person as it was, and the other way round),
 * each with its own history, events and the guest's or customer's notice.
 */
export async function moveWorkItem(ctx: Ctx, id: string, input: z.output<typeof MoveWorkItemRequest>) {
  return planningChange(ctx, id, input.opId, async (tx, orgId) => {
    if (input.dueAt !== undefined || input.window !== undefined)
      await rescheduleIn(tx, orgId, id, { dueAt: input.dueAt, window: input.window });
    if (input.assigneeId !== undefined || input.teamId !== undefined)
      await assignIn(tx, orgId, id, { assigneeId: input.assigneeId, teamId: input.teamId });
    else await lockVisible(tx, orgId, id);
  });
}
