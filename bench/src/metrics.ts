/**
 * The service-metrics benchmark (`npm run bench:metrics`): one hotel with BENCH_CONVERSATIONS
 * requests (1,000,000 by default) over the last 365 days on PostgreSQL, in a database of its own
 * (bench_metrics, made afresh). The hourly rollups are seeded straight into metrics_hourly with
 * generate_series, in the shape the consumer leaves them: per UTC hour, one row per team for what
 * belongs to no agent (openings, breaches) and one per agent who did something that hour (replies,
 * resolutions, reopens, first-contact resolutions, ratings), with more requests by day than by
 * night; the daily rows are summed from them on the organization's clock. Then GET /api/v1/reports/metrics is timed through the real HTTP route, p50/p95 each.
 *
 * BENCH_CONVERSATIONS=20000 BENCH_RUNS=10 npm run bench:metrics   — a small run that proves it works.
 */
import { sql } from 'drizzle-orm';
import { makeOrg, makeStaff, signInWithToken } from '../../apps/server/test/factories.js';
import { startTestServer } from '../../apps/server/test/harness.js';
import { ADMIN_URL, admin, percentile, saveReport } from './postgres-admin.js';

const DB_NAME = 'bench_metrics';
const CONVERSATIONS = Number(process.env.BENCH_CONVERSATIONS ?? 1_000_000);
const RUNS = Number(process.env.BENCH_RUNS ?? 100);
const WARMUP = Math.min(10, RUNS);
/** Teams and their share of the requests; each has AGENTS_PER_TEAM agents. */
const TEAMS: [string, number][] = [
  ['Reception', 0.45],
  ['Housekeeping', 0.25],
  ['Concierge', 0.15],
  ['Restaurant', 0.1],
  ['Spa', 0.05],
];
const AGENTS_PER_TEAM = 8;
const TIMEZONE = 'Europe/Warsaw';

const localDay = (daysAgo: number) =>
  new Date(Date.now() - daysAgo * 86_400_000).toLocaleDateString('en-CA', { timeZone: TIMEZONE });

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

  const org = await makeOrg(server, { name: 'Bench Metrics Hotel' });
  await db.execute(sql`update organizations set timezone = ${TIMEZONE} where id = ${org.id}`);
  const teamValues = TEAMS.map(([name, share]) => sql`(${name}, ${share}::float8)`);
  await db.execute(sql`
    with shares (name, share) as (values ${sql.join(teamValues, sql`, `)})
    insert into teams (org_id, name) select ${org.id}, name from shares`);
  await db.execute(sql`
    insert into users (org_id, email, name, role)
    select ${org.id}, 'agent' || n || '-' || t.id || '@bench.invalid', t.name || ' agent ' || n, 'agent'
    from teams t, generate_series(1, ${AGENTS_PER_TEAM}) n where t.org_id = ${org.id}`);
  await db.execute(sql`
    insert into team_members (org_id, team_id, user_id)
    select ${org.id}, t.id, u.id from teams t join users u on u.name like t.name || ' agent %' where t.org_id = ${org.id}`);
  log(`${TEAMS.length} teams, ${TEAMS.length * AGENTS_PER_TEAM} agents`);

  // requests per (hour, team): the year's total spread over its hours, three times as many by day
  // (08–22 local) as by night, split by the teams' shares, ±30 % from hour to hour
  await db.execute(sql`
    create temporary table bench_team_hours as
    with shares (name, share) as (values ${sql.join(teamValues, sql`, `)}),
    hours as (
      select h, case when extract(hour from h at time zone ${TIMEZONE}) between 8 and 21 then 3.0 else 1.0 end as w
      from generate_series(date_trunc('hour', now()) - interval '365 days', date_trunc('hour', now()) - interval '1 hour', interval '1 hour') h
    ),
    total as (select sum(w) as tw from hours)
    select h.h as bucket, t.id as team_id,
           floor(${CONVERSATIONS}::float8 * h.w / total.tw * s.share * (0.7 + random() * 0.6) + random())::int as requests
    from hours h, total, teams t join shares s on s.name = t.name
    where t.org_id = ${org.id}`);
  await db.execute(sql`
    insert into metrics_hourly (org_id, bucket, team_id, agent_id, opened, sla_breaches)
    select ${org.id}, bucket, team_id, null, requests, floor(requests * 0.02 + random())::int
    from bench_team_hours where requests > 0`);
  // each request of a team's hour goes to one of its agents: per agent the requests they answered
  // and resolved that hour, with realistic durations, reopens, first-contact resolutions and ratings
  await db.execute(sql`
    insert into metrics_hourly (org_id, bucket, team_id, agent_id, first_responses, first_response_ms, responses,
      response_ms, resolutions, resolution_ms, resolved_conversations, reopens, first_contact_resolutions, ratings,
      rating_sum, ratings_four_or_five, first_response_business_ms, response_business_ms, resolution_business_ms)
    select ${org.id}, bucket, team_id, agent_id, n, first_ms, n * 3, response_ms, n, resolution_ms, n,
      floor(n * 0.06 + random())::int, floor(n * 0.8 + random())::int, r, r * 4 + floor(r * 0.4 * random())::int,
      floor(r * 0.85 + random())::int,
      -- business hours leave out some nights: a share of each duration
      (first_ms * 0.85)::bigint, (response_ms * 0.85)::bigint, (resolution_ms * 0.7)::bigint
    from (
      select th.bucket, th.team_id, m.user_id as agent_id, counts.n, floor(counts.n * 0.4 + random())::int as r,
        counts.n * (15000 + random() * 90000)::bigint as first_ms,
        counts.n * 3 * (20000 + random() * 120000)::bigint as response_ms,
        counts.n * (600000 + random() * 5400000)::bigint as resolution_ms
      from bench_team_hours th
      join team_members m on m.team_id = th.team_id
      cross join lateral (select floor(th.requests::float8 / ${AGENTS_PER_TEAM} * (0.5 + random()) + random())::int as n) counts
      where th.requests > 0
    ) per_agent
    where n > 0`);
  // the organization's days from its hours, as the consumer keeps them beside the hours
  const counters = `opened, first_responses, first_response_ms, responses, response_ms, resolutions, resolution_ms,
    resolved_conversations, reopens, first_contact_resolutions, ratings, rating_sum, ratings_four_or_five, sla_breaches,
    leads_created, leads_converted, first_response_business_ms, response_business_ms, resolution_business_ms`;
  await db.execute(
    sql.raw(`insert into metrics_daily (org_id, day, team_id, agent_id, ${counters})
      select org_id, (bucket at time zone '${TIMEZONE}')::date, team_id, agent_id,
        ${counters
          .split(',')
          .map((c) => `sum(${c.trim()})`)
          .join(', ')}
      from metrics_hourly group by 1, 2, 3, 4`),
  );
  await db.execute(sql`analyze metrics_hourly`);
  await db.execute(sql`analyze metrics_daily`);
  const [seeded] = (
    (await db.execute(
      sql`select count(*)::int as rows, sum(opened)::bigint::text as opened, pg_size_pretty(pg_total_relation_size('metrics_hourly')) as size,
            (select count(*)::int from metrics_daily) as days from metrics_hourly`,
    )) as unknown as { rows: { rows: number; opened: string; size: string; days: number }[] }
  ).rows;
  log(
    `${seeded?.rows} hourly rollup rows (${seeded?.size}), ${seeded?.days} daily ones, for ${seeded?.opened} requests`,
  );

  const api = await signInWithToken(server, await makeStaff(server, org, 'admin'));
  const [team] = (
    (await db.execute(sql`select id from teams where org_id = ${org.id} and name = 'Reception'`)) as unknown as {
      rows: { id: string }[];
    }
  ).rows;
  const month = `from=${localDay(30)}&to=${localDay(1)}`;
  const year = `from=${localDay(365)}&to=${localDay(1)}`;
  const cases: [string, string][] = [
    ['30 days by day', `${month}&groupBy=day`],
    ['365 days by day', `${year}&groupBy=day`],
    ['365 days by agent', `${year}&groupBy=agent`],
    ['365 days, one team, by agent', `${year}&groupBy=agent&teamId=${team?.id}`],
    ['30 days by hour', `${month}&groupBy=hour`],
    ['365 days by day, business hours only', `${year}&groupBy=day&timing=business`],
  ];
  const rows: string[] = [];
  for (const [name, query] of cases) {
    const times: number[] = [];
    let opened = 0;
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t0 = performance.now();
      const res = await api.get(`/api/v1/reports/metrics?${query}`);
      const ms = performance.now() - t0;
      if (res.status !== 200) throw new Error(`${name}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
      opened = res.body.totals.conversationsOpened;
      if (i >= WARMUP) times.push(ms);
    }
    times.sort((a, b) => a - b);
    const row = `| ${name} | ${opened} | ${percentile(times, 50).toFixed(1)} | ${percentile(times, 95).toFixed(1)} |`;
    rows.push(row);
    console.log(row);
  }
  const report = [
    `metrics benchmark, ${new Date().toISOString()}: ${seeded?.opened} requests over 365 days in one organization (${seeded?.rows} hourly and ${seeded?.days} daily rollup rows, ${TEAMS.length} teams, ${TEAMS.length * AGENTS_PER_TEAM} agents), ${RUNS} runs per query after ${WARMUP} warm-up, through GET /api/v1/reports/metrics on PostgreSQL`,
    '',
    '| query | requests opened in range | p50 ms | p95 ms |',
    '|---|---|---|---|',
    ...rows,
  ].join('\n');
  saveReport('metrics', report);
  await server.close();
  // BENCH_KEEP=1 leaves the database for EXPLAIN ANALYZE
  if (!process.env.BENCH_KEEP) await admin((c) => c.query(`drop database if exists ${DB_NAME} with (force)`));
}

await main();
process.exit(0);
