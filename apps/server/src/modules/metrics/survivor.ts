import type { DomainEvent } from '@frontdesk/protocol';
import { type ConversationState, type Hold, holdFor } from './fold.js';

// A merge and its undo, for the request that survives it (the fold of the absorbed one is in fold.ts).

/** A request's state as a merge row keeps it (jsonb, times as text): the columns the metrics follow. */
export interface SavedState {
  status?: unknown;
  assigneeId?: unknown;
  teamId?: unknown;
  resolvedAt?: unknown;
}

/** What a merge row (conversation_merges) says of the two requests just before the merge. */
export interface MergeRecord {
  survivorBefore: SavedState;
  absorbedBefore: SavedState;
}

const idOf = (value: unknown) => (typeof value === 'string' ? value : null);
const timeOf = (value: unknown) => (typeof value === 'string' ? Date.parse(value) : 0);

/**
 * The state a merge, or its undo, gives the surviving request — as modules/conversations/merge.ts
 * does: a merge lends it the unresolved request's state (the absorbed one's first; else the one
 * resolved last), an undo gives it back its own when the merge had lent it the other's. Null: it
 * keeps its own.
 */
export function survivorStateAfter(event: DomainEvent, merge: MergeRecord): SavedState | null {
  const { survivorBefore: own, absorbedBefore: other } = merge;
  if (event.type === 'conversation.merged') {
    if (other.status !== 'resolved') return other;
    if (own.status !== 'resolved') return null;
    return timeOf(other.resolvedAt) > timeOf(own.resolvedAt) ? other : null;
  }
  if (event.type === 'conversation.unmerged') {
    const lent =
      other.status !== 'resolved' ||
      (own.status === 'resolved' && String(other.resolvedAt ?? '') > String(own.resolvedAt ?? ''));
    return lent ? own : null;
  }
  return null;
}

/**
 * A merge or its undo, for the surviving request: it takes the assignee and team the merge gave it
 * (see survivorStateAfter), and counts as open for that assignee from then (unless resolved). Once
 * per event id, like every event.
 */
export function foldSurvivorEvent(s: ConversationState, event: DomainEvent, merge: MergeRecord, holds: Hold[]): void {
  if (s.applied.includes(event.id)) return;
  s.applied.push(event.id);
  const state = survivorStateAfter(event, merge);
  if (!state) return;
  s.assigneeId = idOf(state.assigneeId);
  s.teamId = idOf(state.teamId);
  holdFor(s, state.status === 'resolved' ? null : s.assigneeId, new Date(event.occurredAt), holds);
}
