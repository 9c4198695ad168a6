import type { Ack, AckData, ClientEventName, ClientPayload } from '@frontdesk/protocol';
import { clientEvents } from '@frontdesk/protocol';
import type { z } from 'zod';
import type { GuestActor, StaffActor } from '../platform/actor.js';
import { AppError } from '../platform/errors.js';
import type { SocketEventTimers } from '../platform/metrics.js';
import type { RequestMeta, ServiceContext } from '../platform/service-context.js';
import { refuseUnsafeText } from '../platform/unsafe-text.js';
import type { EventBudgetGroup, EventLimits } from './event-limits.js';
import type { InFlight } from './in-flight.js';
import type { PresenceBroadcast } from './presence-broadcast.js';
import type { RealtimeServer, RealtimeSocket } from './types.js';

/** A handler answers with its event's acknowledgement data; fired events answer nothing (null). */
export type Handler<E extends ClientEventName, S extends z.ZodType> = (
  input: z.output<S>,
) => AckData<E> extends null ? Promise<void> : Promise<AckData<E>>;

/** Runs a piece of a socket event's database work under the node's admission (see Admission). */
export type Admit = <T>(work: () => Promise<T>) => Promise<T>;

/** A handler that holds no admission slot and passes its own database work through `admit`. */
export type SelfAdmittedHandler<E extends ClientEventName, S extends z.ZodType> = (
  input: z.output<S>,
  admit: Admit,
) => ReturnType<Handler<E, S>>;

/** What a module's socket handlers may use of the gateway. */
export interface SocketApi {
  readonly io: RealtimeServer;
  readonly presence: PresenceBroadcast;
  /**
   * Registers one client event on a socket: counted against its budgets (EventLimits), its payload
   * validated with the protocol schema, run a few at a time on the embedded database, and
   * acknowledged with `{ ok, data }` or the standard error. Fired events (no ack callback) still run.
   */
  on<E extends ClientEventName, S extends z.ZodType<unknown, ClientPayload<E>>>(
    socket: RealtimeSocket,
    event: E,
    schema: S,
    handler: Handler<E, S>,
  ): void;
  /**
   * `on` for an event that spends its wait outside the database's queue: its handler runs holding
   * no admission slot, and runs every query of its own through `admit`. A send waits for its
   * group-commit batch, which is one statement however many sends it holds: holding a slot while
   * waiting capped a batch on the embedded database at the admission limit (8 sends), where the
   * event loop is no more at risk from a batch of 64 than from one of 8.
   */
  onSelfAdmitted<E extends ClientEventName, S extends z.ZodType<unknown, ClientPayload<E>>>(
    socket: RealtimeSocket,
    event: E,
    schema: S,
    handler: SelfAdmittedHandler<E, S>,
  ): void;
  /** Typing is not stored; at most one "still typing" per conversation per second passes. */
  allowTyping(socket: RealtimeSocket, conversationId: string, typing: boolean): boolean;
}

/**
 * A module's socket events, declared in its manifest: which budget each spends, and what a staff
 * or a guest socket may send. The gateway registers them on every connecting socket and refuses
 * whatever no module registered for that socket's side.
 */
export interface SocketHandlers {
  /** The budget group of each of its client events (CHAT_EVENT_LIMITS names them). */
  budgets: Partial<Record<ClientEventName, EventBudgetGroup>>;
  /**
   * `ctx()` is the staff member as of now: the gateway refreshes their session (teams, role, the
   * organization's conversation visibility) when it changes and at every revalidation.
   */
  staff?(api: SocketApi, socket: RealtimeSocket, ctx: () => ServiceContext<StaffActor>): void;
  /** `ctx()` is the guest as of now: revalidation turns a checked-out guest's access to read-only. */
  guest?(api: SocketApi, socket: RealtimeSocket, ctx: () => ServiceContext<GuestActor>): void;
}

type Reply = (r: Ack<unknown>) => void;
const replyOf = (ack: unknown): Reply | undefined => (typeof ack === 'function' ? (ack as Reply) : undefined);

/** The events registered on each socket, so that `refuseTheRest` answers every other one. */
const registered = new WeakMap<RealtimeSocket, Set<string>>();

/** Where a socket's calls come from, for the audit log: its address, browser and socket id. */
export function socketMeta(socket: RealtimeSocket): RequestMeta {
  const agent = socket.handshake.headers['user-agent'];
  return {
    ip: socket.handshake.address || null,
    userAgent: typeof agent === 'string' ? agent.slice(0, 300) : null,
    requestId: `socket:${socket.id}`,
  };
}

interface Runtime {
  limits: EventLimits;
  admit<T>(work: () => Promise<T>): Promise<T>;
  logError(err: unknown, event: string): void;
  /**
   * The events being handled. A draining node runs no new event and answers none: the client's
   * ack fails when the connection closes a moment later, and it sends again to the next node.
   */
  inFlight: InFlight;
  /** The latency histogram of each event, by outcome (NodeMetrics.socketEvent). */
  timers?(event: string): SocketEventTimers;
}

/** Builds `SocketApi.on` and `onSelfAdmitted` over the gateway's limits, admission and log. */
export function eventRegistrar(runtime: Runtime): Pick<SocketApi, 'on' | 'onSelfAdmitted'> {
  const register: SocketApi['onSelfAdmitted'] = (socket, event, schema, handler) => {
    const events = registered.get(socket) ?? new Set<string>();
    registered.set(socket, events);
    events.add(event);
    const timers = runtime.timers?.(event);
    // the payload is whatever the client sent: typed as the protocol says only once parsed
    const listener = async (payload: unknown, ack?: unknown) => {
      if (!runtime.inFlight.enter()) return;
      const received = performance.now();
      const reply = replyOf(ack);
      try {
        refuseUnsafeText(payload);
        await runtime.limits.consume(socket.id, event, socket.data.senderKey as string);
        const parsed = schema.safeParse(payload);
        if (!parsed.success) {
          const issue = parsed.error.issues[0];
          throw new AppError(
            'validation_failed',
            issue ? `${issue.path.join('.') || 'payload'}: ${issue.message}` : 'Invalid payload',
            { issues: parsed.error.issues.map((i) => ({ path: i.path.join('.'), message: i.message })) },
          );
        }
        const data: unknown = await handler(parsed.data, (work) => runtime.admit(work));
        reply?.({ ok: true, data: data ?? null });
        timers?.ok.observe((performance.now() - received) / 1000);
      } catch (err) {
        if (err instanceof AppError) {
          timers?.refused.observe((performance.now() - received) / 1000);
          reply?.({
            ok: false,
            error:
              err.details === undefined
                ? { code: err.code, message: err.message }
                : { code: err.code, message: err.message, details: err.details },
          });
          return;
        }
        runtime.logError(err, event);
        reply?.({ ok: false, error: { code: 'internal_error', message: 'Something went wrong on our side' } });
        timers?.error.observe((performance.now() - received) / 1000);
      } finally {
        runtime.inFlight.leave();
      }
    };
    // Socket.IO types the listener by the event; this one takes any payload and parses it itself
    socket.on(event, listener as never);
  };
  return {
    // the whole handler holds a slot: each of its queries is work on the database
    on: (socket, event, schema, handler) =>
      register(
        socket,
        event,
        schema,
        (input) => runtime.admit<unknown>(() => handler(input)) as ReturnType<typeof handler>,
      ),
    onSelfAdmitted: register,
  };
}

/**
 * Answers every protocol event nobody registered on this socket with `forbidden` (its side may not
 * send it), and any event name the protocol does not have with `bad_request`, so a client waiting
 * for an ack is never left hanging. Both count against the socket's budget for refused events.
 */
export function refuseTheRest(
  socket: RealtimeSocket,
  limits: EventLimits,
  who: string,
  logError: (err: unknown) => void,
): void {
  const allowed = registered.get(socket) ?? new Set<string>();
  const known = new Set<string>(Object.values(clientEvents));
  const refuse = (reply: Reply | undefined, code: 'forbidden' | 'bad_request', message: string) => {
    limits.consumeRefused(socket.id).then(
      () => reply?.({ ok: false, error: { code, message } }),
      (err: unknown) => {
        if (err instanceof AppError)
          reply?.({ ok: false, error: { code: err.code, message: err.message, details: err.details } });
        else logError(err);
      },
    );
  };
  for (const event of Object.values(clientEvents)) {
    if (allowed.has(event)) continue;
    socket.on(event, (...args: unknown[]) => refuse(replyOf(args.at(-1)), 'forbidden', `${who} cannot send ${event}`));
  }
  socket.onAny((event: string, ...args: unknown[]) => {
    if (!known.has(event))
      refuse(replyOf(args.at(-1)), 'bad_request', `There is no event named ${event.slice(0, 100)}`);
  });
}
