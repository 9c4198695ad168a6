import { type Holiday, type OpenInterval, type WeeklyHours, weekdays } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { openState } from './open-state.js';

// Every test names its instant: a fake clock, never a sleep.
const week = (days: Partial<WeeklyHours>): WeeklyHours =>
  Object.fromEntries(weekdays.map((d) => [d, days[d] ?? []])) as WeeklyHours;
const every = (intervals: OpenInterval[]): WeeklyHours => week(Object.fromEntries(weekdays.map((d) => [d, intervals])));
const day = (start: string, end: string): OpenInterval[] => [{ start, end }];
const iso = (d: Date | null) => d?.toISOString() ?? null;
const state = (weekly: WeeklyHours | null, now: string, tz = 'Europe/Warsaw', holidays: Holiday[] = []) => {
  const s = openState(weekly, holidays, tz, new Date(now));
  return { open: s.open, opensAt: iso(s.opensAt), closesAt: iso(s.closesAt) };
};

describe('openState', () => {
  const officeHours = week({
    monday: day('08:00', '22:00'),
    tuesday: day('08:00', '22:00'),
    wednesday: day('08:00', '22:00'),
    thursday: day('08:00', '22:00'),
    friday: day('08:00', '22:00'),
  });

  it('no hours: open around the clock, and it never closes', () => {
    expect(state(null, '2026-12-02T03:00:00Z')).toEqual({ open: true, opensAt: null, closesAt: null });
  });

  it('inside the hours: open until the end of the interval (Warsaw is UTC+1 in winter)', () => {
    // Wednesday 2 December 2026, 12:00 in Warsaw
    expect(state(officeHours, '2026-12-02T11:00:00Z')).toEqual({
      open: true,
      opensAt: null,
      closesAt: '2026-12-02T21:00:00.000Z',
    });
  });

  it('the start is open, the end is closed', () => {
    expect(state(officeHours, '2026-12-02T07:00:00Z').open).toBe(true); // 08:00 local
    expect(state(officeHours, '2026-12-02T21:00:00Z')).toEqual({
      open: false,
      opensAt: '2026-12-03T07:00:00.000Z',
      closesAt: null,
    });
  });

  it('before the opening: opens later the same day', () => {
    // 06:30 local on Wednesday
    expect(state(officeHours, '2026-12-02T05:30:00Z').opensAt).toBe('2026-12-02T07:00:00.000Z');
  });

  it('Friday night: opens again on Monday morning', () => {
    // Friday 4 December 2026, 23:00 local
    expect(state(officeHours, '2026-12-04T22:00:00Z')).toEqual({
      open: false,
      opensAt: '2026-12-07T07:00:00.000Z',
      closesAt: null,
    });
  });

  it('judges the day on the organization’s clock, not UTC', () => {
    // 23:30 UTC on Friday is already Saturday 00:30 in Warsaw, but still Friday 18:30 in New York
    expect(state(officeHours, '2026-12-04T23:30:00Z', 'Europe/Warsaw').open).toBe(false);
    expect(state(officeHours, '2026-12-04T23:30:00Z', 'America/New_York')).toEqual({
      open: true,
      opensAt: null,
      closesAt: '2026-12-05T03:00:00.000Z',
    });
    // 08:30 on Monday in Tokyo is still Sunday in UTC
    expect(state(officeHours, '2026-12-06T23:30:00Z', 'Asia/Tokyo').open).toBe(true);
  });

  it('split shifts: closed over lunch, open again in the afternoon', () => {
    const split = every([
      { start: '08:00', end: '12:00' },
      { start: '13:00', end: '17:00' },
    ]);
    expect(state(split, '2026-12-02T12:30:00Z', 'UTC')).toEqual({
      open: false,
      opensAt: '2026-12-02T13:00:00.000Z',
      closesAt: null,
    });
    expect(state(split, '2026-12-02T10:00:00Z', 'UTC').closesAt).toBe('2026-12-02T12:00:00.000Z');
  });

  it('intervals that meet (across midnight too) keep the desk open', () => {
    const night = week({
      monday: [
        { start: '08:00', end: '12:00' },
        { start: '12:00', end: '24:00' },
      ],
      tuesday: day('00:00', '06:00'),
    });
    // Monday 7 December 2026, 10:00 UTC
    expect(state(night, '2026-12-07T10:00:00Z', 'UTC')).toEqual({
      open: true,
      opensAt: null,
      closesAt: '2026-12-08T06:00:00.000Z',
    });
    expect(state(night, '2026-12-08T03:00:00Z', 'UTC').closesAt).toBe('2026-12-08T06:00:00.000Z');
  });

  it('a holiday closes the whole day; the desk opens the next working day', () => {
    const holidays = [
      { date: '2026-12-24', name: 'Christmas Eve' },
      { date: '2026-12-25', name: 'Christmas' },
    ];
    // Thursday 24 December, 12:00 local: closed; Friday is a holiday too; opens Monday 28th at 08:00
    expect(state(officeHours, '2026-12-24T11:00:00Z', 'Europe/Warsaw', holidays)).toEqual({
      open: false,
      opensAt: '2026-12-28T07:00:00.000Z',
      closesAt: null,
    });
    // the day before, the desk closes at 22:00 as usual
    expect(state(officeHours, '2026-12-23T11:00:00Z', 'Europe/Warsaw', holidays).closesAt).toBe(
      '2026-12-23T21:00:00.000Z',
    );
  });

  it('around the clock but for holidays: closes at the holiday’s midnight, opens at the next', () => {
    const holidays = [{ date: '2026-12-25', name: '' }];
    expect(state(null, '2026-12-24T12:00:00Z', 'Europe/Warsaw', holidays)).toEqual({
      open: true,
      opensAt: null,
      closesAt: '2026-12-24T23:00:00.000Z',
    });
    expect(state(null, '2026-12-25T12:00:00Z', 'Europe/Warsaw', holidays)).toEqual({
      open: false,
      opensAt: '2026-12-25T23:00:00.000Z',
      closesAt: null,
    });
    // a holiday in the past changes nothing
    expect(state(null, '2027-01-05T12:00:00Z', 'Europe/Warsaw', holidays).closesAt).toBeNull();
  });

  it('no day with hours: closed, and no opening ahead', () => {
    expect(state(week({}), '2026-12-02T11:00:00Z')).toEqual({ open: false, opensAt: null, closesAt: null });
  });

  describe('daylight saving time (Europe/Warsaw: 29 March 2026 02:00 → 03:00, 25 October 2026 03:00 → 02:00)', () => {
    it('08:00 is 07:00 UTC in winter and 06:00 UTC in summer', () => {
      // Saturday 28 March 22:00 UTC (23:00 CET): opens Sunday? no — Monday 30 March, 08:00 CEST
      expect(state(officeHours, '2026-03-28T22:00:00Z').opensAt).toBe('2026-03-30T06:00:00.000Z');
      // Saturday 24 October 23:00 CEST: opens Monday 26 October, 08:00 CET
      expect(state(officeHours, '2026-10-24T21:00:00Z').opensAt).toBe('2026-10-26T07:00:00.000Z');
    });

    it('a desk that closes at 22:00 closes at 22:00 local on the day the clocks change', () => {
      const daily = every(day('08:00', '22:00'));
      expect(state(daily, '2026-03-29T10:00:00Z').closesAt).toBe('2026-03-29T20:00:00.000Z');
      expect(state(daily, '2026-10-25T10:00:00Z').closesAt).toBe('2026-10-25T21:00:00.000Z');
    });

    it('an opening inside the skipped hour happens when the clocks jump', () => {
      const early = every(day('02:30', '10:00'));
      // Sunday 29 March, 01:30 CET = 00:30 UTC; 02:30 never happens, the desk opens at 03:00 CEST = 01:00 UTC
      expect(state(early, '2026-03-29T00:30:00Z').opensAt).toBe('2026-03-29T01:00:00.000Z');
    });

    it('a night desk is open the whole longer night, the extra hour too', () => {
      const night = every([
        { start: '00:00', end: '06:00' },
        { start: '22:00', end: '24:00' },
      ]);
      // 02:30 CEST, then 02:30 CET an hour later: open both times, closing at 06:00 CET
      expect(state(night, '2026-10-25T00:30:00Z')).toEqual({
        open: true,
        opensAt: null,
        closesAt: '2026-10-25T05:00:00.000Z',
      });
      expect(state(night, '2026-10-25T01:30:00Z').open).toBe(true);
    });
  });

  it('where midnight itself is skipped (Santiago, 6 September 2026: 00:00 → 01:00), the day starts at the jump', () => {
    const sunday = week({ sunday: day('00:00', '10:00') });
    // Saturday 23:00 (UTC−4): opens when Sunday begins, at 01:00 (UTC−3) = 04:00 UTC
    expect(state(sunday, '2026-09-06T03:00:00Z', 'America/Santiago').opensAt).toBe('2026-09-06T04:00:00.000Z');
    const night = week({ saturday: day('22:00', '24:00'), sunday: day('00:00', '06:00') });
    expect(state(night, '2026-09-06T03:00:00Z', 'America/Santiago')).toEqual({
      open: true,
      opensAt: null,
      closesAt: '2026-09-06T09:00:00.000Z',
    });
  });

  it('a time zone it does not know is read as UTC rather than failing', () => {
    expect(state(officeHours, '2026-12-02T08:30:00Z', 'Mars/Olympus').open).toBe(true);
  });
});
