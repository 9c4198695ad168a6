/** Dates, times and durations for staff pages, in the app's language and, for stays, the hotel's time zone. */

export function formatDateTime(iso: string, language: string, timeZone?: string): string {
  const date = new Date(iso);
  return new Intl.DateTimeFormat(language, {
    day: 'numeric',
    month: 'short',
    ...(date.getFullYear() !== new Date().getFullYear() ? { year: 'numeric' } : {}),
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(date);
}

export function formatDate(iso: string, language: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone }).format(new Date(iso));
}

/** The calendar day of an instant on a clock (`YYYY-MM-DD`), to tell "today" and draw day separators. */
export function dayKey(iso: string | number, timeZone?: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(
    new Date(iso),
  );
}

/** Time only for today, date and time otherwise. */
export function formatWhen(iso: string, language: string, timeZone?: string, now = Date.now()): string {
  const today = dayKey(iso, timeZone) === dayKey(now, timeZone);
  return new Intl.DateTimeFormat(language, {
    ...(today ? {} : { day: 'numeric', month: 'short' }),
    hour: '2-digit',
    minute: '2-digit',
    timeZone,
  }).format(new Date(iso));
}

/** "45 s", "12 min", "3 h 5 min", "2 d" — how long something has been waiting. */
export function formatDuration(ms: number, language: string): string {
  const unit = (value: number, u: string) =>
    new Intl.NumberFormat(language, { style: 'unit', unit: u, unitDisplay: 'narrow' }).format(value);
  const seconds = Math.max(0, Math.floor(ms / 1000));
  if (seconds < 60) return unit(seconds, 'second');
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return unit(minutes, 'minute');
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return minutes % 60 ? `${unit(hours, 'hour')} ${unit(minutes % 60, 'minute')}` : unit(hours, 'hour');
  return unit(Math.floor(hours / 24), 'day');
}

/** The wall-clock parts of an instant in a time zone: what a hotel clock shows. */
function zonedParts(date: Date, timeZone: string) {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '00';
  return { y: get('year'), m: get('month'), d: get('day'), h: get('hour'), min: get('minute') };
}

/** `YYYY-MM-DD HH:mm:ss` (the date picker's value) of an instant, as the hotel's clock shows it. */
export function toZonedPickerValue(iso: string | Date, timeZone: string): string {
  const p = zonedParts(typeof iso === 'string' ? new Date(iso) : iso, timeZone);
  return `${p.y}-${p.m}-${p.d} ${p.h}:${p.min}:00`;
}

/** Tomorrow at the given hour in the hotel's zone, as a picker value: the usual check-out time. */
export function defaultCheckOut(timeZone: string, hour = 11, now = new Date()): string {
  const p = zonedParts(new Date(now.getTime() + 24 * 3600_000), timeZone);
  return `${p.y}-${p.m}-${p.d} ${String(hour).padStart(2, '0')}:00:00`;
}

/** The picker's `YYYY-MM-DD HH:mm:ss` as the API's local `YYYY-MM-DDTHH:mm`, read by the server in the hotel's zone. */
export function pickerToLocal(value: string): string {
  return value.slice(0, 16).replace(' ', 'T');
}

/** The picker value of "now" in the hotel's zone (for minDate). */
export function nowInZone(timeZone: string): string {
  return toZonedPickerValue(new Date(), timeZone);
}

/** The instant a hotel-clock wall time (`YYYY-MM-DDTHH:mm`, as a datetime-local input gives it) names. */
export function zonedToInstant(local: string, timeZone: string): Date {
  const [date = '', time = '00:00'] = local.split('T');
  const [y, m, d] = date.split('-').map(Number);
  const [h, min] = time.split(':').map(Number);
  const wall = Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1, h ?? 0, min ?? 0);
  // the zone's offset at that moment (twice: the first guess may sit across a DST change)
  let instant = wall;
  for (let i = 0; i < 2; i++) {
    const p = zonedParts(new Date(instant), timeZone);
    const shown = Date.UTC(+p.y, +p.m - 1, +p.d, +p.h, +p.min);
    instant += wall - shown;
  }
  return new Date(instant);
}

/** An instant as a datetime-local value on the hotel's clock. */
export function toZonedLocalInput(at: Date, timeZone: string): string {
  const p = zonedParts(at, timeZone);
  return `${p.y}-${p.m}-${p.d}T${p.h}:${p.min}`;
}
