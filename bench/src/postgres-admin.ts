import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';

/** The PostgreSQL the query benchmarks make their databases in (`POSTGRES_URL`). */
export const ADMIN_URL = process.env.POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** Runs `work` with a client of the administrative database, closed afterwards. */
export async function admin<T>(work: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** The p-th percentile of ascending timings (nearest rank). */
export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;

/** Prints a query benchmark's report and keeps it as `bench/results/<kind>-<time>.md`. */
export function saveReport(kind: string, report: string): void {
  console.log(`\n${report}`);
  const at = new Date().toISOString().replace(/[:.]/g, '-').slice(0, 19);
  writeFileSync(join(import.meta.dirname, '..', 'results', `${kind}-${at}.md`), `${report}\n`);
}
