/** Socket.IO room names: who hears what. */
export const rooms = {
  orgStaff: (orgId: string) => `org:${orgId}:staff`,
  orgGuests: (orgId: string) => `org:${orgId}:guests`,
  user: (userId: string) => `user:${userId}`,
  staffSession: (sessionId: string) => `session:${sessionId}`,
  guest: (guestId: string) => `guest:${guestId}`,
  visitor: (visitorId: string) => `visitor:${visitorId}`,
  stay: (stayId: string) => `stay:${stayId}`,
};

/** The room of the contact on the other side of a conversation. */
export function contactRoom(c: { guestId: string | null; visitorId: string | null }): string | null {
  if (c.guestId) return rooms.guest(c.guestId);
  if (c.visitorId) return rooms.visitor(c.visitorId);
  return null;
}
