import { protocol } from '@electric-sql/pglite';
import { describe, expect, it } from 'vitest';
import { type BindValue, bindAndExecute, parseAndDescribe } from './pglite-messages.js';

/** PGlite's own messages, one after another in one buffer. */
function pglites(...messages: Uint8Array[]): Buffer {
  return Buffer.concat(messages);
}

const texts = [
  '',
  'a',
  'zażółć gęślą jaźń',
  '😀 and 日本語',
  'x'.repeat(70_000),
  JSON.stringify([{ body: 'ünï', n: 1 }]),
];

describe('the embedded query path’s messages', () => {
  it('Bind, Describe, Execute and Sync are byte for byte what PGlite writes', () => {
    const cases: [string, BindValue[]][] = [
      ['', []],
      ['', ['1']],
      ['frontdesk_kept_12', [null, '', ...texts, null]],
      ['', [new Uint8Array([0, 1, 2, 255]), 'text', null]],
      ['frontdesk_kept_0', [new Uint8Array([9, 8, 7]).buffer, new Uint8Array([0, 5, 6, 0]).subarray(1, 3)]],
    ];
    for (const [statement, values] of cases) {
      const expected = pglites(
        protocol.serialize.bind({ statement, values }),
        protocol.serialize.describe({ type: 'P' }),
        protocol.serialize.execute({}),
        protocol.serialize.sync(),
      );
      expect(Buffer.from(bindAndExecute(statement, values)).equals(expected), `${statement} ${values.length}`).toBe(
        true,
      );
    }
  });

  it('Parse and Describe of the statement are byte for byte what PGlite writes', () => {
    const cases: [string, string, number[] | undefined][] = [
      ['', 'select 1', undefined],
      ['', 'select $1::text as "żółw"', []],
      ['frontdesk_kept_3', `insert into notes (id, body) values ($1, $2) -- ${texts.join(' ')}`, [23, 25]],
      ['frontdesk_kept_4', 'select $1, $2, $3', [0, 3802, 0]],
    ];
    for (const [name, text, types] of cases) {
      const expected = pglites(
        protocol.serialize.parse({ name, text, types }),
        protocol.serialize.describe({ type: 'S', name }),
      );
      expect(Buffer.from(parseAndDescribe(name, text, types)).equals(expected), `${name} ${text.slice(0, 30)}`).toBe(
        true,
      );
    }
  });
});
