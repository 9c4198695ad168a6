import type { Socket } from 'socket.io-client';

type Handler = (...args: unknown[]) => void;
/** What the fake server answers to an acknowledged event: `{ ok, data }` or `{ ok: false, error }`. */
export type AckHandler = (payload: unknown) => unknown;

/**
 * An in-memory stand-in for a socket.io client socket: the part of its surface the desk and the
 * SDK use (on, emit, timeout().emitWithAck, connected, removeAllListeners, disconnect). The test
 * plays the server: it connects and drops the socket, pushes server events and answers acks.
 */
export class FakeSocket {
  connected = false;
  /** Every plain emit, in order, for assertions. */
  readonly emitted: { event: string; payload: unknown }[] = [];
  /** Every acknowledged emit, in order. */
  readonly requests: { event: string; payload: unknown }[] = [];
  private readonly handlers = new Map<string, Set<Handler>>();
  private readonly acks = new Map<string, AckHandler>();

  on(event: string, handler: Handler): this {
    const set = this.handlers.get(event) ?? new Set<Handler>();
    set.add(handler);
    this.handlers.set(event, set);
    return this;
  }

  emit(event: string, payload: unknown): this {
    this.emitted.push({ event, payload });
    return this;
  }

  timeout(_ms: number) {
    return {
      emitWithAck: async (event: string, payload: unknown): Promise<unknown> => {
        this.requests.push({ event, payload });
        const answer = this.acks.get(event);
        if (!answer) throw new Error(`no ack for ${event}`);
        return answer(payload);
      },
    };
  }

  removeAllListeners(): this {
    this.handlers.clear();
    return this;
  }

  disconnect(): this {
    this.connected = false;
    return this;
  }

  // ---- the test's side: the server ----

  /** How the server answers an acknowledged event from now on. */
  answer(event: string, handler: AckHandler): void {
    this.acks.set(event, handler);
  }

  /** Delivers a server event (or 'connect' / 'disconnect' / 'connect_error') to the listeners. */
  serverEmit(event: string, ...args: unknown[]): void {
    if (event === 'connect') this.connected = true;
    if (event === 'disconnect') this.connected = false;
    for (const handler of this.handlers.get(event) ?? []) handler(...args);
  }

  listenerCount(event: string): number {
    return this.handlers.get(event)?.size ?? 0;
  }

  asSocket(): Socket {
    return this as unknown as Socket;
  }
}
