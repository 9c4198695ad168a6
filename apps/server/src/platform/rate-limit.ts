import type { Redis } from 'ioredis';
import {
  type IRateLimiterOptions,
  type RateLimiterAbstract,
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
} from 'rate-limiter-flexible';
import { AppError } from './errors.js';

export interface Limiter {
  /** Counts one attempt for `key`; throws `rate_limited` once the budget is spent. */
  consume(key: string): Promise<void>;
  /** Throws `rate_limited` if `key` has already spent its budget, without counting. */
  check(key: string): Promise<void>;
  reset(key: string): Promise<void>;
}

export type LimiterFactory = (name: string, points: number, windowSeconds: number) => Limiter;

/**
 * Rate limits live in Redis when it is configured (shared by every node), in memory otherwise.
 * `prefix` keeps installations that share one Redis apart. While Redis is away each node counts
 * in its own memory (the insurance limiter), so sends and sign-ins go on with per-node budgets
 * instead of failing; Redis is not even asked until it is connected again.
 */
export function limiterFactory(redis: Redis | undefined, prefix: string): LimiterFactory {
  return (name, points, windowSeconds) => {
    const options: IRateLimiterOptions = { keyPrefix: `${prefix}rl:${name}`, points, duration: windowSeconds };
    const limiter: RateLimiterAbstract = redis
      ? new RateLimiterRedis({
          ...options,
          storeClient: redis,
          useRedisPackage: false,
          rejectIfRedisNotReady: true,
          insuranceLimiter: new RateLimiterMemory(options),
        })
      : new RateLimiterMemory(options);
    return {
      async consume(key) {
        try {
          await limiter.consume(key);
        } catch (rejection) {
          throw toRateLimited(rejection);
        }
      },
      async check(key) {
        const state = await limiter.get(key);
        if (state && state.consumedPoints >= points) throw toRateLimited(state);
      },
      async reset(key) {
        await limiter.delete(key);
      },
    };
  };
}

function toRateLimited(rejection: unknown): Error {
  if (!(rejection instanceof RateLimiterRes)) return rejection as Error;
  const retryAfterSeconds = Math.max(1, Math.ceil(rejection.msBeforeNext / 1000));
  return new AppError('rate_limited', `Too many attempts. Try again in ${retryAfterSeconds} seconds.`, {
    retryAfterSeconds,
  });
}
