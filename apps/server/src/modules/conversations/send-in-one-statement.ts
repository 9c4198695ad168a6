import { randomUUID } from 'node:crypto';
import type { DomainEvent } from '@frontdesk/protocol';
import type { Db } from '../../db/connection.js';
import { type GuestActor, type StaffActor, seesEveryConversation } from '../../platform/actor.js';
import { routedEventData } from '../routing/index.js';
import { previewOf } from './append.js';
import { writeSend } from './group-commit.js';
import { writeOpening } from './opening-batch.js';
import type { ConversationRow, ConversationView, MessageRow } from './views.js';

export interface Stored {
  message: MessageRow;
  conversation: ConversationRow;
  view: ConversationView;
  /** Domain events the statement wrote to the outbox, for this node's listeners once it committed. */
  events?: DomainEvent[];
}

/**
 * The common send — a guest writing to their current request, staff answering one they (or a
 * colleague) already took — written by group commit (group-commit.ts) with the node's other sends
 * of the moment: one statement locks the conversations, bumps their sequence numbers, inserts the
 * messages and reads back the views that the acks and the fan-out show. On this kind of machine the
 * round trips, the commits and the building of queries, not the SQL itself, were what a send cost
 * (bench/README.md).
 *
 * Returns null when the common case does not hold — the guest's first message, a resolved request,
 * a queued one that a staff reply takes, a stay that has ended, a client id stored already — and the
 * caller then runs the full transaction, which decides and explains. Nothing was written in that case.
 */
export async function sendAsGuestInOneStatement(
  db: Db,
  guest: GuestActor,
  input: { conversationId?: string; clientId: string; text: string },
  senderKey: string,
): Promise<Stored | null> {
  return writeSend(db, {
    senderType: guest.kind,
    contactId: guest.kind === 'guest' ? guest.guestId : guest.visitorId,
    conversationId: input.conversationId ?? null,
    orgId: null,
    teamIds: null,
    senderName: null,
    senderKey,
    clientId: input.clientId,
    body: input.text,
    preview: previewOf(input.text),
  });
}

export async function sendAsStaffInOneStatement(
  db: Db,
  actor: StaffActor,
  input: { conversationId: string; clientId: string; text: string },
  senderKey: string,
): Promise<Stored | null> {
  if (!actor.orgId || (actor.role !== 'admin' && actor.role !== 'agent')) return null;
  // an agent under team visibility writes only where they see: one more condition, no more queries
  return writeSend(db, {
    senderType: 'staff',
    contactId: actor.userId,
    conversationId: input.conversationId,
    orgId: actor.orgId,
    teamIds: seesEveryConversation(actor) ? null : actor.teamIds,
    senderName: actor.name,
    senderKey,
    clientId: input.clientId,
    body: input.text,
    preview: previewOf(input.text),
  });
}

/**
 * A guest's first message — or the first after their last request was resolved and its reopen
 * window passed — opens a new conversation, in one statement too, with the node's other openings of
 * the moment (opening-batch.ts): it inserts the conversation already numbered to its first message,
 * then the message. Null when the guest has a request
 * that is open, queued or still reopenable, or their stay is over (the full transaction decides).
 * First messages come in bursts (a hotel's evening, a storm day), which is when round trips hurt.
 *
 * The request opens already routed (its team, priority and why), and the same statement records
 * `conversation.routed` in the outbox.
 */
export async function openAsGuestInOneStatement(
  db: Db,
  guest: GuestActor,
  input: { clientId: string; text: string },
  senderKey: string,
): Promise<Stored | null> {
  const eventId = randomUUID();
  const opened = await writeOpening(db, {
    guest,
    senderKey,
    clientId: input.clientId,
    body: input.text,
    preview: previewOf(input.text),
    eventId,
  });
  if (!opened) return null;
  const { message, conversation, routed } = opened;
  // every field of a view, as loadConversationViews would read it for a conversation nobody took
  const view: ConversationView = {
    c: conversation,
    guestName: opened.guestName,
    guestVip: opened.guestVip,
    visitorName: opened.visitorName,
    roomNumber: opened.roomNumber,
    roomPriority: opened.roomPriority,
    assigneeName: null,
    assigneeMotto: null,
    assigneePhotoFileId: null,
    teamName: routed.teamName,
    // a request just opened carries no tags yet
    tags: [],
  };
  const routedEvent: DomainEvent = {
    id: eventId,
    type: 'conversation.routed',
    version: 1,
    orgId: conversation.orgId,
    stream: `conversation:${conversation.id}`,
    occurredAt: message.createdAt.toISOString(),
    data: routedEventData(conversation.id, routed),
  };
  return { message, conversation, view, events: [routedEvent] };
}
