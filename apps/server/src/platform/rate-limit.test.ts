import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../test/cluster.js';
import { AppError } from './errors.js';
import { limiterFactory } from './rate-limit.js';

describe('rate limits while Redis is away', () => {
  let redis: Redis | undefined;
  afterAll(() => redis?.disconnect());

  it("count in this node's memory instead of failing, with the same budget", async () => {
    // a client of a Redis that is not there: nothing listens on the port
    redis = new Redis({
      port: await freePort(),
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
    });
    const limiter = limiterFactory(redis, 'test:')('sends', 2, 60);
    await limiter.consume('guest:1');
    await limiter.consume('guest:1');
    const refused = await limiter.consume('guest:1').then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({ code: 'rate_limited' });
    await expect(limiter.check('guest:1')).rejects.toMatchObject({ code: 'rate_limited' });
    // another sender has a budget of its own
    await limiter.consume('guest:2');
    await limiter.reset('guest:1');
    await limiter.consume('guest:1');
  });
});
