import type { LeadReport, LeadSourceRow } from '@frontdesk/protocol';
import { csvLine } from '../../platform/csv.js';

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
