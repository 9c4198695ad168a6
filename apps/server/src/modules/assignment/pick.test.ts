import { describe, expect, it } from 'vitest';
import { assignmentReason, type Candidate, pickAgent } from './pick.js';

const agent = (userId: string, load: number, capacity: number, lastAssignedAt: number | null = null): Candidate => ({
  userId,
  name: userId.toUpperCase(),
  load,
  capacity,
  lastAssignedAt,
});

describe('picking the agent for the next request', () => {
  it('round robin gives it to whoever waited longest for one, never-assigned first', () => {
    const team = [agent('a', 0, 3, 30), agent('b', 2, 3, 10), agent('c', 1, 3, 20)];
    expect(pickAgent('round_robin', team)?.userId).toBe('b');
    expect(pickAgent('round_robin', [...team, agent('d', 0, 3)])?.userId).toBe('d');
  });

  it('least busy gives it to the fewest open, the longest waiting breaking ties', () => {
    const team = [agent('a', 2, 8, 1), agent('b', 1, 8, 30), agent('c', 1, 8, 20)];
    expect(pickAgent('least_busy', team)?.userId).toBe('c');
  });

  it('skips anyone at capacity, and finds nobody when all are full', () => {
    expect(pickAgent('least_busy', [agent('a', 3, 3), agent('b', 4, 5)])?.userId).toBe('b');
    expect(pickAgent('round_robin', [agent('a', 3, 3, 1), agent('b', 5, 5)])).toBeUndefined();
    expect(pickAgent('round_robin', [])).toBeUndefined();
  });

  it('goes round the team in turn as assignments move the turn on', () => {
    const team = [agent('a', 0, 2), agent('b', 0, 2), agent('c', 0, 2)];
    const given: string[] = [];
    for (let t = 1; t <= 7; t++) {
      const next = pickAgent('round_robin', team);
      if (!next) break;
      given.push(next.userId);
      next.load += 1;
      next.lastAssignedAt = t;
    }
    expect(given).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });

  it('says why in plain words', () => {
    expect(assignmentReason('least_busy', agent('anna', 1, 3))).toBe('Least busy: ANNA had 1 of 3 open');
  });
});
