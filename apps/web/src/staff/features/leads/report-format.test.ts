import { describe, expect, it } from 'vitest';
import { formatMinutes, formatRate, isRange, lastThirtyDays, reportCsvPath, shiftDay } from './report-format';

describe('lead report formatting', () => {
  it('moves across months, leap days and years', () => {
    expect(shiftDay('2026-03-01', -1)).toBe('2026-02-28');
    expect(shiftDay('2028-03-01', -1)).toBe('2028-02-29');
    expect(shiftDay('2026-12-31', 1)).toBe('2027-01-01');
    expect(shiftDay('2026-11-30', -29)).toBe('2026-11-01');
  });

  it('counts the last 30 days up to today on the organization’s clock, not the browser’s', () => {
    // 23:30 UTC on 30 November is already 1 December in Warsaw
    const now = Date.parse('2026-11-30T23:30:00Z');
    expect(lastThirtyDays(now, 'Europe/Warsaw')).toEqual({ from: '2026-11-02', to: '2026-12-01' });
    expect(lastThirtyDays(now, 'UTC')).toEqual({ from: '2026-11-01', to: '2026-11-30' });
  });

  it('takes only ranges the server will', () => {
    expect(isRange({ from: '2026-11-01', to: '2026-11-30' })).toBe(true);
    expect(isRange({ from: '2026-11-01', to: '2026-11-01' })).toBe(true);
    expect(isRange({ from: '2026-11-30', to: '2026-11-01' })).toBe(false);
    expect(isRange({ from: '', to: '2026-11-01' })).toBe(false);
  });

  it('links the CSV of the same range', () => {
    expect(reportCsvPath({ from: '2026-11-01', to: '2026-11-30' })).toBe(
      '/api/v1/leads/report.csv?from=2026-11-01&to=2026-11-30',
    );
  });

  it('shows rates and times in plain words, a dash when there is none', () => {
    expect(formatRate(0.4, 'en')).toBe('40%');
    expect(formatRate(1 / 3, 'en')).toBe('33.3%');
    expect(formatRate(2 / 3, 'pl')).toMatch(/^66,7\s?%$/);
    expect(formatRate(null, 'en')).toBe('—');
    expect(formatMinutes(45, 'en')).toBe('45m');
    expect(formatMinutes(75, 'en')).toBe('1h 15m');
    expect(formatMinutes(3 * 24 * 60, 'en')).toBe('3d');
    expect(formatMinutes(null, 'en')).toBe('—');
  });
});
