import {
  clientEvents,
  type MessageTranslation,
  type ReactionNotice,
  type ReactionSummary,
  serverEvents,
  type TranslationNotice,
} from '@frontdesk/protocol';
import { ChatClient, type ChatSocket } from '@frontdesk/sdk';
import { guestApi } from '../../api/guest';
import { newClientId } from '../../api/socket';
import type { Conversation, Message, PresenceStatus, QueuePosition } from '../../api/types';
import { applyReactionNotice } from '../../chat/reactions';
import { uploadFiles } from '../../chat/upload-files';

export type Connection = 'connecting' | 'online' | 'offline';

/** A message the guest wrote that the server has not acknowledged (yet, or at all). */
export interface PendingSend {
  clientId: string;
  text: string;
  state: 'uploading' | 'sending' | 'waiting' | 'failed';
  /** The names of the files going with the text, if any. */
  files?: string[];
  /** While uploading: the share of the files' bytes sent so far, 0 to 1. */
  progress?: number;
  error?: unknown;
}

const GUEST_UPLOADS = '/api/v1/guest/attachments';

export interface ChatSnapshot {
  connection: Connection;
  /** True once the first catch-up with the server is done: history is complete. */
  synced: boolean;
  reception: PresenceStatus | null;
  /** Where each waiting request stands in its queue, by conversation id, as the server last said. */
  queue: ReadonlyMap<string, QueuePosition>;
  /** The guest's requests, oldest first. */
  conversations: Conversation[];
  messages: ReadonlyMap<string, readonly Message[]>;
  pending: PendingSend[];
  typing: { conversationId: string; name: string | null } | null;
  /** Set when the server ended this session (check-out): the page then reloads the session. */
  ended: { code: string; message: string } | null;
}

const TYPING_REPEAT_MS = 2500;
const TYPING_IDLE_MS = 4000;
const TYPING_SHOWN_MS = 8000;
const sessionEndingCodes = new Set(['stay_ended', 'unauthenticated', 'session_expired']);

const isFromGuestSide = (m: Message) => m.sender.type === 'guest' || m.sender.type === 'visitor';

/**
 * The guest's side of the chat as one observable snapshot for React: wraps the SDK's ChatClient
 * (resync on reconnect, outbox retried with the same client ids) and adds what the screen needs
 * on top — connection state, reception presence, receipts, typing, and sends that failed for good.
 */
export class GuestChatStore {
  readonly client: ChatClient;
  private snapshot: ChatSnapshot;
  private readonly listeners = new Set<() => void>();
  private readonly conversations = new Map<string, Conversation>();
  private readonly failed = new Map<string, PendingSend>();
  /** Sends whose files are still going up (the message itself goes once they are all stored). */
  private readonly uploading = new Map<string, PendingSend>();
  private readonly deliveredSent = new Map<string, number>();
  private readonly readSent = new Map<string, number>();
  private readonly places = new Map<string, QueuePosition>();
  /** Reactions heard live or acknowledged since the messages were loaded, by message id. */
  private readonly reactions = new Map<string, ReactionSummary[]>();
  /** Translations of the desk's messages that came live (history and sync carry the earlier ones). */
  private readonly translations = new Map<string, MessageTranslation>();
  private state: Pick<ChatSnapshot, 'connection' | 'synced' | 'reception' | 'typing' | 'ended'> = {
    connection: 'connecting',
    synced: false,
    reception: null,
    typing: null,
    ended: null,
  };
  private scheduled = false;
  private closed = false;
  private typingShownTimer: ReturnType<typeof setTimeout> | undefined;
  private typingIdleTimer: ReturnType<typeof setTimeout> | undefined;
  private lastTypingSent = 0;

  constructor(readonly socket: ChatSocket) {
    this.client = new ChatClient(socket, { newClientId });
    this.snapshot = this.build();
    socket.on('connect', () => {
      this.set({ connection: 'online' });
      void this.client.resync().then(() => this.set({ synced: true }));
    });
    socket.on('disconnect', () => this.set({ connection: 'offline', reception: null, typing: null }));
    socket.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
      const code = err.data?.code;
      if (code && sessionEndingCodes.has(code)) this.set({ ended: { code, message: err.data?.message ?? '' } });
      this.set({ connection: 'offline' });
    });
    socket.on(serverEvents.reception, ({ status }: { status: PresenceStatus }) => this.set({ reception: status }));
    socket.on(serverEvents.queue, (place: QueuePosition) => {
      this.places.set(place.conversationId, place);
      this.schedule();
    });
    socket.on(serverEvents.sessionEnded, (ended: { code: string; message: string }) => this.set({ ended }));
    socket.on(
      serverEvents.receipt,
      ({
        conversationId,
        receipts,
        unread,
      }: Pick<Conversation, 'receipts' | 'unread'> & {
        conversationId: string;
      }) => {
        const known = this.conversations.get(conversationId);
        if (known) this.conversations.set(conversationId, { ...known, receipts, unread });
        this.schedule();
      },
    );
    socket.on(
      serverEvents.typing,
      ({
        conversationId,
        typing,
        from,
      }: {
        conversationId: string;
        typing: boolean;
        from: { name: string | null };
      }) => {
        clearTimeout(this.typingShownTimer);
        if (!typing) return this.set({ typing: null });
        this.set({ typing: { conversationId, name: from.name } });
        this.typingShownTimer = setTimeout(() => this.set({ typing: null }), TYPING_SHOWN_MS);
      },
    );
    // the browser knows before the socket does (a dead socket takes a ping timeout to notice)
    // the guest is the only one on their side of their requests: a notice by a guest or visitor is theirs
    socket.on(serverEvents.reaction, (notice: ReactionNotice) => {
      const before = this.reactionsOf(notice.conversationId, notice.messageId);
      this.reactions.set(notice.messageId, applyReactionNotice(before, notice, notice.by.type !== 'staff'));
      this.schedule();
    });
    socket.on(serverEvents.translation, ({ messageId, translation }: TranslationNotice) => {
      this.translations.set(messageId, translation);
      this.schedule();
    });
    window.addEventListener('offline', this.onBrowserOffline);
    window.addEventListener('online', this.onBrowserOnline);
    this.client.onConversation((c) => {
      // a request merged into another lives on there: its messages come with that one
      if (c.mergedInto) this.conversations.delete(c.id);
      else this.conversations.set(c.id, c);
      this.schedule();
    });
    this.client.onMessage((m) => {
      if (!isFromGuestSide(m) && this.state.typing?.conversationId === m.conversationId) this.state.typing = null;
      this.schedule();
    });
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): ChatSnapshot => this.snapshot;

  /**
   * Sends a message as the answer to the request last written in — a follow-up from reception in
   * an older request is answered there — and the server decides from it: that request, the
   * guest's unresolved one, or a new one.
   */
  send(text: string, files: readonly File[] = []): void {
    const clientId = newClientId();
    this.stopTyping();
    if (files.length) {
      void this.uploadThenSend(clientId, text, files);
      return;
    }
    this.sendNow(clientId, text);
  }

  private sendNow(clientId: string, text: string, attachmentIds?: string[], files?: string[]): void {
    this.client.send(text, this.currentConversation()?.id, clientId, attachmentIds).then(
      () => this.schedule(),
      (error: unknown) => {
        this.failed.set(clientId, { clientId, text, files, state: 'failed', error });
        this.schedule();
      },
    );
    this.schedule();
  }

  /**
   * Uploads the files one after another (each retried on a bad connection, see uploadAttachment),
   * showing their progress, then sends the message naming them through the outbox like any other.
   */
  private async uploadThenSend(clientId: string, text: string, files: readonly File[]): Promise<void> {
    const names = files.map((file) => file.name || 'file');
    const entry: PendingSend = { clientId, text, files: names, state: 'uploading', progress: 0 };
    this.uploading.set(clientId, entry);
    this.schedule();
    try {
      const ids = await uploadFiles(files, GUEST_UPLOADS, (progress) => {
        this.uploading.set(clientId, { ...entry, progress });
        this.schedule();
      });
      this.uploading.delete(clientId);
      this.sendNow(clientId, text, ids, names);
    } catch (error) {
      this.uploading.delete(clientId);
      this.failed.set(clientId, { clientId, text, files: names, state: 'failed', error });
      this.schedule();
    }
  }

  /** Forgets a send that failed for good (after the guest has seen why). */
  dismiss(clientId: string): void {
    this.failed.delete(clientId);
    this.schedule();
  }

  /** Rates a resolved request: over the socket when connected, else over HTTP. */
  async rate(conversationId: string, rating: number, comment?: string): Promise<void> {
    const payload = { conversationId, rating, ...(comment ? { comment } : {}) };
    const rated = this.socket.connected
      ? await this.client.request(clientEvents.rate, payload)
      : await guestApi.rate(conversationId, rating, comment || undefined);
    this.conversations.set(rated.id, rated);
    this.schedule();
  }

  /** Adds or takes back the guest's `emoji` on a message (a reaction needs the connection). */
  async react(conversationId: string, messageId: string, emoji: string, reacted: boolean): Promise<void> {
    const done = await this.client.request(clientEvents.react, { conversationId, messageId, emoji, reacted });
    this.reactions.set(messageId, done.reactions);
    this.schedule();
  }

  private reactionsOf(conversationId: string, messageId: string): readonly ReactionSummary[] {
    return (
      this.reactions.get(messageId) ??
      this.client.messages(conversationId).find((m) => m.id === messageId)?.reactions ??
      []
    );
  }

  /** Tells reception the guest has seen a request up to `seq` (called when messages are on screen). */
  markRead(conversationId: string, seq: number): void {
    const known = this.conversations.get(conversationId)?.receipts.guestReadSeq ?? 0;
    if (seq <= Math.max(known, this.readSent.get(conversationId) ?? 0) || !this.socket.connected) return;
    this.readSent.set(conversationId, seq);
    this.socket.emit(clientEvents.read, { conversationId, seq });
  }

  /** Called on each keystroke: "typing" at most every few seconds, "stopped" after a pause. */
  noteTyping(): void {
    const current = this.currentConversation();
    if (!current || current.status === 'resolved' || !this.socket.connected) return;
    clearTimeout(this.typingIdleTimer);
    this.typingIdleTimer = setTimeout(() => this.stopTyping(), TYPING_IDLE_MS);
    if (Date.now() - this.lastTypingSent < TYPING_REPEAT_MS) return;
    this.lastTypingSent = Date.now();
    this.socket.emit(clientEvents.typing, { conversationId: current.id, typing: true });
  }

  private stopTyping(): void {
    clearTimeout(this.typingIdleTimer);
    if (!this.lastTypingSent) return;
    this.lastTypingSent = 0;
    const current = this.currentConversation();
    if (current && this.socket.connected) {
      this.socket.emit(clientEvents.typing, { conversationId: current.id, typing: false });
    }
  }

  /** The request the guest is answering: the one last written in (the timeline's latest message). */
  private currentConversation(): Conversation | undefined {
    let latest: Conversation | undefined;
    for (const c of this.conversations.values()) if (!latest || c.lastMessageAt > latest.lastMessageAt) latest = c;
    return latest;
  }

  private readonly onBrowserOffline = () => {
    this.set({ connection: 'offline', reception: null, typing: null });
    this.socket.io.engine?.close();
  };

  private readonly onBrowserOnline = () => {
    if (!this.socket.connected) this.socket.connect();
  };

  /**
   * Calls `listener` when whether the desk is open may have changed behind the guest's back: a
   * team's hours changed, or the socket came back after a break. Returns the unsubscribe.
   */
  onDeskChanged(listener: () => void): () => void {
    let first = true;
    const reconnected = () => {
      if (!first) listener();
      first = false;
    };
    if (this.socket.connected) first = false;
    this.socket.on(serverEvents.desk, listener);
    this.socket.on('connect', reconnected);
    return () => {
      this.socket.off(serverEvents.desk, listener);
      this.socket.off('connect', reconnected);
    };
  }

  close(): void {
    this.closed = true;
    window.removeEventListener('offline', this.onBrowserOffline);
    window.removeEventListener('online', this.onBrowserOnline);
    clearTimeout(this.typingShownTimer);
    clearTimeout(this.typingIdleTimer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
    this.listeners.clear();
  }

  private set(patch: Partial<GuestChatStore['state']>): void {
    this.state = { ...this.state, ...patch };
    this.schedule();
  }

  /** Coalesces the bursts of a resync (dozens of messages) into one render. */
  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      if (this.closed) return;
      this.snapshot = this.build();
      this.acknowledgeDelivery();
      for (const listener of this.listeners) listener();
    });
  }

  private build(): ChatSnapshot {
    const conversations = [...this.conversations.values()].sort((a, b) => a.createdAt.localeCompare(b.createdAt));
    const withReactions = (m: Message) => {
      const live = this.reactions.get(m.id);
      const translation = this.translations.get(m.id);
      return live || translation
        ? { ...m, ...(live ? { reactions: live } : {}), ...(translation ? { translation } : {}) }
        : m;
    };
    const messages = new Map(conversations.map((c) => [c.id, this.client.messages(c.id).map(withReactions)]));
    const connected = this.socket.connected;
    const pending: PendingSend[] = [
      ...this.uploading.values(),
      ...this.client
        .pending()
        .filter((p) => !this.failed.has(p.clientId))
        .map((p): PendingSend => ({ clientId: p.clientId, text: p.text, state: connected ? 'sending' : 'waiting' })),
      ...this.failed.values(),
    ];
    return { ...this.state, queue: new Map(this.places), conversations, messages, pending };
  }

  /** Receipts for reception: the guest's device has received their messages. */
  private acknowledgeDelivery(): void {
    if (!this.socket.connected) return;
    for (const c of this.snapshot.conversations) {
      const last = this.snapshot.messages.get(c.id)?.findLast((m) => !isFromGuestSide(m));
      if (!last || last.seq <= Math.max(c.receipts.guestDeliveredSeq, this.deliveredSent.get(c.id) ?? 0)) continue;
      this.deliveredSent.set(c.id, last.seq);
      this.socket.emit(clientEvents.delivered, { conversationId: c.id, seq: last.seq });
    }
  }
}
