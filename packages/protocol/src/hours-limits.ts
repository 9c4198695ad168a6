// Plain constants of business hours, in a module of their own so the web app can use them without zod.

/** The days of a week of opening hours, Monday first (ISO weekday 1 to 7). */
export const weekdays = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof weekdays)[number];

/** Open intervals a team may have on one day (split shifts, a lunch break, a late desk). */
export const MAX_INTERVALS_PER_DAY = 6;
/** Holidays a team keeps; old ones can be taken out to make room. */
export const MAX_HOLIDAYS = 100;
export const MAX_HOLIDAY_NAME = 60;
export const MAX_AWAY_MESSAGE = 500;
