import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { RealtimeServer } from './types.js';

/** One broadcast: the rooms, the event and its payload. */
type Item = [rooms: string[], event: string, payload: unknown];

/**
 * Broadcasts of one turn of the event loop, sent to the other nodes in one Redis publish.
 *
 * Each Socket.IO broadcast through the Redis adapter is a publish of its own; a message is two (the
 * desk and the guest), so a batch of 50 sends made 100. Messages come in batches now (group commit:
 * conversations/group-commit.ts) and their fan-out runs in the same turn, so the sockets of this
 * node hear each at once and the other nodes get the turn's broadcasts as one JSON publish —
 * serialized once — which each delivers to its own sockets in the same order.
 *
 * Redis hands every publish back to the node that made it too. A node knows its own by their first
 * bytes (`{"from":"<its id>"`) and drops them undecoded: at 10,000 guests on one node, decoding and
 * parsing its own publishes again was 2 % of its CPU (bench/README.md, "Session 24").
 *
 * Like the adapter, it is not durable: a node that misses a publish (Redis away) leaves its clients
 * to catch up with `sync`, as they do after any gap.
 */
export class BatchedBroadcast {
  private pending: Item[] = [];
  private scheduled = false;
  private readonly from = randomUUID();
  /** How each of this node's publishes starts: `JSON.stringify({ from, items })` puts `from` first. */
  private readonly ownPrefix = Buffer.from(`{"from":${JSON.stringify(this.from)},`);
  private readonly channelBytes: Buffer;

  constructor(
    private readonly io: RealtimeServer,
    private readonly redis: { pub: Redis; sub: Redis } | undefined,
    private readonly channel: string,
    private readonly onError: (err: unknown) => void,
  ) {
    this.channelBytes = Buffer.from(channel);
    if (!redis) return;
    redis.sub.subscribe(channel).catch(onError);
    // the bytes, not strings: the channel and the sender are known before anything is decoded
    redis.sub.on('messageBuffer', (from: Buffer, raw: Buffer) => {
      if (from.equals(this.channelBytes) && !this.isOwn(raw)) this.deliver(raw.toString());
    });
  }

  /** Tells `rooms` (of every node) `event`. */
  emit(rooms: string[], event: string, payload: unknown): void {
    this.local(rooms, event, payload);
    if (!this.redis) return;
    this.pending.push([rooms, event, payload]);
    if (this.scheduled) return;
    this.scheduled = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.scheduled = false;
    const items = this.pending;
    this.pending = [];
    if (!items.length || !this.redis) return;
    this.redis.pub.publish(this.channel, JSON.stringify({ from: this.from, items })).catch(this.onError);
  }

  /** Whether a publish is one this node made. */
  private isOwn(raw: Buffer): boolean {
    const prefix = this.ownPrefix;
    return raw.length > prefix.length && raw.compare(prefix, 0, prefix.length, 0, prefix.length) === 0;
  }

  private deliver(raw: string): void {
    let batch: { items: Item[] };
    try {
      batch = JSON.parse(raw);
    } catch (err) {
      this.onError(err);
      return;
    }
    if (!Array.isArray(batch.items)) return;
    for (const [rooms, event, payload] of batch.items) this.local(rooms, event, payload);
  }

  private local(rooms: string[], event: string, payload: unknown): void {
    (this.io.local.to(rooms) as unknown as { emit(event: string, payload: unknown): void }).emit(event, payload);
  }
}
