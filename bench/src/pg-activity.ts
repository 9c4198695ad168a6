/**
 * Where PostgreSQL's time goes during a benchmark: samples `pg_stat_activity` every 10 ms and
 * counts the statements found running, by what they wait on (if anything) and text. Start it beside a run, e.g.
 *
 *   npm run bench -- --targets cluster & npm run pg-activity -w @frontdesk/bench -- 75
 *
 * Arguments: seconds to sample (60) and the databases' name prefix (`frontdesk_bench`, the cluster
 * target's). A statement's share of the samples is its share of the database's busy time,
 * waiting on locks included; compare shares between runs, not counts.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import { admin } from './postgres-admin.js';

const seconds = Number(process.argv[2] ?? 60);
const prefix = process.argv[3] ?? 'frontdesk_bench';

await admin(async (client) => {
  const counts = new Map<string, number>();
  let samples = 0;
  const end = Date.now() + seconds * 1000;
  while (Date.now() < end) {
    const { rows } = await client.query<{ q: string }>(
      `select coalesce(wait_event_type || ':' || wait_event || ' ', '') || left(regexp_replace(query, '\\s+', ' ', 'g'), 160) as q
       from pg_stat_activity
       where state = 'active' and pid <> pg_backend_pid() and datname like $1`,
      [`${prefix}%`],
    );
    samples++;
    for (const { q } of rows) counts.set(q, (counts.get(q) ?? 0) + 1);
    await sleep(10);
  }
  console.log(`${samples} samples of ${seconds} s; statements found running, most first:`);
  for (const [q, n] of [...counts].sort((a, b) => b[1] - a[1]).slice(0, 25))
    console.log(`${String(n).padStart(6)}  ${q}`);
});
