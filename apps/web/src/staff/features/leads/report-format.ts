import type { LeadReport, LeadSourceRow } from '@frontdesk/protocol';
import { dayKey, formatDuration } from '../../format';

export interface ReportRange {
  from: string;
  to: string;
}

/** A calendar day `days` after (or before) `day`, both `YYYY-MM-DD`. */
export function shiftDay(day: string, days: number): string {
  const [y = 0, m = 1, d = 1] = day.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/** The last 30 days up to today on the organization's clock. */
export function lastThirtyDays(now: number, timeZone?: string): ReportRange {
  const today = dayKey(now, timeZone);
  return { from: shiftDay(today, -29), to: today };
}

/** Whether the server will take the range: two dates, the first not after the last. */
export function isRange(range: ReportRange): boolean {
  const day = /^\d{4}-\d{2}-\d{2}$/;
  return day.test(range.from) && day.test(range.to) && range.from <= range.to;
}

/** `/api/v1/leads/report.csv?from=…&to=…`: the same table as a file to download. */
export const reportCsvPath = (range: ReportRange) =>
  `/api/v1/leads/report.csv?${new URLSearchParams({ from: range.from, to: range.to })}`;

/** "40 %" (in the app's language), or a dash when there was nothing to convert. */
export function formatRate(rate: number | null, language: string): string {
  if (rate === null) return '—';
  return new Intl.NumberFormat(language, { style: 'percent', maximumFractionDigits: 1 }).format(rate);
}

/** "45 min", "1 h 15 min", "3 d", or a dash when nobody contacted any of them yet. */
export function formatMinutes(minutes: number | null, language: string): string {
  return minutes === null ? '—' : formatDuration(minutes * 60_000, language);
}

/** The report's groupings in the order the page shows them, each with what a nameless source means. */
export const reportGroupings = [
  { key: 'byCampaign', title: 'leadReport.byCampaign', none: 'leadReport.noCampaign' },
  { key: 'byBatch', title: 'leadReport.byBatch', none: 'leadReport.noLabel' },
  { key: 'byForm', title: 'leadReport.byForm', none: 'leadReport.noForm' },
  { key: 'byFieldUser', title: 'leadReport.byFieldUser', none: 'leadReport.noLabel' },
] as const satisfies readonly { key: keyof LeadReport; title: string; none: string }[];

/** A stable React key for a source: its id, else its name (campaigns have no id). */
export const sourceKey = (row: LeadSourceRow) => row.id ?? `name:${row.name}`;
