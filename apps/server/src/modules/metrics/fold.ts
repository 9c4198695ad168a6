import type { DomainEvent, DomainEventType, EntryPoint } from '@frontdesk/protocol';

/** The events the metrics count (see "Service metrics" in the README). Notes are not among them. */
export const metricEventTypes = [
  'conversation.routed',
  'conversation.taken',
  'conversation.assigned',
  'conversation.auto_assigned',
  'conversation.transferred',
  'conversation.resolved',
  'conversation.merged',
  'conversation.unmerged',
  'conversation.rated',
  'conversation.sla_breached',
  'conversation.tagged',
  'conversation.untagged',
  'message.created',
  'lead.created',
  'lead.converted',
  'work_item.created',
  'work_item.updated',
  'work_item.status_changed',
] as const satisfies readonly DomainEventType[];

/** The counters of one rollup row; durations in milliseconds. */
export const counterNames = [
  'opened',
  'firstResponses',
  'firstResponseMs',
  'responses',
  'responseMs',
  'resolutions',
  'resolutionMs',
  'resolvedConversations',
  'reopens',
  'firstContactResolutions',
  'ratings',
  'ratingSum',
  'ratingsFourOrFive',
  'ratingsOneStar',
  'ratingsTwoStars',
  'ratingsThreeStars',
  'ratingsFourStars',
  'ratingsFiveStars',
  'slaBreaches',
  'leadsCreated',
  'leadsConverted',
  'workCompleted',
  'workCompletionMs',
  'workWithDeadline',
  'workOnTime',
  'concurrentMs',
  'busyMs',
  'peakConcurrent',
  'firstResponseBusinessMs',
  'responseBusinessMs',
  'resolutionBusinessMs',
] as const;
export type Counter = (typeof counterNames)[number];

/** The one counter kept as a maximum (of its rows, and when rows are added together), not a sum. */
export const maxCounter = 'peakConcurrent' satisfies Counter;

/** The counter of each number of stars, one to five: the rating distribution. */
export const starCounters = [
  'ratingsOneStar',
  'ratingsTwoStars',
  'ratingsThreeStars',
  'ratingsFourStars',
  'ratingsFiveStars',
] as const satisfies readonly Counter[];
export type Counters = Record<Counter, number>;

/**
 * A change to count: when it happened (the store puts it in that UTC hour and in that day on the
 * organization's clock), for which organization, team (or none) and staff member (or none), and
 * for the request's entry point (if known) and each of the tags it had then. `tagOnly`: for those
 * tags alone (a request given a tag counts as opened for it, not again for the organization).
 */
export interface Delta {
  orgId: string;
  at: Date;
  teamId: string | null;
  agentId: string | null;
  counter: Counter;
  by: number;
  entryPoint: EntryPoint | null;
  tagIds: readonly string[];
  tagOnly?: boolean;
  /**
   * A duration counted in business hours: `by` is the time the team's desk was open in this span,
   * worked out by the store from the team's hours (the fold knows none).
   */
  span?: { from: Date; to: Date };
}

/** What the consumer remembers of a conversation (a row of metrics_conversations). */
export interface ConversationState {
  conversationId: string;
  orgId: string;
  teamId: string | null;
  assigneeId: string | null;
  openedAt: Date | null;
  firstGuestAt: Date | null;
  firstResponseAt: Date | null;
  awaitingSince: Date | null;
  roundStartedAt: Date | null;
  resolutions: number;
  lastResolverId: string | null;
  involved: string[];
  fcrAt: Date | null;
  fcrTeamId: string | null;
  fcrAgentId: string | null;
  entryPoint: EntryPoint | null;
  tagIds: string[];
  fcrTagIds: string[];
  holderId: string | null;
  lastSeq: number;
  applied: string[];
}

export interface LeadState {
  leadId: string;
  orgId: string;
  applied: string[];
}

/**
 * What the consumer remembers of a work item (a row of metrics_work_items): when it was created,
 * its team and assignee now, where its request came in, and when it was first done.
 */
export interface WorkItemState {
  workItemId: string;
  orgId: string;
  createdAt: Date | null;
  teamId: string | null;
  assigneeId: string | null;
  entryPoint: EntryPoint | null;
  completedAt: Date | null;
  applied: string[];
}

export function newWorkItemState(workItemId: string, orgId: string): WorkItemState {
  return {
    workItemId,
    orgId,
    createdAt: null,
    teamId: null,
    assigneeId: null,
    entryPoint: null,
    completedAt: null,
    applied: [],
  };
}

export function newConversationState(conversationId: string, orgId: string): ConversationState {
  return {
    conversationId,
    orgId,
    teamId: null,
    assigneeId: null,
    openedAt: null,
    firstGuestAt: null,
    firstResponseAt: null,
    awaitingSince: null,
    roundStartedAt: null,
    resolutions: 0,
    lastResolverId: null,
    involved: [],
    fcrAt: null,
    fcrTeamId: null,
    fcrAgentId: null,
    entryPoint: null,
    tagIds: [],
    fcrTagIds: [],
    holderId: null,
    lastSeq: 0,
    applied: [],
  };
}

export const HOUR_MS = 3_600_000;
export const hourOf = (at: Date) => new Date(Math.floor(at.getTime() / HOUR_MS) * HOUR_MS);

/**
 * A request starting (+1) or ceasing (−1) to count as open for a staff member: assigned to them
 * (taken, given, transferred, reopened while theirs, its merge undone) or no longer (resolved, passed
 * on, merged into another request).
 */
export interface Hold {
  orgId: string;
  agentId: string;
  at: Date;
  by: 1 | -1;
}

/** What the consumer remembers of a staff member's open requests (a row of metrics_agents). */
export interface AgentState {
  agentId: string;
  orgId: string;
  open: number;
  since: Date;
}

/**
 * Counts the time since the staff member's last change at the number of requests they held, hour
 * by hour (concurrentMs: time × requests, busyMs: time with any, peakConcurrent: the most), then
 * applies the change. A change logged with an earlier time than the last counts at the last.
 */
export function foldHold(a: AgentState, hold: Hold): Delta[] {
  const deltas: Delta[] = [];
  const count = (at: Date, counter: Counter, by: number) =>
    deltas.push({ orgId: a.orgId, at, teamId: null, agentId: a.agentId, counter, by, entryPoint: null, tagIds: [] });
  const end = Math.max(hold.at.getTime(), a.since.getTime());
  if (a.open > 0) {
    for (let from = a.since.getTime(); from < end; ) {
      const to = Math.min(end, hourOf(new Date(from)).getTime() + HOUR_MS);
      const at = new Date(from);
      count(at, 'concurrentMs', a.open * (to - from));
      count(at, 'busyMs', to - from);
      count(at, 'peakConcurrent', a.open);
      from = to;
    }
  }
  a.open = Math.max(0, a.open + hold.by);
  a.since = new Date(end);
  if (a.open > 0) count(a.since, 'peakConcurrent', a.open);
  return deltas;
}

/**
 * The conversation an event is about, for the events kept per conversation. A merge and its undo
 * are about the absorbed request (the one whose figures they change here).
 */
export function conversationOf(event: DomainEvent): string | null {
  if (event.type === 'conversation.merged' || event.type === 'conversation.unmerged') return event.data.absorbedId;
  if (event.type.startsWith('conversation.') || event.type === 'message.created') {
    return (event.data as { conversationId?: string }).conversationId ?? null;
  }
  return null;
}

export function leadOf(event: DomainEvent): string | null {
  return event.type === 'lead.created' || event.type === 'lead.converted' ? event.data.leadId : null;
}

export function workItemOf(event: DomainEvent): string | null {
  return event.type === 'work_item.created' ||
    event.type === 'work_item.updated' ||
    event.type === 'work_item.status_changed'
    ? event.data.workItemId
    : null;
}

/** The request counts as open for `agentId` (or nobody) from `at`: the change of holder, if any, joins `holds`. */
export function holdFor(s: ConversationState, agentId: string | null, at: Date, holds: Hold[]): void {
  if (agentId === s.holderId) return;
  if (s.holderId) holds.push({ orgId: s.orgId, agentId: s.holderId, at, by: -1 });
  if (agentId) holds.push({ orgId: s.orgId, agentId, at, by: 1 });
  s.holderId = agentId;
}

const involve = (s: ConversationState, userId: string | null) => {
  if (userId && !s.involved.includes(userId)) s.involved.push(userId);
};

/**
 * Applies one event to its conversation's state (changing it in place) and says what to count
 * where. An event already applied (its message seq at or below `lastSeq`, its id in `applied`)
 * changes nothing: at-least-once delivery counts each event once.
 */
export function foldConversationEvent(s: ConversationState, event: DomainEvent, holds: Hold[] = []): Delta[] {
  const at = new Date(event.occurredAt);
  const deltas: Delta[] = [];
  const hold = (agentId: string | null) => holdFor(s, agentId, at, holds);
  const count = (counter: Counter, by: number, teamId: string | null, agentId: string | null) => {
    deltas.push({ orgId: s.orgId, at, teamId, agentId, counter, by, entryPoint: s.entryPoint, tagIds: [...s.tagIds] });
  };
  /** A duration from `since` to now, in all time and (`business`) in the team's business hours. */
  const duration = (
    counter: Counter,
    business: Counter,
    since: Date,
    teamId: string | null,
    agentId: string | null,
  ) => {
    count(counter, Math.max(0, at.getTime() - since.getTime()), teamId, agentId);
    count(business, 0, teamId, agentId);
    (deltas.at(-1) as Delta).span = { from: since, to: at };
  };
  const opening = () => {
    s.openedAt = at;
    s.roundStartedAt = at;
    count('opened', 1, s.teamId, null);
  };

  if (event.type === 'message.created') {
    if (event.data.seq <= s.lastSeq) return [];
    s.lastSeq = event.data.seq;
    const { sender, event: systemEvent } = event.data;
    if (systemEvent === 'reopened') {
      count('reopens', 1, s.teamId, s.lastResolverId);
      s.roundStartedAt = at;
      // open again, for whoever it is still assigned to
      hold(s.assigneeId);
      // a reopened request was not resolved at first contact after all: taken back where it was counted
      if (s.fcrAt) {
        deltas.push({
          orgId: s.orgId,
          at: s.fcrAt,
          teamId: s.fcrTeamId,
          agentId: s.fcrAgentId,
          counter: 'firstContactResolutions',
          by: -1,
          entryPoint: s.entryPoint,
          tagIds: s.fcrTagIds,
        });
        s.fcrAt = null;
        s.fcrTeamId = null;
        s.fcrAgentId = null;
        s.fcrTagIds = [];
      }
      return deltas;
    }
    // the thread's own notes (taken, transferred, resolved …) are nobody's message
    if (systemEvent !== null || sender.type === 'system') return deltas;
    if (sender.type === 'guest' || sender.type === 'visitor') {
      // a request older than the routed event: its first guest message opened it
      if (!s.openedAt) opening();
      s.firstGuestAt ??= at;
      s.awaitingSince ??= at;
    } else if (sender.type === 'staff') {
      involve(s, sender.id);
      if (s.awaitingSince) {
        count('responses', 1, s.teamId, sender.id);
        duration('responseMs', 'responseBusinessMs', s.awaitingSince, s.teamId, sender.id);
        s.awaitingSince = null;
      }
      if (!s.firstResponseAt && s.firstGuestAt) {
        s.firstResponseAt = at;
        count('firstResponses', 1, s.teamId, sender.id);
        duration('firstResponseMs', 'firstResponseBusinessMs', s.firstGuestAt, s.teamId, sender.id);
      }
    }
    return deltas;
  }

  if (s.applied.includes(event.id)) return [];
  s.applied.push(event.id);
  switch (event.type) {
    case 'conversation.routed':
      s.teamId = event.data.teamId;
      if (!s.openedAt) opening();
      break;
    case 'conversation.taken':
    case 'conversation.assigned':
      s.assigneeId = event.data.assigneeId;
      involve(s, event.data.assigneeId);
      hold(s.assigneeId);
      break;
    case 'conversation.auto_assigned':
      s.assigneeId = event.data.assigneeId;
      s.teamId = event.data.teamId;
      involve(s, event.data.assigneeId);
      hold(s.assigneeId);
      break;
    case 'conversation.transferred':
      // the wait and the first response run on: a transfer restarts neither
      s.assigneeId = event.data.toUserId;
      if (event.data.toTeamId) s.teamId = event.data.toTeamId;
      involve(s, event.data.toUserId);
      hold(s.assigneeId);
      break;
    case 'conversation.resolved': {
      const resolver = event.data.resolvedBy;
      involve(s, resolver);
      const since = s.roundStartedAt ?? s.openedAt ?? at;
      count('resolutions', 1, s.teamId, resolver);
      duration('resolutionMs', 'resolutionBusinessMs', since, s.teamId, resolver);
      if (s.resolutions === 0) {
        count('resolvedConversations', 1, s.teamId, resolver);
        if (s.involved.length === 1 && s.involved[0] === resolver) {
          count('firstContactResolutions', 1, s.teamId, resolver);
          s.fcrAt = at;
          s.fcrTeamId = s.teamId;
          s.fcrAgentId = resolver;
          s.fcrTagIds = [...s.tagIds];
        }
      }
      s.resolutions += 1;
      s.lastResolverId = resolver;
      // a guest message left unanswered at the resolution waits no more (it reopens if they write)
      s.awaitingSince = null;
      hold(null);
      break;
    }
    case 'conversation.merged':
      // the absorbed request is resolved without a resolution (it counts none): whoever held it
      // holds it no more. `holderId` stays, for an undo, which gives it back its state as it was
      // (a merged request takes no other change)
      if (s.holderId) holds.push({ orgId: s.orgId, agentId: s.holderId, at, by: -1 });
      break;
    case 'conversation.unmerged':
      // separate again, open and theirs as before the merge: theirs again from now
      if (s.holderId) holds.push({ orgId: s.orgId, agentId: s.holderId, at, by: 1 });
      break;
    case 'conversation.rated': {
      const stars = starCounters[event.data.rating - 1];
      count('ratings', 1, s.teamId, s.lastResolverId);
      count('ratingSum', event.data.rating, s.teamId, s.lastResolverId);
      if (event.data.rating >= 4) count('ratingsFourOrFive', 1, s.teamId, s.lastResolverId);
      if (stars) count(stars, 1, s.teamId, s.lastResolverId);
      break;
    }
    case 'conversation.sla_breached':
      count('slaBreaches', 1, event.data.teamId, s.assigneeId);
      break;
    case 'conversation.tagged':
      // from now on its figures count for the tag too; the tag's volume counts it as opened now
      if (!s.tagIds.includes(event.data.tagId)) {
        s.tagIds.push(event.data.tagId);
        deltas.push({
          orgId: s.orgId,
          at,
          teamId: s.teamId,
          agentId: null,
          counter: 'opened',
          by: 1,
          entryPoint: null,
          tagIds: [event.data.tagId],
          tagOnly: true,
        });
      }
      break;
    case 'conversation.untagged':
      s.tagIds = s.tagIds.filter((id) => id !== event.data.tagId);
      break;
    default:
      break;
  }
  return deltas;
}

/** Lead events: counted once per event id (their stream is the customer's, not the lead's). */
export function foldLeadEvent(s: LeadState, event: DomainEvent): Delta[] {
  if (s.applied.includes(event.id)) return [];
  s.applied.push(event.id);
  const at = new Date(event.occurredAt);
  // a lead is no request: it has neither an entry point nor tags here
  const lead = { orgId: s.orgId, teamId: null, by: 1, entryPoint: null, tagIds: [] };
  if (event.type === 'lead.created') {
    return [{ ...lead, at, agentId: null, counter: 'leadsCreated' }];
  }
  if (event.type === 'lead.converted') {
    return [{ ...lead, at, agentId: event.data.byUserId, counter: 'leadsConverted' }];
  }
  return [];
}

/**
 * Work item events: counted once per event id. A work item's first move to `done` counts one
 * completed work item at that hour, with the time since its creation, for its team and assignee
 * then (of an item nobody was assigned: whoever marked it done) and the entry point of the request
 * it came from. `cancelled` is no completion; `done` is final, and were it ever left and reached
 * again, only the first completion counts. A completion whose creation was never counted (an item
 * older than the counting, before a rebuild) counts nothing: its time is unknown. `deadline`: the
 * item's (the end of its window, else its due time; none: it had neither), which a done item keeps:
 * completed by then, it was on time.
 */
export function foldWorkItemEvent(s: WorkItemState, event: DomainEvent, deadline: Date | null = null): Delta[] {
  if (s.applied.includes(event.id)) return [];
  s.applied.push(event.id);
  const at = new Date(event.occurredAt);
  if (event.type === 'work_item.created') {
    s.createdAt = at;
    s.teamId = event.data.teamId;
    s.assigneeId = event.data.assigneeId;
    return [];
  }
  if (event.type === 'work_item.updated') {
    // every change carries who and which team have it after
    s.teamId = event.data.teamId;
    s.assigneeId = event.data.assigneeId;
    return [];
  }
  if (event.type !== 'work_item.status_changed' || event.data.to !== 'done' || s.completedAt) return [];
  s.completedAt = at;
  if (!s.createdAt) return [];
  const work = {
    orgId: s.orgId,
    at,
    teamId: s.teamId,
    agentId: s.assigneeId ?? event.data.byUserId,
    entryPoint: s.entryPoint,
    tagIds: [],
  };
  const deltas: Delta[] = [
    { ...work, counter: 'workCompleted', by: 1 },
    { ...work, counter: 'workCompletionMs', by: Math.max(0, at.getTime() - s.createdAt.getTime()) },
  ];
  if (deadline) {
    deltas.push({ ...work, counter: 'workWithDeadline', by: 1 });
    if (at.getTime() <= deadline.getTime()) deltas.push({ ...work, counter: 'workOnTime', by: 1 });
  }
  return deltas;
}
