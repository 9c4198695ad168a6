import { eq, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, stayGuests } from '../../db/schema.js';
import { type Language, languageOf } from '../../platform/i18n.js';

/** The language each guest reads (their own, else their organization's), by guest id. */
export async function guestLanguages(db: Db, where: SQL | undefined): Promise<Map<string, Language>> {
  const rows = await db
    .select({ id: stayGuests.id, own: stayGuests.language, org: organizations.language })
    .from(stayGuests)
    .innerJoin(organizations, eq(organizations.id, stayGuests.orgId))
    .where(where);
  return new Map(rows.map((r) => [r.id, languageOf(r.own, r.org)]));
}

/** The guests of a stay with the language each reads. */
export const stayGuestLanguages = (db: Db, stayId: string) => guestLanguages(db, eq(stayGuests.stayId, stayId));
