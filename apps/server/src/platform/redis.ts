import { Redis } from 'ioredis';

/**
 * Connects to Redis and waits until it answers, so a wrong REDIS_URL fails the start loudly.
 * Commands issued in the same tick go out in one write (auto-pipelining): a send's rate-limit
 * check and its fan-out publish, the presence reads of a broadcast.
 */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 3,
    enableOfflineQueue: true,
    enableAutoPipelining: true,
  });
  await redis.connect();
  await redis.ping();
  return redis;
}
