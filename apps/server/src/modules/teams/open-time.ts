import { type Holiday, type OpenInterval, type WeeklyHours, weekdays } from '@frontdesk/protocol';
import { DateTime } from 'luxon';
import { instantOf } from './open-state.js';

const AROUND_THE_CLOCK: OpenInterval[] = [{ start: '00:00', end: '24:00' }];

/**
 * How long a desk with these hours was open between two instants, in milliseconds: the business
 * hours of a span (nights, closed weekdays and holidays do not count). Hours and holidays are
 * wall-clock times on the organization's clock (`timeZone`), read as `openState` reads them: a day
 * the clocks change is as long as it really is, `weekly` null is open around the clock except on
 * holidays. Pure; a span that ends before it starts is none.
 */
export function openMsBetween(
  weekly: WeeklyHours | null,
  holidays: readonly Holiday[],
  timeZone: string,
  from: Date,
  to: Date,
): number {
  const start = from.getTime();
  const end = to.getTime();
  if (end <= start) return 0;
  if (!weekly && !holidays.length) return end - start;
  const closedOn = new Set(holidays.map((h) => h.date));
  let first = DateTime.fromJSDate(from, { zone: timeZone });
  if (!first.isValid) first = DateTime.fromJSDate(from, { zone: 'UTC' });
  let open = 0;
  for (let day = first.startOf('day'); day.toMillis() < end; day = day.plus({ days: 1 }).startOf('day')) {
    if (closedOn.has(day.toISODate() ?? '')) continue;
    const intervals = weekly ? weekly[weekdays[day.weekday - 1] ?? 'monday'] : AROUND_THE_CLOCK;
    for (const interval of intervals) {
      const opens = Math.max(start, instantOf(day, interval.start));
      const closes = Math.min(end, instantOf(day, interval.end));
      if (closes > opens) open += closes - opens;
    }
  }
  return open;
}
