import { plans } from '@frontdesk/protocol';
import { count } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, rooms, users } from '../../db/schema.js';
import { hashPassword } from '../auth/index.js';

export const DEMO_PASSWORD = 'aurora-demo-2026';

export const demoAccounts = [
  { email: 'admin@aurora.example', name: 'Anna Kowalska', role: 'admin', motto: 'Your stay, our care.' },
  { email: 'reception1@aurora.example', name: 'Piotr Nowak', role: 'agent', motto: 'Happy to help, day and night.' },
  { email: 'reception2@aurora.example', name: 'Maria Wiśniewska', role: 'agent', motto: 'Ask me about Warsaw!' },
] as const;

export const demoSuperadmin = { email: 'owner@frontdesk.example', name: 'Platform owner' };

/**
 * On a brand-new installation (no organizations, no users) creates the demo hotel, its staff and
 * rooms 101–120, plus a platform owner account when none is configured. Returns false when the
 * installation already has data, so restarts never touch it.
 */
export async function seedDemo(db: Db, opts: { withSuperadmin: boolean }): Promise<boolean> {
  const [orgs] = await db.select({ n: count() }).from(organizations);
  const [people] = await db.select({ n: count() }).from(users);
  if ((orgs?.n ?? 0) > 0 || (people?.n ?? 0) > 0) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await db.transaction(async (tx) => {
    const [hotel] = await tx
      .insert(organizations)
      .values({
        slug: 'hotel-aurora',
        name: 'Hotel Aurora',
        motto: 'Warsaw’s warmest welcome',
        timezone: 'Europe/Warsaw',
        language: 'en',
        plan: 'free',
        seatLimit: plans.free,
      })
      .returning();
    if (!hotel) throw new Error('insert returned nothing');
    await tx.insert(users).values(demoAccounts.map((a) => ({ ...a, orgId: hotel.id, passwordHash })));
    await tx
      .insert(rooms)
      .values(Array.from({ length: 20 }, (_, i) => ({ orgId: hotel.id, number: String(101 + i), label: 'Floor 1' })));
    if (opts.withSuperadmin) {
      await tx.insert(users).values({ ...demoSuperadmin, superadmin: true, passwordHash });
    }
  });
  return true;
}
