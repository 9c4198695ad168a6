import { and, eq, inArray, or } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations, customers, rooms, stayGuests, stays, visitors } from '../../db/schema.js';
import { notFound } from '../../platform/errors.js';

/**
 * Whose data an export or an erasure is about: the guests of one stay, one customer, or one
 * visitor of the public entry (export only: README "Privacy (GDPR) operations").
 */
export type SubjectKind = 'stay' | 'customer' | 'visitor';

/** A person (or a stay's guests) and the rows that hold them, within one organization. */
export interface Subject {
  kind: SubjectKind;
  id: string;
  orgId: string;
  stay: (typeof stays.$inferSelect & { roomNumber: string }) | null;
  guests: (typeof stayGuests.$inferSelect)[];
  customer: typeof customers.$inferSelect | null;
  visitor: typeof visitors.$inferSelect | null;
  visitorIds: string[];
  conversationIds: string[];
}

/** The subject of `orgId` named by `kind` and `id`, with their conversations; another organization's is a 404. */
export async function loadSubject(db: Db, orgId: string, kind: SubjectKind, id: string): Promise<Subject> {
  if (kind === 'stay') {
    const [row] = await db
      .select({ stay: stays, roomNumber: rooms.number })
      .from(stays)
      .innerJoin(rooms, eq(rooms.id, stays.roomId))
      .where(and(eq(stays.orgId, orgId), eq(stays.id, id)));
    if (!row) throw notFound('Stay');
    const guests = await db.select().from(stayGuests).where(eq(stayGuests.stayId, id));
    const guestIds = guests.map((g) => g.id);
    const held = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(
        and(
          eq(conversations.orgId, orgId),
          or(eq(conversations.stayId, id), guestIds.length ? inArray(conversations.guestId, guestIds) : undefined),
        ),
      );
    return {
      kind,
      id,
      orgId,
      stay: { ...row.stay, roomNumber: row.roomNumber },
      guests,
      customer: null,
      visitor: null,
      visitorIds: [],
      conversationIds: held.map((c) => c.id),
    };
  }
  if (kind === 'visitor') {
    const [visitor] = await db
      .select()
      .from(visitors)
      .where(and(eq(visitors.orgId, orgId), eq(visitors.id, id)));
    if (!visitor) throw notFound('Visitor');
    const held = await db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.orgId, orgId), eq(conversations.visitorId, id)));
    return {
      kind,
      id,
      orgId,
      stay: null,
      guests: [],
      customer: null,
      visitor,
      visitorIds: [id],
      conversationIds: held.map((c) => c.id),
    };
  }
  const [customer] = await db
    .select()
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.id, id)));
  if (!customer) throw notFound('Customer');
  const visitorIds = (
    await db
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.orgId, orgId), eq(visitors.customerId, id)))
  ).map((v) => v.id);
  const held = visitorIds.length
    ? await db
        .select({ id: conversations.id })
        .from(conversations)
        .where(and(eq(conversations.orgId, orgId), inArray(conversations.visitorId, visitorIds)))
    : [];
  return {
    kind,
    id,
    orgId,
    stay: null,
    guests: [],
    customer,
    visitor: null,
    visitorIds,
    conversationIds: held.map((c) => c.id),
  };
}
