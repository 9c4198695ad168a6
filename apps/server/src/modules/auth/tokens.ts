import { createHash, randomBytes } from 'node:crypto';

/** A random secret for the client and the SHA-256 under which the server stores it. */
export function newToken(prefix = ''): { token: string; id: string } {
  const token = prefix + randomBytes(32).toString('base64url');
  return { token, id: tokenId(token) };
}

export function tokenId(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}
