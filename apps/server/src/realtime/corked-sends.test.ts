import { createServer } from 'node:http';
import type { AddressInfo, Socket as NetSocket } from 'node:net';
import { Server } from 'socket.io';
import { io as connect } from 'socket.io-client';
import { afterEach, describe, expect, it } from 'vitest';
import { corkBatchedSends } from './corked-sends.js';
import type { RealtimeServer } from './types.js';

const closers: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const close of closers.splice(0).reverse()) await close();
});

/**
 * A Socket.IO server on a port of its own, with or without corked sends, that counts the write system
 * calls Node makes on each WebSocket's TCP socket (`_write` for one chunk, `_writev` for several).
 */
async function serve(corked: boolean | 'end of send') {
  const http = createServer();
  const io = new Server(http, { serveClient: false });
  if (corked) corkBatchedSends(io as unknown as RealtimeServer, corked === true ? 'end of turn' : corked);
  const writes = { count: 0 };
  http.on('upgrade', (_req, tcp: NetSocket & Record<'_write' | '_writev', (...args: unknown[]) => unknown>) => {
    for (const name of ['_write', '_writev'] as const) {
      const original = tcp[name];
      tcp[name] = function (this: NetSocket, ...args: unknown[]) {
        writes.count++;
        return original.apply(this, args);
      };
    }
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise<void>((resolve) => io.close(() => resolve())));
  const client = connect(`http://127.0.0.1:${(http.address() as AddressInfo).port}`, {
    transports: ['websocket'],
    forceNew: true,
  });
  closers.push(() => void client.close());
  const [socket] = await Promise.all([
    new Promise<import('socket.io').Socket>((resolve) => io.once('connection', resolve)),
    new Promise<void>((resolve) => client.once('connect', () => resolve())),
  ]);
  return { socket, client, writes };
}

/**
 * Emits `n` events in one turn of the event loop — in one callback, or each in a timer callback of
 * its own that the turn's timers phase runs — and waits until the client has them all.
 */
async function burst(
  corked: boolean | 'end of send',
  n: number,
  each: 'at once' | 'in callbacks of their own' = 'at once',
) {
  const { socket, client, writes } = await serve(corked);
  const heard: number[] = [];
  const all = new Promise<void>((resolve) =>
    client.on('tick', (i: number) => {
      heard.push(i);
      if (heard.length === n) resolve();
    }),
  );
  const before = writes.count;
  for (let i = 0; i < n; i++) {
    if (each === 'at once') socket.emit('tick', i);
    else setTimeout(() => socket.emit('tick', i), 0);
  }
  await all;
  return { heard, writes: writes.count - before };
}

describe('corked sends', () => {
  it('writes the packets engine.io sends together in one system call, all of them, in order', async () => {
    const plain = await burst(false, 50);
    const corked = await burst(true, 50);
    const inOrder = Array.from({ length: 50 }, (_, i) => i);
    expect(plain.heard).toEqual(inOrder);
    expect(corked.heard).toEqual(inOrder);
    // engine.io writes the first packet at once and keeps the 49 emitted meanwhile for when that write
    // is done: each of them a write of its own without the cork; with it, the first at the end of the
    // turn and the 49 right after it, as one
    expect(plain.writes).toBeGreaterThanOrEqual(40);
    expect(corked.writes).toBeLessThanOrEqual(2);
  });

  it('writes what callbacks of one turn emit together too (an agent hearing several commits)', async () => {
    const plain = await burst(false, 20, 'in callbacks of their own');
    const corked = await burst(true, 20, 'in callbacks of their own');
    const inOrder = Array.from({ length: 20 }, (_, i) => i);
    expect(plain.heard).toEqual(inOrder);
    expect(corked.heard).toEqual(inOrder);
    // without the cork, each callback's packet finds the last write done and is written alone
    expect(plain.writes).toBeGreaterThanOrEqual(15);
    expect(corked.writes).toBeLessThanOrEqual(2);
  });

  it('on the embedded database, writes each send of engine.io in one write, holding nothing for the turn', async () => {
    const atOnce = await burst('end of send', 50);
    expect(atOnce.heard).toEqual(Array.from({ length: 50 }, (_, i) => i));
    // the first at once, the 49 engine.io kept meanwhile as one
    expect(atOnce.writes).toBeLessThanOrEqual(2);
    const callbacks = await burst('end of send', 20, 'in callbacks of their own');
    expect(callbacks.heard).toEqual(Array.from({ length: 20 }, (_, i) => i));
    expect(callbacks.writes).toBeGreaterThanOrEqual(15);
  });

  it('writes a lone packet at the end of its turn, holding nothing back for later', async () => {
    const corked = await burst(true, 1);
    expect(corked.heard).toEqual([0]);
    expect(corked.writes).toBe(1);
  });
});
