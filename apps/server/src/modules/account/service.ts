import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, users } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import { hasChanges } from '../../platform/patch.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { hashPassword, revokeUserSessions, verifyPassword } from '../auth/index.js';
import { teamsManagedBy } from '../teams/index.js';

export async function loadSelf({ db, actor }: ServiceContext<StaffActor>) {
  const [user] = await db.select().from(users).where(eq(users.id, actor.userId));
  if (!user) throw notFound('Account');
  return user;
}

export async function updateProfile(ctx: ServiceContext<StaffActor>, changes: { name?: string; motto?: string }) {
  const { db, actor } = ctx;
  if (!hasChanges(changes)) return loadSelf(ctx);
  const [user] = await db
    .update(users)
    .set({ ...changes, updatedAt: new Date() })
    .where(eq(users.id, actor.userId))
    .returning();
  if (!user) throw notFound('Account');
  return user;
}

/** Needs the current password; signs out every other session of the account. */
export async function changeOwnPassword(ctx: ServiceContext<StaffActor>, currentPassword: string, newPassword: string) {
  const { actor } = ctx;
  const user = await loadSelf(ctx);
  if (!(await verifyPassword(user.passwordHash, currentPassword))) {
    throw new AppError('invalid_credentials', 'The current password is incorrect');
  }
  const passwordHash = await hashPassword(newPassword);
  await ctx.transact(async (tx) => {
    await tx.db.update(users).set({ passwordHash, updatedAt: new Date() }).where(eq(users.id, actor.userId));
    await revokeUserSessions(tx.db, actor.userId, actor.sessionId);
    await recordAudit(tx, {
      orgId: user.orgId,
      action: 'account.password_changed',
      targetType: 'user',
      targetId: user.id,
    });
  });
}

/** The account with its organization, as `who am I` shows it. */
/** The signed-in staff member, their organization, and the teams they are duty manager of. */
export async function getCurrentUser(db: Db, userId: string) {
  const [row] = await db
    .select({ user: users, org: organizations })
    .from(users)
    .leftJoin(organizations, eq(organizations.id, users.orgId))
    .where(eq(users.id, userId));
  if (!row) throw notFound('Account');
  const managedTeamIds = row.user.orgId ? await teamsManagedBy(db, row.user.orgId, userId) : [];
  return { ...row, managedTeamIds };
}
