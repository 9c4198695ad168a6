/**
 * What the embedded node's PGlite ran between two snapshots of bench/src/pglite-statements.mjs:
 * `npx tsx bench/src/pglite-statements-report.ts <earlier.json> <later.json> [--top 30]`.
 * Statements by time spent, with calls and milliseconds per call, and the total.
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';

interface Snapshot {
  at: string;
  statements: { sql: string; calls: number; ms: number }[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '30' }, width: { type: 'string', default: '160' } },
});
if (positionals.length !== 2) {
  console.error('usage: pglite-statements-report.ts <earlier.json> <later.json> [--top N] [--width N]');
  process.exit(2);
}
const [earlier, later] = positionals.map((file) => JSON.parse(readFileSync(file, 'utf8')) as Snapshot);
if (!earlier || !later) process.exit(2);
const before = new Map(earlier.statements.map((s) => [s.sql, s]));
const spent = later.statements
  .map((s) => ({
    sql: s.sql,
    calls: s.calls - (before.get(s.sql)?.calls ?? 0),
    ms: s.ms - (before.get(s.sql)?.ms ?? 0),
  }))
  .filter((s) => s.calls > 0)
  .sort((a, b) => b.ms - a.ms);
const total = spent.reduce((sum, s) => sum + s.ms, 0);
const seconds = (Date.parse(later.at) - Date.parse(earlier.at)) / 1000;
console.log(
  `${earlier.at} → ${later.at} (${seconds.toFixed(1)} s): PGlite busy ${(total / 1000).toFixed(1)} s` +
    ` (${(total / 10 / seconds) | 0} % of a core)`,
);
console.log('    ms  share    calls  ms/call  statement');
for (const s of spent.slice(0, Number(values.top))) {
  console.log(
    `${s.ms.toFixed(0).padStart(6)} ${((s.ms / total) * 100).toFixed(1).padStart(5)}% ${String(s.calls).padStart(8)} ${(s.ms / s.calls).toFixed(2).padStart(8)}  ${s.sql.slice(0, Number(values.width))}`,
  );
}
