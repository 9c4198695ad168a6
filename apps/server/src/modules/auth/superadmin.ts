import { and, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { users } from '../../db/schema.js';
import { hashPassword } from './passwords.js';

/**
 * Makes sure a platform super admin with this email exists. A new account gets the password;
 * an existing one is promoted, and its password is replaced only when `resetPassword` is set.
 */
export async function ensureSuperadmin(
  db: Db,
  input: { email: string; password: string; name?: string },
  opts: { resetPassword: boolean },
): Promise<{ id: string; created: boolean }> {
  const email = input.email.toLowerCase();
  // the platform account: staff of an organization may use the same e-mail with an account of their own
  const [existing] = await db
    .select()
    .from(users)
    .where(and(eq(users.email, email), isNull(users.orgId)));
  if (existing) {
    await db
      .update(users)
      .set({
        superadmin: true,
        active: true,
        ...(opts.resetPassword ? { passwordHash: await hashPassword(input.password) } : {}),
        updatedAt: new Date(),
      })
      .where(eq(users.id, existing.id));
    return { id: existing.id, created: false };
  }
  const [created] = await db
    .insert(users)
    .values({
      email,
      name: input.name ?? 'Platform admin',
      superadmin: true,
      passwordHash: await hashPassword(input.password),
    })
    .returning({ id: users.id });
  if (!created) throw new Error('insert returned nothing');
  return { id: created.id, created: true };
}
