import { type DomainEvent, MAX_ATTACHMENTS_PER_MESSAGE } from '@frontdesk/protocol';
import { and, eq, gt, isNull, ne, type SQL } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations, messages, organizations, stayGuests, stays, visitors } from '../../db/schema.js';
import { type ApiClientActor, type GuestActor, type StaffActor, senderKeyOf } from '../../platform/actor.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { guestAccess } from '../guest/index.js';
import { routedEvent, routeNewRequest } from '../routing/index.js';
import { appendMessage, findByClientId, type NewMessage } from './append.js';
import { type AttachmentRow, attachmentsPreview, attachToMessage, lockAttachable } from './attach.js';
import { messageCreated } from './events.js';
import { mergedError } from './merged-error.js';
import { conversationPolicy } from './policy.js';
import {
  openAsGuestInOneStatement,
  sendAsGuestInOneStatement,
  sendAsStaffInOneStatement,
} from './send-in-one-statement.js';
import {
  type ConversationRow,
  type ConversationView,
  loadConversationView,
  loadConversationViews,
  type MessageRow,
} from './views.js';

export interface SendInput {
  conversationId?: string;
  clientId: string;
  text: string;
  /** Uploads of the sender's that go with the text (see attach.ts); none keeps the one-statement send. */
  attachmentIds?: string[];
  /**
   * How many files this send may carry when the caller checked the count already by a rule of its
   * own (a request's photos, by its form's maximums): above the settings' count per message, never
   * above MAX_ATTACHMENTS_PER_MESSAGE.
   */
  filesAllowed?: number;
}

export interface SendResult {
  message: MessageRow;
  conversationId: string;
  /** The conversation as this send left it, for the ack; absent for a duplicate, whose caller loads it. */
  view?: ConversationView;
  /** True when this send repeated an earlier one (same client id): nothing new was stored. */
  duplicate: boolean;
}

export type { MessageCreatedEvent } from './events.js';

/** What storing a send wrote: its message, the conversation as it left it, and what it wrote on the way. */
interface StoredSend {
  message: MessageRow;
  conversation: ConversationRow;
  view: ConversationView;
  before?: MessageRow[];
  events?: DomainEvent[];
}

/**
 * Runs a send's database work the way its caller's node allows: a socket event's admission on the
 * embedded database (SocketApi.onSelfAdmitted); at once for everyone else. The common send's wait
 * for its group-commit batch is the one thing a send does outside it.
 */
export type Admit = <T>(work: () => Promise<T>) => Promise<T>;
const atOnce: Admit = (work) => work();

/**
 * Runs a send at most once per client id: a retry (or a concurrent duplicate that loses the
 * unique-index race) returns the message stored the first time.
 *
 * The client id is not looked up before storing: the unique index on (sender, client id) fails a
 * repeated send inside its transaction, which rolls back everything it did, and only then is the
 * earlier message read. That saves a query on every send; retries are rare. A send refused on the
 * way (the stay ended, the conversation is gone) is looked up too, so a retry of one stored before
 * that still gets its ack.
 */
async function onceByClientId(
  ctx: ServiceContext,
  senderKey: string,
  clientId: string,
  store: () => Promise<StoredSend>,
  admit: Admit = atOnce,
): Promise<SendResult> {
  try {
    const { message, conversation, view, before = [], events = [] } = await store();
    // committed: the messages table is the durable record of `message.created`, so nothing more is
    // written; system messages written on the way (taken, reopened) go out first, in sequence order
    for (const m of [...before, message]) ctx.announce(messageCreated(m, view));
    // what the one statement wrote to the outbox itself (the request's routing) reaches this node's
    // listeners now, as `tx.record` would have had it dispatched after commit
    for (const event of events) ctx.announce(event);
    return { message, conversationId: conversation.id, view, duplicate: false };
  } catch (err) {
    if (!isUniqueViolation(err) && !(err instanceof AppError)) throw err;
    const earlier = await admit(() => findByClientId(ctx.db, senderKey, clientId));
    if (!earlier) throw err;
    return { message: earlier, conversationId: earlier.conversationId, duplicate: true };
  }
}

/** A checked-out guest, in the grace period, trying to write (or type, or send receipts). */
export const stayReadOnly = () =>
  new AppError(
    'stay_read_only',
    'Your stay has ended: you can read your requests and rate them, but not send new messages.',
  );

/**
 * The guest's (or visitor's) name, whether their stay still lets them write, and the
 * organization's reopen window (read here, in the same query, rather than once more per send).
 */
async function contactOf(db: Db, guest: GuestActor) {
  if (guest.kind === 'visitor') {
    const [v] = await db
      .select({ v: visitors, reopenMinutes: organizations.reopenMinutes })
      .from(visitors)
      .innerJoin(organizations, eq(organizations.id, visitors.orgId))
      .where(eq(visitors.id, guest.visitorId));
    if (!v) throw notFound('Visitor');
    return { name: v.v.name, stayId: null, reopenMinutes: v.reopenMinutes };
  }
  const [row] = await db
    .select({
      g: stayGuests,
      stay: stays,
      grace: organizations.guestGraceHours,
      reopenMinutes: organizations.reopenMinutes,
    })
    .from(stayGuests)
    .innerJoin(stays, eq(stays.id, stayGuests.stayId))
    .innerJoin(organizations, eq(organizations.id, stayGuests.orgId))
    .where(eq(stayGuests.id, guest.guestId));
  const access = row && guestAccess(row.stay, row.grace);
  if (!row || !access) throw new AppError('stay_ended', 'Your stay has ended. Please ask reception for a new code.');
  if (access.access !== 'active') throw stayReadOnly();
  return { name: row.g.name, stayId: row.stay.id, reopenMinutes: row.reopenMinutes };
}

/**
 * A guest's message. A guest has at most one unresolved request at a time (staff may split one),
 * and a reply goes to the request it answers:
 *
 * - naming an unresolved request, it goes there;
 * - naming a resolved one that is still reopenable, or that staff wrote in after resolving it (a
 *   follow-up the guest answers), it goes there: the request reopens unless the guest has another
 *   unresolved one, in which case the answer is added without reopening;
 * - naming an older resolved one, or naming none, it goes to the guest's unresolved request;
 *   without one, their latest request reopens within the organization's reopen window, and after
 *   it a new request starts.
 */
export async function sendAsGuest(
  ctx: ServiceContext<GuestActor>,
  input: SendInput,
  admit: Admit = atOnce,
): Promise<SendResult> {
  const { db, actor: guest } = ctx;
  const senderKey = senderKeyOf(guest);
  // a send with files takes the transaction: the one statement knows nothing of them
  const withFiles = !!input.attachmentIds?.length;
  const store = async () => {
    const batched = withFiles ? null : await sendAsGuestInOneStatement(db, guest, input, senderKey);
    return (
      batched ??
      admit(async () => {
        // routing is read only when no request of theirs takes the message: mostly, a first message
        const opened =
          withFiles || input.conversationId ? null : await openAsGuestInOneStatement(db, guest, input, senderKey);
        return opened ?? storeGuestSend(ctx, input, senderKey);
      })
    );
  };
  return onceByClientId(ctx, senderKey, input.clientId, store, admit);
}

/**
 * `sendAsGuest` by its full transaction alone, never by group commit or the opening statement: what
 * those fall back to. Tests hold the two ways to the same result (send-paths.test.ts).
 */
export function sendAsGuestInTransaction(ctx: ServiceContext<GuestActor>, input: SendInput): Promise<SendResult> {
  const senderKey = senderKeyOf(ctx.actor);
  return onceByClientId(ctx, senderKey, input.clientId, () => storeGuestSend(ctx, input, senderKey));
}

/** A guest's send in one transaction that decides every case (see sendAsGuest). */
async function storeGuestSend(
  ctx: ServiceContext<GuestActor>,
  input: SendInput,
  senderKey: string,
): Promise<StoredSend> {
  const { db, actor: guest } = ctx;
  const withFiles = !!input.attachmentIds?.length;
  const contact = await contactOf(db, guest);
  return ctx.transact(async (tx) => {
    const files = withFiles
      ? await lockAttachable(
          tx.db,
          { orgId: guest.orgId, senderKey },
          input.attachmentIds ?? [],
          input.filesAllowed
            ? {
                ...ctx.config.attachments,
                maxPerMessage: Math.min(
                  MAX_ATTACHMENTS_PER_MESSAGE,
                  Math.max(ctx.config.attachments.maxPerMessage, input.filesAllowed),
                ),
              }
            : ctx.config.attachments,
        )
      : [];
    const own = and(
      guest.kind === 'guest' ? eq(conversations.guestId, guest.guestId) : eq(conversations.visitorId, guest.visitorId),
      isNull(conversations.mergedIntoId),
    );
    const latestOf = async (where: SQL | undefined) =>
      (await loadConversationViews(tx.db, and(own, where), { limit: 1, lock: true }))[0];
    const reopenable = (c: ConversationRow) =>
      !!c.resolvedAt && Date.now() - c.resolvedAt.getTime() <= contact.reopenMinutes * 60_000;

    // each candidate locked, with what the ack and the fan-out show of it
    // a request merged into another is answered there (a guest's page may not know of the merge yet)
    const namedId = input.conversationId && (await followMerges(tx.db, input.conversationId));
    const named = namedId ? await latestOf(eq(conversations.id, namedId)) : undefined;
    if (input.conversationId && !named) throw notFound('Conversation');
    const unresolved =
      named?.c.status === 'resolved' || !named ? await latestOf(ne(conversations.status, 'resolved')) : undefined;
    const answered =
      named && (named.c.status !== 'resolved' || reopenable(named.c) || (await followedUp(tx.db, named.c)))
        ? named
        : undefined;
    const locked = answered ?? unresolved ?? (await latestOf(undefined));
    const current = locked?.c;

    let target = current;
    const before: MessageRow[] = [];
    const reopen =
      current?.status === 'resolved' &&
      (answered ? !unresolved || unresolved.c.id === current.id : reopenable(current));
    if (current && reopen) {
      [target] = await tx.db
        .update(conversations)
        .set({ status: current.assigneeId ? 'open' : 'queued', resolvedAt: null, resolvedBy: null })
        .where(eq(conversations.id, current.id))
        .returning();
      before.push(
        (await appendMessage(tx.db, current.id, systemMessage('reopened', 'The request was reopened'))).message,
      );
    } else if (!current || (current.status === 'resolved' && !answered)) {
      const routed = await routeNewRequest(tx.db, guest, input.text);
      [target] = await tx.db
        .insert(conversations)
        .values({
          orgId: guest.orgId,
          stayId: contact.stayId,
          guestId: guest.kind === 'guest' ? guest.guestId : null,
          visitorId: guest.kind === 'visitor' ? guest.visitorId : null,
          teamId: routed.teamId,
          priority: routed.priority,
          routedBy: routed.routedBy,
        })
        .returning();
      if (target) await tx.record(routedEvent(target, routed));
    }
    if (!target) throw new Error('no conversation to write to');
    return writeSend(tx.db, target.id, {
      sender: {
        senderType: guest.kind,
        senderId: guest.kind === 'guest' ? guest.guestId : guest.visitorId,
        senderName: contact.name,
        senderKey,
      },
      input,
      files,
      before,
      // the locked row serves if the message goes to it; a new request's view is loaded
      locked: locked?.c.id === target.id ? locked : undefined,
    });
  });
}

/** The request that holds a conversation's thread now: itself, or the one it was merged into (and so on). */
async function followMerges(tx: Db, id: string): Promise<string> {
  let current = id;
  for (let hop = 0; hop < 10; hop++) {
    const [row] = await tx
      .select({ mergedIntoId: conversations.mergedIntoId })
      .from(conversations)
      .where(eq(conversations.id, current));
    if (!row?.mergedIntoId) return current;
    current = row.mergedIntoId;
  }
  return current;
}

/** Whether staff wrote in a resolved request after resolving it: a follow-up the guest may answer. */
async function followedUp(tx: Db, c: ConversationRow): Promise<boolean> {
  if (!c.resolvedAt) return false;
  const [row] = await tx
    .select({ id: messages.id })
    .from(messages)
    .where(
      and(eq(messages.conversationId, c.id), eq(messages.senderType, 'staff'), gt(messages.createdAt, c.resolvedAt)),
    )
    .limit(1);
  return !!row;
}

/** A staff reply. Replying to a queued request takes it. */
export async function sendAsStaff(
  ctx: ServiceContext<StaffActor>,
  input: SendInput,
  admit: Admit = atOnce,
): Promise<SendResult> {
  const { db, actor } = ctx;
  if (!input.conversationId) throw new AppError('validation_failed', 'conversationId is required');
  const conversationId = input.conversationId;
  const senderKey = senderKeyOf(actor);
  const store = async () => {
    const batched = input.attachmentIds?.length
      ? null
      : await sendAsStaffInOneStatement(db, actor, { ...input, conversationId }, senderKey);
    return batched ?? admit(() => storeStaffSend(ctx, input, conversationId, senderKey));
  };
  return onceByClientId(ctx, senderKey, input.clientId, store, admit);
}

/** `sendAsStaff` by its full transaction alone, never by group commit: what that falls back to. */
export function sendAsStaffInTransaction(
  ctx: ServiceContext<StaffActor>,
  input: SendInput & { conversationId: string },
): Promise<SendResult> {
  const senderKey = senderKeyOf(ctx.actor);
  return onceByClientId(ctx, senderKey, input.clientId, () =>
    storeStaffSend(ctx, input, input.conversationId, senderKey),
  );
}

/** A staff reply in one transaction that decides every case (see sendAsStaff). */
async function storeStaffSend(
  ctx: ServiceContext<StaffActor>,
  input: SendInput,
  conversationId: string,
  senderKey: string,
): Promise<StoredSend> {
  const { actor } = ctx;
  const withFiles = !!input.attachmentIds?.length;
  return ctx.transact(async (tx) => {
    const files =
      withFiles && actor.orgId
        ? await lockAttachable(
            tx.db,
            { orgId: actor.orgId, senderKey },
            input.attachmentIds ?? [],
            ctx.config.attachments,
          )
        : [];
    const [locked] = await loadConversationViews(tx.db, eq(conversations.id, conversationId), { lock: true });
    const conversation = locked?.c;
    if (!conversation || !conversationPolicy.staffSees(actor, conversation)) throw notFound('Conversation');
    if (conversation.mergedIntoId) throw mergedError(conversation);
    const before: MessageRow[] = [];
    if (conversation.status === 'queued') {
      if (!conversationPolicy.take(actor)) throw forbidden();
      await tx.db
        .update(conversations)
        .set({ status: 'open', assigneeId: actor.userId, assignedBy: null, pickedAt: new Date() })
        .where(eq(conversations.id, conversationId));
      before.push(
        (await appendMessage(tx.db, conversationId, systemMessage('taken', `${actor.name} took the request`, actor)))
          .message,
      );
    }
    return writeSend(tx.db, conversationId, {
      sender: { senderType: 'staff', senderId: actor.userId, senderName: actor.name, senderKey },
      input,
      files,
      before,
      // taking it changed the assignee, whom the locked row does not name: load the view again then
      locked: conversation.status !== 'queued' ? locked : undefined,
    });
  });
}

/** A guest's or staff member's send, once its transaction has chosen and locked the conversation. */
interface SendToWrite {
  sender: Pick<NewMessage, 'senderType' | 'senderId' | 'senderName' | 'senderKey'>;
  input: SendInput;
  files: AttachmentRow[];
  /** The system messages written before it (reopened, taken). */
  before: MessageRow[];
  /** The view locked at the start, if nothing it shows but the conversation row changed since; else it is loaded. */
  locked: ConversationView | undefined;
}

/**
 * Appends the send's message, binds its files, and returns it with the conversation's view as the
 * append left it: the locked row's contact and room with the new conversation row, or loaded anew.
 */
async function writeSend(tx: Db, conversationId: string, send: SendToWrite): Promise<StoredSend> {
  const { input, files, locked } = send;
  const appended = await appendMessage(tx, conversationId, {
    ...send.sender,
    clientId: input.clientId,
    body: input.text,
    preview: files.length && !input.text ? attachmentsPreview(files) : undefined,
  });
  if (files.length) appended.message = await attachToMessage(tx, appended.message, files);
  const view = locked ? { ...locked, c: appended.conversation } : await loadConversationView(tx, conversationId);
  if (!view) throw new Error('conversation view vanished');
  return { ...appended, view, before: send.before };
}

export function systemMessage(event: string, body: string, actor?: Pick<StaffActor, 'userId' | 'name'>) {
  return {
    senderType: 'system' as const,
    senderId: actor?.userId ?? null,
    senderName: actor?.name ?? null,
    senderKey: null,
    clientId: null,
    body,
    event,
  };
}

/**
 * A message another system sends as the organization with an API key (scope `messages:send`): signed
 * with the organization's name, stored once per client id of that key, like a staff reply except
 * that it takes no queued request (a key is nobody who could hold one).
 */
export async function sendAsApiClient(
  ctx: ServiceContext<ApiClientActor>,
  input: { conversationId: string; clientId: string; text: string },
): Promise<SendResult> {
  const { actor } = ctx;
  const senderKey = senderKeyOf(actor);
  return onceByClientId(ctx, senderKey, input.clientId, () =>
    ctx.transact(async (tx) => {
      const [locked] = await loadConversationViews(tx.db, eq(conversations.id, input.conversationId), { lock: true });
      const conversation = locked?.c;
      if (!conversation || conversation.orgId !== actor.orgId) throw notFound('Conversation');
      if (conversation.mergedIntoId) throw mergedError(conversation);
      const appended = await appendMessage(tx.db, conversation.id, {
        senderType: 'staff',
        senderId: null,
        senderName: actor.orgName,
        senderKey,
        clientId: input.clientId,
        body: input.text,
      });
      return { ...appended, view: { ...locked, c: appended.conversation }, before: [] };
    }),
  );
}
