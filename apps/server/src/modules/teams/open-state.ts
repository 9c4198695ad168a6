import { type Holiday, MAX_HOLIDAYS, type OpenInterval, type WeeklyHours, weekdays } from '@frontdesk/protocol';
import { DateTime } from 'luxon';

/** Whether a desk is open at an instant, and when that changes next. */
export interface OpenState {
  open: boolean;
  /** While closed: when it opens next; null when no opening lies ahead (no hours, or past the horizon). */
  opensAt: Date | null;
  /** While open: when it closes next; null when it stays open past the horizon. */
  closesAt: Date | null;
}

/** How far ahead to look: past the longest run of holidays there can be, and one more week. */
const HORIZON_DAYS = MAX_HOLIDAYS + 8;
const AROUND_THE_CLOCK: OpenInterval[] = [{ start: '00:00', end: '24:00' }];

/**
 * Whether a team with these hours is open at `now`, and when it opens or closes next. Hours and
 * holidays are wall-clock times on the organization's clock (`timeZone`): a desk that opens at
 * 08:00 opens at 08:00 local time in summer and in winter. Where the clocks jump forward, an
 * opening inside the skipped hour happens at the jump; where they fall back, a time that occurs
 * twice means its first occurrence. `weekly` null is open around the clock except on holidays.
 * Pure: the caller passes the clock, so tests name their instants.
 */
export function openState(
  weekly: WeeklyHours | null,
  holidays: readonly Holiday[],
  timeZone: string,
  now: Date,
): OpenState {
  const at = now.getTime();
  const closedOn = new Set(holidays.map((h) => h.date));
  let local = DateTime.fromJSDate(now, { zone: timeZone });
  if (!local.isValid) local = DateTime.fromJSDate(now, { zone: 'UTC' });
  const today = local.startOf('day');
  if (!weekly && ![...closedOn].some((date) => date >= (today.toISODate() ?? ''))) {
    return { open: true, opensAt: null, closesAt: null };
  }

  let closesAt: number | null = null;
  for (let d = 0; d <= HORIZON_DAYS; d++) {
    const day = today.plus({ days: d });
    const date = day.toISODate() ?? '';
    const intervals = closedOn.has(date)
      ? []
      : weekly
        ? weekly[weekdays[day.weekday - 1] ?? 'monday']
        : AROUND_THE_CLOCK;
    for (const interval of intervals) {
      const start = instantOf(day, interval.start);
      const end = instantOf(day, interval.end);
      if (end <= at || end <= start) continue;
      if (closesAt !== null) {
        // open already: an interval starting as the last one ends keeps the desk open
        if (start > closesAt) return { open: true, opensAt: null, closesAt: new Date(closesAt) };
        closesAt = Math.max(closesAt, end);
      } else if (start <= at) {
        closesAt = end;
      } else {
        return { open: false, opensAt: new Date(start), closesAt: null };
      }
    }
  }
  return closesAt === null
    ? { open: false, opensAt: null, closesAt: null }
    : { open: true, opensAt: null, closesAt: null };
}

/**
 * The instant a wall-clock time (`HH:MM`, or 24:00 for the next midnight) happens on `day`. A time
 * the clocks skip is the instant they jump (luxon would move it forward by the whole gap).
 */
export function instantOf(day: DateTime, time: string): number {
  if (time === '24:00') return day.plus({ days: 1 }).startOf('day').toMillis();
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const wanted = hour * 60 + minute;
  let instant = day.set({ hour, minute, second: 0, millisecond: 0 });
  const wall = (t: DateTime) => (t.hasSame(day, 'day') ? t.hour * 60 + t.minute : t < day ? -1 : 24 * 60);
  if (wall(instant) !== wanted) {
    // inside a gap: step back to the first instant whose wall time is not before the one asked for
    for (let i = 0; i < 180 && wall(instant.minus({ minutes: 1 })) >= wanted; i++) {
      instant = instant.minus({ minutes: 1 });
    }
  }
  return instant.toMillis();
}
