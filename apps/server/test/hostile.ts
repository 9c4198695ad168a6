import fc from 'fast-check';

/**
 * Hostile inputs for the fuzz test, as fast-check arbitraries: strings that have broken servers
 * (NUL, lone surrogates, huge, invisible or right-to-left characters, prototype names, SQL and path
 * tricks), extreme numbers, and JSON shapes that no schema expects.
 */

/** A JSON object as its entries, so keys like `__proto__` stay plain keys (and may repeat). */
export class Entries {
  constructor(readonly entries: [string, unknown][]) {}
}

const NASTY_STRINGS = [
  '\u0000',
  'a\u0000b',
  '\ud800',
  '\udfff',
  'x\udc00\ud800y',
  '',
  ' ',
  ' \t\n\r ',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  'null',
  'undefined',
  'NaN',
  'true',
  '-1',
  '0',
  '1.5',
  '1e309',
  '99999999999999999999999999',
  "'; select pg_sleep(5); --",
  '\\',
  '"',
  '%00',
  '%E0%A4%A',
  '../../../etc/passwd',
  '<script>alert(1)</script>',
  '{{7*7}}#{7*7}',
  '\u202e\u200f\u200b',
  '\ufeff',
  '\uffff\ufffe',
  '😀👨‍👩‍👧',
  'Z\u0351\u0360\u036a\u0351\u0360\u036a',
  'İıß',
  'a'.repeat(300),
  'x'.repeat(70_000),
  '2026-13-45T25:61:61Z',
  '0000-01-01T00:00:00Z',
  '+275760-09-13T00:00:00.001Z',
  '00000000-0000-0000-0000-000000000000',
  'ffffffff-ffff-ffff-ffff-ffffffffffff',
];

/** Any sequence of UTF-16 code units, lone surrogates included (fast-check's string units never make those). */
const codeUnits = fc
  .array(fc.integer({ min: 0, max: 0xffff }), { maxLength: 12 })
  .map((units) => String.fromCharCode(...units));

export const hostileString: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: fc.constantFrom(...NASTY_STRINGS), weight: 4 },
  { arbitrary: codeUnits, weight: 2 },
  { arbitrary: fc.string({ unit: 'binary', maxLength: 30 }), weight: 1 },
  { arbitrary: fc.string({ unit: 'grapheme', maxLength: 30 }), weight: 1 },
  { arbitrary: fc.uuid(), weight: 1 },
  { arbitrary: fc.emailAddress(), weight: 1 },
  { arbitrary: fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), weight: 1 },
);

export const hostileNumber: fc.Arbitrary<number> = fc.oneof(
  fc.integer(),
  fc.double(),
  fc.constantFrom(0, -0, -1, 1, 5, 6, 2 ** 31, 2 ** 53 + 2, -(2 ** 63), 1e308, -1e308, 5e-324, 0.5),
);

const scalar: fc.Arbitrary<unknown> = fc.oneof(
  { arbitrary: hostileString, weight: 4 },
  { arbitrary: hostileNumber, weight: 2 },
  { arbitrary: fc.boolean(), weight: 1 },
  { arbitrary: fc.constant(null), weight: 1 },
);

export const hostileKey: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', '', '\u0000', '\ud800', 'a.b', '0'),
  fc.string({ maxLength: 8 }),
);

/** Any JSON value, nested a few levels, with hostile strings, numbers and keys. */
export const hostileValue: fc.Arbitrary<unknown> = fc.letrec<{ value: unknown; array: unknown[]; object: Entries }>(
  (tie) => ({
    value: fc.oneof({ depthSize: 'small', maxDepth: 4 }, scalar, tie('array'), tie('object')),
    array: fc.array(tie('value'), { maxLength: 4 }),
    object: fc.array(fc.tuple(hostileKey, tie('value')), { maxLength: 4 }).map((entries) => new Entries(entries)),
  }),
).value;

/** A valid string with a NUL or a lone surrogate slipped in somewhere: what PostgreSQL refuses to store. */
export const spoiled = (valid: string): fc.Arbitrary<string> =>
  fc
    .tuple(fc.constantFrom('\u0000', '\ud800', '\udfff'), fc.nat({ max: valid.length }))
    .map(([bad, at]) => `${valid.slice(0, at)}${bad}${valid.slice(at)}`);

/**
 * Nesting deep enough to break recursive walkers: an array or object `depth` levels deep (sockets
 * take less: socket.io's own encoder walks payloads recursively on the sending side).
 */
export const deeplyNested = (depth: number): fc.Arbitrary<unknown> =>
  fc.constantFrom(
    Array.from({ length: depth }).reduce<unknown>((inner) => [inner], 'deep'),
    Array.from({ length: depth }).reduce<unknown>((inner) => new Entries([['a', inner]]), 'deep'),
  );

/** A piece of JSON text already written (brackets, commas, keys). */
class Token {
  constructor(readonly text: string) {}
}

/** JSON text for a generated value (keys written as they are, so `__proto__` arrives as a key). */
export function toJson(value: unknown): string {
  const out: string[] = [];
  // an explicit stack: the deeply nested values would overflow a recursive writer
  const stack: unknown[] = [value];
  while (stack.length) {
    const next = stack.pop();
    if (next instanceof Token) out.push(next.text);
    else if (Array.isArray(next)) {
      const parts: unknown[] = [new Token('[')];
      for (const [i, item] of next.entries()) parts.push(...(i ? [new Token(','), item] : [item]));
      stack.push(...[...parts, new Token(']')].reverse());
    } else if (next instanceof Entries) {
      const parts: unknown[] = [new Token('{')];
      for (const [i, [key, item]] of next.entries.entries()) {
        parts.push(new Token(`${i ? ',' : ''}${JSON.stringify(key)}:`), item);
      }
      stack.push(...[...parts, new Token('}')].reverse());
    } else if (next !== null && typeof next === 'object') {
      stack.push(new Entries(Object.entries(next)));
    } else out.push(JSON.stringify(next) ?? 'null');
  }
  return out.join('');
}

/** A generated value as a plain JS value for socket.io, keeping `__proto__` an own property. */
export function toPlain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(toPlain);
  if (value instanceof Entries) {
    const object: Record<string, unknown> = {};
    for (const [key, item] of value.entries) {
      Object.defineProperty(object, key, {
        value: toPlain(item),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return object;
  }
  if (value !== null && typeof value === 'object') return toPlain(new Entries(Object.entries(value)));
  return value;
}

/** Percent-encodes every byte of the UTF-8 form (a lone surrogate becomes U+FFFD's bytes). */
export function percentEncode(text: string): string {
  return [...Buffer.from(text, 'utf8')]
    .map((byte) =>
      /[A-Za-z0-9_.~-]/.test(String.fromCharCode(byte))
        ? String.fromCharCode(byte)
        : `%${byte.toString(16).padStart(2, '0')}`,
    )
    .join('');
}
