import {
  type Ack,
  type AckData,
  AssignEvent,
  type ClientEventName,
  type ClientPayload,
  ConversationRef,
  clientEvents,
  RateEvent,
  ReceiptEvent,
  SendMessage,
  SetPresence,
  SyncRequest,
  serverEvents,
  TypingEvent,
  type TypingNotice,
} from '@frontdesk/protocol';
import type { z } from 'zod';
import {
  assignConversation,
  type ConversationView,
  markSeen,
  presentConversation,
  presentMessage,
  rateConversation,
  resolveConversation,
  sendAsGuest,
  sendAsStaff,
  senderKeyOf,
  stayReadOnly,
  sync,
  takeConversation,
  typingTarget,
} from '../modules/conversations/index.js';
import type { GuestActor, StaffActor } from '../platform/actor.js';
import type { AppContext } from '../platform/context.js';
import { AppError } from '../platform/errors.js';
import { type RequestMeta, type ServiceContext, serviceContext } from '../platform/service-context.js';
import { refuseUnsafeText } from '../platform/unsafe-text.js';
import type { EventLimits } from './event-limits.js';
import type { PresenceBroadcast } from './presence-broadcast.js';
import { contactRoom, rooms } from './rooms.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

/** What the handlers use of the gateway; declared here so that gateway.ts and handlers.ts do not import each other. */
export interface HandlerGateway {
  readonly ctx: AppContext;
  readonly io: RealtimeServer;
  readonly presence: PresenceBroadcast;
  readonly limits: EventLimits;
  admit<T>(work: () => Promise<T>): Promise<T>;
  view(id: string): Promise<ConversationView>;
  allowTyping(socket: RealtimeSocket, conversationId: string, typing: boolean): boolean;
}

/** A handler answers with its event's acknowledgement data; fired events answer nothing (null). */
type Handler<E extends ClientEventName, S extends z.ZodType> = (
  input: z.output<S>,
) => AckData<E> extends null ? Promise<void> : Promise<AckData<E>>;

type Reply = (r: Ack<unknown>) => void;
const replyOf = (ack: unknown): Reply | undefined => (typeof ack === 'function' ? (ack as Reply) : undefined);

/**
 * Registers one event: counts it against its budgets (EventLimits), validates the payload with its
 * protocol schema, runs the handler, and acknowledges with `{ ok, data }` or the standard error.
 * Events without an ack callback still run (typing, receipts) but nothing is sent back.
 */
function on<E extends ClientEventName, S extends z.ZodType<unknown, ClientPayload<E>>>(
  gw: HandlerGateway,
  socket: RealtimeSocket,
  event: E,
  schema: S,
  handler: Handler<E, S>,
): void {
  // the payload is whatever the client sent: typed as the protocol says only once parsed
  const listener = async (payload: unknown, ack?: unknown) => {
    const reply = replyOf(ack);
    try {
      refuseUnsafeText(payload);
      await gw.limits.consume(socket.id, event, socket.data.senderKey as string);
      const parsed = schema.safeParse(payload);
      if (!parsed.success) {
        const issue = parsed.error.issues[0];
        throw new AppError(
          'validation_failed',
          issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'Invalid payload',
          {
            issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })),
          },
        );
      }
      const data: unknown = await gw.admit<unknown>(() => handler(parsed.data));
      reply?.({ ok: true, data: data ?? null });
    } catch (err) {
      if (err instanceof AppError) {
        reply?.({
          ok: false,
          error:
            err.details === undefined
              ? { code: err.code, message: err.message }
              : { code: err.code, message: err.message, details: err.details },
        });
        return;
      }
      gw.ctx.log.error({ err, event }, 'socket handler failed');
      reply?.({ ok: false, error: { code: 'internal_error', message: 'Something went wrong on our side' } });
    }
  };
  socket.on(event, listener as unknown as Parameters<typeof socket.on<E>>[1]);
}

/** What each side may send; the rest is refused (refuseTheRest). */
const staffEvents = Object.values(clientEvents).filter((event) => event !== clientEvents.rate);
const guestEvents = [
  clientEvents.send,
  clientEvents.rate,
  clientEvents.delivered,
  clientEvents.read,
  clientEvents.typing,
  clientEvents.sync,
];

/**
 * Answers every client event the socket's role may not send with `forbidden`, and any event name
 * the protocol does not have with `bad_request`, so a client waiting for an ack is never left
 * hanging. Both count against the socket's budget for refused events.
 */
function refuseTheRest(gw: HandlerGateway, socket: RealtimeSocket, allowed: readonly string[], who: string): void {
  const known = new Set<string>(Object.values(clientEvents));
  const protocolEvents: ClientEventName[] = Object.values(clientEvents);
  const refuse = (reply: Reply | undefined, code: 'forbidden' | 'bad_request', message: string) => {
    gw.limits.consumeRefused(socket.id).then(
      () => reply?.({ ok: false, error: { code, message } }),
      (err: unknown) => {
        if (err instanceof AppError)
          reply?.({ ok: false, error: { code: err.code, message: err.message, details: err.details } });
        else gw.ctx.log.error({ err }, 'counting a refused socket event failed');
      },
    );
  };
  for (const event of protocolEvents) {
    if (allowed.includes(event)) continue;
    socket.on(event, (...args: unknown[]) => refuse(replyOf(args.at(-1)), 'forbidden', `${who} cannot send ${event}`));
  }
  socket.onAny((event: string, ...args: unknown[]) => {
    if (!known.has(event))
      refuse(replyOf(args.at(-1)), 'bad_request', `There is no event named ${event.slice(0, 100)}`);
  });
}

/** Where a socket's calls come from, for the audit log: its address, browser and socket id. */
function socketMeta(socket: RealtimeSocket): RequestMeta {
  const agent = socket.handshake.headers['user-agent'];
  return {
    ip: socket.handshake.address || null,
    userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null,
    requestId: `socket:${socket.id}`,
  };
}

async function syncFor(ctx: ServiceContext<StaffActor | GuestActor>, since: Record<string, number>) {
  const side = ctx.actor.kind === 'staff' ? 'staff' : 'guest';
  const result = await sync(ctx, since);
  return {
    conversations: result.views.map((v) => presentConversation(v, side)),
    messages: result.messages.map(presentMessage),
    hasMore: result.hasMore,
  };
}

export function registerStaffHandlers(gw: HandlerGateway, socket: RealtimeSocket, actor: StaffActor): void {
  const ctx = serviceContext(gw.ctx, actor, socketMeta(socket));
  const conversationView = async (id: string) => presentConversation(await gw.view(id), 'staff');
  socket.data.senderKey = senderKeyOf(actor);

  on(gw, socket, clientEvents.send, SendMessage, async (input) => {
    gw.presence.touch(actor);
    const sent = await sendAsStaff(ctx, input);
    return {
      message: presentMessage(sent.message),
      // the send returns the conversation as it left it; only a duplicate needs loading
      conversation: sent.view ? presentConversation(sent.view, 'staff') : await conversationView(sent.conversationId),
      duplicate: sent.duplicate,
    };
  });
  on(gw, socket, clientEvents.take, ConversationRef, async ({ conversationId }) => {
    gw.presence.touch(actor);
    return conversationView((await takeConversation(ctx, conversationId)).id);
  });
  on(gw, socket, clientEvents.assign, AssignEvent, async ({ conversationId, userId }) =>
    conversationView((await assignConversation(ctx, conversationId, userId)).id),
  );
  on(gw, socket, clientEvents.resolve, ConversationRef, async ({ conversationId }) =>
    conversationView((await resolveConversation(ctx, conversationId)).id),
  );
  on(gw, socket, clientEvents.delivered, ReceiptEvent, async ({ conversationId, seq }) => {
    await markSeen(ctx, conversationId, seq, 'delivered');
  });
  on(gw, socket, clientEvents.read, ReceiptEvent, async ({ conversationId, seq }) => {
    gw.presence.touch(actor);
    await markSeen(ctx, conversationId, seq, 'read');
  });
  on(gw, socket, clientEvents.typing, TypingEvent, async ({ conversationId, typing }) => {
    if (!gw.allowTyping(socket, conversationId, typing)) return;
    const c = await typingTarget(ctx, conversationId);
    const room = contactRoom(c);
    const payload: TypingNotice = {
      conversationId,
      typing,
      from: { type: 'staff', id: actor.userId, name: actor.name },
    };
    if (room) gw.io.to(room).emit(serverEvents.typing, payload);
    socket.to(rooms.orgStaff(c.orgId)).emit(serverEvents.typing, payload);
  });
  on(gw, socket, clientEvents.presence, SetPresence, async ({ status }) => {
    await gw.presence.set(actor, status);
    return { status };
  });
  on(gw, socket, clientEvents.sync, SyncRequest, async ({ since }) => syncFor(ctx, since));
  refuseTheRest(gw, socket, staffEvents, 'Staff');
}

export function registerGuestHandlers(gw: HandlerGateway, socket: RealtimeSocket, guest: GuestActor): void {
  const meta = socketMeta(socket);
  // the gateway's revalidation refreshes socket.data.guest (e.g. read-only after check-out)
  const as = () => serviceContext(gw.ctx, (socket.data.guest as GuestActor | undefined) ?? guest, meta);
  const conversationView = async (id: string) => presentConversation(await gw.view(id), 'guest');
  const contactId = guest.kind === 'guest' ? guest.guestId : guest.visitorId;
  socket.data.senderKey = senderKeyOf(guest);
  /**
   * After check-out a guest may read and rate during the grace period, nothing else: no typing and
   * no receipts. The access is as of connecting, refreshed by the gateway's revalidation.
   */
  const stillStaying = () => {
    if ((socket.data.guest as GuestActor | undefined)?.access === 'read_only') throw stayReadOnly();
  };

  on(gw, socket, clientEvents.send, SendMessage, async (input) => {
    const sent = await sendAsGuest(as(), input);
    return {
      message: presentMessage(sent.message),
      conversation: sent.view ? presentConversation(sent.view, 'guest') : await conversationView(sent.conversationId),
      duplicate: sent.duplicate,
    };
  });
  on(gw, socket, clientEvents.rate, RateEvent, async ({ conversationId, rating, comment }) =>
    conversationView((await rateConversation(as(), conversationId, { rating, comment })).id),
  );
  on(gw, socket, clientEvents.delivered, ReceiptEvent, async ({ conversationId, seq }) => {
    stillStaying();
    await markSeen(as(), conversationId, seq, 'delivered');
  });
  on(gw, socket, clientEvents.read, ReceiptEvent, async ({ conversationId, seq }) => {
    stillStaying();
    await markSeen(as(), conversationId, seq, 'read');
  });
  on(gw, socket, clientEvents.typing, TypingEvent, async ({ conversationId, typing }) => {
    stillStaying();
    if (!gw.allowTyping(socket, conversationId, typing)) return;
    const c = await typingTarget(as(), conversationId);
    gw.io
      .to(rooms.orgStaff(c.orgId))
      .emit(serverEvents.typing, { conversationId, typing, from: { type: guest.kind, id: contactId, name: null } });
  });
  on(gw, socket, clientEvents.sync, SyncRequest, async ({ since }) => syncFor(as(), since));
  refuseTheRest(gw, socket, guestEvents, 'A guest');
}
