import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { BatchedBroadcast } from './batched-broadcast.js';
import type { RealtimeServer } from './types.js';

const redisUrl = process.env.REDIS_URL;

/** A node's sockets, as far as a broadcast reaches them: what each emit to `rooms` told them. */
function fakeNode() {
  const heard: Array<{ rooms: string[]; event: string; payload: unknown }> = [];
  const io = {
    local: {
      to: (rooms: string[]) => ({ emit: (event: string, payload: unknown) => heard.push({ rooms, event, payload }) }),
    },
  } as unknown as RealtimeServer;
  return { io, heard };
}

const until = async (done: () => boolean) => {
  for (let i = 0; i < 200 && !done(); i++) await new Promise((r) => setTimeout(r, 10));
};

describe.skipIf(!redisUrl)('batched broadcast across nodes', () => {
  const clients: Redis[] = [];
  const connect = () => {
    const pair = { pub: new Redis(redisUrl as string), sub: new Redis(redisUrl as string) };
    clients.push(pair.pub, pair.sub);
    return pair;
  };
  afterAll(() => Promise.all(clients.map((c) => c.quit())));

  it("tells the other node's sockets a turn's broadcasts once and in order, and its own sockets only once", async () => {
    const channel = `test:broadcast:${randomUUID()}`;
    const errors: unknown[] = [];
    const [a, b] = [fakeNode(), fakeNode()];
    const [redisA, redisB] = [connect(), connect()];
    const onA = new BatchedBroadcast(a.io, redisA, channel, (err) => errors.push(err));
    new BatchedBroadcast(b.io, redisB, channel, (err) => errors.push(err));
    // a command on a subscriber connection is answered after its SUBSCRIBE: both are listening
    await Promise.all([redisA.sub.ping(), redisB.sub.ping()]);

    onA.emit(['room:1'], 'message:new', { text: 'Hello ✓' });
    onA.emit(['room:2', 'room:3'], 'conversation', { n: 2 });
    // its own node's sockets hear them at once
    expect(a.heard.map((h) => h.event)).toEqual(['message:new', 'conversation']);

    await until(() => b.heard.length >= 2);
    expect(b.heard).toEqual([
      { rooms: ['room:1'], event: 'message:new', payload: { text: 'Hello ✓' } },
      { rooms: ['room:2', 'room:3'], event: 'conversation', payload: { n: 2 } },
    ]);
    // Redis handed a's publish back to a as well, before this answer on the same connection: it
    // was dropped, not told to a's sockets a second time
    await redisA.sub.ping();
    expect(a.heard).toHaveLength(2);
    expect(errors).toEqual([]);
  });
});
