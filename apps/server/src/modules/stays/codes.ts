import { randomInt } from 'node:crypto';

/** No 0/O, 1/I/L: codes are read aloud at the desk and typed on phones. */
export const CODE_ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZ23456789';
/**
 * 12 symbols from 31, about 59.4 bits, shown as three groups of four. Long enough that guessing
 * needs no organization-wide lock (which would lock the real guests out, not the attacker): with
 * 1,000 live codes in a hotel, a botnet making 10,000 guesses a second for a year finds one with
 * a chance of about 1 in 2,500. Codes of 8 symbols issued before still work until their stays end.
 */
export const CODE_LENGTH = 12;

export function newAccessCode(): string {
  let code = '';
  for (let i = 0; i < CODE_LENGTH; i++) code += CODE_ALPHABET[randomInt(CODE_ALPHABET.length)];
  return code;
}
