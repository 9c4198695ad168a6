/**
 * Constants of the realtime protocol, kept free of zod so a browser bundle that needs only these
 * (the guest page) does not carry the schemas.
 */

export const MAX_MESSAGE_LENGTH = 4000;

export const clientEvents = {
  send: 'message:send',
  take: 'conversation:take',
  assign: 'conversation:assign',
  resolve: 'conversation:resolve',
  rate: 'conversation:rate',
  delivered: 'message:delivered',
  read: 'message:read',
  typing: 'typing',
  react: 'message:react',
  viewing: 'conversation:viewing',
  presence: 'presence:set',
  sync: 'sync',
} as const;

export const serverEvents = {
  message: 'message:new',
  conversation: 'conversation:updated',
  receipt: 'receipt',
  typing: 'typing',
  reaction: 'message:reaction',
  viewing: 'viewing',
  presence: 'presence',
  reception: 'reception',
  queue: 'queue',
  escalation: 'escalation',
  urgent: 'urgent',
  sessionEnded: 'session:ended',
  accessChanged: 'access:changed',
  desk: 'desk:changed',
  /** Staff: an internal note in a conversation they see (never sent to a guest). */
  note: 'note:new',
  /** Staff: a colleague mentioned them in a note. */
  mention: 'mention:new',
  /** The leads desk (admins and dispatchers of a service company): a lead arrived or changed status. */
  lead: 'lead:changed',
  /** Staff who see a work item: it was created or changed (payload: `{ item: WorkItem }`). */
  workItem: 'work:item',
  /** Staff who saw a work item and no longer do (reassigned away): drop it (payload: `{ id }`). */
  workItemGone: 'work:gone',
  /** A work item is due soon (to its assignee) or overdue (to its team, or the admins): payload `WorkNotice`. */
  workNotice: 'work:notice',
  /** Admins and the duty manager of the request's team: an alert was raised (payload: `{ alert: Alert }`). */
  alert: 'alert:new',
  /** The same people: an alert was acknowledged (payload: `{ alert: Alert }`). */
  alertAcknowledged: 'alert:acknowledged',
  /** A message's machine translation arrived or failed (payload: `TranslationNotice`). */
  translation: 'message:translation',
} as const;

/** Every acknowledgement: a result, or the standard error shape. */
export type Ack<T> = { ok: true; data: T } | { ok: false; error: { code: string; message: string; details?: unknown } };

/** Staff repeat "viewing" this often while a conversation is open… */
export const VIEWING_REPEAT_MS = 20_000;
/** …and a colleague's entry not repeated for this long is dropped (their tab closed, their node died). */
export const VIEWING_EXPIRES_MS = 50_000;
