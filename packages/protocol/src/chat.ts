import { z } from 'zod';
import { PhotoUrl } from './accounts.js';
import { MAX_ATTACHMENTS_PER_MESSAGE } from './attachment-types.js';
import { Attachment } from './attachments.js';
import { Id, IsoDate } from './common.js';
import { clientEvents, MAX_MESSAGE_LENGTH } from './events.js';
import { TagChip } from './tags.js';

export const conversationStatuses = ['queued', 'open', 'resolved'] as const;
export const ConversationStatus = z.enum(conversationStatuses);
export type ConversationStatus = z.infer<typeof ConversationStatus>;

/** How urgent a request is; the queue shows the most urgent first. */
export const priorities = ['low', 'normal', 'high', 'urgent'] as const;
export const Priority = z.enum(priorities);
export type Priority = z.infer<typeof Priority>;

/** One thing a routing rule matched in a new request (`routedBy.because`). */
export const RoutingFact = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('room_qr') }),
  z.object({ kind: z.literal('public_entry') }),
  z.object({ kind: z.literal('room'), room: z.string() }),
  z.object({ kind: z.literal('priority_room') }),
  z.object({ kind: z.literal('team_open'), team: z.string() }),
  z.object({ kind: z.literal('language'), language: z.string() }),
  z.object({ kind: z.literal('keyword'), keyword: z.string() }),
  z.object({ kind: z.literal('every_request') }),
]);
export type RoutingFact = z.infer<typeof RoutingFact>;

export const senderTypes = ['guest', 'visitor', 'staff', 'system'] as const;
export const SenderType = z.enum(senderTypes);

/** The events a thread records as system messages. */
export const systemEvents = [
  'taken',
  'assigned',
  'transferred',
  'resolved',
  'reopened',
  'rated',
  /** Given to an agent by the team's automatic assignment; its sender is that agent. */
  'auto_assigned',
  /** Another request of the same guest was merged into this one (its messages follow). */
  'merged',
  /** A merge into this request was undone (its messages went back). */
  'unmerged',
  /** A work item of the request moved (booked, on its way, done): status only, never its notes. */
  'work_status',
] as const;

/** The largest sequence number a client may name: sequence numbers are PostgreSQL integers. */
export const MAX_SEQ = 2_147_483_647;
export const SeqNumber = z.number().int().min(0).max(MAX_SEQ);

export const ClientId = z
  .string()
  .min(8)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, 'Letters, digits, _ and - only')
  .describe('Chosen by the client; sending the same id twice stores the message once');

/** At most this many UTF-16 units: the longest emoji sequences (families, flags of regions) fit. */
export const MAX_EMOJI_LENGTH = 32;
// built at run time: the `v` flag (Unicode sets, for \p{RGI_Emoji}) is newer than the compile target
// biome-ignore lint/complexity/useRegexLiterals: a literal with the `v` flag does not compile for ES2023
const singleEmoji = new RegExp('^\\p{RGI_Emoji}$', 'v');

/** One emoji as Unicode recommends it (fully qualified, skin tones and sequences included), nothing else. */
export const Emoji = z
  .string()
  .max(MAX_EMOJI_LENGTH, 'One emoji')
  .refine((value) => singleEmoji.test(value), 'One emoji');

/** The reactions of one message, per emoji: how many people chose it and whether the reader did. */
export const ReactionSummary = z.object({ emoji: z.string(), count: z.number().int().positive(), mine: z.boolean() });
export type ReactionSummary = z.infer<typeof ReactionSummary>;

/**
 * A message machine-translated for the other side: into the desk's language for what a guest wrote,
 * into the guest's for what staff wrote. `failed`: the provider did not translate it (it is shown
 * untranslated and marked so; `text` is null).
 */
export const MessageTranslation = z
  .object({
    language: z.string().describe('The language of the translation (ISO 639-1, e.g. pl)'),
    status: z.enum(['translated', 'failed']),
    text: z.string().nullable(),
  })
  .meta({ id: 'MessageTranslation' });
export type MessageTranslation = z.infer<typeof MessageTranslation>;

export const Message = z
  .object({
    id: Id,
    conversationId: Id,
    seq: z.number().int().positive().describe('Per-conversation sequence number, from 1, without gaps'),
    clientId: z.string().nullable(),
    sender: z.object({ type: SenderType, id: Id.nullable(), name: z.string().nullable() }),
    text: z.string(),
    event: z.enum(systemEvents).nullable(),
    createdAt: IsoDate,
    reactions: z
      .array(ReactionSummary)
      .optional()
      .describe('Present in history and sync when the message has reactions; live changes come as reaction events'),
    attachments: z.array(Attachment).optional().describe('The files sent with the message, when there are any'),
    translation: MessageTranslation.optional().describe(
      'Present in history and sync when the message was machine-translated for the reader’s side (README "Translation"); `text` stays the original',
    ),
  })
  .meta({ id: 'Message' });
export type Message = z.infer<typeof Message>;

export const Receipts = z.object({
  guestDeliveredSeq: z.number().int(),
  guestReadSeq: z.number().int(),
  staffDeliveredSeq: z.number().int(),
  staffReadSeq: z.number().int(),
});
export type Receipts = z.infer<typeof Receipts>;

/**
 * How a request came to its assignee when someone or something else gave it: handed over by a
 * colleague, or given by the team's automatic assignment (its mode, and the agent's open conversations before it
 * against their capacity).
 */
export const AssignedBy = z
  .object({
    how: z.enum(['handed_over', 'automatic']),
    mode: z.enum(['round_robin', 'least_busy']).nullable().describe('Automatic assignment only'),
    byName: z.string().nullable().describe('Who handed it over'),
    load: z.number().int().nullable().describe('The assignee’s open conversations before this one (automatic)'),
    capacity: z.number().int().nullable().describe('The assignee’s capacity in the team (automatic)'),
    reason: z.string().describe('In plain words, e.g. Round robin: Anna had 1 of 3 open'),
    at: IsoDate,
  })
  .meta({ id: 'AssignedBy' });
export type AssignedBy = z.infer<typeof AssignedBy>;

export const Conversation = z
  .object({
    id: Id,
    status: ConversationStatus,
    contact: z.object({
      kind: z.enum(['guest', 'visitor']),
      id: Id,
      name: z.string().nullable(),
      vip: z.boolean(),
    }),
    stay: z.object({ id: Id, roomNumber: z.string(), roomPriority: z.boolean() }).nullable(),
    assignee: z.object({ id: Id, name: z.string(), motto: z.string(), photoUrl: PhotoUrl }).nullable(),
    lastSeq: z.number().int(),
    lastMessageAt: IsoDate,
    preview: z.string(),
    unread: z.number().int().describe('Messages the viewer’s side has not read'),
    receipts: Receipts,
    rating: z.number().int().min(1).max(5).nullable(),
    ratingComment: z.string().nullable(),
    createdAt: IsoDate,
    firstResponseAt: IsoDate.nullable(),
    resolvedAt: IsoDate.nullable(),
    // what the desk alone sees: guests' copies leave these out
    team: z
      .object({ id: Id, name: z.string() })
      .nullable()
      .optional()
      .describe('The team the request was routed to (staff only)'),
    priority: Priority.optional().describe('Staff only'),
    routedBy: z
      .object({
        ruleId: Id.nullable().describe('Null when no rule matched (the default team, or none)'),
        ruleName: z.string().nullable(),
        reason: z.string().describe('In plain words, e.g. Rule “Spa”: the message mentions “massage”'),
        because: z
          .array(RoutingFact)
          .optional()
          .describe('What of the request the rule matched, for the desk to say in its own language'),
        raisedBy: z
          .enum(['vip', 'priority_room'])
          .optional()
          .describe('Why the priority was raised to high, if it was'),
      })
      .nullable()
      .optional()
      .describe('Why the request went to its team, when it was opened (staff only)'),
    handover: z
      .object({
        byName: z.string(),
        note: z.string().nullable(),
        toTeam: z.string().nullable().describe('The team it was sent to, if any'),
        at: IsoDate,
      })
      .nullable()
      .optional()
      .describe('The last transfer or hand-over, with its note for whoever takes over (staff only)'),
    awaitingSince: IsoDate.nullable()
      .optional()
      .describe('Since when the guest waits for a reply from the desk; null when answered (staff only)'),
    assignedBy: AssignedBy.nullable()
      .optional()
      .describe(
        'How the request came to its assignee when someone or something else gave it: handed over, or automatic (staff only); null when the assignee took it from the queue',
      ),
    tags: z.array(TagChip).optional().describe('Its tags, by name (staff only)'),
    // both only when set, so that the view every message's fan-out carries stays as it was
    mergedInto: Id.optional().describe(
      'Set when this request was merged into another: its messages are there now, and clients drop it',
    ),
    epoch: z
      .number()
      .int()
      .positive()
      .optional()
      .describe(
        'Raised when the thread was renumbered (a merge undone): a client holding an older epoch reloads the thread from the start',
      ),
  })
  .meta({ id: 'Conversation' });
export type Conversation = z.infer<typeof Conversation>;

/**
 * A waiting request's place in its team's queue, as its guest sees it: nothing about the others
 * ahead but how many. The estimate is the team's recent pace of picking up requests times the
 * place; null when the team has picked up too few lately to say.
 */
export const QueuePosition = z
  .object({
    conversationId: Id,
    position: z.number().int().min(1).describe('1: the next request the team picks up'),
    estimatedWaitSeconds: z.number().int().min(0).nullable(),
  })
  .meta({ id: 'QueuePosition' });
export type QueuePosition = z.infer<typeof QueuePosition>;

/**
 * Where an inbox page ends: the last conversation's activity time and id, which order the inbox
 * uniquely (conversations often share a millisecond), and in the queue also its priority.
 * Opaque to clients: pass it back as it came.
 */
export const InboxCursor = z
  .string()
  .regex(
    /^(?:[0-3]_)?\d{1,17}_[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
    'Not a cursor this API gave out',
  )
  .describe('Opaque cursor: pass back the nextBefore of the previous page as it came');

export const ConversationListQuery = z.object({
  status: ConversationStatus.default('queued'),
  mine: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .default(false),
  limit: z.coerce.number().int().min(1).max(100).default(30),
  before: InboxCursor.optional().describe('The nextBefore of the previous page'),
  tag: Id.optional().describe('Only conversations with this tag (the counts too)'),
});
export const ConversationCounts = z.object({
  queued: z.number().int(),
  open: z.number().int(),
  mine: z.number().int(),
  resolved: z.number().int(),
});
export const ConversationPage = z.object({
  conversations: z.array(Conversation),
  counts: ConversationCounts,
  nextBefore: InboxCursor.nullable().describe('Pass as `before` for the next page; null on the last page'),
});
export const ConversationIdParams = z.object({ id: Id });
export const MessagesQuery = z.object({
  after: z.coerce.number().int().min(0).max(MAX_SEQ).optional().describe('Messages with seq greater than this'),
  before: z.coerce
    .number()
    .int()
    .min(1)
    .max(MAX_SEQ)
    .optional()
    .describe('Messages with seq lower than this (scrolling up)'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const MessagePage = z.object({ messages: z.array(Message), hasMore: z.boolean() });
export const AssignRequest = z.strictObject({ userId: Id });

/** What the colleague or team taking over should know; staff only, never sent to the guest. */
export const HandoverNote = z.string().trim().max(1000);

/**
 * Moves a request to a colleague (`userId`), or into a queue (`userId` null): the queue of `teamId`,
 * or its own team's when no team is named — where a team that assigns automatically gives it out
 * at once. With both, it goes to that colleague in that team.
 */
export const TransferRequest = z.strictObject({
  userId: Id.nullable().describe('The colleague who takes over; null: the request waits in the queue'),
  teamId: Id.optional().describe('The team it moves to (its own when left out)'),
  note: HandoverNote.optional(),
});
export type TransferRequest = z.infer<typeof TransferRequest>;

/**
 * Hands over every open request of a staff member at once (ending a shift, or an admin's bulk
 * reassignment): each goes back to its team's queue, or to the colleague `userId`.
 */
export const HandOverRequest = z.strictObject({ userId: Id.optional(), note: HandoverNote.optional() });
export type HandOverRequest = z.infer<typeof HandOverRequest>;
export const HandOverResult = z
  .object({ handedOver: z.number().int().describe('How many open requests changed hands') })
  .meta({ id: 'HandOverResult' });
export const SetPriorityRequest = z.strictObject({ priority: Priority });
export const RateRequest = z.strictObject({
  rating: z.number().int().min(1).max(5),
  comment: z.string().trim().max(1000).optional(),
});

// ---- realtime events (Socket.IO). Client → server events are acknowledged with `Ack<T>`. ----

export const SendMessage = z
  .strictObject({
    conversationId: Id.optional().describe(
      'The conversation this message answers; staff must name it. A guest names the request they answer (a follow-up in a resolved one goes there); without it, their unresolved request is used, or a new one started',
    ),
    clientId: ClientId,
    text: z.string().trim().max(MAX_MESSAGE_LENGTH, `At most ${MAX_MESSAGE_LENGTH} characters`).default(''),
    attachmentIds: z
      .array(Id)
      .max(MAX_ATTACHMENTS_PER_MESSAGE, `At most ${MAX_ATTACHMENTS_PER_MESSAGE} files`)
      .refine((ids) => new Set(ids).size === ids.length, 'Each file once')
      .optional()
      .describe('Files uploaded before (POST …/attachments) that go with the text; the text may then be empty'),
  })
  .refine((m) => m.text.length > 0 || (m.attachmentIds?.length ?? 0) > 0, {
    message: 'Type a message',
    path: ['text'],
  });
export type SendMessageInput = z.input<typeof SendMessage>;
export const ConversationRef = z.strictObject({ conversationId: Id });
export const AssignEvent = z.strictObject({ conversationId: Id, userId: Id });
export const RateEvent = RateRequest.extend({ conversationId: Id });
export const ReceiptEvent = z.strictObject({ conversationId: Id, seq: SeqNumber });
export const TypingEvent = z.strictObject({ conversationId: Id, typing: z.boolean() });
/** Adds (`reacted: true`) or takes back one emoji on a message; repeating either changes nothing. */
export const ReactEvent = z.strictObject({ conversationId: Id, messageId: Id, emoji: Emoji, reacted: z.boolean() });
/** A staff member opened (`viewing: true`, repeated while open) or left a conversation: colleagues are told. */
export const ViewingEvent = z.strictObject({ conversationId: Id, viewing: z.boolean() });
export const PresenceStatus = z.enum(['online', 'away', 'offline']);
export type PresenceStatus = z.infer<typeof PresenceStatus>;
export const SetPresence = z.strictObject({ status: z.enum(['online', 'away']) });
export const SyncRequest = z.strictObject({
  since: z
    .record(Id, SeqNumber)
    .refine((r) => Object.keys(r).length <= 500, 'At most 500 conversations')
    .describe('conversationId → last seq the client has'),
});
export const SyncResult = z.object({
  conversations: z.array(Conversation),
  messages: z
    .array(Message)
    .describe(
      'The messages after the given seqs (and those of conversations the client did not list), in order per conversation, each conversation without gaps',
    ),
  hasMore: z
    .boolean()
    .describe('More was missed than one answer carries: sync again, from the seqs held after applying these'),
});
export type SyncResult = z.infer<typeof SyncResult>;

/** The payload schema of every client → server event, so tools and tests can walk them all. */
export const clientEventPayloads = {
  [clientEvents.send]: SendMessage,
  [clientEvents.take]: ConversationRef,
  [clientEvents.assign]: AssignEvent,
  [clientEvents.resolve]: ConversationRef,
  [clientEvents.rate]: RateEvent,
  [clientEvents.delivered]: ReceiptEvent,
  [clientEvents.read]: ReceiptEvent,
  [clientEvents.typing]: TypingEvent,
  [clientEvents.react]: ReactEvent,
  [clientEvents.viewing]: ViewingEvent,
  [clientEvents.presence]: SetPresence,
  [clientEvents.sync]: SyncRequest,
} satisfies Record<(typeof clientEvents)[keyof typeof clientEvents], z.ZodType>;
