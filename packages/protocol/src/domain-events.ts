import { z } from 'zod';
import { Role } from './accounts.js';
import { Priority, SenderType, systemEvents } from './chat.js';
import { Id, IsoDate } from './common.js';

/**
 * Domain events: what happened, recorded in the transaction that made it happen. They are a
 * public contract — durable consumers (webhooks, e-mail, metrics, search) receive exactly these
 * shapes — so a type never changes meaning: a breaking change to `data` is a new `version`
 * beside the old one, and fields are only ever added.
 *
 * `stream` names the thing the event is about (`conversation:<id>`, `stay:<id>`, `user:<id>`):
 * a consumer receives the events of one stream in the order they happened.
 */
function domainEvent<T extends string, V extends number, D extends z.ZodType>(type: T, version: V, data: D) {
  return z
    .object({
      id: Id.describe('Unique per event: a consumer that sees an id twice (at-least-once delivery) skips it'),
      type: z.literal(type),
      version: z.literal(version),
      orgId: Id.nullable(),
      stream: z.string(),
      occurredAt: IsoDate,
      data,
    })
    .meta({ id: `DomainEvent_${type.replace('.', '_')}_v${version}` });
}

export const MessageCreatedV1 = domainEvent(
  'message.created',
  1,
  z.object({
    conversationId: Id,
    messageId: Id,
    seq: z.number().int().positive(),
    sender: z.object({ type: SenderType, id: Id.nullable(), name: z.string().nullable() }),
    text: z.string(),
    /** Set on the thread's own notes (taken, resolved …); null on what a person wrote. */
    event: z.enum(systemEvents).nullable(),
  }),
);

/** A new request went to a team (or to none) by the organization's routing rules, as it was opened. */
export const ConversationRoutedV1 = domainEvent(
  'conversation.routed',
  1,
  z.object({
    conversationId: Id,
    teamId: Id.nullable(),
    priority: Priority,
    ruleId: Id.nullable().describe('The rule that matched; null for the default team or none'),
    reason: z.string(),
  }),
);

/** Staff changed a request's priority. */
export const ConversationPrioritizedV1 = domainEvent(
  'conversation.prioritized',
  1,
  z.object({ conversationId: Id, priority: Priority, previousPriority: Priority, byUserId: Id }),
);

export const ConversationTakenV1 = domainEvent(
  'conversation.taken',
  1,
  z.object({ conversationId: Id, assigneeId: Id }),
);

export const ConversationAssignedV1 = domainEvent(
  'conversation.assigned',
  1,
  z.object({ conversationId: Id, assigneeId: Id, previousAssigneeId: Id.nullable(), byUserId: Id }),
);

/**
 * A team's automatic assignment gave a queued request to an agent: who, by which mode, and how
 * many open conversations they had before it against their capacity.
 */
export const ConversationAutoAssignedV1 = domainEvent(
  'conversation.auto_assigned',
  1,
  z.object({
    conversationId: Id,
    assigneeId: Id,
    teamId: Id,
    mode: z.enum(['round_robin', 'least_busy']),
    load: z.number().int().min(0),
    capacity: z.number().int().min(1),
  }),
);

/**
 * A request changed hands by transfer or hand-over: to a colleague, to a team's queue, or back to
 * its own team's queue (a shift ended). `note` is for staff; guests never see it.
 */
export const ConversationTransferredV1 = domainEvent(
  'conversation.transferred',
  1,
  z.object({
    conversationId: Id,
    fromUserId: Id.nullable(),
    toUserId: Id.nullable().describe('Null: it waits in the queue of toTeamId'),
    fromTeamId: Id.nullable(),
    toTeamId: Id.nullable(),
    byUserId: Id,
    reason: z
      .enum(['transfer', 'shift_end', 'bulk', 'offline'])
      .describe('offline: its assignee had no connection for STAFF_OFFLINE_HANDOVER_MINUTES'),
    note: z.string().nullable(),
  }),
);

/**
 * A request waited longer than its team's target for a reply (the first, or the next after the
 * guest wrote again): escalated — priority raised one step — and the duty manager told.
 */
export const ConversationSlaBreachedV1 = domainEvent(
  'conversation.sla_breached',
  1,
  z.object({
    conversationId: Id,
    teamId: Id,
    kind: z.enum(['first_response', 'next_response']),
    targetMinutes: z.number().int(),
    waitingSince: IsoDate,
    previousPriority: Priority,
    priority: Priority,
    notifiedUserIds: z.array(Id).describe('The duty manager, or the admins'),
  }),
);

/** Two requests of one guest became one: the absorbed one's messages follow the survivor's. */
export const ConversationMergedV1 = domainEvent(
  'conversation.merged',
  1,
  z.object({
    mergeId: Id,
    survivorId: Id,
    absorbedId: Id,
    movedMessages: z.number().int(),
    byUserId: Id,
  }),
);

/** An admin undid a merge: the absorbed request and its messages are back as they were. */
export const ConversationUnmergedV1 = domainEvent(
  'conversation.unmerged',
  1,
  z.object({ mergeId: Id, survivorId: Id, absorbedId: Id, byUserId: Id }),
);

export const ConversationResolvedV1 = domainEvent(
  'conversation.resolved',
  1,
  z.object({ conversationId: Id, resolvedBy: Id }),
);

export const ConversationRatedV1 = domainEvent(
  'conversation.rated',
  1,
  z.object({ conversationId: Id, rating: z.number().int().min(1).max(5), comment: z.string().nullable() }),
);

export const StayEndedV1 = domainEvent(
  'stay.ended',
  1,
  z.object({
    stayId: Id,
    roomId: Id,
    /** `checked_out` by staff, or `due`: its check-out time passed. */
    reason: z.enum(['checked_out', 'due']),
  }),
);

/** Staff signed the stay's guests out on every device (after check-out: the end of the read-only grace). */
export const StayGuestAccessEndedV1 = domainEvent(
  'stay.guest_access_ended',
  1,
  z.object({ stayId: Id, roomId: Id, byUserId: Id, sessions: z.number().int().min(0) }),
);

/** The stay moved to another room (a PMS room move, or the desk): the guests' codes keep working. */
export const StayRoomMovedV1 = domainEvent(
  'stay.room_moved',
  1,
  z.object({ stayId: Id, fromRoomId: Id, toRoomId: Id }),
);

/**
 * A person's data was erased (README "Privacy (GDPR) operations"): the stay's guests, a customer or
 * a visitor. Their messages' text and files are gone and their identifiers dropped; counts stay.
 * `reason`: an admin's request, or the organization's retention period.
 */
export const PersonErasedV1 = domainEvent(
  'person.erased',
  1,
  z.object({
    subject: z.enum(['stay', 'customer', 'visitor']),
    subjectId: Id,
    conversationIds: z.array(Id),
    reason: z.enum(['request', 'retention']),
  }),
);

/** An admin changed a team: itself (name, mode), or who is in it and with what capacity. */
export const TeamUpdatedV1 = domainEvent(
  'team.updated',
  1,
  z.object({
    teamId: Id,
    change: z.enum(['created', 'changed', 'member_added', 'member_changed', 'member_removed', 'removed']),
    userId: Id.nullable().describe('The member, for a membership change'),
    byUserId: Id,
  }),
);

export const StaffSignedOutV1 = domainEvent(
  'staff.signed_out',
  1,
  z.object({ userId: Id, sessionId: z.string().describe('Not the token: its hash, as stored') }),
);

export const StaffDeactivatedV1 = domainEvent('staff.deactivated', 1, z.object({ userId: Id, byUserId: Id }));

/** A staff member was added (by an admin, or as an organization's first admin): they are welcomed by e-mail. */
export const StaffAddedV1 = domainEvent('staff.added', 1, z.object({ userId: Id, role: Role, byUserId: Id }));

export const StaffRoleChangedV1 = domainEvent(
  'staff.role_changed',
  1,
  z.object({ userId: Id, from: Role.nullable(), to: Role, byUserId: Id }),
);

/** An organization's settings or plan changed: `changed` names the settings. */
export const OrganizationUpdatedV1 = domainEvent(
  'organization.updated',
  1,
  z.object({ changed: z.array(z.string()), byUserId: Id }),
);

/** The platform owner switched an organization off: its staff were signed out. */
export const OrganizationDeactivatedV1 = domainEvent('organization.deactivated', 1, z.object({ byUserId: Id }));

export const StaffRemovedV1 = domainEvent('staff.removed', 1, z.object({ userId: Id, byUserId: Id }));

/** An admin changed a team's business hours, holidays or away message. */
export const TeamHoursChangedV1 = domainEvent('team.hours_changed', 1, z.object({ teamId: Id, byUserId: Id }));

/**
 * Staff wrote an internal note in a conversation (never shown to its guest). The text is not in
 * the event: consumers that need it read it as staff.
 */
export const NoteCreatedV1 = domainEvent(
  'note.created',
  1,
  z.object({ conversationId: Id, noteId: Id, authorId: Id, mentionedUserIds: z.array(Id) }),
);

/** A note named a staff member with @name: they are told at once and find it in their mentions. */
export const StaffMentionedV1 = domainEvent(
  'staff.mentioned',
  1,
  z.object({ mentionId: Id, userId: Id, conversationId: Id, noteId: Id, byUserId: Id }),
);

/** A service company's customer was added, changed or archived (the built-in CRM; a webhook's cue to sync). */
export const CustomerChangedV1 = domainEvent(
  'customer.changed',
  1,
  z.object({
    customerId: Id,
    change: z.enum(['created', 'updated', 'archived']),
    fields: z.array(z.string()).describe('What changed, by name (not the values): empty when created or archived'),
    byUserId: Id.nullable(),
    byApiKeyId: Id.optional().describe('The API key that made the change (byUserId is then null); absent otherwise'),
  }),
);

/** A QR label was given to a customer, moved to another, or retired (created ones come as a batch). */
export const LabelChangedV1 = domainEvent(
  'label.changed',
  1,
  z.object({
    labelId: Id,
    batchId: Id,
    change: z.enum(['assigned', 'reassigned', 'retired']),
    customerId: Id.nullable(),
    byUserId: Id.nullable(),
  }),
);

/** Staff signed a customer out on every device (their label signs them in again after verification). */
export const CustomerSignedOutV1 = domainEvent(
  'customer.signed_out',
  1,
  z.object({ customerId: Id, visitorId: Id.nullable(), sessions: z.number().int().min(0), byUserId: Id }),
);

/** A customer submitted a request form: a new lead, with its source (label, batch, campaign). */
export const LeadCreatedV1 = domainEvent(
  'lead.created',
  1,
  z.object({
    leadId: Id,
    customerId: Id,
    formId: Id,
    formVersion: z.number().int(),
    labelId: Id.nullable(),
    batchId: Id.nullable(),
    campaign: z.string(),
    conversationId: Id.nullable(),
  }),
);

/** Staff (or an API key) moved a lead along: contacted, converted, or lost (with why). */
export const LeadStatusChangedV1 = domainEvent(
  'lead.status_changed',
  1,
  z.object({
    leadId: Id,
    customerId: Id,
    from: z.enum(['new', 'contacted', 'converted', 'lost']),
    to: z.enum(['new', 'contacted', 'converted', 'lost']),
    lostReason: z.string().nullable(),
    byUserId: Id.nullable().describe('The staff member who moved it; null when an API key did (byApiKeyId names it)'),
    byApiKeyId: Id.optional().describe('The API key that moved it; absent when staff did'),
  }),
);

/** A customer proved who they are at one of their labels and signed in on a device. */
export const CustomerVerifiedV1 = domainEvent(
  'customer.verified',
  1,
  z.object({ customerId: Id, labelId: Id, visitorId: Id, kind: z.string() }),
);

/**
 * A customer at one of their labels asked for a one-time code by e-mail (`codeId` names the code's
 * row: the code itself is never in an event, so webhooks and the event log never carry it).
 */
export const CustomerCodeRequestedV1 = domainEvent(
  'customer.code_requested',
  1,
  z.object({ customerId: Id, labelId: Id, codeId: Id, expiresAt: IsoDate }),
);

/** Staff put a tag on a request (reports count them). */
export const ConversationTaggedV1 = domainEvent(
  'conversation.tagged',
  1,
  z.object({ conversationId: Id, tagId: Id, byUserId: Id }),
);

/** Staff took a tag off a request. */
export const ConversationUntaggedV1 = domainEvent(
  'conversation.untagged',
  1,
  z.object({ conversationId: Id, tagId: Id, byUserId: Id }),
);

const WorkStatusEnum = z.enum(['open', 'scheduled', 'in_progress', 'done', 'cancelled']);

/** A work item (task or work order) was created: from a conversation, a lead, or by hand. */
export const WorkItemCreatedV1 = domainEvent(
  'work_item.created',
  1,
  z.object({
    workItemId: Id,
    kind: z.enum(['task', 'work_order']),
    assigneeId: Id.nullable(),
    teamId: Id.nullable(),
    conversationId: Id.nullable(),
    leadId: Id.nullable(),
    byUserId: Id.nullable(),
  }),
);

/** A work item changed other than its status: fields, assignee or team, schedule, checklist, notes. */
export const WorkItemUpdatedV1 = domainEvent(
  'work_item.updated',
  1,
  z.object({
    workItemId: Id,
    change: z.enum(['fields', 'assigned', 'rescheduled', 'checklist', 'note', 'photo']),
    fields: z.array(z.string()).describe('What changed, by name (not the values)'),
    assigneeId: Id.nullable(),
    teamId: Id.nullable(),
    /** Who saw it before the change (a reassignment): they hear that it left them. */
    previousAssigneeId: Id.nullable(),
    previousTeamId: Id.nullable(),
    byUserId: Id.nullable(),
  }),
);

/** A work item moved along its statuses (a cancellation carries why). */
export const WorkItemStatusChangedV1 = domainEvent(
  'work_item.status_changed',
  1,
  z.object({
    workItemId: Id,
    from: WorkStatusEnum,
    to: WorkStatusEnum,
    reason: z.string().nullable(),
    conversationId: Id.nullable(),
    byUserId: Id.nullable(),
  }),
);

/**
 * A work item's assignee is reminded that it is due soon (its due time or the start of its window,
 * `startsAt`, is the organization's reminder minutes away or nearer). Once per time: a new time reminds again.
 */
export const WorkItemReminderDueV1 = domainEvent(
  'work_item.reminder_due',
  1,
  z.object({ workItemId: Id, assigneeId: Id, startsAt: IsoDate, minutesBefore: z.number().int() }),
);

/**
 * A work item passed its deadline (due time, or the end of its window) and is not done: its team is
 * told live, or, of an item without a team, the organization's admins (`notifiedUserIds`). Once per deadline.
 */
export const WorkItemOverdueV1 = domainEvent(
  'work_item.overdue',
  1,
  z.object({
    workItemId: Id,
    deadline: IsoDate,
    teamId: Id.nullable(),
    assigneeId: Id.nullable(),
    notifiedUserIds: z.array(Id).describe('Told by name: the admins of an item of no team'),
  }),
);

/** A lead was turned into a work order (its lead.status_changed to `converted` comes with it). */
export const LeadConvertedV1 = domainEvent(
  'lead.converted',
  1,
  z.object({ leadId: Id, customerId: Id, workItemId: Id, byUserId: Id }),
);

/**
 * A guest tapped one of the organization's quick actions: their request message, and the task it
 * created at once where the action is set up for one.
 */
export const QuickActionRequestedV1 = domainEvent(
  'quick_action.requested',
  1,
  z.object({
    quickActionId: Id,
    conversationId: Id,
    messageId: Id,
    stayId: Id.nullable(),
    workItemId: Id.nullable(),
  }),
);

/**
 * Frontdesk switched a webhook endpoint off: its deliveries kept failing (`failures` given up in a
 * row). Its admins are told by e-mail; an admin switches it on again.
 */
export const WebhookDisabledV1 = domainEvent(
  'webhook.disabled',
  1,
  z.object({ endpointId: Id, url: z.string(), failures: z.number().int(), lastError: z.string().nullable() }),
);

/**
 * An alert was raised on a conversation (a low rating, an alarming word, a negative mood, an SLA
 * breach): its admins and the duty manager of its team (`notifiedUserIds`) are told live and by e-mail.
 */
export const AlertRaisedV1 = domainEvent(
  'alert.raised',
  1,
  z.object({
    alertId: Id,
    conversationId: Id,
    kind: z.enum(['low_rating', 'alarming_word', 'negative_mood', 'sla_breach']),
    teamId: Id.nullable(),
    causeEventId: Id.describe('The event that raised it (a message, a rating, a breach)'),
    notifiedUserIds: z.array(Id),
  }),
);

/** Someone acknowledged an alert: the others who were told see it handled. */
export const AlertAcknowledgedV1 = domainEvent(
  'alert.acknowledged',
  1,
  z.object({ alertId: Id, conversationId: Id, byUserId: Id, notifiedUserIds: z.array(Id) }),
);

export const DomainEvent = z.discriminatedUnion('type', [
  MessageCreatedV1,
  ConversationRoutedV1,
  ConversationPrioritizedV1,
  ConversationTakenV1,
  ConversationAssignedV1,
  ConversationAutoAssignedV1,
  ConversationTransferredV1,
  ConversationSlaBreachedV1,
  ConversationMergedV1,
  ConversationUnmergedV1,
  ConversationResolvedV1,
  ConversationRatedV1,
  StayEndedV1,
  StayGuestAccessEndedV1,
  StayRoomMovedV1,
  PersonErasedV1,
  TeamUpdatedV1,
  StaffSignedOutV1,
  StaffDeactivatedV1,
  StaffRemovedV1,
  StaffAddedV1,
  StaffRoleChangedV1,
  OrganizationUpdatedV1,
  OrganizationDeactivatedV1,
  TeamHoursChangedV1,
  NoteCreatedV1,
  StaffMentionedV1,
  CustomerChangedV1,
  LabelChangedV1,
  CustomerVerifiedV1,
  CustomerCodeRequestedV1,
  CustomerSignedOutV1,
  LeadCreatedV1,
  LeadStatusChangedV1,
  ConversationTaggedV1,
  ConversationUntaggedV1,
  WorkItemCreatedV1,
  WorkItemUpdatedV1,
  WorkItemStatusChangedV1,
  WorkItemReminderDueV1,
  WorkItemOverdueV1,
  LeadConvertedV1,
  WebhookDisabledV1,
  AlertRaisedV1,
  AlertAcknowledgedV1,
  QuickActionRequestedV1,
]);
export type DomainEvent = z.infer<typeof DomainEvent>;
export type DomainEventType = DomainEvent['type'];
export type DomainEventOf<T extends DomainEventType> = Extract<DomainEvent, { type: T }>;
export const domainEventTypes = DomainEvent.options.map((o) => o.shape.type.value) as DomainEventType[];

/** A durable consumer as an administrator sees it: where it is, and what it gave up on. */
export const ParkedEvent = z
  .object({
    eventId: Id,
    type: z.string(),
    orgId: Id.nullable(),
    stream: z.string(),
    attempts: z.number().int(),
    error: z.string(),
    parkedAt: IsoDate,
  })
  .meta({ id: 'ParkedEvent' });

export const EventConsumerStatus = z
  .object({
    name: z.string(),
    /** Failures of the event it is working on; reset when that event succeeds or is parked. */
    attempts: z.number().int(),
    lastError: z.string().nullable(),
    nextAttemptAt: IsoDate.nullable(),
    /** The node holding it now, if any. */
    heldBy: z.string().nullable(),
    parked: z.array(ParkedEvent).describe('Most recent first, at most `limit`'),
  })
  .meta({ id: 'EventConsumerStatus' });
export type EventConsumerStatus = z.infer<typeof EventConsumerStatus>;

export const EventConsumerList = z.object({ consumers: z.array(EventConsumerStatus) });

export const EventConsumersQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(100).describe('Parked events shown per consumer'),
});
