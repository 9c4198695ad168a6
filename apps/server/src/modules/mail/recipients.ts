import { and, eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { users } from '../../db/schema.js';
import type { Recipient } from './queue.js';

export interface StaffRecipient extends Recipient {
  id: string;
  name: string;
  active: boolean;
  hasPassword: boolean;
}

/** A staff member as a recipient; null once the account is gone. */
export async function staffRecipient(db: Db, userId: string): Promise<StaffRecipient | null> {
  const [user] = await db.select().from(users).where(eq(users.id, userId));
  if (!user) return null;
  return { id: user.id, address: user.email, name: user.name, active: user.active, hasPassword: !!user.passwordHash };
}

/** The active admins of an organization. */
export async function adminsOf(db: Db, orgId: string): Promise<StaffRecipient[]> {
  const admins = await db
    .select()
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, 'admin'), eq(users.active, true)));
  return admins.map((u) => ({ id: u.id, address: u.email, name: u.name, active: true, hasPassword: !!u.passwordHash }));
}
