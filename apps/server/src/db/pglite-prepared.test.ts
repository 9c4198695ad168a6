import { PGlite } from '@electric-sql/pglite';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { KEPT, keepPrepared, keepStatementsPrepared } from './pglite-prepared.js';

describe('statements kept prepared on the embedded database', () => {
  const notes = 'create table notes (id int primary key, body text, at timestamptz, tags text[], data jsonb, n bigint)';
  let client: PGlite;
  beforeEach(async () => {
    client = await PGlite.create('memory://');
    keepStatementsPrepared(client);
    await client.exec(notes);
  });
  afterEach(() => client.close());

  const kept = async () =>
    (await client.query<{ name: string; statement: string }>('select name, statement from pg_prepared_statements'))
      .rows;

  it('prepares a marked statement at its first call, answering exactly as PGlite does without it, and no other', async () => {
    const plain = await PGlite.create('memory://');
    await plain.exec(notes);
    const insert = 'insert into notes values ($1, $2, $3, $4, $5, $6) returning *';
    const select = 'select id, body, at, tags, data, n from notes where id = any($1::int[]) order by id';
    keepPrepared(insert);
    keepPrepared(select);
    const rows = [
      [1, 'towels', new Date('2026-12-07T10:00:00Z'), ['a', 'b'], { room: '12', vip: true }, 9007199254740993n],
      [2, null, null, null, null, null],
      [3, 'it’s “quoted”, with $1 and \\ in it', new Date(0), [], [1, 'two'], 0n],
    ];
    for (const values of rows) {
      const [mine, theirs] = [await client.query(insert, values), await plain.query(insert, values)];
      expect(mine.rows).toHaveLength(1);
      // rows, fields, command, affectedRows, rowCount: read from the raw answer (pglite-results.ts)
      expect(mine).toEqual(theirs);
    }
    // a caller's own parsers, as Drizzle gives its timestamps
    const asText = { parsers: { 1184: (value: string) => `at ${value}` } };
    for (const options of [{ rowMode: 'object' }, { rowMode: 'array' }, asText] as const) {
      for (let i = 0; i < 3; i++) {
        for (const ids of [[1, 2, 3], [], [2]]) {
          expect(await client.query(select, [ids], options)).toEqual(await plain.query(select, [ids], options));
        }
      }
    }
    const change = 'update notes set body = body where id = any($1::int[])';
    keepPrepared(change);
    for (const ids of [[1, 3], [99]]) {
      expect(await client.query(change, [ids])).toEqual(await plain.query(change, [ids]));
    }
    // not the count below, nor the unmarked statements of the other tests
    expect((await kept()).map((k) => k.statement).sort()).toEqual([change, insert, select].sort());
    await plain.close();
  });

  it('a failing call fails as it would without it, and the next goes on; a transaction rolls back', async () => {
    const divide = 'select 10 / $1::int as q';
    const insert = 'insert into notes (id, body) values ($1, $2)';
    const count = 'select count(*)::int as n from notes where id = $1';
    for (const text of [divide, insert, count]) keepPrepared(text);
    expect((await client.query<{ q: number }>(divide, [2])).rows).toEqual([{ q: 5 }]);
    expect((await client.query<{ q: number }>(divide, [5])).rows).toEqual([{ q: 2 }]);
    await expect(client.query(divide, [0])).rejects.toMatchObject({ code: '22012', query: divide });
    expect((await client.query<{ q: number }>(divide, [1])).rows).toEqual([{ q: 10 }]);
    // one that cannot be prepared fails, is not kept, and the next call goes on
    const broken = 'select nope from notes where id = $1';
    keepPrepared(broken);
    await expect(client.query(broken, [1])).rejects.toMatchObject({ code: '42703', query: broken });
    expect((await client.query<{ q: number }>(divide, [2])).rows).toEqual([{ q: 5 }]);

    await client.query(insert, [10, 'kept']);
    await expect(
      client.transaction(async (tx) => {
        await tx.query(insert, [11, 'in the transaction']);
        expect((await tx.query(count, [11])).rows).toEqual([{ n: 1 }]);
        await tx.query(insert, [10, 'a duplicate']);
      }),
    ).rejects.toMatchObject({ code: '23505' });
    expect((await client.query('select id from notes order by id')).rows).toEqual([{ id: 10 }]);
    await client.transaction(async (tx) => {
      await tx.query(insert, [12, 'committed']);
    });
    expect((await client.query('select id from notes order by id')).rows).toEqual([{ id: 10 }, { id: 12 }]);
    expect((await kept()).map((k) => k.statement).sort()).toEqual([count, divide, insert].sort());
  });

  it(`keeps at most ${KEPT}, closing the least recently used`, async () => {
    const often = 'select 1 as often';
    keepPrepared(often);
    for (let i = 0; i < KEPT + 20; i++) {
      keepPrepared(`select ${i} as i`);
      await client.query(`select ${i} as i`);
      await client.query(often);
    }
    const statements = (await kept()).map((k) => k.statement);
    expect(statements).toHaveLength(KEPT);
    expect(statements).toContain(often);
    expect(statements).not.toContain('select 0 as i');
    expect(statements).toContain(`select ${KEPT + 19} as i`);
  });

  it('prepares afresh a statement whose columns a schema change altered', async () => {
    const all = 'select * from notes where id = $1';
    keepPrepared(all);
    await client.query('insert into notes (id, body) values (1, $1)', ['x']);
    await client.query(all, [1]);
    await client.exec('alter table notes add column extra text');
    const after = await client.query<Record<string, unknown>>(all, [1]);
    expect(after.rows[0]).toMatchObject({ id: 1, body: 'x', extra: null });
  });

  it('runs every other statement unnamed, answering and failing exactly as PGlite does', async () => {
    const plain = await PGlite.create('memory://');
    await plain.exec(notes);
    const both = async (text: string, params?: unknown[], options?: { rowMode: 'array' | 'object' }) => {
      const answers = await Promise.allSettled([
        client.query(text, params, options),
        plain.query(text, params, options),
      ]);
      return answers.map((a) => (a.status === 'fulfilled' ? a.value : { failed: { ...(a.reason as object) } }));
    };
    const statements: [string, unknown[]?][] = [
      [
        'insert into notes values ($1, $2, $3, $4, $5, $6) returning id, body, at, tags, data, n',
        [1, 'Zoë’s “room”', new Date(0), ['a'], { x: [1] }, 5n],
      ],
      ['insert into notes (id, body) values ($1, $2), ($3, $4)', [2, null, 3, 'plain']],
      ['select * from notes order by id'],
      ['select id, body from notes where id = any($1::int[]) and body is not null', [[1, 2, 3]]],
      ['select count(*) as n, now() > $1 as later from notes', [new Date(0)]],
      ['select * from notes where false'],
      ['update notes set body = upper(body) where id <> $1', [2]],
      ['delete from notes where id = $1', [99]],
      // a unique violation (code, detail, constraint), a syntax error, an unknown column, a bad value
      ['insert into notes (id) values ($1)', [1]],
      ['selec 1'],
      ['select nope from notes'],
      ['select $1::int as n', ['not a number']],
      ["select 'after the failures' as ok"],
    ];
    for (const rowMode of ['object', 'array'] as const) {
      for (const [text, params] of statements) {
        const [mine, theirs] = await both(text, params, { rowMode });
        expect(mine, text).toEqual(theirs);
      }
    }
    // in a transaction too: a failure aborts it, and it rolls back
    for (const db of [client, plain]) {
      await expect(
        db.transaction(async (tx) => {
          await tx.query('insert into notes (id, body) values ($1, $2)', [7, 'in it']);
          expect((await tx.query('select body from notes where id = $1', [7])).rows).toEqual([{ body: 'in it' }]);
          await tx.query('insert into notes (id) values ($1)', [7]);
        }),
      ).rejects.toMatchObject({ code: '23505' });
    }
    const [mine, theirs] = await both('select id from notes order by id');
    expect(mine).toEqual(theirs);
    // none kept prepared (the transaction's insert was marked by the test above)
    const named = (await kept()).map((k) => k.statement);
    for (const [text] of statements) expect(named).not.toContain(text);
    await plain.close();
  });
});
