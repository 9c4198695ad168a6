import { type WeeklyHours, weekdays } from '@frontdesk/protocol';

/** The weekday's short name in `language` (Mon, pon., Mo.). 1 January 2024 was a Monday. */
function shortDay(index: number, language: string): string {
  return new Intl.DateTimeFormat(language, { weekday: 'short', timeZone: 'UTC' }).format(Date.UTC(2024, 0, 1 + index));
}

/**
 * A week of opening hours in one line, runs of days with the same hours together:
 * "Mon–Fri 08:00–22:00 · Sat 10:00–14:00". Closed days are left out; an empty week is empty.
 */
export function summarizeWeek(week: WeeklyHours, language: string): string {
  const hoursOf = weekdays.map((d) => week[d].map((i) => `${i.start}–${i.end}`).join(', '));
  const parts: string[] = [];
  for (let from = 0; from < weekdays.length; ) {
    let to = from;
    while (to + 1 < weekdays.length && hoursOf[to + 1] === hoursOf[from]) to++;
    if (hoursOf[from]) {
      const days = from === to ? shortDay(from, language) : `${shortDay(from, language)}–${shortDay(to, language)}`;
      parts.push(`${days} ${hoursOf[from]}`);
    }
    from = to + 1;
  }
  return parts.join(' · ');
}
