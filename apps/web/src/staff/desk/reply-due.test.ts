import { describe, expect, it } from 'vitest';
import type { Conversation } from '../types';
import { replyDueAt } from './reply-due';

const at = '2026-12-02T10:00:00.000Z';
const base = { status: 'open', awaitingSince: at, firstResponseAt: null } as unknown as Conversation;
const sla = { firstResponseMinutes: 5, nextResponseMinutes: 15, dutyManagerId: null };

describe('when the reply is due', () => {
  it('counts the first-response target before any reply, the next-response one after', () => {
    expect(replyDueAt(base, sla)).toBe(Date.parse(at) + 5 * 60_000);
    expect(replyDueAt({ ...base, firstResponseAt: '2026-12-02T09:00:00.000Z' }, sla)).toBe(
      Date.parse(at) + 15 * 60_000,
    );
  });

  it('is not due when nobody waits, the request is resolved, or the team has no target', () => {
    expect(replyDueAt({ ...base, awaitingSince: null }, sla)).toBeNull();
    expect(replyDueAt({ ...base, status: 'resolved' }, sla)).toBeNull();
    expect(replyDueAt(base, { ...sla, firstResponseMinutes: null })).toBeNull();
    expect(replyDueAt(base, undefined)).toBeNull();
  });
});
