/**
 * The realtime protocol as Socket.IO event maps: `new Server<ClientToServerEvents,
 * ServerToClientEvents>` on the server, `Socket<ServerToClientEvents, ClientToServerEvents>` in the
 * web app and the SDK, so a payload or an acknowledgement cannot drift between them.
 *
 * Types only (the payloads are derived from the zod schemas in chat.ts): importing this file
 * brings no zod into a browser bundle.
 */
import type { z } from 'zod';
import type { Alert } from './alerts.js';
import type {
  AssignEvent as AssignEventSchema,
  Conversation,
  ConversationRef as ConversationRefSchema,
  Message,
  MessageTranslation,
  PresenceStatus,
  QueuePosition,
  RateEvent as RateEventSchema,
  ReactEvent as ReactEventSchema,
  ReactionSummary,
  ReceiptEvent as ReceiptEventSchema,
  Receipts,
  SendMessageInput,
  SetPresence as SetPresenceSchema,
  SyncRequest as SyncRequestSchema,
  SyncResult,
  TypingEvent as TypingEventSchema,
  ViewingEvent as ViewingEventSchema,
} from './chat.js';
import type { Ack, clientEvents, serverEvents } from './events.js';
import type { Lead } from './leads.js';
import type { Mention, Note } from './notes.js';
import type { WorkItem } from './work.js';

type Input<S extends z.ZodType> = z.input<S>;

/** What a send acknowledges: the stored message and its conversation as it left it. */
export interface SendResult {
  message: Message;
  conversation: Conversation;
  /** The client id was seen before: this is the message stored the first time. */
  duplicate: boolean;
}

/** An event the server acknowledges with `Ack<R>`. */
type Acked<P, R> = (payload: P, ack: (response: Ack<R>) => void) => void;
/** An event a client may fire without waiting (receipts, typing); asked for, the ack carries null. */
type Fired<P> = (payload: P, ack?: (response: Ack<null>) => void) => void;

export interface ClientToServerEvents {
  [clientEvents.send]: Acked<SendMessageInput, SendResult>;
  [clientEvents.take]: Acked<Input<typeof ConversationRefSchema>, Conversation>;
  [clientEvents.assign]: Acked<Input<typeof AssignEventSchema>, Conversation>;
  [clientEvents.resolve]: Acked<Input<typeof ConversationRefSchema>, Conversation>;
  [clientEvents.rate]: Acked<Input<typeof RateEventSchema>, Conversation>;
  [clientEvents.delivered]: Fired<Input<typeof ReceiptEventSchema>>;
  [clientEvents.read]: Fired<Input<typeof ReceiptEventSchema>>;
  [clientEvents.typing]: Fired<Input<typeof TypingEventSchema>>;
  [clientEvents.react]: Acked<Input<typeof ReactEventSchema>, ReactionsOfMessage>;
  [clientEvents.viewing]: Fired<Input<typeof ViewingEventSchema>>;
  [clientEvents.presence]: Acked<Input<typeof SetPresenceSchema>, { status: 'online' | 'away' }>;
  [clientEvents.sync]: Acked<Input<typeof SyncRequestSchema>, SyncResult>;
}

export type ClientEventName = keyof ClientToServerEvents;
/** The payload a client sends with `event`. */
export type ClientPayload<E extends ClientEventName> = Parameters<ClientToServerEvents[E]>[0];
/** The data of `event`'s successful acknowledgement. */
export type AckData<E extends ClientEventName> =
  NonNullable<Parameters<ClientToServerEvents[E]>[1]> extends (response: Ack<infer R>) => void ? R : never;

/** Who is typing: a staff member by name, a guest or visitor by id only. */
export interface TypingNotice {
  conversationId: string;
  typing: boolean;
  from: { type: 'staff' | 'guest' | 'visitor'; id: string | null; name: string | null };
}

/** A message's reactions as the one asking sees them (`mine` is theirs). */
export interface ReactionsOfMessage {
  conversationId: string;
  messageId: string;
  reactions: ReactionSummary[];
}

/**
 * Someone reacted or took a reaction back: the counts after it, and who did what, so each reader
 * keeps their own `mine` (it changes only when `by` is the reader).
 */
export interface ReactionNotice {
  conversationId: string;
  messageId: string;
  emoji: string;
  reacted: boolean;
  by: { type: 'staff' | 'guest' | 'visitor'; id: string };
  counts: { emoji: string; count: number }[];
}

/**
 * A message's machine translation for the reader's side arrived (or failed: shown untranslated).
 * Staff hear every translation of the conversation; its guest only those into their language.
 */
export interface TranslationNotice {
  conversationId: string;
  messageId: string;
  translation: MessageTranslation;
}

/**
 * To other staff only: a colleague has the conversation open (repeated while open; an entry not
 * repeated for VIEWING_EXPIRES_MS is gone) or left it.
 */
export interface ViewingNotice {
  conversationId: string;
  viewing: boolean;
  from: { id: string; name: string };
}

/** A request breached its team's response target: what the duty manager needs to act. */
export interface EscalationNotice {
  conversationId: string;
  teamName: string;
  kind: 'first_response' | 'next_response';
  targetMinutes: number;
  waitingSince: string;
  priority: 'low' | 'normal' | 'high' | 'urgent';
  /** The guest's name and room, as the desk shows them (no message text). */
  contactName: string | null;
  roomNumber: string | null;
}

/** A work item is due soon (`reminder`, to its assignee) or past its deadline (`overdue`, to its team or the admins). */
export interface WorkNotice {
  kind: 'reminder' | 'overdue';
  item: WorkItem;
}

/** A request of the team became urgent (routed so, set by staff, or escalated). */
export interface UrgentNotice {
  conversationId: string;
  teamName: string | null;
  contactName: string | null;
  roomNumber: string | null;
}

export interface ServerToClientEvents {
  /** To the staff who see the conversation (never its guest): an internal note. */
  [serverEvents.note]: (payload: { note: Note }) => void;
  /** To the mentioned staff member: a colleague named them in a note; `unread` counts their unread mentions. */
  [serverEvents.mention]: (payload: { mention: Mention; unread: number }) => void;
  /** To staff who see a work item: it was created or changed, as they see it now. */
  [serverEvents.workItem]: (payload: { item: WorkItem }) => void;
  /** To staff who saw a work item before a reassignment and see it no more. */
  [serverEvents.workItemGone]: (payload: { id: string }) => void;
  /** To a work item's assignee (reminder) or its team or the admins (overdue). */
  [serverEvents.workNotice]: (payload: WorkNotice) => void;
  /** To admins and the request's duty manager, never a guest: an alert was raised. */
  [serverEvents.alert]: (payload: { alert: Alert }) => void;
  /** To the same people: someone acknowledged an alert. */
  [serverEvents.alertAcknowledged]: (payload: { alert: Alert }) => void;
  /** A message was stored; each side gets the conversation as that side sees it. */
  [serverEvents.message]: (payload: { message: Message; conversation: Conversation }) => void;
  [serverEvents.conversation]: (conversation: Conversation) => void;
  [serverEvents.receipt]: (payload: { conversationId: string; receipts: Receipts; unread: number }) => void;
  [serverEvents.typing]: (payload: TypingNotice) => void;
  /** To the conversation's staff and its contact: a message's reactions changed. */
  [serverEvents.reaction]: (payload: ReactionNotice) => void;
  /** To the conversation's staff, and its contact when it is in their language: a message's translation. */
  [serverEvents.translation]: (payload: TranslationNotice) => void;
  /** To the conversation's other staff, never the contact: who has it open. */
  [serverEvents.viewing]: (payload: ViewingNotice) => void;
  /** To staff: everyone of the organization not offline. */
  [serverEvents.presence]: (payload: { statuses: Record<string, Exclude<PresenceStatus, 'offline'>> }) => void;
  /** To guests: whether anyone at reception is there. */
  [serverEvents.reception]: (payload: { status: PresenceStatus }) => void;
  /** To a team's duty manager (or the admins): a request waited longer than the team's target. */
  [serverEvents.escalation]: (payload: EscalationNotice) => void;
  /** To a team's members (the whole desk for a request of no team): a request became urgent. */
  [serverEvents.urgent]: (payload: UrgentNotice) => void;
  /** To a guest whose request waits: its place in the queue and the wait to expect, as the queue moves. */
  [serverEvents.queue]: (payload: QueuePosition) => void;
  /** To guests: a team's business hours changed; whether their desk is open is worth asking again. */
  [serverEvents.desk]: (payload: { teamId: string }) => void;
  /** Sent just before the server closes the socket. */
  [serverEvents.sessionEnded]: (payload: { code: 'stay_ended' | 'session_expired'; message: string }) => void;
  /**
   * To staff: which requests they see changed (the organization's team visibility, their teams or
   * their role). What the client holds may show requests now hidden, or miss ones now visible: it
   * loads its lists again. Events from now on follow the new rules.
   */
  [serverEvents.accessChanged]: () => void;
  /** To a service company's desk (its admins and dispatchers): a lead as it stands after it arrived or changed. */
  [serverEvents.lead]: (payload: { lead: Lead }) => void;
}
