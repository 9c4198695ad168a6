/**
 * The search benchmark (`npm run bench:search`): 1,000,000 messages on PostgreSQL in a database of
 * its own (bench_search, made afresh), seeded with generate_series from a hotel vocabulary over
 * four organizations with three teams each, indexed from scratch the way `rebuildSearchIndex`
 * does, then realistic queries through the real HTTP route (GET /api/v1/search), p50/p95 each.
 */
import { sql } from 'drizzle-orm';
import { rebuildSearchIndex } from '../../apps/server/src/modules/search/index.js';
import { makeOrg, makeStaff, signInWithToken } from '../../apps/server/test/factories.js';
import { startTestServer } from '../../apps/server/test/harness.js';
import { ADMIN_URL, admin, percentile, saveReport } from './postgres-admin.js';

const DB_NAME = 'bench_search';
const MESSAGES = Number(process.env.BENCH_MESSAGES ?? 1_000_000);
const PER_CONVERSATION = 20;
const ORGS = 4;
const RUNS = 100;
const WARMUP = 10;

const vocabulary = `room towel towels shower water hot cold breakfast dinner lunch bar pool spa massage gym
  reception key card door window air conditioning heating noise neighbours late checkout early check in taxi
  airport parking wifi password television remote minibar pillow blanket sheets bed clean cleaning housekeeping
  laundry iron coffee tea kettle bottle wine champagne birthday anniversary flowers please thank you could
  would like need help broken leaking light lamp bulb toilet sink bathtub soap shampoo hairdryer safe lift
  elevator stairs floor balcony view sea garden quiet loud music restaurant table reservation menu vegan
  gluten allergy doctor pharmacy umbrella map tour ticket museum beach today tomorrow tonight morning evening
  hello hi good great awful slow fast again still waiting`.split(/\s+/);
const rareWord = 'chandelier';

async function main() {
  await admin(async (c) => {
    await c.query(`drop database if exists ${DB_NAME} with (force)`);
    await c.query(`create database ${DB_NAME}`);
  });
  const url = new URL(ADMIN_URL);
  url.pathname = `/${DB_NAME}`;
  const server = await startTestServer({}, { DATABASE_URL: url.toString() });
  const { db } = server.ctx;
  const started = performance.now();
  const log = (what: string) => console.log(`${((performance.now() - started) / 1000).toFixed(1)} s  ${what}`);
  // the benchmark builds the index itself, from scratch: keep the node's consumer off it
  await db.execute(
    sql`update event_consumers set lease_owner = 'bench', lease_until = now() + interval '1 day' where name = 'search-index'`,
  );

  const orgs = [];
  for (let i = 0; i < ORGS; i++) orgs.push(await makeOrg(server, { name: `Bench Hotel ${i + 1}` }));
  const orgIds = orgs.map((o) => o.id);
  const orgArray = `{${orgIds.join(',')}}`;
  await db.execute(sql`update organizations set conversation_visibility = 'team' where id = ${orgIds[0]}`);
  await db.execute(
    sql`insert into teams (org_id, name) select o, t from unnest(${orgArray}::uuid[]) o, unnest(array['Reception','Housekeeping','Spa']) t`,
  );
  const roomsPerOrg = Math.ceil(MESSAGES / PER_CONVERSATION / ORGS / 5);
  await db.execute(
    sql`insert into rooms (org_id, number) select o, (100 + g)::text from unnest(${orgArray}::uuid[]) o, generate_series(1, ${roomsPerOrg}) g`,
  );
  await db.execute(
    sql`insert into stays (org_id, room_id, check_out_at) select org_id, id, now() + interval '3 days' from rooms where org_id = any(${orgArray}::uuid[])`,
  );
  await db.execute(sql`insert into stay_guests (org_id, stay_id, code, name, language)
    select s.org_id, s.id, md5(s.id::text), (array['Anna','Jan','Hans','Maria','Piotr','Emma','Lukas','Olga'])[1 + (abs(hashtext(s.id::text)) % 8)] || ' ' ||
      (array['Kowalski','Müller','Smith','Nowak','Schmidt','Brown','Wiśniewska','Fischer'])[1 + (abs(hashtext(s.id::text || 'x')) % 8)],
      (array['en','en','de','pl'])[1 + (abs(hashtext(s.id::text || 'l')) % 4)]
    from stays s where s.org_id = any(${orgArray}::uuid[])`);
  log('organizations, teams, rooms, stays and guests');
  // five requests per guest, on days 1–5 before now at a time of day of its own, each in one of its
  // organization's teams — a team's requests all on one day of five, so that an agent who sees one
  // team finds none of them among the latest messages — some resolved; the last message is at
  // `last_message_at`, as the send path keeps it
  await db.execute(sql`insert into conversations (org_id, stay_id, guest_id, status, team_id, last_seq, last_message_at, created_at)
    select g.org_id, g.stay_id, g.id, (array['queued','open','resolved','resolved'])[1 + (n % 4)],
      (select t.id from teams t where t.org_id = g.org_id order by t.name offset (n % 3) limit 1),
      ${PER_CONVERSATION}, o.at + interval '${sql.raw(String(PER_CONVERSATION))} minutes', o.at
    from stay_guests g, generate_series(1, 5) n,
      lateral (select now() - (n || ' days')::interval - (abs(hashtext(g.id::text || n)) % 1380 || ' minutes')::interval as at) o
    where g.org_id = any(${orgArray}::uuid[])`);
  log('conversations');
  const words = `(array[${vocabulary.map((w) => `'${w}'`).join(',')}])`;
  // words drawn with a skew (common words much more often), 6 to 18 of them, a rare word in 1 of 5,000
  await db.execute(
    sql.raw(`insert into messages (org_id, conversation_id, seq, sender_type, sender_id, sender_name, sender_key, client_id, body, created_at)
    select c.org_id, c.id, s, case when s % 2 = 1 then 'guest' else 'staff' end, null, null,
      'bench:' || c.id, s::text,
      (select string_agg(${words}[1 + floor(power(random(), 2.5) * ${vocabulary.length})::int], ' ') from generate_series(1, 6 + (s * 7 + length(c.id::text)) % 13))
        || case when random() < 0.0002 then ' ${rareWord}' else '' end,
      c.created_at + (s || ' minutes')::interval
    from conversations c, generate_series(1, ${PER_CONVERSATION}) s
    where c.org_id in (${orgIds.map((o) => `'${o}'`).join(',')})`),
  );
  const [{ n } = { n: 0 }] = (await db.execute(sql`select count(*)::int n from messages`)).rows as { n: number }[];
  log(`${n} messages`);

  await db.execute(sql`drop index message_search_document_idx`);
  await rebuildSearchIndex(db);
  log('message_search rebuilt from the messages');
  await db.execute(sql`create index message_search_document_idx on message_search using gin (document)`);
  await db.execute(sql`analyze`);
  log('GIN index built, analyzed');

  const [org0] = orgs;
  if (!org0) throw new Error('no organization');
  const adminApi = await signInWithToken(server, await makeStaff(server, org0, 'admin'));
  const agentUser = await makeStaff(server, org0, 'agent');
  const [team] = (await db.execute(sql`select id from teams where org_id = ${org0.id} order by name limit 1`)).rows as {
    id: string;
  }[];
  await db.execute(
    sql`insert into team_members (org_id, team_id, user_id) values (${org0.id}, ${team?.id}, ${agentUser.id})`,
  );
  const agentApi = await signInWithToken(server, agentUser);
  const monthAgo = new Date(Date.now() - 30 * 86_400_000).toISOString();
  const cases: [string, typeof adminApi, string][] = [
    ['common word (admin)', adminApi, 'q=towels'],
    ['common word, agent within team visibility', agentApi, 'q=towels'],
    ['rare word', adminApi, `q=${rareWord}`],
    ['phrase', adminApi, `q=${encodeURIComponent('"hot water"')}`],
    [
      'two words, status and team filters',
      adminApi,
      `q=${encodeURIComponent('shower cold')}&status=open&teamId=${team?.id}`,
    ],
    ['word in the last 30 days', adminApi, `q=breakfast&from=${encodeURIComponent(monthAgo)}`],
    ['guest name', adminApi, 'q=Müller'],
  ];
  const rows: string[] = [];
  for (const [name, api, query] of cases) {
    const times: number[] = [];
    let hits = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t0 = performance.now();
      const res = await api.get(`/api/v1/search?${query}`);
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      hits = res.body.messages.length + res.body.conversations.length;
      if (i >= WARMUP) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const row = `| ${name} | \`${decodeURIComponent(query)
      .replace(/teamId=[0-9a-f-]+/, 'teamId=…')
      .replace(
        /from=[^&]+/,
        'from=…',
      )}\` | ${hits} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`;
    rows.push(row);
    console.log(row);
  }
  const report = [
    `search benchmark, ${new Date().toISOString()}: ${n} messages in ${ORGS} organizations, ${RUNS} runs per query after ${WARMUP} warm-up, through GET /api/v1/search on PostgreSQL`,
    '',
    '| query | parameters | results | p50 ms | p95 ms |',
    '|---|---|---|---|---|',
    ...rows,
  ].join('\n');
  saveReport('search', report);
  await server.close();
  // BENCH_KEEP=1 leaves the database for EXPLAIN ANALYZE
  if (!process.env.BENCH_KEEP) await admin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`));
}

await main();
process.exit(0);
