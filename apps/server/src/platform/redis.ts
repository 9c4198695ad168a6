import { Redis } from 'ioredis';

/** Connects to Redis and waits until it answers, so a wrong REDIS_URL fails the start loudly. */
export async function connectRedis(url: string): Promise<Redis> {
  const redis = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 3, enableOfflineQueue: true });
  await redis.connect();
  await redis.ping();
  return redis;
}
