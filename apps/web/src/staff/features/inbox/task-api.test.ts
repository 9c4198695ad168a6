import type { WorkItem } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { taskTitleFrom, upsertItem } from './task-api';

describe('a task made from a message', () => {
  it('is titled with the first line of the message and the room', () => {
    expect(taskTitleFrom('  Towels   ×2 \nplease, quickly', 'room 112')).toBe('Towels ×2 — room 112');
  });

  it('shortens a long message and leaves the room out when there is none', () => {
    const title = taskTitleFrom('a'.repeat(300), null);
    expect(title).toHaveLength(80);
    expect(title.endsWith('…')).toBe(true);
  });
});

describe("a conversation's tasks, kept live", () => {
  const item = (id: string, createdAt: string, status: WorkItem['status'] = 'open') =>
    ({ id, createdAt, status }) as WorkItem;

  it('replaces a changed item in place and keeps the list oldest first', () => {
    const list = [item('a', '2026-01-01T10:00:00Z'), item('b', '2026-01-01T11:00:00Z')];
    const next = upsertItem(list, item('a', '2026-01-01T10:00:00Z', 'done'));
    expect(next.map((i) => [i.id, i.status])).toEqual([
      ['a', 'done'],
      ['b', 'open'],
    ]);
    expect(upsertItem(undefined, item('c', '2026-01-01T09:00:00Z')).map((i) => i.id)).toEqual(['c']);
  });
});
