import { randomBytes, randomInt } from 'node:crypto';

/** Crockford's base32 without the letters people misread (I, L, O, U). */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** The unguessable part of a label's link: 128 random bits. */
export const newLabelToken = (): string => randomBytes(16).toString('base64url');

/** A short code printed under the QR (8 characters, 40 bits), unique within the organization. */
export function newLabelCode(): string {
  let code = '';
  for (let i = 0; i < 8; i++) code += ALPHABET[randomInt(ALPHABET.length)];
  return code;
}

/** "K7PM3XQ2" → "K7PM-3XQ2", as printed and shown. */
export const printedCode = (code: string): string => `${code.slice(0, 4)}-${code.slice(4)}`;

/** What a label's QR opens: the customer's page for it. */
export const labelUrl = (publicUrl: string, token: string): string => `${publicUrl}/l/${token}`;
