import { clientEvents, SetPresence } from '@frontdesk/protocol';
import { createAdapter } from '@socket.io/redis-adapter';
import type { FastifyInstance } from 'fastify';
import type { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { type GuestActor, senderKeyOf } from '../platform/actor.js';
import type { AppContext } from '../platform/context.js';
import type { ModuleManifest } from '../platform/module.js';
import type { Limiter, LimiterFactory } from '../platform/rate-limit.js';
import { serviceContext } from '../platform/service-context.js';
import { Admission } from './admission.js';
import { authenticateSockets, originAllowed } from './authenticate.js';
import { BatchedBroadcast } from './batched-broadcast.js';
import { corkBatchedSends } from './corked-sends.js';
import { type EventBudgetGroup, EventLimits } from './event-limits.js';
import { InFlight } from './in-flight.js';
import type { FanOut, RealtimeListeners } from './listeners.js';
import { PresenceBroadcast } from './presence-broadcast.js';
import { joinDeskRooms, refreshStaffSockets, revalidateSockets, type StaffScope } from './revalidate.js';
import { rooms } from './rooms.js';
import { eventRegistrar, refuseTheRest, type SocketApi, socketMeta } from './socket-events.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

/** Largest socket packet accepted: a 4,000-character message is far below it. */
const MAX_PACKET_BYTES = 32 * 1024;
const REVALIDATE_MS = 60_000;
const PRESENCE_SWEEP_MS = 30_000;
/**
 * Socket events that may be working on the embedded database at once (see Admission); a send
 * waiting for its group-commit batch is not one of them (SocketApi.onSelfAdmitted).
 */
const EMBEDDED_CONCURRENCY = 8;

/**
 * The realtime side of a node: admits sockets with the same sessions as HTTP (authenticate.ts),
 * puts them in the rooms their identity allows, registers the modules' socket events on them (each
 * module's manifest declares its own; the gateway adds only presence) and tells them what the
 * modules' listeners say (`listen`) — across nodes through the Redis adapter when REDIS_URL is set.
 */
export class Gateway {
  readonly io: RealtimeServer;
  readonly presence: PresenceBroadcast;
  /** Every client event's budget, per socket and per sender (see EventLimits). */
  readonly limits: EventLimits;
  /** What modules' listeners emit through (see `listen`). */
  readonly fanOut: FanOut;
  /** What modules' socket handlers use (see SocketApi). */
  readonly api: SocketApi;
  private readonly typingSeen = new WeakMap<RealtimeSocket, Map<string, number>>();
  private readonly admission: Admission | undefined;
  private readonly timers: NodeJS.Timeout[] = [];
  private readonly inFlight = new InFlight();
  private draining = false;

  constructor(
    readonly ctx: AppContext,
    app: FastifyInstance,
    limiter: LimiterFactory,
    sendPerSender: Limiter,
    redis: { pub: Redis; sub: Redis; main: Redis } | undefined,
    private readonly modules: readonly ModuleManifest[],
  ) {
    this.io = new Server(app.server, {
      maxHttpBufferSize: MAX_PACKET_BYTES,
      serveClient: false,
      // a draining node admits no new connection: the client retries, and the balancer sends it elsewhere
      allowRequest: (req, callback) =>
        callback(null, !this.draining && originAllowed(ctx.config.publicUrl, req.headers.origin, req.headers.host)),
      ...(redis ? { adapter: createAdapter(redis.pub, redis.sub, { key: `${ctx.config.redisPrefix}socket.io` }) } : {}),
    });
    corkBatchedSends(this.io, ctx.database.kind === 'pglite' ? 'end of send' : 'end of turn');
    const broadcast = new BatchedBroadcast(this.io, redis, `${ctx.config.redisPrefix}broadcast`, (err) =>
      ctx.log.warn({ err }, 'cross-node broadcast failed'),
    );
    this.fanOut = { io: this.io, db: ctx.db, broadcast };
    const budgets: Partial<Record<string, EventBudgetGroup>> = { [clientEvents.presence]: 'presence' };
    for (const m of modules) Object.assign(budgets, m.socket?.budgets);
    this.limits = new EventLimits(ctx.config, limiter, sendPerSender, budgets);
    this.presence = new PresenceBroadcast(
      this.io,
      redis?.main,
      ctx.config,
      (work, what) => this.background(work, what),
      (err) => ctx.log.warn({ err }, 'presence in Redis failed'),
      (orgId, present) => ctx.events.presenceChanged(orgId, present),
    );
    ctx.availability = this.presence.availability;
    // PostgreSQL is reached over sockets and its pool queues without blocking the event loop
    this.admission = ctx.database.kind === 'pglite' ? new Admission(EMBEDDED_CONCURRENCY) : undefined;
    this.api = {
      io: this.io,
      presence: this.presence,
      ...eventRegistrar({
        limits: this.limits,
        timers: (event) => ctx.metrics.socketEvent(event),
        admit: (work) => this.admit(work),
        logError: (err, event) => ctx.log.error({ err, event }, 'socket handler failed'),
        inFlight: this.inFlight,
      }),
      allowTyping: (socket, conversationId, typing) => this.allowTyping(socket, conversationId, typing),
    };
    for (const m of modules) if (m.listeners) this.listen(m.listeners(this.fanOut));
    // who hears which conversations follows teams and the visibility setting at once, on every node
    ctx.events.subscribe('staff.access_changed', ({ orgId, userIds }) => {
      const scope: StaffScope = userIds ? { orgId, userIds } : { orgId };
      if (redis) this.io.serverSideEmit('staffAccessChanged', scope);
      return this.refreshStaff(scope);
    });
    this.io.on('staffAccessChanged', (scope) => this.background(this.refreshStaff(scope), 'refreshing staff sockets'));
    this.io.use(authenticateSockets(ctx.db, ctx.sessions, app));
    this.io.on('connection', (socket) => {
      const side = socket.data.identity?.staff ? 'staff' : 'guest';
      ctx.metrics.socketConnections.inc({ side });
      socket.once('disconnect', () => ctx.metrics.socketDisconnections.inc({ side }));
      this.background(this.onConnection(socket), 'socket connection');
    });
    ctx.metrics.countSockets(() => {
      const counts = { guest: 0, staff: 0 };
      for (const socket of this.io.sockets.sockets.values()) counts[socket.data.identity?.staff ? 'staff' : 'guest']++;
      return counts;
    });
    ctx.events.onError((err, event) => this.ctx.log.error({ err, event }, 'realtime fan-out failed'));
    this.timers.push(
      setInterval(() => this.background(this.revalidate(), 'revalidating sockets'), REVALIDATE_MS),
      setInterval(() => this.background(this.presence.sweep(), 'presence sweep'), PRESENCE_SWEEP_MS),
    );
    for (const t of this.timers) t.unref();
  }

  /** Subscribes a module's realtime listeners to the domain events they answer. */
  listen(listeners: RealtimeListeners): void {
    this.ctx.events.listen(listeners);
  }

  private async onConnection(socket: RealtimeSocket): Promise<void> {
    const identity = socket.data.identity;
    if (identity?.staff) {
      const actor = identity.staff;
      const orgId = actor.orgId ?? '';
      await socket.join([rooms.user(actor.userId), rooms.staffSession(actor.sessionId)]);
      socket.data.senderKey = senderKeyOf(actor);
      socket.data.staff ??= actor;
      const meta = socketMeta(socket);
      // the staff member as of now: refreshStaff and revalidation update socket.data.staff
      const ctx = () => serviceContext(this.ctx, socket.data.staff ?? actor, meta);
      for (const m of this.modules) m.socket?.staff?.(this.api, socket, ctx);
      this.api.on(socket, clientEvents.presence, SetPresence, async ({ status }) => {
        await this.presence.set(actor, status);
        return { status };
      });
      this.refuseTheRest(socket, 'Staff');
      if (actor.role === 'admin' || actor.role === 'agent') {
        await joinDeskRooms(socket, socket.data.staff ?? actor);
        await this.presence.staffConnected(socket, orgId, actor.userId);
      }
      return;
    }
    const guest = identity?.guest as GuestActor;
    const joined = [rooms.orgGuests(guest.orgId)];
    if (guest.kind === 'guest') joined.push(rooms.guest(guest.guestId), rooms.stay(guest.stayId));
    else joined.push(rooms.visitor(guest.visitorId));
    await socket.join(joined);
    socket.data.senderKey = senderKeyOf(guest);
    const meta = socketMeta(socket);
    // the guest as of now: revalidation refreshes socket.data.guest (read-only after check-out)
    const ctx = () => serviceContext(this.ctx, (socket.data.guest as GuestActor | undefined) ?? guest, meta);
    for (const m of this.modules) m.socket?.guest?.(this.api, socket, ctx);
    this.refuseTheRest(socket, 'A guest');
    await this.presence.guestConnected(socket, guest.orgId);
  }

  /** Runs a socket event's work, a few at a time on the embedded database (see Admission). */
  admit<T>(work: () => Promise<T>): Promise<T> {
    return this.admission ? this.admission.run(work) : work();
  }

  private refuseTheRest(socket: RealtimeSocket, who: string): void {
    refuseTheRest(socket, this.limits, who, (err) =>
      this.ctx.log.error({ err }, 'counting a refused socket event failed'),
    );
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

  /** Re-reads this node's staff sockets in `scope` and moves them between conversation rooms (revalidate.ts). */
  refreshStaff(scope: StaffScope): Promise<void> {
    return refreshStaffSockets(this.io, this.ctx.db, this.ctx.sessions, scope);
  }

  /** Ends this node's sockets whose session or stay is over (see revalidate.ts). */
  revalidate(): Promise<void> {
    return revalidateSockets(this.io, this.ctx.db, this.ctx.sessions);
  }

  /**
   * Work nobody awaits (timers, disconnect handlers): a failure is logged, never an unhandled
   * rejection — while a node shuts down, Redis and the database close under it.
   */
  private background(work: Promise<unknown>, what: string): void {
    work.catch((err: unknown) => this.ctx.log.warn({ err }, `${what} failed`));
  }

  /**
   * The realtime half of a graceful drain (server.ts `drain`): admits no new connection and runs no
   * new event, waits for the events under way to be answered (a send in flight is committed and
   * acknowledged), then closes every connection's transport. Clients see a dropped connection
   * ("transport close"), not a server-side disconnect, so every Socket.IO client — the web app,
   * the SDK — reconnects by itself, through the balancer, to another node, and catches up there.
   */
  async drain(): Promise<void> {
    this.draining = true;
    await this.inFlight.close();
    // not discarding: a connection with acks still buffered closes once they are written
    for (const socket of this.io.sockets.sockets.values()) socket.conn.close();
  }

  /** Stops timers and drops every socket; the HTTP server itself is closed by Fastify. */
  close(): void {
    for (const t of this.timers) clearInterval(t);
    this.io.local.disconnectSockets(true);
    this.io.engine.close();
  }
}
