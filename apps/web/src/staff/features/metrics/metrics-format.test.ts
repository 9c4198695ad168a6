import type { MetricValues } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import {
  compare,
  daysIn,
  formatMetric,
  formatSeconds,
  isRange,
  meetsTarget,
  metricsCsvPath,
  metricsPath,
  presetRange,
  readFilter,
  sortRows,
  volumeByHourOfWeek,
  weekdayNames,
  writeFilter,
} from './metrics-format';

const zero: MetricValues = {
  conversationsOpened: 0,
  firstResponses: 0,
  averageFirstResponseSeconds: null,
  responses: 0,
  averageResponseSeconds: null,
  resolutions: 0,
  averageResolutionSeconds: null,
  resolvedConversations: 0,
  reopens: 0,
  reopenRate: null,
  firstContactResolutions: 0,
  firstContactResolutionRate: null,
  ratings: 0,
  averageRating: null,
  ratingsFourOrFive: 0,
  satisfiedShare: null,
  ratingDistribution: [0, 0, 0, 0, 0],
  ratingResponseRate: null,
  slaBreaches: 0,
  leadsCreated: 0,
  leadsConverted: 0,
  leadConversionRate: null,
  workCompleted: 0,
  averageWorkCompletionSeconds: null,
  workCompletedOnTime: 0,
  workOnTimeRate: null,
  averageConcurrent: null,
  peakConcurrent: 0,
};
/** Numbers and their units stay on one line. */
const nb = (text: string) => text.replace(/(\d) /g, '$1\u00a0');
const values = (v: Partial<MetricValues>): MetricValues => ({ ...zero, ...v });

describe('service-quality formatting', () => {
  it('writes durations in minutes and seconds, hours and minutes, days and hours', () => {
    expect(formatSeconds(200, 'en')).toBe(nb('3 min 20 s'));
    expect(formatSeconds(45, 'en')).toBe(nb('45 s'));
    expect(formatSeconds(44.6, 'en')).toBe(nb('45 s'));
    expect(formatSeconds(180, 'en')).toBe(nb('3 min'));
    expect(formatSeconds(2 * 3600 + 5 * 60 + 9, 'en')).toBe(nb('2 h 5 min'));
    expect(formatSeconds(3 * 86_400 + 4 * 3600, 'en')).toBe(nb('3 d 4 h'));
    expect(formatSeconds(null, 'en')).toBe('—');
  });

  it('writes each figure in its unit', () => {
    const v = values({
      conversationsOpened: 1234,
      reopenRate: 0.125,
      averageRating: 4.567,
      averageFirstResponseSeconds: 200,
    });
    expect(formatMetric('conversationsOpened', v, 'en', 'of 5')).toBe('1,234');
    expect(formatMetric('reopenRate', v, 'en', 'of 5')).toBe('12.5%');
    expect(formatMetric('averageRating', v, 'en', 'of 5')).toBe('4.57 of 5');
    expect(formatMetric('averageFirstResponseSeconds', v, 'en', 'of 5')).toBe(nb('3 min 20 s'));
    expect(formatMetric('satisfiedShare', v, 'en', 'of 5')).toBe('—');
  });

  it('calls a shorter response better and a higher reopen rate worse; volume is neither', () => {
    expect(compare('averageFirstResponseSeconds', 20, 40)).toMatchObject({
      direction: 'down',
      verdict: 'better',
      relative: -0.5,
    });
    expect(compare('averageFirstResponseSeconds', 40, 20)).toMatchObject({ direction: 'up', verdict: 'worse' });
    expect(compare('reopenRate', 0.2, 0.1)?.verdict).toBe('worse');
    expect(compare('averageRating', 4.8, 4.2)?.verdict).toBe('better');
    expect(compare('firstContactResolutionRate', 0.7, 0.9)?.verdict).toBe('worse');
    expect(compare('slaBreaches', 0, 3)?.verdict).toBe('better');
    expect(compare('conversationsOpened', 30, 10)).toMatchObject({ direction: 'up', verdict: 'neutral', relative: 2 });
    expect(compare('conversationsOpened', 5, 0)?.relative).toBeNull();
    expect(compare('slaBreaches', 2, 2)).toMatchObject({ direction: 'flat', verdict: 'same' });
    // work done sooner is better; how much was done is volume
    expect(compare('averageWorkCompletionSeconds', 3600, 7200)?.verdict).toBe('better');
    expect(compare('workCompleted', 5, 3)?.verdict).toBe('neutral');
    expect(
      formatMetric('averageWorkCompletionSeconds', values({ averageWorkCompletionSeconds: 93_600 }), 'en', 'of 5'),
    ).toBe(nb('26 h'));
    expect(compare('averageRating', 4.8, null)).toBeNull();
  });

  it('holds figures against the product’s success measures', () => {
    expect(meetsTarget('averageFirstResponseSeconds', 29)).toBe(true);
    expect(meetsTarget('averageFirstResponseSeconds', 30)).toBe(false);
    expect(meetsTarget('averageRating', 4.6)).toBe(true);
    expect(meetsTarget('averageRating', 4.5)).toBe(false);
    expect(meetsTarget('firstContactResolutionRate', 0.81)).toBe(true);
    expect(meetsTarget('firstContactResolutionRate', null)).toBeUndefined();
    expect(meetsTarget('slaBreaches', 3)).toBeUndefined();
  });
});

describe('service-quality filters', () => {
  // 23:30 UTC on 30 November is already 1 December in Warsaw
  const now = Date.parse('2026-11-30T23:30:00Z');

  it('counts presets up to today on the organization’s clock, not the browser’s', () => {
    expect(presetRange('last7', now, 'Europe/Warsaw')).toEqual({ from: '2026-11-25', to: '2026-12-01' });
    expect(presetRange('last7', now, 'UTC')).toEqual({ from: '2026-11-24', to: '2026-11-30' });
    expect(presetRange('last30', now, 'UTC')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
    expect(presetRange('thisMonth', now, 'Europe/Warsaw')).toEqual({ from: '2026-12-01', to: '2026-12-01' });
    expect(presetRange('thisMonth', now, 'UTC')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('keeps the filter in the address and reads it back', () => {
    const custom = { preset: 'custom', from: '2026-10-01', to: '2026-10-31', teamId: 'team_1', agentId: '' } as const;
    const written = writeFilter(custom);
    expect(written.toString()).toBe('range=custom&from=2026-10-01&to=2026-10-31&team=team_1');
    expect(readFilter(written, now, 'UTC')).toEqual(custom);
    // a preset keeps no days, so a shared link moves with the clock
    const preset = writeFilter({ preset: 'last30', from: 'x', to: 'y', teamId: '', agentId: 'u1' });
    expect(preset.toString()).toBe('range=last30&agent=u1');
    expect(readFilter(preset, now, 'UTC')).toEqual({
      preset: 'last30',
      from: '2026-11-01',
      to: '2026-11-30',
      teamId: '',
      agentId: 'u1',
    });
  });

  it('falls back to the last 7 days for an address it cannot read', () => {
    const week = { preset: 'last7', from: '2026-11-24', to: '2026-11-30', teamId: '', agentId: '' };
    expect(readFilter(new URLSearchParams(''), now, 'UTC')).toEqual(week);
    expect(readFilter(new URLSearchParams('range=yearly&team=a%20b'), now, 'UTC')).toEqual(week);
    expect(readFilter(new URLSearchParams('range=custom&from=2026-1-1&to=2026-01-02'), now, 'UTC')).toEqual(week);
  });

  it('takes only ranges the server will, and asks the API for them', () => {
    expect(isRange('2026-11-01', '2026-11-30')).toBe(true);
    expect(isRange('2026-11-30', '2026-11-01')).toBe(false);
    expect(isRange('2024-01-01', '2026-01-01')).toBe(true);
    expect(isRange('2024-01-01', '2026-01-02')).toBe(false);
    expect(daysIn('2026-11-01', '2026-11-30')).toBe(30);
    expect(daysIn('2026-03-28', '2026-03-30')).toBe(3);
    expect(
      metricsPath({ preset: 'last7', from: '2026-11-24', to: '2026-11-30', teamId: 't1', agentId: '' }, 'hour'),
    ).toBe('/api/v1/reports/metrics?from=2026-11-24&to=2026-11-30&groupBy=hour&teamId=t1');
    expect(
      metricsCsvPath({ preset: 'last7', from: '2026-11-24', to: '2026-11-30', teamId: '', agentId: '' }, 'agent'),
    ).toBe('/api/v1/reports/metrics.csv?from=2026-11-24&to=2026-11-30&groupBy=agent');
  });

  it('keeps "business hours only" in the address and asks the API for it', () => {
    const business = { preset: 'last7', from: 'x', to: 'y', teamId: '', agentId: '', business: true } as const;
    expect(writeFilter(business).toString()).toBe('range=last7&hours=business');
    expect(readFilter(writeFilter(business), now, 'UTC')).toMatchObject({ business: true });
    expect(readFilter(new URLSearchParams('range=last7&hours=all'), now, 'UTC').business).toBeUndefined();
    expect(metricsPath({ ...business, from: '2026-11-24', to: '2026-11-30' }, 'day')).toBe(
      '/api/v1/reports/metrics?from=2026-11-24&to=2026-11-30&groupBy=day&timing=business',
    );
  });
});

describe('service-quality aggregation', () => {
  it('adds up requests per local weekday and hour over the days of an hourly series', () => {
    const week = volumeByHourOfWeek([
      // Sunday 29 and Monday 30 November 2026, by their local start
      { name: '2026-11-29T07:00', values: values({ conversationsOpened: 2 }) },
      { name: '2026-11-30T07:00', values: values({ conversationsOpened: 3 }) },
      { name: '2026-12-07T07:00', values: values({ conversationsOpened: 4 }) },
      { name: '2026-11-30T23:00', values: values({ conversationsOpened: 1 }) },
      { name: null, values: values({ conversationsOpened: 9 }) },
    ]);
    expect(week).toHaveLength(7);
    expect(week.every((day) => day.length === 24)).toBe(true);
    expect(week[0]?.[7]).toBe(7);
    expect(week[0]?.[23]).toBe(1);
    expect(week[6]?.[7]).toBe(2);
    expect(week.flat().reduce((a, b) => a + b, 0)).toBe(10);
  });

  it('names the weekdays from Monday in the app’s language', () => {
    expect(weekdayNames('en')).toEqual(['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun']);
    expect(weekdayNames('de')[0]).toBe('Mo');
  });

  it('sorts table rows by a figure, nothing-to-average last, then by name', () => {
    const rows = [
      { key: 'a', name: 'Ann', values: values({ averageFirstResponseSeconds: 40, conversationsOpened: 2 }) },
      { key: 'b', name: 'Bob', values: values({ averageFirstResponseSeconds: null, conversationsOpened: 2 }) },
      { key: 'c', name: 'Cid', values: values({ averageFirstResponseSeconds: 10, conversationsOpened: 5 }) },
    ];
    const names = (r: typeof rows) => r.map((x) => x.name);
    expect(names(sortRows(rows, 'averageFirstResponseSeconds', 'asc'))).toEqual(['Cid', 'Ann', 'Bob']);
    expect(names(sortRows(rows, 'averageFirstResponseSeconds', 'desc'))).toEqual(['Ann', 'Cid', 'Bob']);
    expect(names(sortRows(rows, 'conversationsOpened', 'desc'))).toEqual(['Cid', 'Ann', 'Bob']);
    expect(names(sortRows(rows, 'name', 'desc'))).toEqual(['Cid', 'Bob', 'Ann']);
    expect(names(rows)).toEqual(['Ann', 'Bob', 'Cid']);
  });
});
