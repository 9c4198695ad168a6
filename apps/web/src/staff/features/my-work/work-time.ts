import type { WorkItem } from '@frontdesk/protocol';

const clock = (iso: string, language: string, timeZone: string) =>
  new Intl.DateTimeFormat(language, { hour: '2-digit', minute: '2-digit', timeZone }).format(new Date(iso));

/** When an item is planned, on the organization's clock: its window ("09:00–12:00") or due time, or null. */
export function plannedTime(item: WorkItem, language: string): { kind: 'window' | 'due'; text: string } | null {
  if (item.window) {
    return {
      kind: 'window',
      text: `${clock(item.window.start, language, item.timeZone)}–${clock(item.window.end, language, item.timeZone)}`,
    };
  }
  if (item.dueAt) return { kind: 'due', text: clock(item.dueAt, language, item.timeZone) };
  return null;
}

/** A link that opens the address in the phone's maps app (or the web map). */
export function mapLink(address: string): string {
  return `https://www.google.com/maps/search/?api=1&query=${encodeURIComponent(address)}`;
}
