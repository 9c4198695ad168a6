import { type StaffActor, seesEveryConversation } from '../platform/actor.js';

/** Socket.IO room names: who hears what. */
export const rooms = {
  /** The desk of an organization (admins and agents): presence, and conversations of no team. */
  orgStaff: (orgId: string) => `org:${orgId}:staff`,
  /** The desk's members who see every conversation: admins, and agents when visibility is `all`. */
  orgAllConversations: (orgId: string) => `org:${orgId}:all-conversations`,
  /** The desk's members in a team: they hear its conversations whatever the visibility. */
  team: (teamId: string) => `team:${teamId}`,
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

/**
 * The staff who hear a conversation's messages, changes, receipts and typing, as the conversations'
 * policy lets them see it: one of no team, the whole desk; one of a team, those who see every
 * conversation, the team's members and its assignee (Socket.IO tells a socket in several of these
 * once). No setting is read here: the rooms a socket is in say what its user sees (`deskRooms`).
 */
export function conversationStaffRooms(c: {
  orgId: string;
  teamId: string | null;
  assigneeId: string | null;
}): string[] {
  if (!c.teamId) return [rooms.orgStaff(c.orgId)];
  const heard = [rooms.orgAllConversations(c.orgId), rooms.team(c.teamId)];
  if (c.assigneeId) heard.push(rooms.user(c.assigneeId));
  return heard;
}

/** The conversation rooms a staff socket belongs in: none off the desk; else as `conversationStaffRooms` needs. */
export function deskRooms(actor: StaffActor): string[] {
  if (!actor.orgId || (actor.role !== 'admin' && actor.role !== 'agent')) return [];
  const joined = [rooms.orgStaff(actor.orgId), ...actor.teamIds.map(rooms.team)];
  if (seesEveryConversation(actor)) joined.push(rooms.orgAllConversations(actor.orgId));
  return joined;
}

/** Whether a room is one `deskRooms` decides (so a refresh may leave it). */
export const isDeskRoom = (room: string): boolean =>
  room.startsWith('team:') ||
  (room.startsWith('org:') && (room.endsWith(':staff') || room.endsWith(':all-conversations')));
