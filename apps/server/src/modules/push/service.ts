import {
  MAX_PUSH_SUBSCRIPTIONS_PER_OWNER,
  type PushSubscriptionRequest,
  type PushUnsubscribeRequest,
} from '@frontdesk/protocol';
import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import { pushSubscriptions } from '../../db/schema.js';
import { actorOrgId, type GuestActor, type StaffActor } from '../../platform/actor.js';
import { hostOf, publicAddresses, RefusedAddressError } from '../../platform/address-guard.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';

export type PushSubscriptionRow = typeof pushSubscriptions.$inferSelect;

/** Whose devices: a staff member's, a hotel guest's or a visitor's (customers chat as visitors). */
type Owner = { orgId: string } & ({ userId: string } | { guestId: string } | { visitorId: string });

function ownerOf(actor: StaffActor | GuestActor): Owner {
  if (actor.kind === 'staff') return { orgId: actorOrgId(actor), userId: actor.userId };
  if (actor.kind === 'guest') return { orgId: actor.orgId, guestId: actor.guestId };
  return { orgId: actor.orgId, visitorId: actor.visitorId };
}

function ownedBy(owner: Owner): SQL | undefined {
  const mine =
    'userId' in owner
      ? eq(pushSubscriptions.userId, owner.userId)
      : 'guestId' in owner
        ? eq(pushSubscriptions.guestId, owner.guestId)
        : eq(pushSubscriptions.visitorId, owner.visitorId);
  return and(eq(pushSubscriptions.orgId, owner.orgId), mine);
}

/**
 * Refuses an endpoint that is not https or that resolves to the installation's own networks (the
 * server would post there: SSRF), unless the operator allows both (PUSH_ALLOW_PRIVATE, for a
 * local push service). Checked again at every push, inside the connection's own DNS lookup.
 */
async function checkEndpoint(ctx: ServiceContext, endpoint: string): Promise<void> {
  const target = new URL(endpoint);
  const { allowPrivate } = ctx.config.push;
  if (target.protocol !== 'https:' && !allowPrivate)
    throw new AppError('push_endpoint_refused', 'A push service is reached over https only', { endpoint });
  if (target.username || target.password)
    throw new AppError('push_endpoint_refused', 'A push service address holds no user name or password');
  try {
    await publicAddresses(hostOf(target), allowPrivate, 'PUSH_ALLOW_PRIVATE');
  } catch (err) {
    const why = err instanceof RefusedAddressError ? err.message : `${target.hostname} could not be found`;
    throw new AppError('push_endpoint_refused', `This address cannot receive pushes: ${why}`, { endpoint });
  }
}

/**
 * Keeps this device's subscription for the caller: one row per endpoint, so a device that
 * subscribes again (new keys) or passes to another person (a shared phone) is updated, not
 * doubled. Past MAX_PUSH_SUBSCRIPTIONS_PER_OWNER devices the oldest ones go.
 */
export async function subscribePush(
  ctx: ServiceContext<StaffActor | GuestActor>,
  input: PushSubscriptionRequest,
): Promise<PushSubscriptionRow> {
  const owner = ownerOf(ctx.actor);
  await checkEndpoint(ctx, input.endpoint);
  const values = {
    orgId: owner.orgId,
    userId: 'userId' in owner ? owner.userId : null,
    guestId: 'guestId' in owner ? owner.guestId : null,
    visitorId: 'visitorId' in owner ? owner.visitorId : null,
    endpoint: input.endpoint,
    p256dh: input.keys.p256dh.replace(/=+$/, ''),
    auth: input.keys.auth.replace(/=+$/, ''),
  };
  return ctx.transact(async (tx) => {
    const [row] = await tx.db
      .insert(pushSubscriptions)
      .values(values)
      .onConflictDoUpdate({
        target: pushSubscriptions.endpoint,
        set: { ...values, failuresInARow: 0, createdAt: new Date() },
      })
      .returning();
    if (!row) throw new Error('push subscription not stored');
    const devices = await tx.db
      .select({ id: pushSubscriptions.id })
      .from(pushSubscriptions)
      .where(ownedBy(owner))
      .orderBy(asc(pushSubscriptions.createdAt), asc(pushSubscriptions.id));
    const extra = devices.length - MAX_PUSH_SUBSCRIPTIONS_PER_OWNER;
    if (extra > 0) {
      const oldest = devices
        .filter((d) => d.id !== row.id)
        .slice(0, extra)
        .map((d) => d.id);
      await tx.db.delete(pushSubscriptions).where(inArray(pushSubscriptions.id, oldest));
    }
    return row;
  });
}

/** Forgets this device for the caller; an endpoint of anyone else is not found (and stays). */
export async function unsubscribePush(
  ctx: ServiceContext<StaffActor | GuestActor>,
  input: PushUnsubscribeRequest,
): Promise<void> {
  const deleted = await ctx.db
    .delete(pushSubscriptions)
    .where(and(ownedBy(ownerOf(ctx.actor)), eq(pushSubscriptions.endpoint, input.endpoint)))
    .returning({ id: pushSubscriptions.id });
  if (!deleted.length) throw notFound('Push subscription');
}
