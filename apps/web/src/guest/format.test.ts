import { describe, expect, it } from 'vitest';
import { formatDateTime, formatOpening, formatTime, formatWhen } from './format';

// 23:30 UTC on 15 January is already 16 January, 00:30 in Warsaw
const lateEvening = '2026-01-15T23:30:00.000Z';

describe('guest times on the hotel clock', () => {
  it('shows the hotel’s time, whatever zone the phone is in', () => {
    expect(formatTime(lateEvening, 'en-GB', 'Europe/Warsaw')).toBe('00:30');
    expect(formatTime(lateEvening, 'en-GB', 'America/New_York')).toBe('18:30');
  });

  it('decides "today" on the hotel’s calendar', () => {
    const now = Date.parse('2026-01-16T08:00:00.000Z');
    expect(formatWhen(lateEvening, 'en-GB', 'Europe/Warsaw', now)).toBe('00:30');
    expect(formatWhen(lateEvening, 'en-GB', 'UTC', now)).toBe('15 Jan, 23:30');
  });

  it('names the zone when a date and time stand alone', () => {
    expect(formatDateTime(lateEvening, 'pl', 'Europe/Warsaw')).toMatch(/16 stycznia.*00:30 CET/);
  });

  it('says when the desk opens on the hotel’s clock: the weekday this week, the date later', () => {
    const fridayNight = Date.parse('2026-12-04T22:00:00.000Z');
    expect(formatOpening('2026-12-07T07:00:00.000Z', 'en-GB', 'Europe/Warsaw', fridayNight)).toBe('Monday, 08:00 CET');
    expect(formatOpening('2026-12-07T07:00:00.000Z', 'de', 'Europe/Warsaw', fridayNight)).toMatch(/Montag.*08:00 MEZ/);
    expect(formatOpening('2026-12-28T07:00:00.000Z', 'en-GB', 'Europe/Warsaw', fridayNight)).toMatch(
      /28 December.*08:00 CET/,
    );
  });
});
