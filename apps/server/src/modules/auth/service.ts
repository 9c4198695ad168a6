import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, users } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import { recordEvent, transact } from '../../platform/outbox/record.js';
import type { Limiter } from '../../platform/rate-limit.js';
import { verifyPassword } from './passwords.js';
import { createSession, revokeSession, type SessionInfo } from './sessions.js';

export interface LoginLimiters {
  perIp: Limiter;
  perAccount: Limiter;
}

const invalidCredentials = () => new AppError('invalid_credentials', 'Email or password is incorrect');

/**
 * Signs a staff member in. Every attempt counts against the caller's IP; failures count against
 * the account too, so guessing one account's password is slow from any number of addresses.
 * Unknown emails and wrong passwords get the same answer in the same time.
 */
export async function login(
  db: Db,
  limits: LoginLimiters,
  input: { email: string; password: string },
  ttlSeconds: number,
  info: SessionInfo,
) {
  await limits.perIp.consume(info.ip ?? 'unknown');
  await limits.perAccount.check(input.email);

  const [user] = await db.select().from(users).where(eq(users.email, input.email)).limit(1);
  const valid = await verifyPassword(user?.passwordHash, input.password);
  if (!user || !valid) {
    await limits.perAccount.consume(input.email);
    throw invalidCredentials();
  }
  if (!user.active) throw new AppError('account_inactive', 'This account has been deactivated');
  if (user.orgId && !user.superadmin) {
    const [org] = await db
      .select({ active: organizations.active })
      .from(organizations)
      .where(eq(organizations.id, user.orgId));
    if (!org?.active) throw new AppError('organization_inactive', 'This organization has been deactivated');
  }
  await limits.perAccount.reset(input.email);
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  const session = await createSession(db, user.id, ttlSeconds, info);
  return { ...session, userId: user.id };
}

/** Ends the actor's session; its open sockets close too (`staff.signed_out`). */
export async function logout(db: Db, actor: StaffActor): Promise<void> {
  await transact(db, async (tx) => {
    await revokeSession(tx, actor.sessionId);
    await recordEvent(tx, {
      type: 'staff.signed_out',
      orgId: actor.orgId,
      stream: `user:${actor.userId}`,
      data: { userId: actor.userId, sessionId: actor.sessionId },
    });
  });
}
