import type { LeadReport, LeadSourceRow } from '@frontdesk/protocol';

/**
 * One CSV cell (RFC 4180): quoted when it holds a comma, a quote or a line break, quotes doubled.
 * A cell that a spreadsheet would run as a formula (=, +, -, @, tab, carriage return first) gets a
 * leading apostrophe: names come from staff and campaigns typed by people.
 */
export function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  if (typeof value === 'string' && /^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export const csvLine = (cells: readonly (string | number | null)[]) => `${cells.map(csvCell).join(',')}\r\n`;

const header = [
  'Grouped by',
  'Source',
  'Leads',
  'Open',
  'Converted',
  'Lost',
  'Conversion rate (%)',
  'Median minutes to first contact',
];

/** What an empty name stands for in each grouping, in plain words. */
const groupings = [
  { key: 'total', title: 'All leads', none: 'All leads' },
  { key: 'byCampaign', title: 'Campaign', none: 'No campaign' },
  { key: 'byBatch', title: 'Label batch', none: 'No label' },
  { key: 'byForm', title: 'Request form', none: 'No form' },
  { key: 'byFieldUser', title: 'Label attached by', none: 'No label' },
] as const;

const percent = (rate: number | null) => (rate === null ? null : Math.round(rate * 1000) / 10);

/** The report as one table: a header row, then every source of every grouping, the totals first. */
export function leadReportCsv(report: LeadReport): string {
  const lines = [csvLine(header)];
  for (const grouping of groupings) {
    const rows: LeadSourceRow[] = grouping.key === 'total' ? [report.total] : report[grouping.key];
    for (const row of rows) {
      lines.push(
        csvLine([
          grouping.title,
          row.name || grouping.none,
          row.leads,
          row.open,
          row.converted,
          row.lost,
          percent(row.conversionRate),
          row.medianMinutesToContact,
        ]),
      );
    }
  }
  return lines.join('');
}
