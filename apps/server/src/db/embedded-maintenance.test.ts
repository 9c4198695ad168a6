import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { maintainEmbedded, scheduleMaintenance, tablesDue } from './embedded-maintenance.js';

describe('embedded database maintenance (PGlite has no autovacuum)', () => {
  let client: PGlite;
  beforeEach(async () => {
    client = await PGlite.create('memory://');
    await client.exec(`create table requests (id int primary key, note text);
      create table tiny (id int primary key)`);
  });
  afterEach(() => client.close());

  const estimate = async () =>
    (await client.query<{ reltuples: number }>(`select reltuples from pg_class where relname = 'requests'`)).rows[0]
      ?.reltuples;

  it('vacuums and analyses a table that grew, and leaves it until it grows again', async () => {
    await client.exec(`insert into requests select g, repeat('x', 100) from generate_series(1, 5000) g;
      insert into tiny values (1)`);
    expect(await tablesDue(client)).toEqual(['requests']);
    expect(await estimate()).toBe(-1); // never analysed: the planner would guess

    expect(await maintainEmbedded(client)).toEqual(['requests']);
    expect(await estimate()).toBe(5000);
    expect(await tablesDue(client)).toEqual([]);

    // updates leave dead rows behind: the file grows, and the table is due again
    await client.exec(`update requests set note = repeat('y', 100)`);
    expect(await tablesDue(client)).toEqual(['requests']);
    await maintainEmbedded(client);
    expect(await tablesDue(client)).toEqual([]);
    // after the vacuum the dead rows' space is reused: the same update again does not grow the file much
    const pages = async () =>
      (await client.query<{ p: number }>(`select pg_relation_size('requests') / 8192 as p`)).rows[0]?.p ?? 0;
    const before = await pages();
    await client.exec(`update requests set note = repeat('z', 100) where id <= 2000`);
    expect(await pages()).toBeLessThan(before * 1.2);
  });

  it('runs on a schedule, one run at a time, and stop waits for the run under way', async () => {
    await client.exec(`insert into requests select g, 'x' from generate_series(1, 5000) g`);
    const runs: string[][] = [];
    let release = () => {};
    let started = () => {};
    const running = new Promise<void>((resolve) => {
      started = resolve;
    });
    const stop = scheduleMaintenance(
      async () => {
        const tables = await maintainEmbedded(client);
        started();
        await new Promise<void>((resolve) => {
          release = resolve;
        });
        return tables;
      },
      10,
      { done: (tables) => runs.push(tables), failed: (err) => runs.push([String(err)]) },
    );
    await running;
    await new Promise((resolve) => setTimeout(resolve, 50)); // several periods pass while the run hangs
    const stopped = stop();
    let done = false;
    void stopped.then(() => {
      done = true;
    });
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(done).toBe(false); // still waiting for the run under way
    release();
    await stopped;
    expect(runs).toEqual([['requests']]);
  });
});
