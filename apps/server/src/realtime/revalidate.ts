import { serverEvents } from '@frontdesk/protocol';
import type { Db } from '../db/connection.js';
import type { GuestActor, StaffActor } from '../platform/actor.js';
import type { SessionResolvers } from '../platform/context.js';
import type { Language } from '../platform/i18n.js';
import { deskRooms, isDeskRoom } from './rooms.js';
import { sessionEndedStrings } from './strings.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

/** Guest sockets revalidated with one query. */
const REVALIDATE_BATCH = 500;

/**
 * Disconnects this node's sockets whose session was revoked or expired since they connected;
 * updates guests' access, and staff members' teams, role and conversation visibility (with the
 * rooms those put them in: see `refreshStaffSockets`). Guests are checked a batch at a time in one query each: one query per
 * socket was, at 10,000 guests on a node, a third of its CPU (bench/README.md).
 */
export async function revalidateSockets(io: RealtimeServer, db: Db, sessions: SessionResolvers): Promise<void> {
  const guests: RealtimeSocket[] = [];
  for (const socket of [...io.of('/').sockets.values()]) {
    const identity = socket.data.identity;
    if (!identity || !socket.connected) continue;
    if (!identity.staff) {
      guests.push(socket);
      continue;
    }
    await refreshStaffSocket(db, sessions, socket);
  }
  for (let i = 0; i < guests.length; i += REVALIDATE_BATCH) {
    const batch = guests.slice(i, i + REVALIDATE_BATCH);
    const tokenOf = (socket: RealtimeSocket) => socket.data.identity?.token ?? '';
    const still = await sessions.guests(db, batch.map(tokenOf));
    const ending = batch.filter((socket) => !still.has(tokenOf(socket)));
    const languages = ending.length
      ? await sessions.contactLanguages(db, contactsOf(ending))
      : new Map<string, Language>();
    for (const socket of batch) {
      const guest = still.get(tokenOf(socket));
      if (guest) {
        socket.data.guest = guest;
        continue;
      }
      const language = languages.get(contactIdOf(socket.data.guest as GuestActor)) ?? 'en';
      endSession(socket, 'stay_ended', sessionEndedStrings[language].accessEnded);
    }
  }
}

/** Which staff sockets a refresh is for: one organization's, or only some of its staff. */
export interface StaffScope {
  orgId: string;
  userIds?: string[];
}

/**
 * Re-reads the sessions of this node's staff sockets in `scope` — after a change of the
 * organization's conversation visibility, a team's members or a role — and moves each socket into
 * the rooms its user now hears conversations in, so a member who left a team stops hearing its
 * conversations at once and one who joined starts. One session query per socket in scope.
 */
export async function refreshStaffSockets(
  io: RealtimeServer,
  db: Db,
  sessions: SessionResolvers,
  scope: StaffScope,
): Promise<void> {
  for (const socket of [...io.of('/').sockets.values()]) {
    const staff = socket.data.staff ?? socket.data.identity?.staff;
    if (!staff || !socket.connected || staff.orgId !== scope.orgId) continue;
    if (scope.userIds && !scope.userIds.includes(staff.userId)) continue;
    await refreshStaffSocket(db, sessions, socket);
  }
}

async function refreshStaffSocket(db: Db, sessions: SessionResolvers, socket: RealtimeSocket): Promise<void> {
  const token = socket.data.identity?.token ?? '';
  const fresh = await sessions.staff(db, token);
  if (!fresh) return endSession(socket, 'session_expired');
  socket.data.staff = fresh;
  // the client reloads its lists: what it holds was chosen by the old rules
  if (await joinDeskRooms(socket, fresh)) socket.emit(serverEvents.accessChanged);
}

/**
 * Puts a staff socket in exactly the conversation rooms its user belongs in now (rooms.ts
 * `deskRooms`); says whether that moved it.
 */
export async function joinDeskRooms(socket: RealtimeSocket, actor: StaffActor): Promise<boolean> {
  if (!socket.connected) return false;
  const wanted = new Set(deskRooms(actor));
  const leaving = [...socket.rooms].filter((room) => isDeskRoom(room) && !wanted.has(room));
  for (const room of leaving) await socket.leave(room);
  const missing = [...wanted].filter((room) => !socket.rooms.has(room));
  if (missing.length) await socket.join(missing);
  return leaving.length > 0 || missing.length > 0;
}

function endSession(
  socket: RealtimeSocket,
  code: 'session_expired' | 'stay_ended',
  message = 'Your session has ended.',
) {
  if (!socket.connected) return;
  socket.emit(serverEvents.sessionEnded, { code, message });
  socket.disconnect(true);
}

const contactIdOf = (guest: GuestActor) => (guest.kind === 'guest' ? guest.guestId : guest.visitorId);

/** The guests and visitors behind some guest sockets. */
function contactsOf(sockets: RealtimeSocket[]): { guestIds: string[]; visitorIds: string[] } {
  const actors = sockets.map((socket) => socket.data.guest as GuestActor);
  return {
    guestIds: actors.flatMap((a) => (a.kind === 'guest' ? [a.guestId] : [])),
    visitorIds: actors.flatMap((a) => (a.kind === 'visitor' ? [a.visitorId] : [])),
  };
}
