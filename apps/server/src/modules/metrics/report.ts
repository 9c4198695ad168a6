import {
  type EntryPoint,
  type MetricsGroupBy,
  type MetricsQuery,
  type MetricsReport,
  type MetricsTiming,
  type MetricValues,
  metricUnits,
} from '@frontdesk/protocol';
import { and, eq, inArray, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import {
  metricsDaily,
  metricsDimensionDaily,
  metricsDimensionHourly,
  metricsHourly,
  tags,
  teams,
  users,
} from '../../db/schema.js';
import { notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { type Counters, counterNames, starCounters } from './fold.js';
import { type ReportReader, reportScope } from './scope.js';
import { columnOf, combine } from './store.js';

type Query = z.output<typeof MetricsQuery>;
type Sums = Record<(typeof counterNames)[number], number | string | null>;

const sums = sql.raw(counterNames.map((c) => `${combine(c, columnOf[c])} as "${c}"`).join(', '));

const counters = (row: Sums): Counters =>
  Object.fromEntries(counterNames.map((c) => [c, Number(row[c] ?? 0)])) as unknown as Counters;

const ratio = (part: number, whole: number) => (whole ? part / whole : null);
/** Milliseconds summed over `n` as average seconds, to a tenth. */
const averageSeconds = (ms: number, n: number) => (n ? Math.round(ms / n / 100) / 10 : null);

/**
 * The figures a report shows, from the summed counters (see the README's "Service metrics"); with
 * `timing` business, the three average times count only the teams' business hours.
 */
export function presentValues(c: Counters, timing: MetricsTiming = 'all'): MetricValues {
  const business = timing === 'business';
  return {
    conversationsOpened: c.opened,
    firstResponses: c.firstResponses,
    averageFirstResponseSeconds: averageSeconds(
      business ? c.firstResponseBusinessMs : c.firstResponseMs,
      c.firstResponses,
    ),
    responses: c.responses,
    averageResponseSeconds: averageSeconds(business ? c.responseBusinessMs : c.responseMs, c.responses),
    resolutions: c.resolutions,
    averageResolutionSeconds: averageSeconds(business ? c.resolutionBusinessMs : c.resolutionMs, c.resolutions),
    resolvedConversations: c.resolvedConversations,
    reopens: c.reopens,
    reopenRate: ratio(c.reopens, c.resolutions),
    // a reopen takes a first-contact resolution back from the very hour it was counted in
    firstContactResolutions: c.firstContactResolutions,
    firstContactResolutionRate: ratio(c.firstContactResolutions, c.resolvedConversations),
    ratings: c.ratings,
    averageRating: c.ratings ? Math.round((c.ratingSum / c.ratings) * 100) / 100 : null,
    ratingsFourOrFive: c.ratingsFourOrFive,
    satisfiedShare: ratio(c.ratingsFourOrFive, c.ratings),
    ratingDistribution: starCounters.map((stars) => c[stars]),
    ratingResponseRate: ratio(c.ratings, c.resolvedConversations),
    slaBreaches: c.slaBreaches,
    leadsCreated: c.leadsCreated,
    leadsConverted: c.leadsConverted,
    leadConversionRate: ratio(c.leadsConverted, c.leadsCreated),
    // all time, whatever `timing` says: work is done in the field, not at the desk's hours
    workCompleted: c.workCompleted,
    averageWorkCompletionSeconds: averageSeconds(c.workCompletionMs, c.workCompleted),
    workCompletedOnTime: c.workOnTime,
    workOnTimeRate: ratio(c.workOnTime, c.workWithDeadline),
    // requests × time ÷ time with any: how many a staff member had open at once, while they had any
    averageConcurrent: c.busyMs ? Math.round((c.concurrentMs / c.busyMs) * 100) / 100 : null,
    peakConcurrent: c.peakConcurrent,
  };
}

const emptyCounters = (): Counters => Object.fromEntries(counterNames.map((c) => [c, 0])) as unknown as Counters;

function keyOf(groupBy: MetricsGroupBy): SQL {
  switch (groupBy) {
    case 'day':
      return sql`to_char(day, 'YYYY-MM-DD')`;
    case 'hour':
      // the instant itself: a local hour that happens twice (autumn's clock change) stays two hours
      return sql`to_char(bucket at time zone 'UTC', 'YYYY-MM-DD"T"HH24:00"Z"')`;
    case 'agent':
      return sql`coalesce(agent_id::text, 'none')`;
    case 'team':
      return sql`coalesce(team_id::text, 'none')`;
    case 'tag':
    case 'entryPoint':
      return sql`value`;
  }
}

/** Each entry point in plain words (the dashboard's and the CSV's row names). */
export const entryPointNames: Record<EntryPoint, string> = {
  room: 'Room QR codes',
  public_entry: 'Public entry',
  customer_label: 'Customer labels',
};

/**
 * One scan of the organization's rows in the range (days, or hours): the sums per key and, as the
 * row of `grouping(key) = 1` (grouping sets), over all of them.
 */
async function sumsOf(
  db: Db,
  table: typeof metricsDaily | typeof metricsHourly | typeof metricsDimensionDaily | typeof metricsDimensionHourly,
  where: SQL,
  key: SQL | null,
): Promise<{ totals: Counters; byKey: Map<string, Counters> }> {
  const rows = (
    (await db.execute(
      key
        ? sql`select key, grouping(key) as total, ${sums}
              from (select ${key} as key, * from ${table} where ${where}) rows
              group by grouping sets ((key), ())`
        : sql`select null as key, 1 as total, ${sums} from ${table} where ${where}`,
    )) as unknown as { rows: (Sums & { key: string | null; total: number | string })[] }
  ).rows;
  const byKey = new Map<string, Counters>();
  let totals = emptyCounters();
  for (const row of rows) {
    if (Number(row.total) === 1) totals = counters(row);
    else byKey.set(row.key as string, counters(row));
  }
  return { totals, byKey };
}

/** Every local day, or every hour (as a UTC instant, named by its local time), from `start` to `end`. */
function timeKeys(groupBy: 'day' | 'hour', start: DateTime, end: DateTime): [string, string | null][] {
  const keys: [string, string | null][] = [];
  if (groupBy === 'day') {
    // calendar days need no zone: counted on UTC's clock, which is fast and has no clock changes
    const last = end.minus({ days: 1 }).toISODate() as string;
    for (let d = DateTime.fromISO(start.toISODate() as string, { zone: 'UTC' }); ; d = d.plus({ days: 1 })) {
      const day = d.toISODate() as string;
      keys.push([day, null]);
      if (day >= last) break;
    }
  } else {
    for (let h = start.toUTC(); h < end; h = h.plus({ hours: 1 })) {
      keys.push([h.toFormat("yyyy-MM-dd'T'HH:00'Z'"), h.setZone(start.zone).toFormat("yyyy-MM-dd'T'HH:mm")]);
    }
  }
  return keys;
}

/**
 * The service metrics of an organization (or of one team or staff member) over whole days on its
 * clock, the as many days before for comparison, and a series by local day, hour, agent or team.
 * Reads only the rollups: the organization's local days (metrics_daily), or for a series by hour its
 * hours (metrics_hourly), one index range per period.
 */
export async function metricsReport(ctx: ServiceContext<ReportReader>, query: Query): Promise<MetricsReport> {
  const { db } = ctx;
  const { orgId, teamId, agentId, timezone } = await reportScope(ctx, query);
  const tagId = query.tagId ?? null;
  const entryPoint = query.entryPoint ?? null;
  const timing = query.timing;
  if (tagId) {
    const [tag] = await db
      .select({ id: tags.id })
      .from(tags)
      .where(and(eq(tags.id, tagId), eq(tags.orgId, orgId)));
    if (!tag) throw notFound('Tag');
  }
  // cut by a tag or an entry point: the rows of that kind (and that value), else the plain ones
  const kind = tagId || query.groupBy === 'tag' ? 'tag' : entryPoint || query.groupBy === 'entryPoint' ? 'entry' : null;
  const value = tagId ?? entryPoint;
  const hourly = kind ? metricsDimensionHourly : metricsHourly;
  const daily = kind ? metricsDimensionDaily : metricsDaily;

  const first = DateTime.fromISO(query.from, { zone: timezone }).startOf('day');
  const afterLast = DateTime.fromISO(query.to, { zone: timezone }).plus({ days: 1 }).startOf('day');
  const length = Math.round(afterLast.diff(first, 'days').days);
  const previousFirst = first.minus({ days: length });
  const filters = (period: SQL) =>
    and(
      sql`org_id = ${orgId}::uuid`,
      kind ? sql`kind = ${kind}` : undefined,
      period,
      value ? sql`value = ${value}` : undefined,
      teamId ? sql`team_id = ${teamId}::uuid` : undefined,
      agentId ? sql`agent_id = ${agentId}::uuid` : undefined,
    ) as SQL;
  // whole local days from the daily rows; hours (at most a month of them) from the hourly ones
  const days = (start: DateTime, end: DateTime) =>
    filters(sql`day >= ${start.toISODate()}::date and day < ${end.toISODate()}::date`);
  const hours = (start: DateTime, end: DateTime) =>
    filters(sql`bucket >= ${start.toUTC().toISO()}::timestamptz and bucket < ${end.toUTC().toISO()}::timestamptz`);

  // a request with two tags counts in both rows: the totals of a report by tag are the plain ones
  const totalsApart = query.groupBy === 'tag' && !tagId;
  const plainDays = (start: DateTime, end: DateTime) =>
    and(
      sql`org_id = ${orgId}::uuid`,
      sql`day >= ${start.toISODate()}::date and day < ${end.toISODate()}::date`,
      teamId ? sql`team_id = ${teamId}::uuid` : undefined,
      agentId ? sql`agent_id = ${agentId}::uuid` : undefined,
    ) as SQL;
  const [current, previous, plainTotals] = await Promise.all([
    query.groupBy === 'hour'
      ? sumsOf(db, hourly, hours(first, afterLast), keyOf('hour'))
      : sumsOf(db, daily, days(first, afterLast), keyOf(query.groupBy)),
    totalsApart
      ? sumsOf(db, metricsDaily, plainDays(previousFirst, first), null)
      : sumsOf(db, daily, days(previousFirst, first), null),
    totalsApart ? sumsOf(db, metricsDaily, plainDays(first, afterLast), null) : null,
  ]);

  let series: MetricsReport['series'];
  if (query.groupBy === 'day' || query.groupBy === 'hour') {
    series = timeKeys(query.groupBy, first, afterLast).map(([key, name]) => ({
      key,
      name,
      values: presentValues(current.byKey.get(key) ?? emptyCounters(), timing),
    }));
  } else {
    const ids = [...current.byKey.keys()].filter((k) => k !== 'none');
    const names = new Map<string, string>();
    if (query.groupBy === 'entryPoint') {
      for (const [key, name] of Object.entries(entryPointNames)) names.set(key, name);
    } else if (ids.length) {
      const source = { agent: users, team: teams, tag: tags }[query.groupBy];
      const named = await db
        .select({ id: source.id, name: source.name })
        .from(source)
        .where(and(inArray(source.id, ids), eq(source.orgId, orgId)));
      for (const row of named) names.set(row.id, row.name);
    }
    series = [...current.byKey.entries()]
      .map(([key, c]) => ({
        key,
        name: key === 'none' ? null : (names.get(key) ?? ''),
        values: presentValues(c, timing),
      }))
      // named ones by name, "none" last
      .sort((a, b) => Number(a.name === null) - Number(b.name === null) || (a.name ?? '').localeCompare(b.name ?? ''));
  }

  return {
    from: query.from,
    to: query.to,
    timezone,
    groupBy: query.groupBy,
    timing,
    teamId,
    agentId,
    tagId,
    entryPoint,
    totals: presentValues((plainTotals ?? current).totals, timing),
    previous: {
      from: previousFirst.toISODate() as string,
      to: first.minus({ days: 1 }).toISODate() as string,
      totals: presentValues(previous.totals, timing),
    },
    series,
    units: { ...metricUnits },
  };
}
