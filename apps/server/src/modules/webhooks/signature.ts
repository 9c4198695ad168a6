import { createHmac, randomBytes } from 'node:crypto';

/** A new endpoint secret: `whsec_` and 32 random bytes. */
export const newWebhookSecret = (): string => `whsec_${randomBytes(32).toString('base64url')}`;

/** v1: hex HMAC-SHA256 of `${t}.${body}` with the secret (as a UTF-8 string, prefix included). */
export const signatureV1 = (secret: string, t: number, body: string): string =>
  createHmac('sha256', secret).update(`${t}.${body}`).digest('hex');

/**
 * The Frontdesk-Signature header: `t=<unix seconds>,v1=<hex>` — during a rotation's grace period
 * with a second `v1=` made with the previous secret, so a receiver holding either one accepts it.
 */
export function signatureHeader(secrets: string[], t: number, body: string): string {
  return [`t=${t}`, ...secrets.map((secret) => `v1=${signatureV1(secret, t, body)}`)].join(',');
}
