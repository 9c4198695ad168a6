import type { ChatSocket } from '@frontdesk/sdk';
import { io } from 'socket.io-client';

/**
 * Opens the realtime connection on the same origin, authenticated by the session cookie.
 * A browser may hold a staff and a guest cookie at once (staff testing the guest page), so the
 * caller says which identity it means.
 */
export function connectSocket(as: 'guest' | 'staff'): ChatSocket {
  return io({
    path: '/socket.io',
    withCredentials: true,
    auth: as === 'guest' ? { as } : {},
    reconnectionDelayMax: 10_000,
  });
}

/** Client ids for sends. crypto.randomUUID exists only on https and localhost; guests may be on plain http. */
export function newClientId(): string {
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
