import { describe, expect, it } from 'vitest';
import { clashesOf, hourSlots, lanesOf, planMove } from './board-move';
import { workItem as item } from './work-item-fixture';

const zone = 'Europe/Warsaw';

describe('moving an item on the dispatch board', () => {
  it('gives an unscheduled work order a two-hour window at the slot, on the organization’s clock, and its technician', () => {
    const order = item({ kind: 'work_order', team: { id: 't1', name: 'Boilers' } });
    expect(planMove(order, { row: 'person:u1', day: '2026-12-03', time: '08:00' }, zone)).toEqual({
      // 08:00 in Warsaw (UTC+1 in winter)
      reschedule: { window: { start: '2026-12-03T07:00:00.000Z', end: '2026-12-03T09:00:00.000Z' } },
      assign: { assigneeId: 'u1', teamId: 't1' },
    });
    // a task gets a due time; with no slot named, 09:00
    expect(planMove(item({}), { row: 'none', day: '2026-12-03', time: null }, zone)).toEqual({
      reschedule: { dueAt: '2026-12-03T08:00:00.000Z' },
    });
  });

  it('keeps a window’s length and time of day when moved to another day, and asks nothing that does not change', () => {
    const visit = item({
      kind: 'work_order',
      assignee: { id: 'u1', name: 'Adam' },
      window: { start: '2026-12-03T08:30:00.000Z', end: '2026-12-03T11:00:00.000Z' },
    });
    expect(planMove(visit, { row: 'person:u1', day: '2026-12-05', time: null }, zone)).toEqual({
      reschedule: { window: { start: '2026-12-05T08:30:00.000Z', end: '2026-12-05T11:00:00.000Z' } },
    });
    expect(planMove(visit, { row: 'person:u1', day: '2026-12-03', time: null }, zone)).toEqual({});
    expect(planMove(visit, { row: 'team:t2', day: '2026-12-03', time: null }, zone)).toEqual({
      assign: { assigneeId: null, teamId: 't2' },
    });
    // onto the Unscheduled lane: its time cleared, its person kept
    expect(planMove(visit, { row: 'person:u1', day: null, time: null }, zone)).toEqual({
      reschedule: { dueAt: null, window: null },
    });
  });

  it('warns of the technician’s other unfinished items at that time, not of other people’s or finished ones', () => {
    const adam = { id: 'u1', name: 'Adam' };
    const booked = item({
      id: 'b',
      assignee: adam,
      window: { start: '2026-12-03T08:00:00.000Z', end: '2026-12-03T10:00:00.000Z' },
    });
    const done = item({ id: 'd', assignee: adam, status: 'done', dueAt: '2026-12-03T07:30:00.000Z' });
    const someoneElse = item({ id: 'e', assignee: { id: 'u2', name: 'Ewa' }, dueAt: '2026-12-03T07:30:00.000Z' });
    const later = item({ id: 'l', assignee: adam, dueAt: '2026-12-03T11:00:00.000Z' });
    const order = item({ id: 'new', kind: 'work_order' });
    const others = [booked, done, someoneElse, later];
    // 08:00–10:00 Warsaw = 07:00–09:00 UTC: overlaps the booking from 08:00 UTC
    expect(
      clashesOf(order, { row: 'person:u1', day: '2026-12-03', time: '08:00' }, zone, others).map((i) => i.id),
    ).toEqual(['b']);
    expect(clashesOf(order, { row: 'person:u1', day: '2026-12-03', time: '06:00' }, zone, others)).toEqual([]);
    expect(
      clashesOf(order, { row: 'person:u2', day: '2026-12-03', time: '08:00' }, zone, others).map((i) => i.id),
    ).toEqual(['e']);
    expect(clashesOf(order, { row: 'team:t1', day: '2026-12-03', time: '08:00' }, zone, others)).toEqual([]);
  });

  it('offers every active field user, a filtered team’s members and its lane, and nobody', () => {
    const staff = [
      { id: 'f1', name: 'Zofia', role: 'field', active: true },
      { id: 'f2', name: 'Gone', role: 'field', active: false },
      { id: 'a1', name: 'Anna', role: 'agent', active: true },
    ];
    expect(lanesOf([], staff, null).map((l) => l.key)).toEqual(['person:f1', 'none']);
    const team = { id: 't1', name: 'Boilers', members: [{ userId: 'a1', name: 'Anna', active: true }] };
    expect(lanesOf([{ key: 'person:x', kind: 'person', name: 'Bob' }], staff, team).map((l) => l.key)).toEqual([
      'person:a1',
      'person:x',
      'team:t1',
      'none',
    ]);
    expect(hourSlots([])).toHaveLength(13);
    expect(hourSlots([5, 22])).toEqual([5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 22]);
  });
});
