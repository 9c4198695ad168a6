import { io, type Socket } from 'socket.io-client';
import { afterEach } from 'vitest';

/** A real socket.io-client connection; resolves once connected, rejects with the server's refusal. */
export function connect(
  url: string,
  auth: Record<string, unknown>,
  opts: {
    reconnection?: boolean;
    listen?: Record<string, (payload: any) => void>;
    /** Handshake headers, as a browser would send them (Origin, Cookie). */
    headers?: Record<string, string>;
  } = {},
): Promise<Socket> {
  const socket = io(url, {
    auth,
    transports: ['websocket'],
    forceNew: true,
    reconnection: opts.reconnection ?? false,
    ...(opts.headers ? { extraHeaders: opts.headers } : {}),
  });
  // listeners attached before connecting also hear what the server says right at connection
  for (const [event, handler] of Object.entries(opts.listen ?? {})) socket.on(event, handler);
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: { code: string } }) => {
      socket.close();
      reject(Object.assign(new Error(err.message), { code: err.data?.code }));
    });
  });
}

/** Resolves with the next `event` on the socket (or rejects after `ms`). */
export function nextEvent<T = any>(socket: Socket, event: string, ms = 5000): Promise<T> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no ${event} within ${ms} ms`)), ms);
    socket.once(event, (payload: T) => {
      clearTimeout(timer);
      resolve(payload);
    });
  });
}

/**
 * Emits with an acknowledgement, waiting at most `timeoutMs` for it (a burst of hundreds of sends
 * queues on one embedded database: give it longer than a single request needs).
 */
export function ask<T = any>(socket: Socket, event: string, payload: unknown, timeoutMs = 5000): Promise<T> {
  return socket.timeout(timeoutMs).emitWithAck(event, payload) as Promise<T>;
}

/** Waits until `check` holds, polling; for eventual state in tests (never for timing). */
export async function until(check: () => boolean, ms = 5000): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** Waits until the async `check` holds, polling (the database, presence): eventual state, never timing. */
export async function eventually(check: () => Promise<boolean>, ms = 30_000): Promise<void> {
  const start = Date.now();
  while (!(await check())) {
    if (Date.now() - start > ms) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

/**
 * `connect` for a test file: every socket it opens is closed after each test. `url` is read at
 * connection time, so it may name a server started in `beforeAll`.
 */
export function socketsClosedAfterEach(url: () => string) {
  const open: Socket[] = [];
  afterEach(() => {
    for (const s of open.splice(0)) s.close();
  });
  return async (auth: Record<string, unknown>, opts?: Parameters<typeof connect>[2]): Promise<Socket> => {
    const socket = await connect(url(), auth, opts);
    open.push(socket);
    return socket;
  };
}
