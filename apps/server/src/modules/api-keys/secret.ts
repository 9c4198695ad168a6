import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** Every key starts with this, so a bearer token tells at once that it is a key (not a session). */
export const API_KEY_PREFIX = 'fdk_';

/** A new key: `fdk_<prefix>_<secret>`, the prefix public (stored, listed), the secret never stored. */
export function newApiKey(): { key: string; prefix: string; hash: string } {
  const prefix = randomBytes(6).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const key = `${API_KEY_PREFIX}${prefix}_${secret}`;
  return { key, prefix, hash: hashApiKey(key) };
}

export const hashApiKey = (key: string): string => createHash('sha256').update(key).digest('hex');

/** The public prefix of a well-formed key, or null (no lookup is made for a malformed one). */
export function prefixOf(key: string): string | null {
  return /^fdk_([0-9a-f]{12})_[A-Za-z0-9_-]{43}$/.exec(key)?.[1] ?? null;
}

/** Compares hashes in constant time. */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, 'hex');
  const y = Buffer.from(b, 'hex');
  return x.length === y.length && timingSafeEqual(x, y);
}
