import { randomUUID } from 'node:crypto';
import { serverEvents } from '@frontdesk/protocol';
import { createAdapter } from '@socket.io/redis-adapter';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { resolveSession } from '../modules/auth/sessions.js';
import type { ChatDeps, MessageCreatedEvent } from '../modules/conversations/send.js';
import {
  type ConversationView,
  loadConversationView,
  loadMessages,
  presentConversation,
  presentMessage,
} from '../modules/conversations/views.js';
import { contactLanguages, stayGuestLanguages } from '../modules/guest/language.js';
import { GUEST_TOKEN_PREFIX, resolveGuestSession, resolveGuestSessions } from '../modules/guest/sessions.js';
import type { GuestActor, StaffActor } from '../platform/actor.js';
import { GUEST_COOKIE, SESSION_COOKIE } from '../platform/auth.js';
import type { AppContext } from '../platform/context.js';
import { AppError, notFound } from '../platform/errors.js';
import type { Language } from '../platform/i18n.js';
import type { Limiter, LimiterFactory } from '../platform/rate-limit.js';
import { Admission } from './admission.js';
import { EventLimits } from './event-limits.js';
import { registerGuestHandlers, registerStaffHandlers } from './handlers.js';
import { Presence } from './presence.js';
import { contactRoom, rooms } from './rooms.js';
import { sessionEndedStrings } from './strings.js';
import type { RealtimeServer, RealtimeSocket, SocketIdentity } from './types.js';

/** Largest socket packet accepted: a 4,000-character message is far below it. */
const MAX_PACKET_BYTES = 32 * 1024;
const REVALIDATE_MS = 60_000;
const PRESENCE_SWEEP_MS = 30_000;
/**
 * Staff activity is written to presence at most this often per user and node. It only decides
 * "away after N minutes idle", and each write costs about eight Redis round trips on a cluster
 * (update, then the statuses read twice to broadcast): per reply, that was most of the Redis load.
 */
const TOUCH_EVERY_MS = 10_000;
/** Socket events that may be working on the embedded database at once (see Admission). */
const EMBEDDED_CONCURRENCY = 8;
/** Guest sockets revalidated with one query. */
const REVALIDATE_BATCH = 500;

/**
 * The realtime side of a node: authenticates sockets with the same sessions as HTTP, puts them in
 * the rooms their identity allows, routes events to the same services as REST, and fans domain
 * events out (across nodes through the Redis adapter when REDIS_URL is set).
 */
export class Gateway {
  readonly io: RealtimeServer;
  readonly chatDeps: ChatDeps;
  readonly presence: Presence;
  /** Every client event's budget, per socket and per sender (see EventLimits). */
  readonly limits: EventLimits;
  private readonly typingSeen = new WeakMap<RealtimeSocket, Map<string, number>>();
  private readonly lastPresence = new Map<string, string>();
  private readonly touchedAt = new Map<string, number>(); // userId → last activity written
  private readonly touchEveryMs: number;
  private readonly admission: Admission | undefined;
  private readonly timers: NodeJS.Timeout[] = [];

  constructor(
    readonly ctx: AppContext,
    private readonly app: FastifyInstance,
    limiter: LimiterFactory,
    sendPerSender: Limiter,
    redis: { pub: Redis; sub: Redis; main: Redis } | undefined,
  ) {
    this.chatDeps = { db: ctx.db, events: ctx.events };
    this.io = new Server(app.server, {
      maxHttpBufferSize: MAX_PACKET_BYTES,
      serveClient: false,
      allowRequest: (req, callback) => callback(null, this.originAllowed(req.headers.origin, req.headers.host)),
      ...(redis ? { adapter: createAdapter(redis.pub, redis.sub, { key: `${ctx.config.redisPrefix}socket.io` }) } : {}),
    });
    this.limits = new EventLimits(ctx.config, limiter, sendPerSender);
    this.presence = new Presence(
      redis?.main,
      ctx.config.redisPrefix,
      randomUUID(),
      ctx.config.awayAfterSeconds * 1000,
      (err) => ctx.log.warn({ err }, 'presence in Redis failed'),
    );
    this.touchEveryMs = Math.min(TOUCH_EVERY_MS, (ctx.config.awayAfterSeconds * 1000) / 10);
    // PostgreSQL is reached over sockets and its pool queues without blocking the event loop
    this.admission = ctx.database.kind === 'pglite' ? new Admission(EMBEDDED_CONCURRENCY) : undefined;
    this.io.use((socket, next) => {
      this.authenticate(socket).then(
        () => next(),
        (err: unknown) => {
          const appError = err instanceof AppError ? err : new AppError('internal_error', 'Could not authenticate');
          next(
            Object.assign(new Error(appError.message), { data: { code: appError.code, message: appError.message } }),
          );
        },
      );
    });
    this.io.on('connection', (socket) => this.background(this.onConnection(socket), 'socket connection'));
    this.subscribe();
    this.timers.push(
      setInterval(() => this.background(this.revalidate(), 'revalidating sockets'), REVALIDATE_MS),
      setInterval(() => this.background(this.sweepPresence(), 'presence sweep'), PRESENCE_SWEEP_MS),
    );
    for (const t of this.timers) t.unref();
  }

  private originAllowed(origin: string | undefined, host: string | undefined): boolean {
    if (!origin) return true; // non-browser clients; cookies are only sent by browsers, which always send Origin
    try {
      const url = new URL(origin);
      return url.origin === new URL(this.ctx.config.publicUrl).origin || url.host === host;
    } catch {
      return false;
    }
  }

  /** Token from `auth.token` (API clients) or the signed session cookies (browsers). */
  private tokenOf(socket: RealtimeSocket): { staff?: string; guest?: string } {
    const given =
      typeof socket.handshake.auth?.token === 'string' ? (socket.handshake.auth.token as string) : undefined;
    if (given) return given.startsWith(GUEST_TOKEN_PREFIX) ? { guest: given } : { staff: given };
    const cookies = this.app.parseCookie(socket.handshake.headers.cookie ?? '');
    const unsign = (value: string | undefined) => {
      if (!value) return undefined;
      const result = this.app.unsignCookie(value);
      return result.valid && result.value ? result.value : undefined;
    };
    // a browser holding both cookies (staff testing the guest page) says which one it means
    if (socket.handshake.auth?.as === 'guest') return { guest: unsign(cookies[GUEST_COOKIE]) };
    return { staff: unsign(cookies[SESSION_COOKIE]), guest: unsign(cookies[GUEST_COOKIE]) };
  }

  private async authenticate(socket: RealtimeSocket): Promise<void> {
    const tokens = this.tokenOf(socket);
    if (tokens.staff) {
      const staff = await resolveSession(this.ctx.db, tokens.staff, socket.handshake.address);
      if (staff) {
        if (!staff.orgId) throw new AppError('forbidden', 'Platform accounts have no inbox');
        socket.data.identity = { token: tokens.staff, staff } satisfies SocketIdentity;
        return;
      }
      if (!tokens.guest) throw new AppError('session_expired', 'Your session has ended. Sign in again.');
    }
    if (tokens.guest) {
      const guest = await resolveGuestSession(this.ctx.db, tokens.guest);
      if (!guest) throw new AppError('stay_ended', 'Your access has ended. Please ask reception for a new code.');
      socket.data.identity = { token: tokens.guest, guest } satisfies SocketIdentity;
      socket.data.guest = guest;
      return;
    }
    throw new AppError('unauthenticated', 'Sign in to continue');
  }

  private async onConnection(socket: RealtimeSocket): Promise<void> {
    const identity = socket.data.identity as SocketIdentity;
    if (identity.staff) {
      const actor = identity.staff;
      const orgId = actor.orgId ?? '';
      await socket.join([rooms.user(actor.userId), rooms.staffSession(actor.sessionId)]);
      registerStaffHandlers(this, socket, actor);
      if (actor.role === 'admin' || actor.role === 'agent') {
        await socket.join(rooms.orgStaff(orgId));
        await this.presence.connect(orgId, actor.userId, 1);
        socket.on('disconnect', () => {
          this.background(
            this.presence.connect(orgId, actor.userId, -1).then(() => this.broadcastPresence(orgId)),
            'presence on disconnect',
          );
        });
        await this.broadcastPresence(orgId);
        socket.emit(serverEvents.presence, { statuses: Object.fromEntries(await this.presence.statuses(orgId)) });
      }
      return;
    }
    const guest = identity.guest as GuestActor;
    const joined = [rooms.orgGuests(guest.orgId)];
    if (guest.kind === 'guest') joined.push(rooms.guest(guest.guestId), rooms.stay(guest.stayId));
    else joined.push(rooms.visitor(guest.visitorId));
    await socket.join(joined);
    registerGuestHandlers(this, socket, guest);
    socket.emit(serverEvents.reception, { status: await this.presence.reception(guest.orgId) });
  }

  // ---- fan-out of domain events ----

  async view(id: string): Promise<ConversationView> {
    const view = await loadConversationView(this.ctx.db, id);
    if (!view) throw notFound('Conversation');
    return view;
  }

  private subscribe(): void {
    const { events } = this.ctx;
    events.subscribe('message.created', async (event) => {
      const { orgId, conversationId, messageId } = event;
      // a send hands over the rows it just stored; other publishers leave the fan-out to load them
      const fresh = (event as MessageCreatedEvent).fresh;
      const [[message], view] = fresh
        ? [[fresh.message], fresh.view]
        : await Promise.all([loadMessages(this.ctx.db, [messageId]), this.view(conversationId)]);
      if (!message) return;
      const payload = presentMessage(message);
      this.io
        .to(rooms.orgStaff(orgId))
        .emit(serverEvents.message, { message: payload, conversation: presentConversation(view, 'staff') });
      const contact = contactRoom(view.c);
      if (contact)
        this.io
          .to(contact)
          .emit(serverEvents.message, { message: payload, conversation: presentConversation(view, 'guest') });
    });
    events.subscribe('conversation.updated', async ({ orgId, conversationId }) => {
      const view = await this.view(conversationId);
      this.io.to(rooms.orgStaff(orgId)).emit(serverEvents.conversation, presentConversation(view, 'staff'));
      const contact = contactRoom(view.c);
      if (contact) this.io.to(contact).emit(serverEvents.conversation, presentConversation(view, 'guest'));
    });
    events.subscribe('receipt.updated', async ({ orgId, conversationId }) => {
      const view = await this.view(conversationId);
      const staffView = presentConversation(view, 'staff');
      this.io
        .to(rooms.orgStaff(orgId))
        .emit(serverEvents.receipt, { conversationId, receipts: staffView.receipts, unread: staffView.unread });
      const contact = contactRoom(view.c);
      if (contact) {
        const guestView = presentConversation(view, 'guest');
        this.io
          .to(contact)
          .emit(serverEvents.receipt, { conversationId, receipts: guestView.receipts, unread: guestView.unread });
      }
    });
    events.subscribe('stay.ended', async ({ stayId }) => {
      // each guest of the stay is told in their own language, then all its sockets close
      for (const [guestId, language] of await stayGuestLanguages(this.ctx.db, stayId)) {
        this.io.to(rooms.guest(guestId)).emit(serverEvents.sessionEnded, {
          code: 'stay_ended',
          message: sessionEndedStrings[language].stayEnded,
        });
      }
      this.io.in(rooms.stay(stayId)).disconnectSockets(true);
    });
    events.subscribe('staff.signed_out', ({ userId, sessionId }) => {
      const room = sessionId ? rooms.staffSession(sessionId) : rooms.user(userId);
      this.io.to(room).emit(serverEvents.sessionEnded, {
        code: 'session_expired',
        message: 'Your session has ended. Sign in again.',
      });
      this.io.in(room).disconnectSockets(true);
    });
    events.onError((err) => this.ctx.log.error({ err }, 'realtime fan-out failed'));
  }

  // ---- limits, typing, presence ----

  /** Runs a socket event's work, a few at a time on the embedded database (see Admission). */
  admit<T>(work: () => Promise<T>): Promise<T> {
    return this.admission ? this.admission.run(work) : work();
  }

  /** Typing events are not stored; at most one "still typing" per conversation per second passes. */
  allowTyping(socket: RealtimeSocket, conversationId: string, typing: boolean): boolean {
    const seen = this.typingSeen.get(socket) ?? new Map<string, number>();
    this.typingSeen.set(socket, seen);
    const last = seen.get(conversationId) ?? 0;
    if (typing && Date.now() - last < 1000) return false;
    seen.set(conversationId, typing ? Date.now() : 0);
    return true;
  }

  touch(actor: StaffActor): void {
    if (!actor.orgId) return;
    const orgId = actor.orgId;
    const now = Date.now();
    if (now - (this.touchedAt.get(actor.userId) ?? 0) < this.touchEveryMs) return;
    this.touchedAt.set(actor.userId, now);
    this.background(
      this.presence.update(orgId, actor.userId, { lastActive: Date.now() }).then(() => this.broadcastPresence(orgId)),
      'presence on activity',
    );
  }

  async setPresence(actor: StaffActor, status: 'online' | 'away'): Promise<void> {
    if (!actor.orgId) return;
    await this.presence.update(actor.orgId, actor.userId, { manual: status, lastActive: Date.now() });
    await this.broadcastPresence(actor.orgId);
  }

  /** Tells staff who is online and guests whether reception is, when either changed. */
  private async broadcastPresence(orgId: string): Promise<void> {
    const statuses = Object.fromEntries(await this.presence.statuses(orgId));
    const reception = await this.presence.reception(orgId);
    const key = JSON.stringify([statuses, reception]);
    if (this.lastPresence.get(orgId) === key) return;
    const receptionChanged = this.lastPresence.get(`${orgId}:reception`) !== reception;
    this.lastPresence.set(orgId, key);
    this.lastPresence.set(`${orgId}:reception`, reception);
    this.io.to(rooms.orgStaff(orgId)).emit(serverEvents.presence, { statuses });
    if (receptionChanged) this.io.to(rooms.orgGuests(orgId)).emit(serverEvents.reception, { status: reception });
  }

  private async sweepPresence(): Promise<void> {
    const byOrg = new Map<string, string[]>();
    for (const socket of this.io.of('/').sockets.values()) {
      const staff = (socket.data.identity as SocketIdentity | undefined)?.staff;
      if (staff?.orgId) byOrg.set(staff.orgId, [...(byOrg.get(staff.orgId) ?? []), staff.userId]);
    }
    for (const [orgId, userIds] of byOrg) {
      await this.presence.heartbeat(orgId, [...new Set(userIds)]);
      await this.broadcastPresence(orgId);
    }
  }

  /**
   * Disconnects sockets whose session was revoked or expired since they connected; updates guests'
   * access. Guests are checked a batch at a time in one query each: one query per socket was, at
   * 10,000 guests on a node, a third of its CPU (bench/README.md).
   */
  async revalidate(): Promise<void> {
    const guests: RealtimeSocket[] = [];
    for (const socket of [...this.io.of('/').sockets.values()]) {
      const identity = socket.data.identity as SocketIdentity | undefined;
      if (!identity || !socket.connected) continue;
      if (!identity.staff) {
        guests.push(socket);
        continue;
      }
      if (!(await resolveSession(this.ctx.db, identity.token, null))) this.endSession(socket, 'session_expired');
    }
    for (let i = 0; i < guests.length; i += REVALIDATE_BATCH) {
      const batch = guests.slice(i, i + REVALIDATE_BATCH);
      const tokens = batch.map((socket) => (socket.data.identity as SocketIdentity).token);
      const still = await resolveGuestSessions(this.ctx.db, tokens);
      const ending = batch.filter((socket) => !still.has((socket.data.identity as SocketIdentity).token));
      const languages = ending.length
        ? await contactLanguages(this.ctx.db, contactsOf(ending))
        : new Map<string, Language>();
      for (const socket of batch) {
        const guest = still.get((socket.data.identity as SocketIdentity).token);
        if (guest) {
          socket.data.guest = guest;
          continue;
        }
        const language = languages.get(contactIdOf(socket.data.guest as GuestActor)) ?? 'en';
        this.endSession(socket, 'stay_ended', sessionEndedStrings[language].accessEnded);
      }
    }
  }

  private endSession(
    socket: RealtimeSocket,
    code: 'session_expired' | 'stay_ended',
    message = 'Your session has ended.',
  ): void {
    if (!socket.connected) return;
    socket.emit(serverEvents.sessionEnded, { code, message });
    socket.disconnect(true);
  }

  /**
   * Work nobody awaits (timers, disconnect handlers): a failure is logged, never an unhandled
   * rejection — while a node shuts down, Redis and the database close under it.
   */
  private background(work: Promise<unknown>, what: string): void {
    work.catch((err: unknown) => this.ctx.log.warn({ err }, `${what} failed`));
  }

  /** Stops timers and drops every socket; the HTTP server itself is closed by Fastify. */
  close(): void {
    for (const t of this.timers) clearInterval(t);
    this.io.local.disconnectSockets(true);
    this.io.engine.close();
  }
}

const contactIdOf = (guest: GuestActor) => (guest.kind === 'guest' ? guest.guestId : guest.visitorId);

/** The guests and visitors behind some guest sockets. */
function contactsOf(sockets: RealtimeSocket[]): { guestIds: string[]; visitorIds: string[] } {
  const actors = sockets.map((socket) => socket.data.guest as GuestActor);
  return {
    guestIds: actors.flatMap((a) => (a.kind === 'guest' ? [a.guestId] : [])),
    visitorIds: actors.flatMap((a) => (a.kind === 'visitor' ? [a.visitorId] : [])),
  };
}
