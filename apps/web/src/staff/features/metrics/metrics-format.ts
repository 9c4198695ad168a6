import type { MetricKey, MetricsGroupBy, MetricValues } from '@frontdesk/protocol';
import { dayKey } from '../../format';

/** The product's success measures (issue 16): what a good service reaches. */
export const metricTargets = {
  averageFirstResponseSeconds: 30,
  averageRating: 4.5,
  firstContactResolutionRate: 0.8,
  /** 8 or more requests at once per staff member */
  averageConcurrent: 8,
} as const satisfies Partial<Record<MetricKey, number>>;

export type RangePreset = 'last7' | 'last30' | 'thisMonth' | 'custom';
export const rangePresets: readonly RangePreset[] = ['last7', 'last30', 'thisMonth', 'custom'];

/** What the dashboard shows, as kept in the page's address (shareable, survives a reload). */
export interface MetricsFilter {
  preset: RangePreset;
  from: string;
  to: string;
  teamId: string;
  agentId: string;
  /** Count the three times in the teams' business hours only (`timing=business`). */
  business?: boolean;
}

/** A calendar day `days` after (or before) `day`, both `YYYY-MM-DD`. */
export function shiftDay(day: string, days: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** Days from `from` to `to`, both included. */
export function daysIn(from: string, to: string): number {
  return Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000) + 1;
}

/** A preset's days up to today on the organization's clock (custom keeps what it has). */
export function presetRange(preset: Exclude<RangePreset, 'custom'>, now: number, timeZone?: string) {
  const today = dayKey(now, timeZone);
  if (preset === 'last7') return { from: shiftDay(today, -6), to: today };
  if (preset === 'last30') return { from: shiftDay(today, -29), to: today };
  return { from: `${today.slice(0, 8)}01`, to: today };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const ID = /^[A-Za-z0-9_-]{1,64}$/;

/** The filter a page address names; anything missing or wrong falls back to the last 7 days. */
export function readFilter(params: URLSearchParams, now: number, timeZone?: string): MetricsFilter {
  const asked = params.get('range');
  const preset: RangePreset = rangePresets.includes(asked as RangePreset) ? (asked as RangePreset) : 'last7';
  const teamId = params.get('team') ?? '';
  const agentId = params.get('agent') ?? '';
  const ids = {
    teamId: ID.test(teamId) ? teamId : '',
    agentId: ID.test(agentId) ? agentId : '',
    ...(params.get('hours') === 'business' ? { business: true } : {}),
  };
  if (preset === 'custom') {
    const from = params.get('from') ?? '';
    const to = params.get('to') ?? '';
    if (DAY.test(from) && DAY.test(to)) return { preset, from, to, ...ids };
    return { preset: 'last7', ...presetRange('last7', now, timeZone), ...ids };
  }
  return { preset, ...presetRange(preset, now, timeZone), ...ids };
}

/** The page address's query for a filter: presets keep no days, so a shared link moves with the clock. */
export function writeFilter(filter: MetricsFilter): URLSearchParams {
  const params = new URLSearchParams({ range: filter.preset });
  if (filter.preset === 'custom') {
    params.set('from', filter.from);
    params.set('to', filter.to);
  }
  if (filter.teamId) params.set('team', filter.teamId);
  if (filter.agentId) params.set('agent', filter.agentId);
  if (filter.business) params.set('hours', 'business');
  return params;
}

/** Whether the server will take the range: two dates in order, at most two years. */
export function isRange(from: string, to: string): boolean {
  return DAY.test(from) && DAY.test(to) && from <= to && daysIn(from, to) <= 732;
}

/** The report's address on the API. */
export function metricsPath(filter: MetricsFilter, groupBy: MetricsGroupBy): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to, groupBy });
  if (filter.teamId) params.set('teamId', filter.teamId);
  if (filter.agentId) params.set('agentId', filter.agentId);
  if (filter.business) params.set('timing', 'business');
  return `/api/v1/reports/metrics?${params}`;
}

/** The rated requests of the filter's days, `limit` at a time, after the cursor `before`. */
export function ratingsPath(filter: MetricsFilter, before: string | null, limit: number): string {
  const params = new URLSearchParams({ from: filter.from, to: filter.to, limit: String(limit) });
  if (filter.teamId) params.set('teamId', filter.teamId);
  if (filter.agentId) params.set('agentId', filter.agentId);
  if (before) params.set('before', before);
  return `/api/v1/reports/ratings?${params}`;
}

/** The same report as a CSV table to download (`/api/v1/reports/metrics.csv?…`). */
export const metricsCsvPath = (filter: MetricsFilter, groupBy: MetricsGroupBy): string =>
  metricsPath(filter, groupBy).replace('/api/v1/reports/metrics?', '/api/v1/reports/metrics.csv?');

/** The international unit symbols, the same in every language the staff app speaks. */
const symbols = { second: 's', minute: 'min', hour: 'h', day: 'd' } as const;

/** "3 min 20 s", "45 s", "2 h 5 min", "3 d 4 h"; a dash when there was nothing to time. */
export function formatSeconds(seconds: number | null, language: string): string {
  if (seconds === null || !Number.isFinite(seconds)) return '—';
  const number = new Intl.NumberFormat(language);
  const unit = (value: number, u: keyof typeof symbols) => `${number.format(value)}\u00a0${symbols[u]}`;
  const pair = (big: number, bigUnit: keyof typeof symbols, small: number, smallUnit: keyof typeof symbols) =>
    small ? `${unit(big, bigUnit)} ${unit(small, smallUnit)}` : unit(big, bigUnit);
  const s = Math.max(0, Math.round(seconds));
  if (s < 60) return unit(s, 'second');
  if (s < 3600) return pair(Math.floor(s / 60), 'minute', s % 60, 'second');
  if (s < 48 * 3600) return pair(Math.floor(s / 3600), 'hour', Math.floor((s % 3600) / 60), 'minute');
  return pair(Math.floor(s / 86_400), 'day', Math.floor((s % 86_400) / 3600), 'hour');
}

/** A figure in plain words: a count, a duration, a share ("82 %") or stars ("4.6 of 5"). */
export function formatMetric(key: MetricKey, values: MetricValues, language: string, ofFive: string): string {
  const value = values[key];
  if (value === null) return '—';
  if (key.endsWith('Seconds')) return formatSeconds(value, language);
  if (key.endsWith('Rate') || key === 'satisfiedShare')
    return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(value);
  if (key === 'averageRating')
    return `${new Intl.NumberFormat(language, { maximumFractionDigits: 2 }).format(value)} ${ofFive}`;
  return new Intl.NumberFormat(language).format(value);
}

/** Figures where less is better; for the others (ratings, resolutions …) more is better; volume is neither. */
const lowerIsBetter: ReadonlySet<MetricKey> = new Set([
  'averageFirstResponseSeconds',
  'averageResponseSeconds',
  'averageResolutionSeconds',
  'averageWorkCompletionSeconds',
  'reopens',
  'reopenRate',
  'slaBreaches',
]);
const neutral: ReadonlySet<MetricKey> = new Set([
  'conversationsOpened',
  'leadsCreated',
  'ratings',
  'peakConcurrent',
  // as much work is completed as came in: more is not in itself better
  'workCompleted',
]);

export type Verdict = 'better' | 'worse' | 'same' | 'neutral';

/** How a figure moved from the previous period: up, down or not; better, worse or just different. */
export function compare(key: MetricKey, now: number | null, before: number | null) {
  if (now === null || before === null) return null;
  const delta = now - before;
  const direction = delta > 0 ? 'up' : delta < 0 ? 'down' : 'flat';
  const verdict: Verdict =
    delta === 0 ? 'same' : neutral.has(key) ? 'neutral' : delta < 0 === lowerIsBetter.has(key) ? 'better' : 'worse';
  const relative = before === 0 ? null : delta / Math.abs(before);
  return { delta, direction, verdict, relative } as const;
}

/** Whether a figure meets its success measure (undefined: it has none, or nothing was measured). */
export function meetsTarget(key: MetricKey, value: number | null): boolean | undefined {
  const target = (metricTargets as Partial<Record<MetricKey, number>>)[key];
  if (target === undefined || value === null) return undefined;
  if (key === 'averageFirstResponseSeconds') return value < target;
  return key === 'averageConcurrent' ? value >= target : value > target;
}

/**
 * Volume per local weekday (0 = Monday … 6 = Sunday) and hour of the day (0–23), summed over the
 * days of an hourly series (its entries are named by their local start, `YYYY-MM-DDTHH:mm`).
 */
export function volumeByHourOfWeek(series: { name: string | null; values: MetricValues }[]): number[][] {
  const week = Array.from({ length: 7 }, () => Array.from({ length: 24 }, () => 0));
  for (const entry of series) {
    const day = entry.name?.slice(0, 10) ?? '';
    const hour = Number(entry.name?.slice(11, 13));
    const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
    const row = week[weekday];
    if (row && Number.isInteger(hour) && hour >= 0 && hour < 24)
      row[hour] = (row[hour] ?? 0) + entry.values.conversationsOpened;
  }
  return week;
}

/** The weekdays from Monday, short, in the app's language. */
export function weekdayNames(language: string): string[] {
  const format = new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' });
  // 1 January 2024 was a Monday
  return Array.from({ length: 7 }, (_, i) => format.format(new Date(Date.UTC(2024, 0, 1 + i))));
}

export type SortDirection = 'asc' | 'desc';

/** Rows by one figure (nothing-to-average last either way), then by name; a new array. */
export function sortRows<T extends { name: string | null; values: MetricValues }>(
  rows: readonly T[],
  by: MetricKey | 'name',
  direction: SortDirection,
): T[] {
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    if (by === 'name') return sign * (a.name ?? '').localeCompare(b.name ?? '');
    const x = a.values[by];
    const y = b.values[by];
    if (x === null || y === null) return x === y ? 0 : x === null ? 1 : -1;
    return sign * (x - y) || (a.name ?? '').localeCompare(b.name ?? '');
  });
}
