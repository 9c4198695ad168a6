import { and, eq, inArray, isNotNull, isNull, notInArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { users } from '../../db/schema.js';

/**
 * Keeps `users.absent_since` in step with presence: staff of the organization not connected now
 * are absent since now (if they were not already), those connected are not. Called on every
 * presence change; two small updates.
 */
export async function markAbsence(db: Db, orgId: string, present: string[], now = new Date()): Promise<void> {
  await db
    .update(users)
    .set({ absentSince: now })
    .where(
      and(
        eq(users.orgId, orgId),
        isNull(users.absentSince),
        inArray(users.role, ['admin', 'agent']),
        present.length ? notInArray(users.id, present) : undefined,
      ),
    );
  if (present.length) {
    await db
      .update(users)
      .set({ absentSince: null })
      .where(and(eq(users.orgId, orgId), inArray(users.id, present), isNotNull(users.absentSince)));
  }
}
