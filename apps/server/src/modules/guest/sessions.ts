import { and, eq, gt, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { guestSessions, organizations, stayGuests, stays, visitors } from '../../db/schema.js';
import type { GuestActor } from '../../platform/actor.js';
import { GUEST_TOKEN_PREFIX } from '../../platform/auth.js';
import { newToken, tokenId } from '../auth/index.js';
import { stayEnd } from '../stays/index.js';

/** Guest tokens are told apart from staff tokens by their prefix, so one lookup serves either. */
const VISITOR_SESSION_MS = 7 * 24 * 3600 * 1000;

export async function createGuestSession(
  db: Db,
  input: { orgId: string; guestId?: string; visitorId?: string; expiresAt?: Date },
): Promise<{ token: string }> {
  const { token, id } = newToken(GUEST_TOKEN_PREFIX);
  await db.insert(guestSessions).values({
    id,
    orgId: input.orgId,
    guestId: input.guestId ?? null,
    visitorId: input.visitorId ?? null,
    expiresAt: input.expiresAt ?? new Date(Date.now() + VISITOR_SESSION_MS),
  });
  return { token };
}

/**
 * The guest behind a token, with what they may do right now: `active` during the stay,
 * `read_only` for the grace period after it ended, nothing after that. Computed from the stay on
 * every call, so a check-out (by hand or by the clock) takes effect at once on every node.
 */
export async function resolveGuestSession(db: Db, token: string, now = Date.now()): Promise<GuestActor | null> {
  return (await resolveGuestSessions(db, [token], now)).get(token) ?? null;
}

/**
 * Many tokens in one query (the realtime gateway revalidates thousands of guest sockets a
 * minute): the ones still good, each with its guest. Tokens that are not in the map are over.
 */
export async function resolveGuestSessions(
  db: Db,
  tokens: string[],
  now = Date.now(),
): Promise<Map<string, GuestActor>> {
  const tokenOf = new Map(tokens.map((token) => [tokenId(token), token]));
  const resolved = new Map<string, GuestActor>();
  if (!tokenOf.size) return resolved;
  const rows = await db
    .select({
      session: guestSessions,
      orgActive: organizations.active,
      grace: organizations.guestGraceHours,
      stay: stays,
    })
    .from(guestSessions)
    .innerJoin(organizations, eq(organizations.id, guestSessions.orgId))
    .leftJoin(stayGuests, eq(stayGuests.id, guestSessions.guestId))
    .leftJoin(stays, eq(stays.id, stayGuests.stayId))
    .where(and(inArray(guestSessions.id, [...tokenOf.keys()]), gt(guestSessions.expiresAt, new Date(now))));
  for (const row of rows) {
    const actor = guestActorOf(row, now);
    const token = tokenOf.get(row.session.id);
    if (actor && token) resolved.set(token, actor);
  }
  return resolved;
}

function guestActorOf(
  row: {
    session: typeof guestSessions.$inferSelect;
    orgActive: boolean;
    grace: number;
    stay: typeof stays.$inferSelect | null;
  },
  now: number,
): GuestActor | null {
  const { session, stay } = row;
  if (!row.orgActive) return null;
  if (session.visitorId) {
    return {
      kind: 'visitor',
      orgId: session.orgId,
      visitorId: session.visitorId,
      sessionId: session.id,
      access: 'active',
    };
  }
  if (!session.guestId || !stay) return null;
  const access = guestAccess(stay, row.grace, now);
  if (!access) return null;
  return {
    kind: 'guest',
    orgId: session.orgId,
    guestId: session.guestId,
    stayId: stay.id,
    sessionId: session.id,
    access: access.access,
  };
}

/** What a stay allows now, and until when the read-only view lasts; null once it is all over. */
export function guestAccess(
  stay: { checkInAt: Date; checkOutAt: Date; endedAt: Date | null },
  graceHours: number,
  now = Date.now(),
): { access: 'active' | 'read_only'; readOnlyUntil: Date } | null {
  const end = stayEnd(stay, now);
  const readOnlyUntil = new Date((end ?? stay.checkOutAt).getTime() + graceHours * 3600 * 1000);
  if (!end) return { access: 'active', readOnlyUntil };
  return now < readOnlyUntil.getTime() ? { access: 'read_only', readOnlyUntil } : null;
}

export async function revokeGuestSession(db: Db, sessionId: string): Promise<void> {
  await db.delete(guestSessions).where(eq(guestSessions.id, sessionId));
}

export async function loadVisitor(db: Db, visitorId: string) {
  const [visitor] = await db.select().from(visitors).where(eq(visitors.id, visitorId));
  return visitor ?? null;
}
