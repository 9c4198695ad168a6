import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: codes are read aloud at the desk and typed on phones. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
export const CODE_LENGTH = 8;

/**
 * A new access code: 8 symbols from 31, about 39.6 bits. With a few hundred live stays per
 * organization and the login rate limits, a guesser needs on the order of 10^9 attempts per hit.
 */
export function newAccessCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
