import {
  type Ack,
  type AckData,
  type ClientEventName,
  type ClientPayload,
  type ClientToServerEvents,
  type Conversation,
  clientEvents,
  type Message,
  type ServerToClientEvents,
  serverEvents,
} from '@frontdesk/protocol';
import type { Socket } from 'socket.io-client';

/** A socket speaking Frontdesk's realtime protocol (see ClientToServerEvents / ServerToClientEvents). */
export type ChatSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

export interface ChatClientOptions {
  /** How long to wait for a send's acknowledgement before treating it as lost and retrying. */
  ackTimeoutMs?: number;
  /** Makes client ids; defaults to crypto.randomUUID. */
  newClientId?: () => string;
}

interface Pending {
  clientId: string;
  conversationId?: string;
  text: string;
  /** Files uploaded before the send (see uploadAttachment), by id. */
  attachmentIds?: string[];
  resolve: (m: Message) => void;
  reject: (e: ChatError) => void;
  inFlight: boolean;
}

export class ChatError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }
}

type Listener<T> = (value: T) => void;

const RETRY_DELAY_MS = 250;

/**
 * Keeps one side of Frontdesk's chat exactly in step with the server over an unreliable socket:
 * every message once and in order per conversation, however often the connection drops or moves
 * to another node. It remembers the last sequence number seen per conversation, asks the server
 * for everything after it on every (re)connect, and retries unacknowledged sends with the same
 * client id, which the server stores only once.
 */
export class ChatClient {
  private readonly threads = new Map<string, Message[]>();
  private readonly conversations = new Map<string, Conversation>();
  private readonly outbox = new Map<string, Pending>();
  private readonly listeners = {
    message: new Set<Listener<Message>>(),
    conversation: new Set<Listener<Conversation>>(),
  };
  private syncing: Promise<void> | null = null;
  /** A message came with a gap while a catch-up was under way: one more round follows. */
  private syncAgain = false;
  private readonly ackTimeoutMs: number;
  private readonly newClientId: () => string;

  constructor(
    readonly socket: ChatSocket,
    options: ChatClientOptions = {},
  ) {
    this.ackTimeoutMs = options.ackTimeoutMs ?? 10_000;
    this.newClientId = options.newClientId ?? (() => globalThis.crypto.randomUUID());
    socket.on('connect', () => void this.resync());
    socket.on(serverEvents.message, ({ message, conversation }) => {
      this.putConversation(conversation);
      this.apply(message);
    });
    socket.on(serverEvents.conversation, (conversation) => this.putConversation(conversation));
    if (socket.connected) void this.resync();
  }

  /** Messages of a conversation, in sequence order, each once. */
  messages(conversationId: string): Message[] {
    return this.threads.get(conversationId) ?? [];
  }

  conversation(conversationId: string): Conversation | undefined {
    return this.conversations.get(conversationId);
  }

  allConversations(): Conversation[] {
    return [...this.conversations.values()];
  }

  /** The last sequence number held, per conversation: what a resync asks to continue from. */
  lastSeqs(): Record<string, number> {
    return Object.fromEntries([...this.threads].map(([id, list]) => [id, list.at(-1)?.seq ?? 0]));
  }

  /** Sends after being told about a conversation (a staff member opening one), so its history syncs too. */
  follow(conversationId: string): void {
    if (!this.threads.has(conversationId)) this.threads.set(conversationId, []);
  }

  onMessage(listener: Listener<Message>): () => void {
    this.listeners.message.add(listener);
    return () => this.listeners.message.delete(listener);
  }

  onConversation(listener: Listener<Conversation>): () => void {
    this.listeners.conversation.add(listener);
    return () => this.listeners.conversation.delete(listener);
  }

  /** Unacknowledged sends, oldest first (for an "unsent" badge). */
  pending(): { clientId: string; conversationId?: string; text: string }[] {
    return [...this.outbox.values()].map(({ clientId, conversationId, text }) => ({ clientId, conversationId, text }));
  }

  /**
   * Sends a message; resolves once the server has committed it. While offline it waits in the
   * outbox and goes out on reconnect; a lost ack is retried with the same client id.
   */
  send(
    text: string,
    conversationId?: string,
    clientId = this.newClientId(),
    attachmentIds?: string[],
  ): Promise<Message> {
    return new Promise((resolve, reject) => {
      const pending: Pending = { clientId, conversationId, text, attachmentIds, resolve, reject, inFlight: false };
      this.outbox.set(clientId, pending);
      if (this.socket.connected && !this.syncing) this.transmit(pending);
    });
  }

  /** Emits with an acknowledgement, as a promise of the data or a ChatError. */
  async request<E extends ClientEventName>(event: E, payload: ClientPayload<E>): Promise<AckData<E>> {
    // Socket.IO's types resolve one event at a time; `event` and `payload` are checked together above
    const timed = this.socket.timeout(this.ackTimeoutMs) as unknown as {
      emitWithAck(event: string, payload: unknown): Promise<unknown>;
    };
    const ack = (await timed.emitWithAck(event, payload)) as Ack<AckData<E>> | undefined;
    if (!ack || typeof ack !== 'object') throw new ChatError('bad_ack', 'The server answered in an unexpected way');
    if (!ack.ok) throw new ChatError(ack.error.code, ack.error.message, ack.error.details);
    return ack.data;
  }

  private transmit(pending: Pending): void {
    // already settled: its ack, its broadcast or a resync brought the stored message
    if (pending.inFlight || this.outbox.get(pending.clientId) !== pending) return;
    pending.inFlight = true;
    const payload = {
      conversationId: pending.conversationId,
      clientId: pending.clientId,
      text: pending.text,
      ...(pending.attachmentIds?.length ? { attachmentIds: pending.attachmentIds } : {}),
    };
    this.request(clientEvents.send, payload).then(
      ({ message, conversation }) => {
        this.outbox.delete(pending.clientId);
        this.putConversation(conversation);
        this.apply(message);
        pending.resolve(message);
      },
      (err: unknown) => {
        pending.inFlight = false;
        if (err instanceof ChatError) {
          if (err.code === 'rate_limited') {
            const wait = ((err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 1) * 1000;
            setTimeout(() => this.socket.connected && this.transmit(pending), wait);
            return;
          }
          this.outbox.delete(pending.clientId);
          pending.reject(err);
          return;
        }
        // no ack in time (dropped connection, node restart): try again shortly, or on reconnect
        setTimeout(() => this.socket.connected && this.transmit(pending), RETRY_DELAY_MS);
      },
    );
  }

  private flush(): void {
    for (const pending of this.outbox.values()) this.transmit(pending);
  }

  /**
   * Asks for everything after what we hold, in as many rounds as the server's answers say there is
   * more. Concurrent calls share one catch-up.
   */
  resync(): Promise<void> {
    if (this.syncing) return this.syncing;
    this.syncing = this.catchUp().finally(() => {
      this.syncing = null;
      // sends queued while offline or during the catch-up go out now, after what they follow
      if (this.socket.connected) this.flush();
    });
    return this.syncing;
  }

  private async catchUp(): Promise<void> {
    for (;;) {
      this.syncAgain = false;
      let answer: AckData<typeof clientEvents.sync>;
      try {
        answer = await this.request(clientEvents.sync, { since: this.lastSeqs() });
      } catch (err) {
        // over the server's sync budget: try again when it says; anything else, the next connect retries
        if (err instanceof ChatError && err.code === 'rate_limited') {
          const wait = ((err.details as { retryAfterSeconds?: number } | undefined)?.retryAfterSeconds ?? 1) * 1000;
          setTimeout(() => this.socket.connected && void this.resync(), wait);
        }
        return;
      }
      for (const c of answer.conversations) this.putConversation(c);
      for (const m of answer.messages) this.apply(m);
      // a gap seen during the round asks for one more: only a live message sets it, so this ends
      if (!answer.hasMore && !this.syncAgain) return;
    }
  }

  private putConversation(conversation: Conversation): void {
    const held = this.conversations.get(conversation.id);
    if (conversation.mergedInto) {
      // merged into another request: its messages are there now (the next sync brings them)
      this.conversations.delete(conversation.id);
      this.threads.delete(conversation.id);
      this.threads.set(conversation.mergedInto, this.threads.get(conversation.mergedInto) ?? []);
    } else {
      this.conversations.set(conversation.id, conversation);
      if ((conversation.epoch ?? 0) > (held?.epoch ?? 0) && held) {
        // renumbered (a merge undone): what we hold is numbered the old way; load it again
        this.threads.set(conversation.id, []);
        if (this.syncing) this.syncAgain = true;
        else if (this.socket.connected) void this.resync();
      }
      if (!this.threads.has(conversation.id)) this.threads.set(conversation.id, []);
    }
    for (const l of this.listeners.conversation) l(conversation);
  }

  /**
   * Adds a message in order; a duplicate is ignored and a gap triggers a resync. A message that
   * settles one of our own sends (its broadcast can overtake the ack) leaves the outbox at once,
   * so it is never shown both as sent and as still sending.
   */
  private apply(message: Message): void {
    const own = message.clientId ? this.outbox.get(message.clientId) : undefined;
    const list = this.threads.get(message.conversationId) ?? [];
    this.threads.set(message.conversationId, list);
    const last = list.at(-1)?.seq ?? 0;
    if (message.seq <= last) return;
    if (message.seq > last + 1) {
      // a catch-up under way may have asked before this message's predecessors were written: one more round
      if (this.syncing) this.syncAgain = true;
      else void this.resync();
      return;
    }
    if (own) {
      this.outbox.delete(own.clientId);
      own.resolve(message);
    }
    list.push(message);
    for (const l of this.listeners.message) l(message);
  }
}
