import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { guestSessions } from '../../db/schema.js';

// Lives with the stays (not the guest module) because ending a stay's access is the stay's act;
// the guest module, which signs guests in, builds on stays and not the other way round.
/** Ends every session of the given guests on every device (staff ending a stay's access); returns how many. */
export async function revokeGuestSessionsOf(db: Db, guestIds: string[]): Promise<number> {
  if (!guestIds.length) return 0;
  const ended = await db
    .delete(guestSessions)
    .where(inArray(guestSessions.guestId, guestIds))
    .returning({ id: guestSessions.id });
  return ended.length;
}
