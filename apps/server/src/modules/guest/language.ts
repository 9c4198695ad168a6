import { eq, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, stayGuests, visitors } from '../../db/schema.js';
import { type Language, languageOf } from '../../platform/i18n.js';
import { guestLanguages } from '../stays/index.js';

/** The language of each of these guests and visitors (a visitor reads their organization's), by their id. */
export async function contactLanguages(
  db: Db,
  contacts: { guestIds: string[]; visitorIds: string[] },
): Promise<Map<string, Language>> {
  const languages = contacts.guestIds.length
    ? await guestLanguages(db, inArray(stayGuests.id, contacts.guestIds))
    : new Map<string, Language>();
  if (contacts.visitorIds.length) {
    const rows = await db
      .select({ id: visitors.id, org: organizations.language })
      .from(visitors)
      .innerJoin(organizations, eq(organizations.id, visitors.orgId))
      .where(inArray(visitors.id, contacts.visitorIds));
    for (const r of rows) languages.set(r.id, languageOf(r.org));
  }
  return languages;
}
