import type { AssignmentMode } from '@frontdesk/protocol';

/** A team member who may be given a request now: online, active, at the desk. */
export interface Candidate {
  userId: string;
  name: string;
  /** Their open conversations, in every team. */
  load: number;
  /** How many they take at once in this team. */
  capacity: number;
  /** When this team's round robin last gave them one (null: never). */
  lastAssignedAt: number | null;
}

const byTurn = (a: Candidate, b: Candidate) =>
  (a.lastAssignedAt ?? -Infinity) - (b.lastAssignedAt ?? -Infinity) || a.userId.localeCompare(b.userId);

/**
 * Whom a team's automatic assignment gives its next request: among those under capacity, the one
 * whose turn it is (`round_robin`: longest without a request from this team) or who has the fewest
 * open conversations (`least_busy`, the turn breaking ties). Nobody when everyone is full.
 */
export function pickAgent(mode: Exclude<AssignmentMode, 'manual'>, candidates: readonly Candidate[]) {
  const free = candidates.filter((c) => c.load < c.capacity);
  const order = mode === 'least_busy' ? (a: Candidate, b: Candidate) => a.load - b.load || byTurn(a, b) : byTurn;
  return free.sort(order)[0];
}

/** Why, in plain words, for the conversation's "assigned by" line and API clients. */
export function assignmentReason(mode: Exclude<AssignmentMode, 'manual'>, agent: Candidate): string {
  const how = mode === 'round_robin' ? 'Round robin' : 'Least busy';
  return `${how}: ${agent.name} had ${agent.load} of ${agent.capacity} open`;
}
