import type { WorkItem } from '@frontdesk/protocol';
import { dayKey, zonedToInstant } from '../../format';

/** `YYYY-MM-DD` plus `n` days (calendar arithmetic, no time zone involved). */
export function addDays(day: string, n: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

/** The Monday of the week `day` is in. */
export function mondayOf(day: string): string {
  const weekday = (new Date(`${day}T00:00:00Z`).getUTCDay() + 6) % 7;
  return addDays(day, -weekday);
}

/** The days a board shows (one, or Monday to Sunday) and the instants they span on the organization's clock. */
export function boardDays(anchor: string, view: 'day' | 'week', timeZone: string) {
  const first = view === 'day' ? anchor : mondayOf(anchor);
  const days = Array.from({ length: view === 'day' ? 1 : 7 }, (_, i) => addDays(first, i));
  const end = addDays(first, days.length);
  return {
    days,
    from: zonedToInstant(`${first}T00:00`, timeZone).toISOString(),
    to: zonedToInstant(`${end}T00:00`, timeZone).toISOString(),
  };
}

/** When an item is planned: its window's start, else its due time. */
export const plannedAt = (item: WorkItem): string | null => item.window?.start ?? item.dueAt;

/** A board row: a person, a team's items nobody has yet, or items of nobody and no team. */
export interface BoardRow {
  key: string;
  kind: 'person' | 'team' | 'none';
  name: string;
}

export const rowKeyOf = (item: WorkItem) =>
  item.assignee ? `person:${item.assignee.id}` : item.team ? `team:${item.team.id}` : 'none';

/** The rows of the items (people by name, then teams, then nobody) and the items by row and day. */
export function layOut(items: WorkItem[], timeZone: string) {
  const rows = new Map<string, BoardRow>();
  const cells = new Map<string, WorkItem[]>();
  for (const item of items) {
    const at = plannedAt(item);
    if (!at) continue;
    const key = rowKeyOf(item);
    if (!rows.has(key))
      rows.set(
        key,
        item.assignee
          ? { key, kind: 'person', name: item.assignee.name }
          : item.team
            ? { key, kind: 'team', name: item.team.name }
            : { key, kind: 'none', name: '' },
      );
    const cell = `${key}|${dayKey(at, timeZone)}`;
    cells.set(cell, [...(cells.get(cell) ?? []), item]);
  }
  const order = { person: 0, team: 1, none: 2 };
  const sorted = [...rows.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
  return { rows: sorted, cell: (row: string, day: string) => cells.get(`${row}|${day}`) ?? [] };
}
