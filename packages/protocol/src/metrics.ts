import { z } from 'zod';
import { InboxCursor } from './chat.js';
import { Id, IsoDate } from './common.js';
import { CalendarDate } from './hours.js';

/** The longest range a metrics report covers (two years, leap days included). */
export const METRICS_MAX_DAYS = 2 * 366;
/** The longest range a report grouped by hour covers: a month of hours is already 744 points. */
export const METRICS_MAX_HOURLY_DAYS = 31;
/** The days a metrics report may name. */
export const METRICS_FIRST_DAY = '2000-01-01';
export const METRICS_LAST_DAY = '2999-12-31';

/**
 * How the first response, response and resolution times are counted: all time, or only the time
 * the request's team was open (its business hours; nights, closed weekdays and holidays left out).
 */
export const metricsTimings = ['all', 'business'] as const;
export const MetricsTiming = z.enum(metricsTimings);
export type MetricsTiming = z.infer<typeof MetricsTiming>;

export const metricsGroupings = ['day', 'hour', 'agent', 'team', 'tag', 'entryPoint'] as const;
export const MetricsGroupBy = z.enum(metricsGroupings);
export type MetricsGroupBy = z.infer<typeof MetricsGroupBy>;

/**
 * Where a request came in: a guest's room QR code (`room`), the organization's public entry
 * (`public_entry`), or a service company's customer label (`customer_label`).
 */
export const entryPoints = ['room', 'public_entry', 'customer_label'] as const;
export const EntryPoint = z.enum(entryPoints);
export type EntryPoint = z.infer<typeof EntryPoint>;

const bothDays = (q: { from: unknown; to: unknown }) =>
  CalendarDate.safeParse(q.from).success && CalendarDate.safeParse(q.to).success;
const daysBetween = (q: { from: string; to: string }) => (Date.parse(q.to) - Date.parse(q.from)) / 86_400_000;

/** Whole days on the organization's clock, both included; optionally one team's or one agent's share. */
export const MetricsQuery = z
  .object({
    from: CalendarDate.describe('First day, YYYY-MM-DD, in the organization’s time zone'),
    to: CalendarDate.describe('Last day (included), YYYY-MM-DD'),
    teamId: Id.optional().describe('Only what was counted for this team'),
    agentId: Id.optional().describe('Only what was counted for this staff member'),
    tagId: Id.optional().describe('Only what happened to requests while they had this tag'),
    entryPoint: EntryPoint.optional().describe('Only requests that came in this way'),
    groupBy: MetricsGroupBy.default('day').describe(
      'How `series` is cut: local days or hours (every one of the range, empty ones too), or per agent, team, tag or entry point (those with something counted)',
    ),
    timing: MetricsTiming.default('all').describe(
      'The first response, response and resolution times over all time (`all`), or counting only the request’s team’s business hours (`business`: nights, closed weekdays and holidays do not count; a request of no team, or of a team without hours, counts all time)',
    ),
  })
  // a figure is kept per tag or per entry point, not per both
  .refine((q) => !(q.tagId || q.groupBy === 'tag') || !(q.entryPoint || q.groupBy === 'entryPoint'), {
    message: 'Choose a tag or an entry point, not both',
    path: ['entryPoint'],
  })
  .refine((q) => !bothDays(q) || q.from <= q.to, { message: 'The range ends before it starts', path: ['to'] })
  // the previous period must stay a real date too, and PostgreSQL's dates have no year 0
  .refine((q) => !bothDays(q) || (q.from >= METRICS_FIRST_DAY && q.to <= METRICS_LAST_DAY), {
    message: `Choose days between ${METRICS_FIRST_DAY} and ${METRICS_LAST_DAY}`,
    path: ['from'],
  })
  .refine((q) => !bothDays(q) || daysBetween(q) < METRICS_MAX_DAYS, {
    message: 'Choose at most two years',
    path: ['to'],
  })
  .refine((q) => !bothDays(q) || q.groupBy !== 'hour' || daysBetween(q) < METRICS_MAX_HOURLY_DAYS, {
    message: 'Choose at most 31 days to see every hour',
    path: ['groupBy'],
  });

/**
 * The unit of each figure: `count` (how many), `seconds` (an average duration), `share` (0–1, of
 * the count named in its description), `stars` (an average rating, 1–5). Null values mean "nothing
 * to average": no first response, no rating … in the period.
 */
export const metricUnits = {
  conversationsOpened: 'count',
  firstResponses: 'count',
  averageFirstResponseSeconds: 'seconds',
  responses: 'count',
  averageResponseSeconds: 'seconds',
  resolutions: 'count',
  averageResolutionSeconds: 'seconds',
  resolvedConversations: 'count',
  reopens: 'count',
  reopenRate: 'share',
  firstContactResolutions: 'count',
  firstContactResolutionRate: 'share',
  ratings: 'count',
  averageRating: 'stars',
  ratingsFourOrFive: 'count',
  satisfiedShare: 'share',
  ratingResponseRate: 'share',
  slaBreaches: 'count',
  leadsCreated: 'count',
  leadsConverted: 'count',
  leadConversionRate: 'share',
  workCompleted: 'count',
  averageWorkCompletionSeconds: 'seconds',
  workCompletedOnTime: 'count',
  workOnTimeRate: 'share',
  averageConcurrent: 'count',
  peakConcurrent: 'count',
} as const;
export type MetricKey = keyof typeof metricUnits;
export const MetricUnit = z.enum(['count', 'seconds', 'share', 'stars']);

const count = (what: string) => z.number().int().min(0).describe(what);
const average = (what: string) => z.number().nullable().describe(what);

/** The figures of one period (or one day, hour, agent or team of it); see "Service metrics" in the README. */
export const MetricValues = z
  .object({
    conversationsOpened: count('Requests opened (a guest’s first message of a new request)'),
    firstResponses: count('Requests that got their first staff reply in the period'),
    averageFirstResponseSeconds: average(
      'From the guest’s first message to the first staff reply (system messages and notes do not count; a transfer does not restart it)',
    ),
    responses: count('Staff replies to a guest who was waiting (the first reply included)'),
    averageResponseSeconds: average('From the guest’s first unanswered message to the staff reply that answered it'),
    resolutions: count('Times a request was resolved (a reopened one resolved again counts again)'),
    averageResolutionSeconds: average('From the opening, or the reopening, to the resolution'),
    resolvedConversations: count('Requests resolved for the first time'),
    reopens: count('Resolved requests the guest reopened by writing again'),
    reopenRate: average('Reopens as a share of resolutions'),
    firstContactResolutions: count(
      'Requests resolved once, by the only staff member who handled them, and not reopened since',
    ),
    firstContactResolutionRate: average('First-contact resolutions as a share of resolvedConversations'),
    ratings: count('Ratings guests gave'),
    averageRating: average('Average of the ratings, 1 to 5 stars'),
    ratingsFourOrFive: count('Ratings of 4 or 5 stars'),
    satisfiedShare: average('Ratings of 4 or 5 stars as a share of all ratings (CSAT)'),
    ratingDistribution: z
      .array(z.number().int().min(0))
      .length(5)
      .describe('The rating distribution: how many ratings of 1, 2, 3, 4 and 5 stars, in that order'),
    ratingResponseRate: average('Ratings as a share of resolvedConversations'),
    slaBreaches: count('Waits for a reply that went past the team’s target'),
    leadsCreated: count('Request forms customers sent (service companies)'),
    leadsConverted: count('Leads turned into a work order'),
    leadConversionRate: average('Leads converted as a share of leads created in the same period'),
    workCompleted: count('Work items (tasks, work orders) done for the first time in the period'),
    averageWorkCompletionSeconds: average(
      'Time to complete work: from a work item’s creation to its first move to done (cancelled work does not count), over the work completed in the period; all time, whatever `timing` says',
    ),
    workCompletedOnTime: count(
      'Work completed by its deadline (the end of its window, else its due time), of the work completed in the period',
    ),
    workOnTimeRate: average(
      'Work completed on time as a share of the work completed in the period that had a deadline',
    ),
    averageConcurrent: average(
      'Open requests a staff member had assigned at once, on average over the time they had at least one (to two decimals)',
    ),
    peakConcurrent: count('The most open requests one staff member had assigned at once'),
  })
  .meta({ id: 'MetricValues' });
export type MetricValues = z.infer<typeof MetricValues>;

export const MetricsSeriesEntry = z.object({
  key: z
    .string()
    .describe(
      'The local day (YYYY-MM-DD), the hour as the UTC instant it starts at (YYYY-MM-DDTHH:00Z), the agent’s, team’s or tag’s id ("none" for what belongs to no agent or team), or the entry point',
    ),
  name: z
    .string()
    .nullable()
    .describe(
      'The agent’s, team’s or tag’s name, or the entry point in plain words; an hour’s local start (YYYY-MM-DDTHH:mm); null for days and "none"',
    ),
  values: MetricValues,
});

export const MetricsReport = z
  .object({
    from: CalendarDate,
    to: CalendarDate,
    timezone: z.string().describe('The organization’s time zone the days and hours are counted in'),
    groupBy: MetricsGroupBy,
    timing: MetricsTiming.describe('How the three average times were counted: all time, or business hours only'),
    teamId: Id.nullable(),
    agentId: Id.nullable(),
    tagId: Id.nullable(),
    entryPoint: EntryPoint.nullable(),
    totals: MetricValues,
    previous: z
      .object({ from: CalendarDate, to: CalendarDate, totals: MetricValues })
      .describe('The as many days just before `from`, for comparison'),
    series: z.array(MetricsSeriesEntry),
    units: z
      .object(
        Object.fromEntries(Object.keys(metricUnits).map((k) => [k, MetricUnit])) as Record<
          MetricKey,
          typeof MetricUnit
        >,
      )
      .describe('The unit of each figure'),
  })
  .meta({ id: 'MetricsReport' });
export type MetricsReport = z.infer<typeof MetricsReport>;

/** The longest page of rated requests. */
export const MAX_RATED_PAGE = 100;

/** Rated requests over whole days on the organization's clock (the day of the rating), newest first. */
export const RatedConversationsQuery = z
  .object({
    from: CalendarDate.describe('First day, YYYY-MM-DD, in the organization’s time zone'),
    to: CalendarDate.describe('Last day (included), YYYY-MM-DD'),
    teamId: Id.optional().describe('Only requests of this team'),
    agentId: Id.optional().describe('Only requests this staff member resolved (last)'),
    limit: z.coerce.number().int().min(1).max(MAX_RATED_PAGE).default(20),
    before: InboxCursor.optional().describe('The nextBefore of the previous page'),
  })
  .refine((q) => !bothDays(q) || q.from <= q.to, { message: 'The range ends before it starts', path: ['to'] })
  .refine((q) => !bothDays(q) || (q.from >= METRICS_FIRST_DAY && q.to <= METRICS_LAST_DAY), {
    message: `Choose days between ${METRICS_FIRST_DAY} and ${METRICS_LAST_DAY}`,
    path: ['from'],
  });

export const RatedConversation = z
  .object({
    conversationId: Id,
    rating: z.number().int().min(1).max(5),
    comment: z.string().nullable(),
    ratedAt: IsoDate,
    guestName: z.string().nullable().describe('The guest’s or visitor’s name, when they gave one'),
    roomNumber: z.string().nullable().describe('The room of the stay (hotels)'),
    team: z.object({ id: Id, name: z.string() }).nullable(),
    resolvedBy: z.object({ id: Id, name: z.string() }).nullable().describe('Who resolved it last'),
  })
  .meta({ id: 'RatedConversation' });
export type RatedConversation = z.infer<typeof RatedConversation>;

export const RatedConversationsPage = z
  .object({
    timezone: z.string(),
    ratings: z.array(RatedConversation),
    nextBefore: InboxCursor.nullable().describe('Pass as `before` for the next page; null on the last page'),
  })
  .meta({ id: 'RatedConversationsPage' });
export type RatedConversationsPage = z.infer<typeof RatedConversationsPage>;
