import type { MetricKey, MetricsReport, RatedConversationsQuery } from '@frontdesk/protocol';
import type { z } from 'zod';
import { type CsvValue, localTime } from '../../platform/csv.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { ratedConversations } from './rated.js';
import type { ReportReader } from './scope.js';

/** Each figure's column, in plain words with its unit (README "Service metrics" defines them). */
const columns: [MetricKey, string][] = [
  ['conversationsOpened', 'Requests opened'],
  ['firstResponses', 'First responses'],
  ['averageFirstResponseSeconds', 'Average first response (s)'],
  ['responses', 'Responses'],
  ['averageResponseSeconds', 'Average response (s)'],
  ['resolutions', 'Resolutions'],
  ['averageResolutionSeconds', 'Average resolution (s)'],
  ['resolvedConversations', 'Requests resolved'],
  ['reopens', 'Reopens'],
  ['reopenRate', 'Reopen rate (%)'],
  ['firstContactResolutions', 'First-contact resolutions'],
  ['firstContactResolutionRate', 'First-contact resolution (%)'],
  ['ratings', 'Ratings'],
  ['averageRating', 'Average rating (stars)'],
  ['ratingsFourOrFive', 'Ratings of 4 or 5'],
  ['satisfiedShare', 'CSAT, 4 or 5 stars (%)'],
  ['ratingResponseRate', 'Rating response rate (%)'],
  ['slaBreaches', 'SLA breaches'],
  ['leadsCreated', 'Leads'],
  ['leadsConverted', 'Leads converted'],
  ['leadConversionRate', 'Lead conversion (%)'],
  ['workCompleted', 'Work completed'],
  ['averageWorkCompletionSeconds', 'Average time to complete work (s)'],
  ['workCompletedOnTime', 'Work completed on time'],
  ['workOnTimeRate', 'Work on time (%)'],
  ['averageConcurrent', 'Concurrent requests per staff member (average)'],
  ['peakConcurrent', 'Most requests at once'],
];
/** The three times' columns when the report counts only business hours. */
const businessTitles: Partial<Record<MetricKey, string>> = {
  averageFirstResponseSeconds: 'Average first response in business hours (s)',
  averageResponseSeconds: 'Average response in business hours (s)',
  averageResolutionSeconds: 'Average resolution in business hours (s)',
};
const percentKeys = new Set<MetricKey>([
  'reopenRate',
  'firstContactResolutionRate',
  'satisfiedShare',
  'ratingResponseRate',
  'leadConversionRate',
  'workOnTimeRate',
]);

/** What a row of each grouping is, and what its "none" row stands for. */
const groupings = {
  day: { title: (tz: string) => `Day (${tz})`, none: '' },
  hour: { title: (tz: string) => `Hour starting (${tz})`, none: '' },
  agent: { title: () => 'Staff member', none: 'Nobody (unassigned)' },
  team: { title: () => 'Team', none: 'No team' },
  tag: { title: () => 'Tag', none: '' },
  entryPoint: { title: () => 'Entry point', none: '' },
} as const;

const figure = (key: MetricKey, value: number | null): CsvValue =>
  value === null ? null : percentKeys.has(key) ? Math.round(value * 1000) / 10 : value;

/**
 * The report as one table, as the dashboard's per-agent and per-team tables show it: a header row
 * naming the organization's time zone and the days, a row per agent, team, day or hour, and the totals
 * last. The report is computed before this returns (a refusal is an error reply); its rows go out as
 * one batch to `csvStream`, as every other CSV of the project.
 */
export function metricsCsv(report: MetricsReport) {
  const grouping = groupings[report.groupBy];
  const first = grouping.title(report.timezone);
  const titleOf = (key: MetricKey, title: string) =>
    report.timing === 'business' ? (businessTitles[key] ?? title) : title;
  const header = [first, ...columns.map(([key, title]) => titleOf(key, title))];
  const row = (name: string, values: MetricsReport['totals']): CsvValue[] => [
    name,
    ...columns.map(([key]) => figure(key, values[key])),
  ];
  async function* batches() {
    yield report.series.map((entry) => {
      // a day is its key; an hour its local start; an agent or a team its name ("none": nobody's)
      const name =
        report.groupBy === 'day'
          ? entry.key
          : report.groupBy === 'hour'
            ? (entry.name ?? entry.key).replace('T', ' ')
            : (entry.name ?? grouping.none);
      return row(name, entry.values);
    });
    yield [row(`All, ${report.from} to ${report.to}`, report.totals)];
  }
  return { header, batches: batches() };
}

/**
 * The rated requests of the ratings report as CSV, newest rating first, every page of it (from
 * `before` when given, `limit` a page): the rating's time on the organization's clock, the stars, the
 * comment, who rated, the room, the team and who resolved it last. The first page is read before this
 * returns, so a refusal is an error reply.
 */
export async function ratingsCsv(ctx: ServiceContext<ReportReader>, query: z.output<typeof RatedConversationsQuery>) {
  const first = await ratedConversations(ctx, query);
  const { timezone } = first;
  const row = (r: (typeof first.ratings)[number]): CsvValue[] => [
    localTime(r.ratedAt, timezone),
    r.rating,
    r.comment,
    r.guestName,
    r.roomNumber,
    r.team?.name ?? null,
    r.resolvedBy?.name ?? null,
    r.conversationId,
  ];
  async function* batches() {
    let page = first;
    yield page.ratings.map(row);
    while (page.nextBefore) {
      page = await ratedConversations(ctx, { ...query, before: page.nextBefore });
      yield page.ratings.map(row);
    }
  }
  const header = [`Rated (${timezone})`, 'Stars', 'Comment', 'Guest', 'Room', 'Team', 'Resolved by', 'Request'];
  return { header, batches: batches() };
}
