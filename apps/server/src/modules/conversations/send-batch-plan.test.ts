import { eq, type SQL, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConversation, makeGuest, makeOrg, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { stays } from '../../db/schema.js';
import { sendBatchQuery } from './group-commit.js';

/** How many stays (each with its room, guest and queued request) the hotel holds besides the test's own. */
const STAYS = 1000;

let server: TestServer;
let org: TestOrg;
let guest: Awaited<ReturnType<typeof makeGuest>>;
let conversationId: string;

/** `n` copies of `table`'s row `id`, with `changes` (SQL over `i`, the copy's number) applied. */
function copies(table: string, id: string, n: number, changes: string): SQL {
  return sql.raw(`insert into ${table}
    select (jsonb_populate_record(null::${table}, to_jsonb(t) || jsonb_build_object(${changes}))).*
    from ${table} t, generate_series(1, ${n}) i where t.id = '${id}'`);
}

beforeAll(async () => {
  server = await startTestServer();
  org = await makeOrg(server);
  guest = await makeGuest(server, org, { name: 'Anna' });
  const { conversation } = await makeConversation(
    server,
    { id: guest.guestId, orgId: org.id, stayId: guest.stayId, name: 'Anna' },
    { status: 'queued' },
  );
  conversationId = conversation.id;
  const [stay] = await server.ctx.db.select({ roomId: stays.roomId }).from(stays).where(eq(stays.id, guest.stayId));
  // a thousand more stays, each with its room, guest and queued request, their statistics known
  const tag = conversation.id.slice(0, 8);
  const idOf = (kind: string) => `md5('${tag}${kind}' || i)::uuid`;
  const { db } = server.ctx;
  await db.execute(copies('rooms', stay?.roomId as string, STAYS, `'id', ${idOf('r')}, 'number', 'P' || i`));
  await db.execute(copies('stays', guest.stayId, STAYS, `'id', ${idOf('s')}, 'room_id', ${idOf('r')}`));
  await db.execute(
    copies('stay_guests', guest.guestId, STAYS, `'id', ${idOf('g')}, 'stay_id', ${idOf('s')}, 'code', '${tag}' || i`),
  );
  await db.execute(
    copies(
      'conversations',
      conversationId,
      STAYS,
      `'id', ${idOf('c')}, 'stay_id', ${idOf('s')}, 'guest_id', ${idOf('g')}`,
    ),
  );
  await db.execute(sql`analyze rooms, stays, stay_guests, conversations`);
});
afterAll(() => server?.close());

/** The plan PostgreSQL (or PGlite) makes for `query` with its placeholders set to `values`. */
async function planOf(query: { toSQL(): { sql: string; params: unknown[] } }, values: Record<string, unknown>) {
  const { sql: text, params } = query.toSQL();
  const literal = (n: string) => {
    const value = values[(params[Number(n) - 1] as { name: string }).name];
    return `'${(typeof value === 'string' ? value : JSON.stringify(value)).replaceAll("'", "''")}'`;
  };
  const plan = (await server.ctx.db.execute(
    sql.raw(`explain ${text.replace(/\$(\d+)/g, (_, n) => literal(n))}`),
  )) as unknown as {
    rows: object[];
  };
  return plan.rows.map((row) => Object.values(row)[0]).join('\n');
}

/** What a plan must show of the views it reads: probes of primary keys, no table read whole. */
function expectProbes(plan: string) {
  expect(plan).toContain('Index Scan using stay_guests_pkey');
  expect(plan).toContain('Index Scan using stays_pkey');
  expect(plan).not.toMatch(/Seq Scan on (stays|stay_guests|rooms)\b/);
}

describe('group commit’s statement at the size of a real hotel', () => {
  it('a batch of sends reads the view of each conversation it wrote by primary keys, never every stay and guest', async () => {
    const send = { idx: 0, sender_type: 'guest', contact_id: guest.guestId, org_id: org.id, client_id: 'c1' };
    const plan = await planOf(sendBatchQuery(server.ctx.db), {
      sends: [{ ...send, sender_key: 'g', body: 'Hi', preview: 'Hi' }],
      now: new Date().toISOString(),
    });
    expectProbes(plan);
    expect(plan).not.toMatch(/Seq Scan on conversations\b/);
  });
});
