import type { FastifyBaseLogger } from 'fastify';
import { Redis } from 'ioredis';

/**
 * Redis is an accelerator (cross-node fan-out, shared presence and rate limits), never something a
 * node waits on: while it is away, commands fail at once — no offline queue, no retries of a
 * command — and every caller falls back to what this node knows; a Redis that hangs without
 * closing the connection costs a command at most `commandTimeout`. ioredis keeps reconnecting
 * (its default back-off, at most 2 s apart) and the fan-out resumes by itself.
 */
const FAIL_FAST = { enableOfflineQueue: false, maxRetriesPerRequest: 0, commandTimeout: 1000 } as const;

/**
 * How often each client asks Redis for a PING. One that is not answered in time means Redis hangs
 * without closing the connection (a frozen host): the connection is dropped, so commands fail at
 * once instead of each waiting for its timeout, and ioredis reconnects when Redis answers again.
 */
const PROBE_EVERY_MS = 2000;

/**
 * Connects to Redis and waits until it answers, so a wrong REDIS_URL fails the start loudly.
 * Commands issued in the same tick go out in one write (auto-pipelining): a send's rate-limit
 * check and its fan-out publish, the presence reads of a broadcast.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, enableAutoPipelining: true, ...FAIL_FAST });
  try {
    await redis.connect();
    await redis.ping();
    return redis;
  } catch (err) {
    redis.disconnect(); // or it would go on reconnecting in the background
    throw err;
  }
}

export interface RedisClients {
  /** Rate limits and presence. */
  main: Redis;
  /** The Socket.IO adapter's publisher and subscriber. */
  pub: Redis;
  sub: Redis;
  /** 'ok' when every client is connected and Redis answers a PING, else 'down'. */
  health(): Promise<'ok' | 'down'>;
}

/**
 * The adapter's own connections, with the outage watch over all three. The publisher fails fast
 * and its rejections are caught here: the adapter calls `publish` without handling them (each
 * broadcast, `disconnectSockets`), and one of those during an outage used to end the process.
 * The subscriber keeps its commands until Redis is back (no retry limit), so its automatic
 * re-subscription after a reconnect is never dropped: that is what resumes cross-node fan-out.
 */
export async function connectAdapterClients(main: Redis, log: FastifyBaseLogger): Promise<RedisClients> {
  const pub = main.duplicate({ enableAutoPipelining: true, ...FAIL_FAST });
  const sub = main.duplicate({
    enableAutoPipelining: false,
    enableOfflineQueue: true,
    maxRetriesPerRequest: null,
    commandTimeout: undefined,
  });
  watchOutage([main, pub, sub], log);
  const publish = pub.publish.bind(pub) as (channel: string, message: string | Buffer) => Promise<number>;
  // a lost publish is a missed live event: clients catch up with `sync` by sequence
  Object.assign(pub, {
    publish: (channel: string, message: string | Buffer) =>
      publish(channel, message).catch((err: unknown) => {
        if (pub.status === 'ready') log.warn({ err }, 'Redis publish failed');
        return 0;
      }),
  });
  await Promise.all([pub.connect(), sub.connect()]);
  return {
    main,
    pub,
    sub,
    async health() {
      if (![main, pub, sub].every((c) => c.status === 'ready')) return 'down';
      return main.ping().then(
        () => 'ok' as const,
        () => 'down' as const,
      );
    },
  };
}

/**
 * Logs an outage once when the first client loses Redis, and once more when all of them are back,
 * instead of ioredis's "Unhandled error event" for every reconnection attempt.
 */
function watchOutage(clients: Redis[], log: FastifyBaseLogger): void {
  let down = false;
  const lost = (why: object) => {
    if (down) return;
    down = true;
    log.warn(
      why,
      'Redis is unreachable: this node keeps serving with local rate limits and presence; live events reach only its own sockets until Redis is back',
    );
  };
  for (const client of clients) {
    const probe = setInterval(() => {
      if (client.status === 'ready') probeOnce(client, lost);
    }, PROBE_EVERY_MS);
    probe.unref();
    client.on('end', () => clearInterval(probe));
    client.on('error', (err: unknown) => lost({ err }));
    // emitted only when ioredis will reconnect: a client we close on shutdown is no outage
    client.on('reconnecting', () => lost({ reason: 'connection closed' }));
    client.on('ready', () => {
      if (down && clients.every((c) => c.status === 'ready')) {
        down = false;
        log.warn('Redis is back: cross-node events, shared rate limits and presence resume');
      }
    });
  }
}

/** A timer this much later than due means this node's event loop was busy, which says nothing of Redis. */
const LATE_MS = 500;

/** One PING; a connection that does not answer it in time is dropped (see PROBE_EVERY_MS). */
function probeOnce(client: Redis, lost: (why: object) => void): void {
  const sentAt = Date.now();
  let settled = false;
  const unanswered = (dueMs: number) => {
    if (settled || client.status !== 'ready' || Date.now() - sentAt > dueMs + LATE_MS) return;
    settled = true;
    lost({ reason: `no answer to PING within ${dueMs} ms` });
    client.disconnect(true);
  };
  const timer = setTimeout(() => unanswered(PROBE_EVERY_MS), PROBE_EVERY_MS);
  timer.unref();
  client.ping().then(
    () => {
      settled = true;
      clearTimeout(timer);
    },
    (err: unknown) => {
      clearTimeout(timer);
      // ioredis's own commandTimeout, on the clients that have one
      if (/timed out/i.test(String(err))) unanswered(client.options.commandTimeout ?? PROBE_EVERY_MS);
      else settled = true;
    },
  );
}
