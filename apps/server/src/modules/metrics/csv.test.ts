import { type MetricValues, metricUnits } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { csvStream } from '../../platform/csv.js';
import { metricsCsv as metricsTable } from './csv.js';

/** The table as the reply streams it: every chunk of `csvStream`, read to the end. */
async function metricsCsv(report: Parameters<typeof metricsTable>[0]): Promise<string> {
  const { header, batches } = metricsTable(report);
  const chunks: Buffer[] = [];
  for await (const chunk of csvStream(header, batches)) chunks.push(Buffer.from(chunk));
  return Buffer.concat(chunks).toString('utf8');
}

const zero = {
  ...Object.fromEntries(Object.keys(metricUnits).map((k) => [k, 0])),
  ratingDistribution: [0, 0, 0, 0, 0],
} as unknown as MetricValues;
const values = (v: Partial<MetricValues>): MetricValues => ({ ...zero, ...v });
const report = (
  groupBy: 'agent' | 'team' | 'day' | 'hour' | 'tag' | 'entryPoint',
  series: { key: string; name: string | null; values: MetricValues }[],
) => ({
  from: '2026-11-01',
  to: '2026-11-30',
  timezone: 'Europe/Warsaw',
  groupBy,
  timing: 'all' as const,
  teamId: null,
  agentId: null,
  tagId: null,
  entryPoint: null,
  totals: values({ conversationsOpened: 3, averageFirstResponseSeconds: 42.5, reopenRate: 1 / 3, averageRating: 4.5 }),
  previous: { from: '2026-10-02', to: '2026-10-31', totals: zero },
  series,
  units: { ...metricUnits },
});

const header =
  'Requests opened,First responses,Average first response (s),Responses,Average response (s),Resolutions,Average resolution (s),Requests resolved,Reopens,Reopen rate (%),First-contact resolutions,First-contact resolution (%),Ratings,Average rating (stars),Ratings of 4 or 5,"CSAT, 4 or 5 stars (%)",Rating response rate (%),SLA breaches,Leads,Leads converted,Lead conversion (%),Work completed,Average time to complete work (s),Work completed on time,Work on time (%),Concurrent requests per staff member (average),Most requests at once';

describe('the per-agent and per-team tables as CSV', async () => {
  it('a row per agent (nobody’s last), then the totals; shares as percentages, empty averages empty', async () => {
    const csv = await metricsCsv(
      report('agent', [
        {
          key: 'a',
          name: '=Eve',
          values: values({
            conversationsOpened: 2,
            averageFirstResponseSeconds: 30,
            satisfiedShare: 0.5,
            workCompleted: 2,
            averageWorkCompletionSeconds: 5400,
            workCompletedOnTime: 1,
            workOnTimeRate: 0.5,
          }),
        },
        { key: 'none', name: null, values: values({ conversationsOpened: 1, averageFirstResponseSeconds: null }) },
      ]),
    );
    expect(csv.split('\r\n')).toEqual([
      `Staff member,${header}`,
      "'=Eve,2,0,30,0,0,0,0,0,0,0,0,0,0,0,0,50,0,0,0,0,0,2,5400,1,50,0,0",
      'Nobody (unassigned),1,0,,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0',
      '"All, 2026-11-01 to 2026-11-30",3,0,42.5,0,0,0,0,0,0,33.3,0,0,0,4.5,0,0,0,0,0,0,0,0,0,0,0,0,0',
      '',
    ]);
  });

  it('names the time zone of days and hours in the header', async () => {
    const byDay = await metricsCsv(report('day', [{ key: '2026-11-01', name: null, values: zero }]));
    expect(byDay.split('\r\n')[1]).toMatch(/^2026-11-01,0,/);
    expect(byDay.startsWith('Day (Europe/Warsaw),')).toBe(true);
    const byHour = await metricsCsv(
      report('hour', [{ key: '2026-11-01T22:00Z', name: '2026-11-01T23:00', values: zero }]),
    );
    expect(byHour.startsWith('Hour starting (Europe/Warsaw),')).toBe(true);
    expect(byHour.split('\r\n')[1]).toMatch(/^2026-11-01 23:00,0,/);
    expect((await metricsCsv(report('team', [{ key: 'none', name: null, values: zero }]))).split('\r\n')[1]).toMatch(
      /^No team,/,
    );
    const byEntry = await metricsCsv(report('entryPoint', [{ key: 'room', name: 'Room QR codes', values: zero }]));
    expect(
      byEntry
        .split('\r\n')
        .slice(0, 2)
        .map((line) => line.split(',')[0]),
    ).toEqual(['Entry point', 'Room QR codes']);
    const byTag = await metricsCsv(report('tag', [{ key: 't', name: 'Breakfast', values: zero }]));
    expect(
      byTag
        .split('\r\n')
        .slice(0, 2)
        .map((line) => line.split(',')[0]),
    ).toEqual(['Tag', 'Breakfast']);
  });

  it('says in the header when the times count only business hours', async () => {
    const csv = await metricsCsv({ ...report('team', []), timing: 'business' });
    const titles = (csv.split('\r\n')[0] ?? '').split(',');
    expect(titles.slice(3, 8)).toEqual([
      'Average first response in business hours (s)',
      'Responses',
      'Average response in business hours (s)',
      'Resolutions',
      'Average resolution in business hours (s)',
    ]);
  });
});
