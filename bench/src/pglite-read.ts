/**
 * What reading one answer of the embedded database costs in JavaScript, PGlite's way against
 * `readResults` (apps/server/src/db/pglite-results.ts): `npx tsx bench/src/pglite-read.ts [--rows 2]
 * [--columns 40] [--calls 20000]`. A table of `columns` columns (text, int, timestamptz, boolean and
 * uuid in turn, like the send statement's view); one answer of `rows` rows is read over and over
 * with Drizzle's options (rows as arrays, its timestamp parsers). The database's own time is not in
 * it: the answer is taken once, and only read.
 */

import { parseArgs } from 'node:util';
import { PGlite, parse, protocol } from '@electric-sql/pglite';
import { readResults } from '../../apps/server/src/db/pglite-results.js';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '2' },
    columns: { type: 'string', default: '40' },
    calls: { type: 'string', default: '20000' },
  },
});
const rows = Number(values.rows);
const columns = Number(values.columns);
const calls = Number(values.calls);

const kinds = [
  ['text', 'md5(g::text)'],
  ['int', 'g'],
  ['timestamptz', 'now()'],
  ['boolean', 'true'],
  ['uuid', 'gen_random_uuid()'],
] as const;
const kindOf = (i: number) => kinds[i % kinds.length] as (typeof kinds)[number];
const db = await PGlite.create('memory://');
const names = Array.from({ length: columns }, (_, i) => `c${i}`);
await db.exec(`create table wide (id int primary key, ${names.map((n, i) => `${n} ${kindOf(i)[0]}`).join(', ')})`);
await db.exec(
  `insert into wide select g, ${names.map((_, i) => kindOf(i)[1]).join(', ')} from generate_series(1, ${rows}) g`,
);

const chunks: Uint8Array[] = [];
const s = protocol.serialize;
await db.execProtocolRawStream(
  Buffer.concat([
    s.parse({ text: 'select * from wide order by id' }),
    s.bind({}),
    s.describe({ type: 'P' }),
    s.execute({}),
    s.sync(),
  ]),
  { syncToFs: false, onRawData: (chunk) => chunks.push(chunk.slice()) },
);
const answer = Buffer.concat(chunks);
// Drizzle's options on PGlite: rows as arrays, timestamps left as text
const options = { rowMode: 'array' as const, parsers: { 1114: (v: string) => v, 1184: (v: string) => v } };

const pglites = () => {
  const messages: Parameters<typeof parse.parseResults>[0] = [];
  new protocol.Parser().parse(answer, (m) => messages.push(m));
  return parse.parseResults(messages, db.parsers, options)[0];
};
const ours = () => readResults(answer, db.parsers, options);
if (JSON.stringify(pglites()) !== JSON.stringify(ours())) throw new Error('the two reads differ');

console.log(`one answer of ${rows} rows × ${columns + 1} columns (${answer.length} bytes), read ${calls} times:`);
for (let round = 0; round < 3; round++) {
  for (const [name, read] of [
    ["PGlite's parser and parseResults", pglites],
    ['readResults', ours],
  ] as const) {
    const started = performance.now();
    for (let i = 0; i < calls; i++) read();
    console.log(`  ${name}: ${(((performance.now() - started) / calls) * 1000).toFixed(1)} µs a read`);
  }
}
await db.close();
