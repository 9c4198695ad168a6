import type { WorkItem } from '@frontdesk/protocol';
import { toZonedLocalInput, zonedToInstant } from '../../format';
import { type BoardRow, plannedAt, rowKeyOf } from './board-days';

/**
 * Where an item is moved to: a lane (a board row's key) and a day, at an hour (the day view's
 * slots, the Move dialog's time) or else at the item's own time of day; `day: null` is the
 * "Unscheduled" lane (its time cleared, its lane kept).
 */
export interface MoveTarget {
  /** A board row's key; null keeps the item's (a drop on the Unscheduled lane). */
  row: string | null;
  day: string | null;
  /** `HH:MM` on the organization's clock; null keeps the item's time of day (09:00 for one with none). */
  time: string | null;
}

/** The hour an item with no time gets when dropped on a day without saying when. */
export const DEFAULT_TIME = '09:00';
/** How long a work order given its first window on the board is booked for (a dialog can change it). */
export const NEW_WINDOW_HOURS = 2;
const HOUR = 3_600_000;

export type Reschedule = { dueAt?: string | null; window?: { start: string; end: string } | null };
export type Assign = { assigneeId: string | null; teamId: string | null };

/** The person and team a lane stands for: a person keeps the item's team; a team's lane has nobody yet. */
export function assignmentOf(row: string, item: WorkItem): Assign {
  if (row.startsWith('person:')) return { assigneeId: row.slice(7), teamId: item.team?.id ?? null };
  if (row.startsWith('team:')) return { assigneeId: null, teamId: row.slice(5) };
  return { assigneeId: null, teamId: null };
}

/** The item's time of day (`HH:MM`) on the organization's clock, if it has a time. */
export function timeOfDay(item: WorkItem, zone: string): string | null {
  const at = plannedAt(item);
  return at ? (toZonedLocalInput(new Date(at), zone).split('T')[1] ?? null) : null;
}

/**
 * The calls that move `item` to `target`, through the same reschedule and assign as the dialog:
 * a window keeps its length, a due time stays a due time, and an item with no time becomes a
 * window of NEW_WINDOW_HOURS (a work order) or a due time (a task). Nothing that does not change.
 */
export function planMove(
  item: WorkItem,
  target: MoveTarget,
  zone: string,
): { reschedule?: Reschedule; assign?: Assign } {
  const plan: { reschedule?: Reschedule; assign?: Assign } = {};
  if (target.row !== null && target.row !== rowKeyOf(item)) plan.assign = assignmentOf(target.row, item);
  if (target.day === null) {
    if (item.window || item.dueAt) plan.reschedule = { dueAt: null, window: null };
    return plan;
  }
  const time = target.time ?? timeOfDay(item, zone) ?? DEFAULT_TIME;
  const start = zonedToInstant(`${target.day}T${time}`, zone);
  if (item.window) {
    const length = Date.parse(item.window.end) - Date.parse(item.window.start);
    const window = { start: start.toISOString(), end: new Date(start.getTime() + length).toISOString() };
    if (window.start !== new Date(item.window.start).toISOString()) plan.reschedule = { window };
  } else if (item.dueAt) {
    if (start.getTime() !== Date.parse(item.dueAt)) plan.reschedule = { dueAt: start.toISOString() };
  } else if (item.kind === 'work_order') {
    plan.reschedule = {
      window: { start: start.toISOString(), end: new Date(start.getTime() + NEW_WINDOW_HOURS * HOUR).toISOString() },
    };
  } else {
    plan.reschedule = { dueAt: start.toISOString() };
  }
  return plan;
}

/** The time an item takes on a person's day: its window, or half an hour from its due time. */
function spanOf(window: { start: string; end: string } | null, dueAt: string | null): [number, number] | null {
  if (window) return [Date.parse(window.start), Date.parse(window.end)];
  if (dueAt) return [Date.parse(dueAt), Date.parse(dueAt) + HOUR / 2];
  return null;
}

/**
 * The other unfinished items of the person `target` puts `item` with, whose time overlaps the time
 * it would have there — a double booking the board warns about (the server does not refuse it).
 */
export function clashesOf(item: WorkItem, target: MoveTarget, zone: string, others: WorkItem[]): WorkItem[] {
  const row = target.row ?? rowKeyOf(item);
  const person = row.startsWith('person:') ? row.slice(7) : null;
  if (!person || target.day === null) return [];
  const plan = planMove(item, target, zone).reschedule;
  const span = spanOf(
    plan && 'window' in plan ? (plan.window ?? null) : item.window,
    plan && 'dueAt' in plan ? (plan.dueAt ?? null) : item.window ? null : item.dueAt,
  );
  if (!span) return [];
  return others.filter((other) => {
    if (other.id === item.id || other.assignee?.id !== person) return false;
    if (other.status === 'done' || other.status === 'cancelled') return false;
    const theirs = spanOf(other.window, other.window ? null : other.dueAt);
    return theirs !== null && theirs[0] < span[1] && span[0] < theirs[1];
  });
}

/** The lanes a board offers to drop on: those with items, every active field user, a filtered team's members and lane, and nobody. */
export function lanesOf(
  rows: BoardRow[],
  staff: { id: string; name: string; role: string; active: boolean }[],
  team: { id: string; name: string; members: { userId: string; name: string; active: boolean }[] } | null,
): BoardRow[] {
  const lanes = new Map(rows.map((r) => [r.key, r]));
  const add = (row: BoardRow) => {
    if (!lanes.has(row.key)) lanes.set(row.key, row);
  };
  for (const s of staff) {
    if (s.active && s.role === 'field' && !team) add({ key: `person:${s.id}`, kind: 'person', name: s.name });
  }
  if (team) {
    for (const m of team.members) {
      if (m.active) add({ key: `person:${m.userId}`, kind: 'person', name: m.name });
    }
    add({ key: `team:${team.id}`, kind: 'team', name: team.name });
  }
  add({ key: 'none', kind: 'none', name: '' });
  const order = { person: 0, team: 1, none: 2 };
  return [...lanes.values()].sort((a, b) => order[a.kind] - order[b.kind] || a.name.localeCompare(b.name));
}

/** The day view's hourly slots: 07:00 to 19:00, widened to take in every item's hour. */
export function hourSlots(hours: number[]): number[] {
  const first = Math.min(7, ...hours);
  const last = Math.max(19, ...hours);
  return Array.from({ length: last - first + 1 }, (_, i) => first + i);
}

export const slotLabel = (hour: number) => `${String(hour).padStart(2, '0')}:00`;

/** The hour (0–23) of an instant on the organization's clock. */
export const hourIn = (iso: string, zone: string) =>
  Number(toZonedLocalInput(new Date(iso), zone).split('T')[1]?.slice(0, 2) ?? 0);
