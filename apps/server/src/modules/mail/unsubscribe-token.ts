import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The token of an unsubscribe link: the organization and the address, signed with the session
 * secret, so the link works without signing in and cannot be made for someone else's address.
 */
export function unsubscribeToken(secret: string, orgId: string, address: string): string {
  const payload = Buffer.from(JSON.stringify([orgId, address])).toString('base64url');
  return `${payload}.${sign(secret, payload)}`;
}

/** The organization and address a token was made for; null when it was not made here. */
export function readUnsubscribeToken(secret: string, token: string): { orgId: string; address: string } | null {
  const [payload, signature, extra] = token.split('.');
  if (!payload || !signature || extra !== undefined) return null;
  const expected = Buffer.from(sign(secret, payload));
  const given = Buffer.from(signature);
  if (expected.length !== given.length || !timingSafeEqual(expected, given)) return null;
  try {
    const [orgId, address] = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as unknown[];
    return typeof orgId === 'string' && typeof address === 'string' ? { orgId, address } : null;
  } catch {
    return null;
  }
}

const sign = (secret: string, payload: string) =>
  createHmac('sha256', secret).update(`unsubscribe:${payload}`).digest('base64url');
