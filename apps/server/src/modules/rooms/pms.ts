import type { PushRoomRequest } from '@frontdesk/protocol';
import { and, eq, gt, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { rooms, stays } from '../../db/schema.js';
import type { ApiClientActor, StaffActor } from '../../platform/actor.js';
import { actorOrgId } from '../../platform/actor.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { roomPolicy } from './policy.js';
import type { RoomRow } from './service.js';

/** A PMS (an API key of scope `stays:manage`, checked by its route) or an admin. */
type RoomPusher = StaffActor | ApiClientActor;

function pusherOrg(actor: RoomPusher): string {
  if (actor.kind === 'api_client') {
    if (actor.orgKind !== 'hotel') throw forbidden('Only hotels have rooms');
    return actor.orgId;
  }
  if (!roomPolicy.manage(actor)) throw forbidden('Only admins manage rooms');
  return actorOrgId(actor);
}

/** The live room the PMS knows by this id, or null. */
export async function roomByExternalId(db: Db, orgId: string, externalId: string): Promise<RoomRow | null> {
  const [room] = await db
    .select()
    .from(rooms)
    .where(and(eq(rooms.orgId, orgId), eq(rooms.externalId, externalId), isNull(rooms.removedAt)));
  return room ?? null;
}

/**
 * Creates the PMS's room on the first push and brings it in line on the next ones; a repeat with
 * the same body changes nothing. A room of that number without an external id is adopted, so a
 * hotel that typed its rooms before connecting the PMS keeps their stays and posters.
 */
export async function pushRoom(
  ctx: ServiceContext<RoomPusher>,
  externalId: string,
  input: z.output<typeof PushRoomRequest>,
): Promise<{ room: RoomRow; created: boolean }> {
  const orgId = pusherOrg(ctx.actor);
  try {
    return await ctx.transact(async (tx) => {
      const known =
        (await roomByExternalId(tx.db, orgId, externalId)) ?? (await adoptableRoom(tx.db, orgId, input.number));
      if (!known) {
        const [room] = await tx.db
          .insert(rooms)
          .values({
            orgId,
            externalId,
            number: input.number,
            label: input.label ?? '',
            priority: input.priority ?? false,
          })
          .returning();
        if (!room) throw new Error('insert returned nothing');
        await recordAudit(tx, {
          orgId,
          action: 'room.created',
          targetType: 'room',
          targetId: room.id,
          details: { number: room.number, externalId },
        });
        return { room, created: true };
      }
      const wanted = { externalId, number: input.number, label: input.label, priority: input.priority };
      const changes = Object.fromEntries(
        Object.entries(wanted).filter(([k, v]) => v !== undefined && known[k as keyof RoomRow] !== v),
      );
      if (!Object.keys(changes).length) return { room: known, created: false };
      const [room] = await tx.db.update(rooms).set(changes).where(eq(rooms.id, known.id)).returning();
      await recordAudit(tx, {
        orgId,
        action: 'room.updated',
        targetType: 'room',
        targetId: known.id,
        details: changes,
      });
      return { room: room as RoomRow, created: false };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      throw new AppError('room_number_taken', `Room ${input.number} already exists with another external id`, {
        number: input.number,
      });
    }
    throw err;
  }
}

async function adoptableRoom(db: Db, orgId: string, number: string): Promise<RoomRow | null> {
  const [room] = await db
    .select()
    .from(rooms)
    .where(and(eq(rooms.orgId, orgId), eq(rooms.number, number), isNull(rooms.removedAt), isNull(rooms.externalId)));
  return room ?? null;
}

/** The room the PMS names by its id, for a stay push; an unknown id is a 404. */
export async function loadRoomByExternalId(db: Db, orgId: string, externalId: string): Promise<RoomRow> {
  const room = await roomByExternalId(db, orgId, externalId);
  if (!room) throw notFound('Room');
  return room;
}

/** Whether a stay in the room is live now. */
export async function roomIsOccupied(db: Db, roomId: string): Promise<boolean> {
  const [live] = await db
    .select({ id: stays.id })
    .from(stays)
    .where(and(eq(stays.roomId, roomId), isNull(stays.endedAt), gt(stays.checkOutAt, new Date())))
    .limit(1);
  return Boolean(live);
}
