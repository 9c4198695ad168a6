import { DateTime } from 'luxon';
import type { Language } from '../../platform/i18n.js';

const hour = (t: DateTime) => (t.minute ? t.toFormat('H:mm') : t.toFormat('H'));

/** A time of day on the organization's clock, as a guest reads it ("14:05"). */
export const clockTime = (at: Date, timeZone: string) => DateTime.fromJSDate(at, { zone: timeZone }).toFormat('HH:mm');

/** A scheduled window in short words on the organization's clock ("Tue 9–12"; "Tue 9 – Wed 12" over midnight). */
export function windowText(start: Date, end: Date, timeZone: string, language: Language): string {
  const from = DateTime.fromJSDate(start, { zone: timeZone }).setLocale(language);
  const to = DateTime.fromJSDate(end, { zone: timeZone }).setLocale(language);
  const day = (t: DateTime) => t.toFormat('ccc').replace(/\.$/, '');
  if (from.hasSame(to, 'day')) return `${day(from)} ${hour(from)}–${hour(to)}`;
  return `${day(from)} ${hour(from)} – ${day(to)} ${hour(to)}`;
}

/** A due time in short words on the organization's clock ("Tue 14:05"). */
export const dueText = (at: Date, timeZone: string, language: Language) => {
  const t = DateTime.fromJSDate(at, { zone: timeZone }).setLocale(language);
  return `${t.toFormat('ccc').replace(/\.$/, '')} ${t.toFormat('HH:mm')}`;
};

/** Today on the organization's clock: its date and the instants it starts and ends. */
export function todayIn(timeZone: string, now = new Date()) {
  const start = DateTime.fromJSDate(now, { zone: timeZone }).startOf('day');
  return { day: start.toISODate() ?? '', start: start.toJSDate(), end: start.plus({ days: 1 }).toJSDate() };
}

/**
 * The instant a guest means by "at 14:30" on the organization's clock: today, or tomorrow once
 * today's 14:30 is more than an hour gone ("breakfast at 8" asked at night is tomorrow's; a taxi
 * at 14:30 asked at 14:35 is still today's, and late).
 */
export function nextClockTime(time: string, timeZone: string, now = new Date()): Date {
  const [hour = 0, minute = 0] = time.split(':').map(Number);
  const today = DateTime.fromJSDate(now, { zone: timeZone }).set({ hour, minute, second: 0, millisecond: 0 });
  const gone = DateTime.fromJSDate(now).diff(today, 'hours').hours > 1;
  return (gone ? today.plus({ days: 1 }) : today).toJSDate();
}
