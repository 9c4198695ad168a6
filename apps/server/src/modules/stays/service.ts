import type { ChangeGuestRequest } from '@frontdesk/protocol';
import { and, asc, desc, eq, gt, gte, ilike, inArray, isNotNull, isNull, lte, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations, organizations, rooms, stayGuests, stays } from '../../db/schema.js';
import { type ApiClientActor, actorOrgId, type StaffActor, seesEveryConversation } from '../../platform/actor.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { loadOrganization } from '../organizations/index.js';
import { loadRoom, roomPolicy } from '../rooms/index.js';
import { newAccessCode } from './codes.js';
import { revokeGuestSessionsOf } from './guest-access.js';
import { stayStatus } from './status.js';
import { parseStayTime, startOfToday } from './time.js';

export type StayRow = typeof stays.$inferSelect;
export type GuestRow = typeof stayGuests.$inferSelect;
export type RoomRow = typeof rooms.$inferSelect;
export interface StayView {
  stay: StayRow;
  room: RoomRow;
  guests: GuestRow[];
  /** Queued or open requests of the stay. */
  liveConversations: number;
}

/**
 * Queued or open requests of each stay that the actor sees. Under team visibility an agent counts
 * only those of no team, of their teams or their own — the conversations' policy (`visibleToStaff`
 * there), restated here because stays come before conversations in the modules' layers.
 */
async function liveConversationCounts(db: Db, actor: DeskActor, stayIds: string[]): Promise<Map<string, number>> {
  if (!stayIds.length) return new Map();
  // a key acts for the whole organization
  const visible =
    actor.kind === 'api_client' || seesEveryConversation(actor)
      ? undefined
      : or(
          isNull(conversations.teamId),
          actor.teamIds.length ? inArray(conversations.teamId, [...actor.teamIds]) : undefined,
          eq(conversations.assigneeId, actor.userId),
        );
  const rows = await db
    .select({ stayId: conversations.stayId, n: sql<number>`count(*)::int` })
    .from(conversations)
    .where(and(inArray(conversations.stayId, stayIds), inArray(conversations.status, ['queued', 'open']), visible))
    .groupBy(conversations.stayId);
  return new Map(rows.map((r) => [r.stayId ?? '', r.n]));
}

export interface GuestInput {
  name?: string;
  email?: string;
  phone?: string;
  language?: string;
  vip: boolean;
  /** The PMS's guest-profile id. */
  externalId?: string;
}

const MAX_STAY_MS = 366 * 24 * 3600 * 1000;

/** Who handles stays: reception and admins, or a PMS with an API key of scope `stays:manage` (its route checked it). */
export type DeskActor = StaffActor | ApiClientActor;

export function assertDesk(actor: DeskActor): string {
  if (actor.kind === 'api_client') {
    if (actor.orgKind !== 'hotel') throw forbidden('Only hotels have stays');
    return actor.orgId;
  }
  if (!roomPolicy.view(actor)) throw forbidden('Only reception and admins handle stays');
  return actorOrgId(actor);
}

/** `stay.ended`, which also cuts the stay's guests off their live sessions. */
function recordStayEnded(tx: ServiceContext, stay: StayRow, reason: 'checked_out' | 'due') {
  return tx.record({
    type: 'stay.ended',
    orgId: stay.orgId,
    stream: `stay:${stay.id}`,
    data: { stayId: stay.id, roomId: stay.roomId, reason },
  });
}

/** Marks stays whose check-out time has passed as ended (the periodic job, and before check-in). */
export async function endDueStays(ctx: ServiceContext, roomId?: string): Promise<StayRow[]> {
  return ctx.transact(async (tx) => {
    const ended = await tx.db
      .update(stays)
      .set({ endedAt: stays.checkOutAt, updatedAt: new Date() })
      .where(
        and(isNull(stays.endedAt), lte(stays.checkOutAt, new Date()), roomId ? eq(stays.roomId, roomId) : undefined),
      )
      .returning();
    for (const stay of ended) await recordStayEnded(tx, stay, 'due');
    return ended;
  });
}

/** Adds a guest with a fresh access code; a code collision (vanishingly rare) just draws again. */
async function insertGuest(ctx: ServiceContext, orgId: string, stayId: string, guest: GuestInput): Promise<GuestRow> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await ctx.transact(async (tx) => {
        const [row] = await tx.db
          .insert(stayGuests)
          .values({ orgId, stayId, code: newAccessCode(), ...guest })
          .returning();
        if (!row) throw new Error('insert returned nothing');
        return row;
      });
    } catch (err) {
      if (!isUniqueViolation(err) || attempt >= 5) throw err;
    }
  }
}

function checkTimes(checkInAt: Date, checkOutAt: Date): void {
  if (checkOutAt.getTime() <= Math.max(Date.now(), checkInAt.getTime())) {
    throw new AppError('validation_failed', 'The check-out time must be in the future and after check-in');
  }
  if (checkOutAt.getTime() - checkInAt.getTime() > MAX_STAY_MS) {
    throw new AppError('validation_failed', 'A stay can last at most a year');
  }
}

/**
 * Checks a guest into a free room; the guest gets an access code valid for exactly this stay. A
 * stay in the room that is past its check-out time ends on the way: it comes back in `ended`, for
 * the caller to announce like any other ending stay.
 */
export async function checkIn(
  ctx: ServiceContext<DeskActor>,
  input: { roomId: string; checkOutAt: string; checkInAt?: string; guest: GuestInput; externalId?: string },
): Promise<StayView & { ended: StayRow[] }> {
  const { db, actor } = ctx;
  const orgId = assertDesk(actor);
  const org = await loadOrganization(db, orgId);
  const checkInAt = input.checkInAt ? parseStayTime(input.checkInAt, org.timezone) : new Date();
  const checkOutAt = parseStayTime(input.checkOutAt, org.timezone);
  checkTimes(checkInAt, checkOutAt);
  try {
    return await ctx.transact(async (tx) => {
      const room = await loadRoom(tx.db, orgId, input.roomId);
      const ended = await endDueStays(tx, room.id);
      const [stay] = await tx.db
        .insert(stays)
        .values({
          orgId,
          roomId: room.id,
          checkInAt,
          checkOutAt,
          externalId: input.externalId,
          createdBy: actor.kind === 'staff' ? actor.userId : null,
        })
        .returning();
      if (!stay) throw new Error('insert returned nothing');
      const guest = await insertGuest(tx, orgId, stay.id, input.guest);
      await recordAudit(tx, {
        orgId,
        action: 'stay.checked_in',
        targetType: 'stay',
        targetId: stay.id,
        details: { room: room.number, guest: guest.name, checkOutAt: checkOutAt.toISOString() },
      });
      return { stay, room, guests: [guest], liveConversations: 0, ended };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError(
        'room_occupied',
        'This room already has a guest checked in. Check them out or add a guest to that stay.',
      );
    }
    throw err;
  }
}

export async function loadStay(ctx: ServiceContext<DeskActor>, id: string): Promise<StayView> {
  const { db, actor } = ctx;
  const orgId = assertDesk(actor);
  const [row] = await db
    .select({ stay: stays, room: rooms })
    .from(stays)
    .innerJoin(rooms, eq(rooms.id, stays.roomId))
    .where(and(eq(stays.id, id), eq(stays.orgId, orgId)));
  if (!row) throw notFound('Stay');
  const guests = await db.select().from(stayGuests).where(eq(stayGuests.stayId, id)).orderBy(asc(stayGuests.createdAt));
  const live = await liveConversationCounts(db, actor, [id]);
  return { ...row, guests, liveConversations: live.get(id) ?? 0 };
}

function assertNotEnded(view: StayView): void {
  if (stayStatus(view.stay) === 'ended') {
    throw new AppError('stay_ended', 'This stay has ended. Check the guest in again for a new stay.');
  }
}

/** A second (third…) guest in the same room, with an access code of their own. */
export async function addGuest(ctx: ServiceContext<StaffActor>, stayId: string, guest: GuestInput): Promise<StayView> {
  const view = await loadStay(ctx, stayId);
  assertNotEnded(view);
  await insertGuest(ctx, view.stay.orgId, stayId, guest);
  return loadStay(ctx, stayId);
}

/**
 * Corrects a guest's details (the desk's to keep: name, e-mail, phone, language, VIP), on a live or
 * an ended stay. An empty change changes nothing and records nothing.
 */
export async function changeGuest(
  ctx: ServiceContext<StaffActor>,
  stayId: string,
  guestId: string,
  change: ChangeGuestRequest,
): Promise<StayView> {
  const view = await loadStay(ctx, stayId);
  const guest = view.guests.find((g) => g.id === guestId);
  if (!guest) throw notFound('Guest');
  const changed = Object.fromEntries(
    Object.entries(change).filter(([key, value]) => value !== undefined && guest[key as keyof typeof guest] !== value),
  );
  if (Object.keys(changed).length === 0) return view;
  await ctx.transact(async (tx) => {
    await tx.db.update(stayGuests).set(changed).where(eq(stayGuests.id, guestId));
    await recordAudit(tx, {
      orgId: view.stay.orgId,
      action: 'stay.guest_changed',
      targetType: 'stay',
      targetId: stayId,
      details: { room: view.room.number, guest: change.name ?? guest.name, changed: Object.keys(changed).join(', ') },
    });
  });
  return loadStay(ctx, stayId);
}

/** Extends or shortens a live stay. */
export async function changeCheckOut(
  ctx: ServiceContext<DeskActor>,
  stayId: string,
  checkOutAt: string,
): Promise<StayView> {
  const { db } = ctx;
  const view = await loadStay(ctx, stayId);
  assertNotEnded(view);
  const org = await loadOrganization(db, view.stay.orgId);
  const at = parseStayTime(checkOutAt, org.timezone);
  checkTimes(view.stay.checkInAt, at);
  await ctx.transact(async (tx) => {
    await tx.db.update(stays).set({ checkOutAt: at, updatedAt: new Date() }).where(eq(stays.id, stayId));
    await recordAudit(tx, {
      orgId: view.stay.orgId,
      action: 'stay.check_out_changed',
      targetType: 'stay',
      targetId: stayId,
      details: { room: view.room.number, from: view.stay.checkOutAt.toISOString(), to: at.toISOString() },
    });
  });
  return loadStay(ctx, stayId);
}

/**
 * Moves a live stay to another free room: the guests keep their codes and their requests, which
 * show the new room from now on. A stay in that room past its check-out time ends on the way.
 */
export async function moveStay(ctx: ServiceContext<DeskActor>, stayId: string, roomId: string): Promise<StayView> {
  const view = await loadStay(ctx, stayId);
  assertNotEnded(view);
  if (view.room.id === roomId) return view;
  const orgId = view.stay.orgId;
  try {
    await ctx.transact(async (tx) => {
      const room = await loadRoom(tx.db, orgId, roomId);
      await endDueStays(tx, room.id);
      await tx.db.update(stays).set({ roomId: room.id, updatedAt: new Date() }).where(eq(stays.id, stayId));
      await tx.record({
        type: 'stay.room_moved',
        orgId,
        stream: `stay:${stayId}`,
        data: { stayId, fromRoomId: view.room.id, toRoomId: room.id },
      });
      await recordAudit(tx, {
        orgId,
        action: 'stay.room_moved',
        targetType: 'stay',
        targetId: stayId,
        details: { from: view.room.number, to: room.number },
      });
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw new AppError('room_occupied', 'That room already has a guest checked in.');
    throw err;
  }
  return loadStay(ctx, stayId);
}

/** Ends the stay now: the guests' codes stop working at once; their history stays readable for the grace period. */
export async function checkOut(ctx: ServiceContext<DeskActor>, stayId: string): Promise<StayView> {
  const view = await loadStay(ctx, stayId);
  if (stayStatus(view.stay) === 'ended') return view;
  const now = new Date();
  await ctx.transact(async (tx) => {
    const [ended] = await tx.db
      .update(stays)
      .set({
        endedAt: now,
        checkOutAt: sql`least(${stays.checkOutAt}, ${now.toISOString()}::timestamptz)`,
        updatedAt: now,
      })
      .where(and(eq(stays.id, stayId), isNull(stays.endedAt)))
      .returning();
    if (!ended) return; // a colleague checked it out a moment ago: theirs is the event
    await recordStayEnded(tx, ended, 'checked_out');
    await recordAudit(tx, {
      orgId: view.stay.orgId,
      action: 'stay.checked_out',
      targetType: 'stay',
      targetId: stayId,
      details: { room: view.room.number },
    });
  });
  return loadStay(ctx, stayId);
}

/**
 * Signs the stay's guests out on every device now. After check-out this ends the read-only grace
 * period too (the codes already open nothing new); during the stay, the code signs them in again.
 */
export async function endGuestAccess(ctx: ServiceContext<StaffActor>, stayId: string): Promise<StayView> {
  const { actor } = ctx;
  const view = await loadStay(ctx, stayId);
  await ctx.transact(async (tx) => {
    const sessions = await revokeGuestSessionsOf(
      tx.db,
      view.guests.map((g) => g.id),
    );
    // the gateway drops the stay's live sockets; with their sessions gone they cannot come back
    await tx.record({
      type: 'stay.guest_access_ended',
      orgId: view.stay.orgId,
      stream: `stay:${stayId}`,
      data: { stayId, roomId: view.room.id, byUserId: actor.userId, sessions },
    });
    await recordAudit(tx, {
      orgId: view.stay.orgId,
      action: 'stay.guest_access_ended',
      targetType: 'stay',
      targetId: stayId,
      details: { room: view.room.number, sessions },
    });
  });
  return view;
}

export type StayFilter = 'current' | 'upcoming' | 'ended_today' | 'all_live';

/** The desk's list: live stays by check-out time, or the stays that ended today (organization time). */
export async function listStays(ctx: ServiceContext<StaffActor>, filter: StayFilter, q?: string): Promise<StayView[]> {
  const { db, actor } = ctx;
  const orgId = assertDesk(actor);
  const now = new Date();
  const live = and(isNull(stays.endedAt), gt(stays.checkOutAt, now));
  let where = live;
  if (filter === 'current') where = and(live, lte(stays.checkInAt, now));
  if (filter === 'upcoming') where = and(live, gt(stays.checkInAt, now));
  if (filter === 'ended_today') {
    const [org] = await db
      .select({ timezone: organizations.timezone })
      .from(organizations)
      .where(eq(organizations.id, orgId));
    const since = startOfToday(org?.timezone ?? 'UTC', now);
    where = or(
      and(isNotNull(stays.endedAt), gte(stays.endedAt, since)),
      and(isNull(stays.endedAt), lte(stays.checkOutAt, now), gte(stays.checkOutAt, since)),
    );
  }
  const search = q
    ? or(
        ilike(rooms.number, `${escapeLike(q)}%`),
        sql`exists (select 1 from ${stayGuests} where ${stayGuests.stayId} = ${stays.id} and ${stayGuests.name} ilike ${`%${escapeLike(q)}%`})`,
      )
    : undefined;
  const rows = await db
    .select({ stay: stays, room: rooms })
    .from(stays)
    .innerJoin(rooms, eq(rooms.id, stays.roomId))
    .where(and(eq(stays.orgId, orgId), where, search))
    .orderBy(filter === 'ended_today' ? desc(stays.checkOutAt) : asc(stays.checkOutAt))
    .limit(500);
  if (!rows.length) return [];
  const guests = await db
    .select()
    .from(stayGuests)
    .where(
      inArray(
        stayGuests.stayId,
        rows.map((r) => r.stay.id),
      ),
    )
    .orderBy(asc(stayGuests.createdAt));
  const counts = await liveConversationCounts(
    db,
    actor,
    rows.map((r) => r.stay.id),
  );
  return rows.map((r) => ({
    ...r,
    guests: guests.filter((g) => g.stayId === r.stay.id),
    liveConversations: counts.get(r.stay.id) ?? 0,
  }));
}

function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, (c) => `\\${c}`);
}
