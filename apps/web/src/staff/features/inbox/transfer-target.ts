import type { TransferRequest } from '@frontdesk/protocol';

/**
 * Where the transfer dialog sends a request, as one choice of its picker: a colleague
 * (`user:<id>`), another team's queue (`team:<id>`), or back into the queue it came from (`queue`).
 */
export type TransferTarget = `user:${string}` | `team:${string}` | 'queue';

export const BACK_TO_QUEUE: TransferTarget = 'queue';

/** The request body for a choice and a note: a colleague takes over, or it waits in a queue; a blank note is left out. */
export function transferRequest(target: TransferTarget, note: string): TransferRequest {
  const trimmed = note.trim();
  const withNote = trimmed ? { note: trimmed } : {};
  if (target.startsWith('user:')) return { userId: target.slice('user:'.length), ...withNote };
  if (target.startsWith('team:')) return { userId: null, teamId: target.slice('team:'.length), ...withNote };
  return { userId: null, ...withNote };
}

/** Reads a picker value back; anything unknown is no choice yet. */
export function parseTarget(value: string | null): TransferTarget | null {
  if (value === 'queue') return value;
  if (value && /^(user|team):.+/.test(value)) return value as TransferTarget;
  return null;
}

/**
 * Whom the last hand-over went to, in words: the team whose queue it was sent to, or the colleague
 * holding it when they got it by that hand-over; null when it only went back to its own queue.
 */
export function handoverRecipient(c: {
  handover?: { toTeam: string | null } | null;
  assignee: { name: string } | null;
  assignedBy?: { how: string } | null;
}): string | null {
  if (!c.handover) return null;
  if (c.handover.toTeam) return c.handover.toTeam;
  return c.assignee && c.assignedBy?.how === 'handed_over' ? c.assignee.name : null;
}
