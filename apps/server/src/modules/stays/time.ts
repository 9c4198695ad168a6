import { DateTime } from 'luxon';
import { AppError } from '../../platform/errors.js';

/** Reads a check-in/out time; without an offset it is wall-clock time in the organization's zone. */
export function parseStayTime(value: string, timezone: string): Date {
  const parsed = DateTime.fromISO(value, { zone: timezone });
  if (!parsed.isValid) throw new AppError('validation_failed', `Not a valid date and time: ${value}`);
  return parsed.toJSDate();
}

/** Midnight today in the organization's time zone. */
export function startOfToday(timezone: string, now = new Date()): Date {
  return DateTime.fromJSDate(now, { zone: timezone }).startOf('day').toJSDate();
}

/** "12 May 2026, 11:00" in the organization's zone and a language, for messages and cards. */
export function formatStayTime(date: Date, timezone: string, language = 'en'): string {
  return DateTime.fromJSDate(date, { zone: timezone }).setLocale(language).toFormat('d LLLL yyyy, HH:mm');
}

export function formatStayDate(date: Date, timezone: string, language = 'en'): string {
  return DateTime.fromJSDate(date, { zone: timezone }).setLocale(language).toFormat('d LLLL');
}
