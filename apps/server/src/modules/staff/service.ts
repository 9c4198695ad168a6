import type { Role } from '@frontdesk/protocol';
import { and, asc, count, eq, ne } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, users } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { issuePasswordLink, revokeUserSessions } from '../auth/index.js';
import { forgetFiles, removeStoredFiles } from '../files/index.js';
import { staffPolicy } from './policy.js';
import { recordStaffAdded } from './welcome.js';

type UserRow = typeof users.$inferSelect;

export async function listStaff(
  { db, actor }: ServiceContext<StaffActor>,
  orgId = actorOrgId(actor),
): Promise<UserRow[]> {
  if (!(staffPolicy.list(actor) || actor.superadmin)) throw forbidden();
  return db.select().from(users).where(eq(users.orgId, orgId)).orderBy(asc(users.name));
}

/** Active staff use seats; deactivated members keep their history but free their seat. */
export async function seatUsage(db: Db, orgId: string) {
  const [org] = await db
    .select({ limit: organizations.seatLimit })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  const [used] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.active, true)));
  return { used: used?.n ?? 0, limit: org?.limit ?? 0 };
}

async function assertSeatFree(db: Db, orgId: string): Promise<void> {
  // Serialise seat checks per organization so two admins adding at once cannot both take the last seat.
  await db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId)).for('update');
  const seats = await seatUsage(db, orgId);
  if (seats.used >= seats.limit) {
    throw new AppError(
      'seat_limit_reached',
      `Your plan allows ${seats.limit} staff members and all seats are taken. Deactivate someone or upgrade the plan.`,
      seats,
    );
  }
}

/** Adds a staff member (no password yet) and returns their one-time set-password link. */
export async function addStaff(
  ctx: ServiceContext<StaffActor>,
  input: { email: string; name: string; role: Role },
  orgId = actorOrgId(ctx.actor),
) {
  const { actor } = ctx;
  if (!staffPolicy.add(actor, input.role)) {
    throw forbidden(input.role === 'admin' ? 'Only a platform super admin can add an admin' : undefined);
  }
  try {
    return await ctx.transact(async (tx) => {
      await assertSeatFree(tx.db, orgId);
      const [user] = await tx.db
        .insert(users)
        .values({ orgId, email: input.email, name: input.name, role: input.role })
        .returning();
      if (!user) throw new Error('insert returned nothing');
      const invite = await issuePasswordLink(tx.db, ctx.config.publicUrl, user.id);
      await recordStaffAdded(tx, { orgId, userId: user.id, role: input.role });
      await recordAudit(tx, {
        orgId,
        action: 'staff.added',
        targetType: 'user',
        targetId: user.id,
        details: { email: user.email, role: user.role },
      });
      return { user, invite };
    });
  } catch (err) {
    // E-mails are unique per organization only, so this says nothing about other organizations.
    if (isUniqueViolation(err))
      throw new AppError('email_taken', 'Someone in your organization already has this email');
    throw err;
  }
}

/**
 * Makes the account of someone the organization's identity provider vouches for, on their first
 * single sign-on (when the organization allows it): a seat is taken like any other staff member's,
 * and no set-password link is issued (they sign in through the provider). Run it in a transaction.
 */
export async function addStaffOnFirstSignIn(
  tx: ServiceContext,
  input: { orgId: string; email: string; name: string; role: Role },
): Promise<UserRow> {
  await assertSeatFree(tx.db, input.orgId);
  const [user] = await tx.db
    .insert(users)
    .values({ orgId: input.orgId, email: input.email, name: input.name, role: input.role })
    .returning();
  if (!user) throw new Error('insert returned nothing');
  await recordAudit(tx, {
    orgId: input.orgId,
    action: 'staff.added',
    targetType: 'user',
    targetId: user.id,
    details: { email: user.email, role: user.role, via: 'single_sign_on' },
  });
  return user;
}

/** A staff member the actor may see: their own organization's, or any for a super admin. */
export async function loadStaffMember({ db, actor }: ServiceContext<StaffActor>, id: string): Promise<UserRow> {
  const scope = actor.superadmin ? eq(users.id, id) : and(eq(users.id, id), eq(users.orgId, actorOrgId(actor)));
  const [user] = await db
    .select()
    .from(users)
    .where(and(scope, ne(users.superadmin, true)));
  if (!user?.orgId) throw notFound('Staff member');
  return user;
}

function memberOf(user: UserRow) {
  return { id: user.id, orgId: user.orgId, role: user.role as Role | null };
}

/** Refuses changes that would leave an organization without an active admin. */
async function assertAnotherAdmin(db: Db, user: UserRow): Promise<void> {
  if (user.role !== 'admin' || !user.active || !user.orgId) return;
  const [others] = await db
    .select({ n: count() })
    .from(users)
    .where(and(eq(users.orgId, user.orgId), eq(users.role, 'admin'), eq(users.active, true), ne(users.id, user.id)));
  if (!others?.n) throw new AppError('last_admin', 'An organization needs at least one active admin');
}

function assertNotSelf(actor: StaffActor, user: UserRow): void {
  if (actor.userId === user.id) throw new AppError('cannot_modify_self', 'You cannot do this to your own account');
}

export async function changeRole(ctx: ServiceContext<StaffActor>, id: string, role: Role): Promise<UserRow> {
  const { actor } = ctx;
  return ctx.transact(async (tx) => {
    const user = await loadStaffMember(tx, id);
    assertNotSelf(actor, user);
    if (!staffPolicy.changeRole(actor, memberOf(user), role)) {
      throw forbidden(
        role === 'admin' || user.role === 'admin' ? 'Only a platform super admin can change an admin role' : undefined,
      );
    }
    if (user.role === role) return user;
    if (role !== 'admin') await assertAnotherAdmin(tx.db, user);
    const [updated] = await tx.db
      .update(users)
      .set({ role, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    await tx.record({
      type: 'staff.role_changed',
      orgId: user.orgId,
      stream: `user:${id}`,
      data: { userId: id, from: user.role as Role | null, to: role, byUserId: actor.userId },
    });
    await recordAudit(tx, {
      orgId: user.orgId,
      action: 'staff.role_changed',
      targetType: 'user',
      targetId: id,
      details: { email: user.email, from: user.role, to: role },
    });
    // their sockets join or leave the desk's rooms at once (an admin sees every conversation)
    if (user.orgId) tx.announce({ type: 'staff.access_changed', orgId: user.orgId, userIds: [id] });
    return updated ?? user;
  });
}

/** Deactivating ends the member's sessions at once and frees their seat; reactivating needs a free seat. */
export async function setStaffActive(ctx: ServiceContext<StaffActor>, id: string, active: boolean): Promise<UserRow> {
  const { actor } = ctx;
  return ctx.transact(async (tx) => {
    const user = await loadStaffMember(tx, id);
    assertNotSelf(actor, user);
    if (!staffPolicy.manage(actor, memberOf(user))) throw forbidden('Only a platform super admin can manage an admin');
    if (user.active === active) return user;
    if (active && user.orgId) await assertSeatFree(tx.db, user.orgId);
    if (!active) await assertAnotherAdmin(tx.db, user);
    const [updated] = await tx.db
      .update(users)
      .set({ active, updatedAt: new Date() })
      .where(eq(users.id, id))
      .returning();
    if (!active) {
      await revokeUserSessions(tx.db, id);
      await tx.record({
        type: 'staff.deactivated',
        orgId: user.orgId,
        stream: `user:${id}`,
        data: { userId: id, byUserId: actor.userId },
      });
    }
    await recordAudit(tx, {
      orgId: user.orgId,
      action: active ? 'staff.reactivated' : 'staff.deactivated',
      targetType: 'user',
      targetId: id,
      details: { email: user.email },
    });
    return updated ?? user;
  });
}

/** Removes the account; its sessions go with it (foreign-key cascade), and its photo is deleted. */
export async function removeStaff(ctx: ServiceContext<StaffActor>, id: string): Promise<void> {
  const { actor } = ctx;
  const photoFileId = await ctx.transact(async (tx) => {
    const user = await loadStaffMember(tx, id);
    assertNotSelf(actor, user);
    if (!staffPolicy.manage(actor, memberOf(user))) throw forbidden('Only a platform super admin can remove an admin');
    await assertAnotherAdmin(tx.db, user);
    await tx.db.delete(users).where(eq(users.id, id));
    await tx.record({
      type: 'staff.removed',
      orgId: user.orgId,
      stream: `user:${id}`,
      data: { userId: id, byUserId: actor.userId },
    });
    await forgetFiles(tx.db, [user.photoFileId]);
    await recordAudit(tx, {
      orgId: user.orgId,
      action: 'staff.removed',
      targetType: 'user',
      targetId: id,
      details: { email: user.email, role: user.role },
    });
    return user.photoFileId;
  });
  await removeStoredFiles(ctx.files, [photoFileId]);
}

/** A fresh set-password link (the previous one stops working). */
export async function resendPasswordLink(ctx: ServiceContext<StaffActor>, id: string) {
  const { actor } = ctx;
  return ctx.transact(async (tx) => {
    const user = await loadStaffMember(tx, id);
    if (!staffPolicy.manage(actor, memberOf(user))) throw forbidden();
    const invite = await issuePasswordLink(tx.db, ctx.config.publicUrl, id);
    await recordAudit(tx, {
      orgId: user.orgId,
      action: 'staff.password_link_issued',
      targetType: 'user',
      targetId: id,
      details: { email: user.email },
    });
    return invite;
  });
}
