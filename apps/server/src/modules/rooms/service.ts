import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { rooms, stays } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import { hasChanges } from '../../platform/patch.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { roomPolicy } from './policy.js';

export type RoomRow = typeof rooms.$inferSelect;
export type RoomWithOccupancy = RoomRow & { occupied: boolean };

const MAX_BULK = 500;

function assertManage(actor: StaffActor): string {
  if (!roomPolicy.manage(actor)) throw forbidden('Only admins manage rooms');
  return actorOrgId(actor);
}

/** Rooms of the actor's organization in natural order (101 before 1001), with whether a stay is live. */
export async function listRooms(ctx: ServiceContext<StaffActor>, ids?: string[]): Promise<RoomWithOccupancy[]> {
  const { db, actor } = ctx;
  if (!roomPolicy.view(actor)) throw forbidden();
  const orgId = actorOrgId(actor);
  // Drizzle writes columns unqualified inside sql``, so the correlated subquery names its tables itself.
  const occupied = sql<boolean>`exists (select 1 from stays s where s.room_id = "rooms"."id" and s.ended_at is null and s.check_out_at > now())`;
  const rows = await db
    .select({ room: rooms, occupied })
    .from(rooms)
    .where(and(eq(rooms.orgId, orgId), isNull(rooms.removedAt), ids ? inArray(rooms.id, ids) : undefined))
    .orderBy(asc(sql`length(${rooms.number})`), asc(rooms.number));
  return rows.map((r) => ({ ...r.room, occupied: Boolean(r.occupied) }));
}

export async function loadRoom(db: Db, orgId: string, id: string): Promise<RoomRow> {
  const [room] = await db
    .select()
    .from(rooms)
    .where(and(eq(rooms.id, id), eq(rooms.orgId, orgId), isNull(rooms.removedAt)));
  if (!room) throw notFound('Room');
  return room;
}

const numberTaken = (number: string) => new AppError('room_number_taken', `Room ${number} already exists`, { number });

export async function createRoom(
  ctx: ServiceContext<StaffActor>,
  input: { number: string; label: string; priority: boolean },
) {
  const { actor } = ctx;
  const orgId = assertManage(actor);
  try {
    return await ctx.transact(async (tx) => {
      const [room] = await tx.db
        .insert(rooms)
        .values({ orgId, ...input })
        .returning();
      if (!room) throw new Error('insert returned nothing');
      await recordAudit(tx, {
        orgId,
        action: 'room.created',
        targetType: 'room',
        targetId: room.id,
        details: { number: room.number },
      });
      return room;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw numberTaken(input.number);
    throw err;
  }
}

/** Expands "101-120" into room numbers; refuses backwards or oversized ranges. */
export function expandRange(range: string): string[] {
  const [from, to] = range.split('-').map((part) => part.trim());
  const start = Number(from);
  const end = Number(to);
  if (end < start) throw new AppError('validation_failed', 'The range must go upwards, like 101-120');
  if (end - start + 1 > MAX_BULK) throw new AppError('validation_failed', `At most ${MAX_BULK} rooms at once`);
  const width = from?.startsWith('0') ? from.length : 0; // "001-010" keeps its zeros
  return Array.from({ length: end - start + 1 }, (_, i) => String(start + i).padStart(width, '0'));
}

/** Creates every room that does not exist yet; existing numbers are reported as skipped. */
export async function createRooms(ctx: ServiceContext<StaffActor>, numbers: string[], label: string) {
  const { actor } = ctx;
  const orgId = assertManage(actor);
  const unique = [...new Set(numbers)];
  return ctx.transact(async (tx) => {
    const created = await tx.db
      .insert(rooms)
      .values(unique.map((number) => ({ orgId, number, label })))
      .onConflictDoNothing({ target: [rooms.orgId, rooms.number], where: sql`removed_at is null` })
      .returning();
    const createdNumbers = new Set(created.map((r) => r.number));
    if (created.length) {
      await recordAudit(tx, {
        orgId,
        action: 'room.bulk_created',
        targetType: 'room',
        details: { numbers: [...createdNumbers] },
      });
    }
    return { created, skipped: unique.filter((n) => !createdNumbers.has(n)) };
  });
}

export async function updateRoom(
  ctx: ServiceContext<StaffActor>,
  id: string,
  changes: { number?: string; label?: string; priority?: boolean },
) {
  const { actor } = ctx;
  const orgId = assertManage(actor);
  try {
    return await ctx.transact(async (tx) => {
      const before = await loadRoom(tx.db, orgId, id);
      if (!hasChanges(changes)) return before;
      const [room] = await tx.db.update(rooms).set(changes).where(eq(rooms.id, id)).returning();
      await recordAudit(tx, {
        orgId,
        action: 'room.updated',
        targetType: 'room',
        targetId: id,
        details: changes,
      });
      return room as RoomRow;
    });
  } catch (err) {
    if (isUniqueViolation(err) && changes.number) throw numberTaken(changes.number);
    throw err;
  }
}

/** Removes a room from every list; refused while a stay in it is live. Past stays keep their room. */
export async function removeRoom(ctx: ServiceContext<StaffActor>, id: string): Promise<void> {
  const { actor } = ctx;
  const orgId = assertManage(actor);
  await ctx.transact(async (tx) => {
    const room = await loadRoom(tx.db, orgId, id);
    const [live] = await tx.db
      .select({ id: stays.id })
      .from(stays)
      .where(and(eq(stays.roomId, id), isNull(stays.endedAt), sql`${stays.checkOutAt} > now()`))
      .limit(1);
    if (live) {
      throw new AppError('room_occupied', `Room ${room.number} has a guest checked in. Check them out first.`, {
        stayId: live.id,
      });
    }
    await tx.db.update(rooms).set({ removedAt: new Date() }).where(eq(rooms.id, id));
    await recordAudit(tx, {
      orgId,
      action: 'room.removed',
      targetType: 'room',
      targetId: id,
      details: { number: room.number },
    });
  });
}
