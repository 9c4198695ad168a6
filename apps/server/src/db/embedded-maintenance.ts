import type { PGlite } from '@electric-sql/pglite';

/**
 * PGlite is PostgreSQL in one process with no autovacuum launcher: left alone, an embedded
 * installation is never analysed (the planner guesses every table's size and spread) nor vacuumed
 * (every message's update of its request leaves a dead row behind, and the table only grows).
 * This does autovacuum's job by a rule that needs no statistics collector (PGlite's does not report
 * between queries): a table whose file has grown by a fifth, and by at least `MIN_GROWTH_PAGES`,
 * since its size was last recorded (`pg_class.relpages`, which VACUUM and ANALYZE set) is vacuumed
 * and analysed. Growth is new rows and dead ones alike, so the same rule covers both.
 */
const MIN_GROWTH_PAGES = 8;
const GROWTH_SHARE = 0.2;

/** The tables of the public schema that have grown enough since their last VACUUM or ANALYZE. */
export async function tablesDue(client: PGlite): Promise<string[]> {
  const { rows } = await client.query<{ name: string }>(
    `select c.relname as name
       from pg_class c join pg_namespace n on n.oid = c.relnamespace
      where n.nspname = 'public' and c.relkind = 'r'
        and pg_relation_size(c.oid) / current_setting('block_size')::int
            >= greatest(c.relpages, 0) * (1 + $1::float8) + $2::int
      order by c.relname`,
    [GROWTH_SHARE, MIN_GROWTH_PAGES],
  );
  return rows.map((row) => row.name);
}

/** Vacuums and analyses the tables that are due; returns their names. */
export async function maintainEmbedded(client: PGlite): Promise<string[]> {
  const due = await tablesDue(client);
  // one statement per table: each is short, and sends queued behind it wait for one table, not all
  for (const table of due) await client.exec(`vacuum (analyze) "${table.replaceAll('"', '""')}"`);
  return due;
}

/**
 * Runs `maintain` a few seconds after start (the first start's demo data is in by then) and then
 * every `everyMs`, never two at once; the returned stop waits for a run under way.
 */
export function scheduleMaintenance(
  maintain: () => Promise<string[]>,
  everyMs: number,
  report: { done(tables: string[], ms: number): void; failed(err: unknown): void },
): () => Promise<void> {
  let running: Promise<void> | undefined;
  let timer: NodeJS.Timeout;
  const run = () => {
    const started = performance.now();
    running ??= maintain()
      .then((tables) => report.done(tables, performance.now() - started), report.failed)
      .finally(() => {
        running = undefined;
      });
  };
  const first = setTimeout(
    () => {
      run();
      timer = setInterval(run, everyMs);
      timer.unref();
    },
    Math.min(everyMs, FIRST_RUN_MS),
  );
  first.unref();
  return async () => {
    clearTimeout(first);
    clearInterval(timer);
    await running;
  };
}

const FIRST_RUN_MS = 5_000;
