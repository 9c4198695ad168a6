import type { PushStayRequest } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import { stays } from '../../db/schema.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { loadOrganization } from '../organizations/index.js';
import { loadRoom, loadRoomByExternalId } from '../rooms/index.js';
import {
  assertDesk,
  changeCheckOut,
  checkIn,
  checkOut,
  type DeskActor,
  loadStay,
  moveStay,
  type StayView,
} from './service.js';
import { stayStatus } from './status.js';
import { parseStayTime } from './time.js';

/** The stay the PMS knows by this reservation id, or null. */
async function stayIdByExternalId(ctx: ServiceContext<DeskActor>, externalId: string): Promise<string | null> {
  const orgId = assertDesk(ctx.actor);
  const [row] = await ctx.db
    .select({ id: stays.id })
    .from(stays)
    .where(and(eq(stays.orgId, orgId), eq(stays.externalId, externalId)));
  return row?.id ?? null;
}

export async function loadStayByExternalId(ctx: ServiceContext<DeskActor>, externalId: string): Promise<StayView> {
  const id = await stayIdByExternalId(ctx, externalId);
  if (!id) throw notFound('Stay');
  return loadStay(ctx, id);
}

/**
 * A PMS's push of a reservation (README "PMS integration"): the first one checks the guest in;
 * later ones move the stay to another room or change its check-out time when those differ, and
 * change nothing when they do not, so a retried push is harmless. A push for a stay that has
 * ended returns it as it is.
 */
export async function pushStay(
  ctx: ServiceContext<DeskActor>,
  externalId: string,
  input: PushStayRequest,
): Promise<{ view: StayView; created: boolean }> {
  const orgId = assertDesk(ctx.actor);
  const room = input.roomId
    ? await loadRoom(ctx.db, orgId, input.roomId)
    : await loadRoomByExternalId(ctx.db, orgId, input.roomExternalId ?? '');
  let id = await stayIdByExternalId(ctx, externalId);
  if (!id) {
    try {
      const { ended: _ended, ...view } = await checkIn(ctx, {
        roomId: room.id,
        checkOutAt: input.checkOutAt,
        checkInAt: input.checkInAt,
        guest: input.guest,
        externalId,
      });
      return { view, created: true };
    } catch (err) {
      // two pushes of one reservation at once: the other one checked the guest in
      id = err instanceof AppError && err.code === 'room_occupied' ? await stayIdByExternalId(ctx, externalId) : null;
      if (!id) throw err;
    }
  }
  let view = await loadStay(ctx, id);
  if (stayStatus(view.stay) === 'ended') return { view, created: false };
  if (view.room.id !== room.id) view = await moveStay(ctx, id, room.id);
  const org = await loadOrganization(ctx.db, orgId);
  if (parseStayTime(input.checkOutAt, org.timezone).getTime() !== view.stay.checkOutAt.getTime()) {
    view = await changeCheckOut(ctx, id, input.checkOutAt);
  }
  return { view, created: false };
}

/** Checks the PMS's reservation out; a repeat returns the ended stay. */
export async function checkOutByExternalId(ctx: ServiceContext<DeskActor>, externalId: string): Promise<StayView> {
  const id = await stayIdByExternalId(ctx, externalId);
  if (!id) throw notFound('Stay');
  return checkOut(ctx, id);
}
