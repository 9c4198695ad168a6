// What the embedded node's PGlite spends its time on, statement by statement (PostgreSQL has
// pg_stat_statements; PGlite cannot load it). Preload it into the server:
//
//   PGLITE_STATEMENTS_DIR=/tmp/stmts NODE_OPTIONS="--import $PWD/bench/src/pglite-statements.mjs" \
//     npm run bench -- --targets embedded --saturate 0     (an absolute path: npm runs the bench in bench/)
//
// Every protocol call PGlite runs (synchronously, in its WebAssembly) is timed and charged to the
// SQL text of the last Parse or Query message it was given, parameters folded ($1 → $), and so are
// its writes of the data directory to disk (`(syncToFs)`). Every 10 s, and at exit, the totals so
// far go to <dir>/<pid>-<nnn>.json; `npx tsx bench/src/pglite-statements-report.ts A.json B.json`
// prints what was spent between two of them. Only processes that load PGlite write anything.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { PGlite } from '@electric-sql/pglite';

const dir = process.env.PGLITE_STATEMENTS_DIR ?? '/tmp/pglite-statements';
const totals = new Map();
const decoder = new TextDecoder();
let current = '(before any statement)';
let written = 0;

const folded = (text) => text.replace(/\$\d+/g, '$').replace(/\s+/g, ' ').trim().slice(0, 400);

/** Named statements' SQL, from their Parse, for the Binds that run them by name (db/pglite-prepared.ts). */
const named = new Map();

/**
 * The SQL of the first Parse ('P'), simple Query ('Q') or Bind ('B') of a named statement in a
 * protocol buffer.
 */
function sqlOf(buf) {
  for (let i = 0; i + 5 <= buf.length; ) {
    const type = buf[i];
    const length = ((buf[i + 1] << 24) | (buf[i + 2] << 16) | (buf[i + 3] << 8) | buf[i + 4]) >>> 0;
    if (type === 0x50) {
      const nameEnd = buf.indexOf(0, i + 5);
      const name = decoder.decode(buf.subarray(i + 5, nameEnd));
      const text = folded(decoder.decode(buf.subarray(nameEnd + 1, buf.indexOf(0, nameEnd + 1))));
      if (name) named.set(name, text);
      return text;
    }
    if (type === 0x42) {
      const portalEnd = buf.indexOf(0, i + 5);
      const name = decoder.decode(buf.subarray(portalEnd + 1, buf.indexOf(0, portalEnd + 1)));
      if (name) return named.get(name) ?? `(statement ${name})`;
    }
    if (type === 0x51) return folded(decoder.decode(buf.subarray(i + 5, i + length)));
    i += 1 + length;
  }
  return null;
}

function charge(key, ms) {
  const t = totals.get(key) ?? { calls: 0, ms: 0 };
  t.calls++;
  t.ms += ms;
  totals.set(key, t);
}

const run = PGlite.prototype.execProtocolRawSync;
PGlite.prototype.execProtocolRawSync = function timed(buf) {
  current = sqlOf(buf) ?? current;
  const started = performance.now();
  try {
    return run.call(this, buf);
  } finally {
    charge(current, performance.now() - started);
  }
};
const sync = PGlite.prototype.syncToFs;
PGlite.prototype.syncToFs = async function timedSync(...args) {
  const started = performance.now();
  try {
    return await sync.apply(this, args);
  } finally {
    charge('(syncToFs)', performance.now() - started);
  }
};

function write() {
  if (!totals.size) return;
  mkdirSync(dir, { recursive: true });
  const statements = [...totals].map(([sql, t]) => ({ sql, calls: t.calls, ms: Math.round(t.ms * 10) / 10 }));
  const file = join(dir, `${process.pid}-${String(written++).padStart(3, '0')}.json`);
  writeFileSync(file, JSON.stringify({ at: new Date().toISOString(), pid: process.pid, statements }));
}
setInterval(write, 10_000).unref();
process.on('exit', write);
