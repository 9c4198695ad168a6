import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { teams } from '../../db/schema.js';

/** The live teams of an organization a staff member is duty manager of, by name. */
export async function teamsManagedBy(db: Db, orgId: string, userId: string): Promise<string[]> {
  const rows = await db
    .select({ id: teams.id })
    .from(teams)
    .where(and(eq(teams.orgId, orgId), eq(teams.dutyManagerId, userId), isNull(teams.removedAt)))
    .orderBy(asc(teams.name));
  return rows.map((r) => r.id);
}
