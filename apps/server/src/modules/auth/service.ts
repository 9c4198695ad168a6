import { and, eq, inArray, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, sessions, ssoSettings, users } from '../../db/schema.js';
import type { AnonymousActor, StaffActor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { Limiter } from '../../platform/rate-limit.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { verifyPassword } from './passwords.js';
import { createSession, revokeSession } from './sessions.js';

const invalidCredentials = () => new AppError('invalid_credentials', 'Email or password is incorrect');

/** Has one of these accounts signed in from this address before (a session of it is still on record)? */
async function isKnownAddress(db: Db, userIds: string[], ip: string): Promise<boolean> {
  if (!userIds.length) return false;
  const [known] = await db
    .select({ id: sessions.id })
    .from(sessions)
    .where(and(inArray(sessions.userId, userIds), eq(sessions.ip, ip)))
    .limit(1);
  return Boolean(known);
}

/** One person may be staff of several organizations, an account in each; more than this is not a person. */
const MAX_ACCOUNTS_PER_EMAIL = 5;

type UserRow = typeof users.$inferSelect;

/**
 * The account this password opens: e-mails are unique per organization only, so the password
 * picks among the person's accounts (the most recently used first when several share it).
 */
async function accountFor(db: Db, email: string, password: string): Promise<UserRow | undefined> {
  const accounts = await db
    .select()
    .from(users)
    .where(eq(users.email, email))
    .orderBy(sql`${users.lastLoginAt} desc nulls last`, users.createdAt)
    .limit(MAX_ACCOUNTS_PER_EMAIL);
  if (!accounts.length) {
    await verifyPassword(undefined, password); // the same time as a wrong password
    return undefined;
  }
  for (const account of accounts) if (await verifyPassword(account.passwordHash, password)) return account;
  return undefined;
}

async function isSpent(limiter: Limiter, key: string): Promise<boolean> {
  try {
    await limiter.check(key);
    return false;
  } catch (err) {
    if (err instanceof AppError && err.code === 'rate_limited') return true;
    throw err;
  }
}

/**
 * Signs a staff member in. Every attempt counts against the caller's address; failures count
 * against the account *from that address*, so a stranger who floods an e-mail with wrong
 * passwords locks out only themselves — the staff member signs in from their own address. A
 * generous ceiling on failures from all addresses stops a botnet; once it is reached, only
 * addresses the account signed in from before may still try. Unknown emails and wrong passwords
 * get the same answer in the same time.
 */
export async function login(ctx: ServiceContext<AnonymousActor>, input: { email: string; password: string }) {
  const { db, request } = ctx;
  const limits = ctx.limits.login;
  const ip = request.ip ?? 'unknown';
  const pair = `${input.email}\n${ip}`;
  await limits.perIp.consume(ip);
  await limits.perAccountAndIp.check(pair);

  if (await isSpent(limits.perAccount, input.email)) {
    const accounts = await db.select({ id: users.id }).from(users).where(eq(users.email, input.email));
    const known = await isKnownAddress(
      db,
      accounts.map((a) => a.id),
      ip,
    );
    if (!known) await limits.perAccount.check(input.email);
  }
  const user = await accountFor(db, input.email, input.password);
  if (!user) {
    await limits.perAccountAndIp.consume(pair);
    await limits.perAccount.consume(input.email).catch(() => {
      // past the ceiling: the failure is counted, and the answer stays "incorrect"
    });
    throw invalidCredentials();
  }
  await assertPasswordSignInOpen(db, user);
  await limits.perAccountAndIp.reset(pair);
  return openSession(ctx, user);
}

/**
 * An organization that switched password sign-in off lets its staff in through its identity provider
 * only. The platform super admin always signs in with a password: the break-glass when the provider
 * is down (they switch password sign-in back on for the organization).
 */
async function assertPasswordSignInOpen(db: Db, user: UserRow): Promise<void> {
  if (!user.orgId || user.superadmin || !user.active) return;
  const [sso] = await db
    .select({ enabled: ssoSettings.enabled, closed: ssoSettings.passwordSignInDisabled })
    .from(ssoSettings)
    .where(eq(ssoSettings.orgId, user.orgId));
  if (sso?.enabled && sso.closed) {
    throw new AppError(
      'password_sign_in_disabled',
      'Your organization signs in through its identity provider: use “Sign in with your organization”',
    );
  }
}

/**
 * Starts a session for an account whose identity was proven (a password, or the organization's
 * identity provider): refused when the account or its organization is deactivated.
 */
export async function openSession(ctx: ServiceContext<AnonymousActor>, user: UserRow) {
  const { db, request } = ctx;
  if (!user.active) throw new AppError('account_inactive', 'This account has been deactivated');
  if (user.orgId && !user.superadmin) {
    const [org] = await db
      .select({ active: organizations.active })
      .from(organizations)
      .where(eq(organizations.id, user.orgId));
    if (!org?.active) throw new AppError('organization_inactive', 'This organization has been deactivated');
  }
  await db.update(users).set({ lastLoginAt: new Date() }).where(eq(users.id, user.id));
  const session = await createSession(db, user.id, ctx.config.sessionTtlSeconds, request);
  return { ...session, userId: user.id };
}

/** Ends the actor's session; its open sockets close too (`staff.signed_out`). */
export async function logout(ctx: ServiceContext<StaffActor>): Promise<void> {
  const { actor } = ctx;
  await ctx.transact(async (tx) => {
    await revokeSession(tx.db, actor.sessionId);
    await tx.record({
      type: 'staff.signed_out',
      orgId: actor.orgId,
      stream: `user:${actor.userId}`,
      data: { userId: actor.userId, sessionId: actor.sessionId },
    });
  });
}
