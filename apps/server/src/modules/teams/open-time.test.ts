import { type OpenInterval, type WeeklyHours, weekdays } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { openMsBetween } from './open-time.js';

// Every test names its instants; minutes are hand-counted on the Warsaw clock.
const week = (days: Partial<WeeklyHours>): WeeklyHours =>
  Object.fromEntries(weekdays.map((d) => [d, days[d] ?? []])) as WeeklyHours;
const day = (start: string, end: string): OpenInterval[] => [{ start, end }];
const minutes = (ms: number) => ms / 60_000;
const open = (weekly: WeeklyHours | null, from: string, to: string, holidays: string[] = []) =>
  minutes(
    openMsBetween(
      weekly,
      holidays.map((date) => ({ date, name: '' })),
      'Europe/Warsaw',
      new Date(from),
      new Date(to),
    ),
  );

const weekdaysNineToSix = week({
  monday: day('09:00', '18:00'),
  tuesday: day('09:00', '18:00'),
  wednesday: day('09:00', '18:00'),
  thursday: day('09:00', '18:00'),
  friday: day('09:00', '18:00'),
});

describe('openMsBetween', () => {
  it('counts only the hours the desk is open: Friday 17:30 to Monday 09:10 is 40 minutes', () => {
    // Friday 4 December 2026, 17:30 in Warsaw (UTC+1) to Monday 7 December, 09:10
    expect(open(weekdaysNineToSix, '2026-12-04T16:30:00Z', '2026-12-07T08:10:00Z')).toBe(40);
  });

  it('a holiday is closed all day', () => {
    // Monday 7 December a holiday: Friday's 30 minutes and Tuesday's 10
    expect(open(weekdaysNineToSix, '2026-12-04T16:30:00Z', '2026-12-08T08:10:00Z', ['2026-12-07'])).toBe(40);
    // no weekly hours: around the clock, except the holiday
    expect(open(null, '2026-12-06T00:00:00Z', '2026-12-08T00:00:00Z', ['2026-12-07'])).toBe(24 * 60);
  });

  it('without hours or holidays every minute counts', () => {
    expect(open(null, '2026-12-04T16:30:00Z', '2026-12-07T08:10:00Z')).toBe(2 * 24 * 60 + 15 * 60 + 40);
  });

  it('a span inside one interval, a span entirely closed, and a span that ends before it starts', () => {
    expect(open(weekdaysNineToSix, '2026-12-02T09:00:00Z', '2026-12-02T09:45:00Z')).toBe(45);
    expect(open(weekdaysNineToSix, '2026-12-05T09:00:00Z', '2026-12-06T20:00:00Z')).toBe(0);
    expect(open(weekdaysNineToSix, '2026-12-02T10:00:00Z', '2026-12-02T09:00:00Z')).toBe(0);
  });

  it('a night desk runs across midnight', () => {
    const nights = week(
      Object.fromEntries(weekdays.map((d) => [d, [...day('00:00', '06:00'), ...day('22:00', '24:00')]])),
    );
    // Wednesday 21:00 to Thursday 07:00 in Warsaw: 22:00–06:00
    expect(open(nights, '2026-12-02T20:00:00Z', '2026-12-03T06:00:00Z')).toBe(8 * 60);
  });

  it('counts the real length of the days the clocks change', () => {
    const sundayNight = week({ sunday: day('01:00', '04:00') });
    // 29 March 2026: 02:00 becomes 03:00, so 01:00–04:00 lasts two hours
    expect(open(sundayNight, '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z')).toBe(120);
    // 25 October 2026: 03:00 becomes 02:00 again, so 01:00–04:00 lasts four hours
    expect(open(sundayNight, '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z')).toBe(240);
    // around the clock, the spring Sunday has 23 hours
    const always = week(Object.fromEntries(weekdays.map((d) => [d, day('00:00', '24:00')])));
    expect(open(always, '2026-03-28T23:00:00Z', '2026-03-29T22:00:00Z')).toBe(23 * 60);
  });
});
