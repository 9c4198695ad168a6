import { describe, expect, it } from 'vitest';
import { boardDays, layOut, mondayOf } from './board-days';
import { workItem as item } from './work-item-fixture';

describe('the dispatch board’s days and rows', () => {
  it('spans Monday to Sunday on the organization’s clock, across a change of month', () => {
    expect(mondayOf('2026-12-03')).toBe('2026-11-30');
    const week = boardDays('2026-12-03', 'week', 'Europe/Warsaw');
    expect(week.days).toEqual([
      '2026-11-30',
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
      '2026-12-04',
      '2026-12-05',
      '2026-12-06',
    ]);
    // midnight in Warsaw (UTC+1 in winter) is 23:00 UTC the day before
    expect(week.from).toBe('2026-11-29T23:00:00.000Z');
    expect(week.to).toBe('2026-12-06T23:00:00.000Z');
    expect(boardDays('2026-12-03', 'day', 'Europe/Warsaw').days).toEqual(['2026-12-03']);
  });

  it('puts items under their person, their team or nobody, on the day of their time in the zone', () => {
    const items = [
      item({ id: 'a', assignee: { id: 'u1', name: 'Zofia' }, dueAt: '2026-12-02T23:30:00.000Z' }),
      item({ id: 'b', team: { id: 't1', name: 'Housekeeping' }, dueAt: '2026-12-02T10:00:00.000Z' }),
      item({
        id: 'c',
        assignee: { id: 'u2', name: 'Adam' },
        window: { start: '2026-12-04T08:00:00.000Z', end: '2026-12-04T11:00:00.000Z' },
      }),
      item({ id: 'd', dueAt: '2026-12-05T10:00:00.000Z' }),
      item({ id: 'e' }),
    ];
    const { rows, cell } = layOut(items, 'Europe/Warsaw');
    expect(rows.map((r) => r.key)).toEqual(['person:u2', 'person:u1', 'team:t1', 'none']);
    // 23:30 UTC on the 2nd is already the 3rd in Warsaw
    expect(cell('person:u1', '2026-12-03').map((i) => i.id)).toEqual(['a']);
    expect(cell('person:u1', '2026-12-02')).toEqual([]);
    expect(cell('team:t1', '2026-12-02').map((i) => i.id)).toEqual(['b']);
    expect(cell('person:u2', '2026-12-04').map((i) => i.id)).toEqual(['c']);
    expect(cell('none', '2026-12-05').map((i) => i.id)).toEqual(['d']);
  });
});
