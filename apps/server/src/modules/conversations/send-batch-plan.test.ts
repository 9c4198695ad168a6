import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConversation, makeGuest, makeOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { stays } from '../../db/schema.js';
import { sendBatchQuery } from './group-commit.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** How many stays (with room, guest and request) the installation holds besides the test's own. */
const STAYS = 1000;

/** `n` copies of `table`'s row `id`, with `changes` (SQL over `i`, the copy's number) applied. */
function copies(table: string, id: string, n: number, changes: string) {
  return sql.raw(`insert into ${table}
    select (jsonb_populate_record(null::${table}, to_jsonb(t) || jsonb_build_object(${changes}))).*
    from ${table} t, generate_series(1, ${n}) i where t.id = '${id}'`);
}

/** The plan PostgreSQL (or PGlite) makes for group commit's statement with one guest send. */
async function planOfOneSend(guestId: string, orgId: string): Promise<string> {
  const send = { idx: 0, sender_type: 'guest', contact_id: guestId, org_id: orgId, client_id: 'c1', body: 'Hi' };
  const text = sendBatchQuery(server.ctx.db)
    .toSQL()
    .sql.replace('$1', `'${JSON.stringify([{ ...send, sender_key: 'g', preview: 'Hi' }])}'`)
    .replace('$2', `'${new Date().toISOString()}'`);
  const plan = (await server.ctx.db.execute(sql.raw(`explain ${text}`))) as unknown as { rows: object[] };
  return plan.rows.map((row) => Object.values(row)[0]).join('\n');
}

describe('group commit’s statement at the size of a real hotel', () => {
  it('reads the view of each conversation it wrote by primary keys, never by scanning every stay and guest', async () => {
    const org = await makeOrg(server);
    const guest = await makeGuest(server, org, { name: 'Anna' });
    const { conversation } = await makeConversation(
      server,
      { id: guest.guestId, orgId: org.id, stayId: guest.stayId, name: 'Anna' },
      { status: 'open' },
    );
    const [stay] = await server.ctx.db.select({ roomId: stays.roomId }).from(stays).where(eq(stays.id, guest.stayId));
    // a thousand more stays, each with its room, guest and request, their statistics known
    const tag = conversation.id.slice(0, 8);
    const idOf = (kind: string) => `md5('${tag}${kind}' || i)::uuid`;
    await server.ctx.db.execute(
      copies('rooms', stay?.roomId as string, STAYS, `'id', ${idOf('r')}, 'number', 'P' || i`),
    );
    await server.ctx.db.execute(copies('stays', guest.stayId, STAYS, `'id', ${idOf('s')}, 'room_id', ${idOf('r')}`));
    await server.ctx.db.execute(
      copies('stay_guests', guest.guestId, STAYS, `'id', ${idOf('g')}, 'stay_id', ${idOf('s')}, 'code', '${tag}' || i`),
    );
    await server.ctx.db.execute(
      copies(
        'conversations',
        conversation.id,
        STAYS,
        `'id', ${idOf('c')}, 'stay_id', ${idOf('s')}, 'guest_id', ${idOf('g')}`,
      ),
    );
    await server.ctx.db.execute(sql`analyze rooms, stays, stay_guests, conversations`);

    const plan = await planOfOneSend(guest.guestId, org.id);
    expect(plan).toContain('Index Scan using stay_guests_pkey');
    expect(plan).toContain('Index Scan using stays_pkey');
    expect(plan).not.toMatch(/Seq Scan on (stays|stay_guests|rooms|conversations)\b/);
  });
});
