import { z } from 'zod';
import { IsoDate } from './common.js';
import {
  MAX_AWAY_MESSAGE,
  MAX_HOLIDAY_NAME,
  MAX_HOLIDAYS,
  MAX_INTERVALS_PER_DAY,
  type Weekday,
  weekdays,
} from './hours-limits.js';

/** A wall-clock time on the organization's clock, `HH:MM` from 00:00 to 23:59. */
export const ClockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'A time like 08:00');
/** When an interval ends: `HH:MM`, or 24:00 for the end of the day. */
export const ClosingTime = z.string().regex(/^(([01]\d|2[0-3]):[0-5]\d|24:00)$/, 'A time like 22:00 (24:00: midnight)');

/**
 * One stretch of a day the desk is open, on the organization's clock. It ends the day it starts
 * (start before end): a night desk is 22:00–24:00 one day and 00:00–06:00 the next.
 */
export const OpenInterval = z
  .strictObject({ start: ClockTime, end: ClosingTime })
  .refine((i) => i.start < i.end, { message: 'It must close after it opens', path: ['end'] });
export type OpenInterval = z.infer<typeof OpenInterval>;

/** A day's intervals, in order and not overlapping (one may end when the next starts). */
export const DayHours = z
  .array(OpenInterval)
  .max(MAX_INTERVALS_PER_DAY)
  .superRefine((intervals, ctx) => {
    const order = intervals.map((interval, index) => ({ ...interval, index }));
    order.sort((a, b) => a.start.localeCompare(b.start));
    for (let i = 1; i < order.length; i++) {
      const [before, after] = [order[i - 1], order[i]];
      if (before && after && after.start < before.end) {
        ctx.addIssue({
          code: 'custom',
          message: `${before.start}–${before.end} and ${after.start}–${after.end} overlap`,
          path: [after.index],
        });
      }
    }
  })
  .transform((intervals) => [...intervals].sort((a, b) => a.start.localeCompare(b.start)));

const dayShape = <T extends z.ZodType>(day: T) =>
  Object.fromEntries(weekdays.map((d) => [d, day])) as Record<Weekday, T>;

/** The week, every day named; a day with no intervals is closed. */
export const WeeklyHours = z.object(dayShape(z.array(OpenInterval))).meta({ id: 'WeeklyHours' });
export type WeeklyHours = z.infer<typeof WeeklyHours>;

/** The week as an admin sends it: a day left out is closed. */
export const WeeklyHoursInput = z
  .strictObject(dayShape(DayHours.optional()))
  .transform((week) => Object.fromEntries(weekdays.map((d) => [d, week[d] ?? []])) as WeeklyHours);

/** A calendar date, `YYYY-MM-DD`, that exists. */
export const CalendarDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'A date like 2026-12-24')
  .refine((value) => {
    const [y = 0, m = 0, d = 0] = value.split('-').map(Number);
    const date = new Date(Date.UTC(y, m - 1, d));
    return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  }, 'No such date');

/** A day the desk is closed from midnight to midnight on the organization's clock. */
export const Holiday = z
  .object({ date: CalendarDate, name: z.string().describe('Empty when unnamed') })
  .meta({ id: 'Holiday' });
export type Holiday = z.infer<typeof Holiday>;

export const HolidayInput = z.strictObject({
  date: CalendarDate,
  name: z.string().trim().max(MAX_HOLIDAY_NAME).default(''),
});

/** When a team answers, and what a guest reads when it does not. */
export const BusinessHours = z
  .object({
    weekly: WeeklyHours.nullable().describe('Null: open around the clock (except on holidays)'),
    holidays: z.array(Holiday).describe('By date'),
    awayMessage: z
      .string()
      .nullable()
      .describe('What guests read outside the hours; null: a standard text in their language'),
  })
  .meta({ id: 'BusinessHours' });
export type BusinessHours = z.infer<typeof BusinessHours>;

/**
 * A team's hours, holidays and away message, replaced as a whole. Times are on the organization's
 * clock (its time zone), so a desk opening at 08:00 opens at 08:00 in summer and in winter.
 */
export const SetBusinessHoursRequest = z.strictObject({
  weekly: WeeklyHoursInput.nullable().describe('Null: open around the clock; a day left out is closed'),
  holidays: z
    .array(HolidayInput)
    .max(MAX_HOLIDAYS)
    .default([])
    .superRefine((holidays, ctx) => {
      const seen = new Set<string>();
      holidays.forEach((h, i) => {
        if (seen.has(h.date)) ctx.addIssue({ code: 'custom', message: `${h.date} is listed twice`, path: [i, 'date'] });
        seen.add(h.date);
      });
    })
    .transform((holidays) => [...holidays].sort((a, b) => a.date.localeCompare(b.date))),
  awayMessage: z
    .string()
    .trim()
    .max(MAX_AWAY_MESSAGE)
    .nullable()
    .default(null)
    .transform((text) => text || null)
    .describe('Empty or null: the standard text in the guest’s language'),
});
export type SetBusinessHoursRequest = z.infer<typeof SetBusinessHoursRequest>;

/** Whether the desk answers now, as a guest sees it. */
export const DeskStatus = z
  .object({
    open: z.boolean(),
    opensAt: IsoDate.nullable().describe('While closed: when it opens next; null when no opening is ahead'),
    closesAt: IsoDate.nullable().describe('While open: when it closes next; null when it stays open'),
    awayMessage: z.string().nullable().describe('While closed: what to tell the guest, in their language'),
    timezone: z.string().describe('The organization’s IANA time zone: opensAt is shown on its clock'),
  })
  .meta({ id: 'DeskStatus' });
export type DeskStatus = z.infer<typeof DeskStatus>;
