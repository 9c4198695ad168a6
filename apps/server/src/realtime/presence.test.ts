import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { afterAll, describe, expect, it } from 'vitest';
import { Presence } from './presence.js';

const redisUrl = process.env.REDIS_URL;
const redis = redisUrl ? new Redis(redisUrl) : undefined;
afterAll(() => redis?.disconnect());

const AWAY_AFTER_MS = 10 * 60_000;

const kinds: [string, Redis | undefined][] = [['in this node’s memory', undefined]];
if (redis) kinds.push(['shared through Redis', redis]);

describe.each(kinds)('presence %s', (_, client) => {
  const presence = () =>
    new Presence(client, `presence-test-${randomBytes(4).toString('hex')}:`, 'node-a', AWAY_AFTER_MS);

  it('keeps "away" set by hand when an activity write is under way at the same moment', async () => {
    const p = presence();
    await p.connect('org', 'kasia', 1);
    // "away" starts first; the activity (a message sent a moment before) reads before away is written
    await Promise.all([
      p.update('org', 'kasia', { manual: 'away', lastActive: Date.now() }),
      p.update('org', 'kasia', { lastActive: Date.now() + 1 }),
    ]);
    expect((await p.statuses('org')).get('kasia')).toBe('away');
    // and activity alone never ends a status set by hand
    await p.update('org', 'kasia', { lastActive: Date.now() + 2 });
    expect((await p.statuses('org')).get('kasia')).toBe('away');
    await p.update('org', 'kasia', { manual: 'online' });
    expect((await p.statuses('org')).get('kasia')).toBe('online');
  });

  it('says away after the idle time, online again on activity, offline with no connection', async () => {
    const p = presence();
    await p.connect('org', 'olek', 1);
    await p.update('org', 'olek', { lastActive: Date.now() - AWAY_AFTER_MS - 1 });
    expect((await p.statuses('org')).get('olek')).toBe('away');
    await p.update('org', 'olek', { lastActive: Date.now() });
    expect((await p.statuses('org')).get('olek')).toBe('online');
    await p.connect('org', 'olek', -1);
    expect((await p.statuses('org')).has('olek')).toBe(false);
  });
});
