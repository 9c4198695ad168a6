/**
 * Times and dates in the guest's language on the hotel's clock (`timeZone`, from the organization):
 * the guest may be in another zone (booking from home, a phone never switched over), and "check-out
 * at 11:00" must mean the hotel's 11:00. The chat header names the zone.
 */
export function formatTime(iso: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));
}

function dayOf(date: Date | number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(date);
}

/** Time only for today (on the hotel's calendar), date and time otherwise. */
export function formatWhen(iso: string, language: string, timeZone?: string, now = Date.now()): string {
  const date = new Date(iso);
  const today = dayOf(date, timeZone) === dayOf(now, timeZone);
  return new Intl.DateTimeFormat(language, {
    ...(today ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(date);
}

export function formatDay(iso: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'long', timeZone }).format(new Date(iso));
}

/** A date and time with the zone's short name ("3 December at 14:00 CET"): it stands alone in a message. */
export function formatDateTime(iso: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'long',
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}

/** "45 seconds", "3 minutes" in the guest's language (Intl handles the plural forms). */
export function formatWait(seconds: number, language: string): string {
  const [value, unit] = seconds < 90 ? [seconds, 'second'] : [Math.ceil(seconds / 60), 'minute'];
  return new Intl.NumberFormat(language, { style: 'unit', unit, unitDisplay: 'long' }).format(value);
}

/**
 * When the desk opens, on the hotel's clock with the zone's name: the weekday within the coming
 * week ("Monday, 08:00 CET"), the date further ahead ("28 December, 08:00 CET").
 */
export function formatOpening(iso: string, language: string, timeZone?: string, now = Date.now()): string {
  const soon = Date.parse(iso) - now < 6 * 24 * 3600 * 1000;
  return new Intl.DateTimeFormat(language, {
    ...(soon ? { weekday: 'long' } : { day: 'numeric', month: 'long' }),
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  }).format(new Date(iso));
}
