import {
  type Alert,
  clientEvents,
  type EscalationNotice,
  type Lead,
  type Mention,
  type Note,
  type ReactionNotice,
  serverEvents,
  type TranslationNotice,
  type UrgentNotice,
  VIEWING_EXPIRES_MS,
  VIEWING_REPEAT_MS,
  type ViewingNotice,
  type WorkItem,
} from '@frontdesk/protocol';
import { ChatClient, type ChatSocket } from '@frontdesk/sdk';
import { newClientId } from '../../api/socket';
import { applyReactionNotice } from '../../chat/reactions';
import { uploadFiles } from '../../chat/upload-files';
import { sharedApi } from '../shared-api';
import type { Conversation, ConversationCounts, InboxTab, Message } from '../types';
import { NoteBook } from './notes';
import { countIn, inTab, orderOf, tabQuery } from './tabs';
import { ThreadBook, type ThreadState } from './threads';
import { TypingBoard, type TypingPerson } from './typing';

export type { ThreadState, TypingPerson };

/** What the socket tells of alerts (admins and duty managers): one raised, or one acknowledged. */
export type AlertChange = { alert: Alert; change: 'raised' | 'acknowledged' };

/** What the socket tells of work items: one changed (or new), or one this user no longer sees. */
export type WorkChange = { item: WorkItem } | { gone: string };

export type Connection = 'connecting' | 'online' | 'offline';
export type PresenceStatus = 'online' | 'away';
export const inboxTabs: readonly InboxTab[] = ['queued', 'mine', 'open', 'resolved'];

export interface TabState {
  state: 'idle' | 'loading' | 'ready' | 'error';
  error?: unknown;
  /** Cursor of the next page; null when the tab is complete. */
  nextBefore: string | null;
  loadingMore: boolean;
}

const STAFF_UPLOADS = '/api/v1/attachments';

export interface PendingSend {
  clientId: string;
  conversationId: string;
  text: string;
  state: 'uploading' | 'sending' | 'failed';
  /** The names of the files going with the text, if any. */
  files?: string[];
  /** While uploading: the share of the files' bytes sent so far, 0 to 1. */
  progress?: number;
  error?: unknown;
}

export interface DeskSnapshot {
  connection: Connection;
  counts: ConversationCounts | null;
  conversations: ReadonlyMap<string, Conversation>;
  tabs: Readonly<Record<InboxTab, TabState>>;
  threads: ReadonlyMap<string, ThreadState>;
  pending: readonly PendingSend[];
  /** Colleagues with a live connection; everyone else is offline. */
  presence: Readonly<Record<string, PresenceStatus>>;
  typing: ReadonlyMap<string, readonly TypingPerson[]>;
  /** The internal notes of the open threads, oldest first. */
  notes: ReadonlyMap<string, readonly Note[]>;
  /** Colleagues who have a conversation open, by conversation id (never shown to the guest). */
  viewing: ReadonlyMap<string, readonly TypingPerson[]>;
}

/** Something the desk should hear about: a new (or reopened) request joined the queue. */
export interface QueuedAlert {
  conversation: Conversation;
  message: Message;
}

const PAGE_SIZE = 30;
const TYPING_REPEAT_MS = 2500;
const TYPING_IDLE_MS = 4000;
const RECOUNT_DELAY_MS = 400;
const sessionEndingCodes = new Set(['session_expired', 'unauthenticated', 'account_inactive', 'organization_inactive']);

const emptyTab = (): TabState => ({ state: 'idle', nextBefore: null, loadingMore: false });

/**
 * The staff side of the live desk as one observable snapshot for React. It wraps the SDK's
 * ChatClient (sends retried with the same client id, resync on reconnect) and keeps what the
 * inbox needs in step with the socket: every known conversation, the tabs' pages and counts,
 * the threads that are open, receipts, typing and colleagues' presence. Nothing is polled: after
 * the first pages, every change arrives as a socket event (and a reconnect reloads the pages,
 * since events may have been missed meanwhile).
 */
/** What needs the desk's attention beyond a new request: a breached response target, an urgent request. */
export type DeskTrouble = { kind: 'escalation'; notice: EscalationNotice } | { kind: 'urgent'; notice: UrgentNotice };

export class DeskStore {
  readonly client: ChatClient;
  private readonly conversations = new Map<string, Conversation>();
  private readonly tabs: Record<InboxTab, TabState> = {
    queued: emptyTab(),
    mine: emptyTab(),
    open: emptyTab(),
    resolved: emptyTab(),
  };
  /** Per tab: the last conversation loaded, in the tab's order (the page boundary). */
  private readonly oldest: Record<InboxTab, Conversation | null> = {
    queued: null,
    mine: null,
    open: null,
    resolved: null,
  };
  private readonly threads: ThreadBook;
  private readonly notes: NoteBook;
  private readonly mentionListeners = new Set<(mention: Mention, unread: number) => void>();
  private readonly leadListeners = new Set<(lead: Lead | null) => void>();
  private readonly workListeners = new Set<(change: WorkChange | null) => void>();
  private readonly alertChangeListeners = new Set<(change: AlertChange) => void>();
  private readonly typing: TypingBoard;
  private readonly viewing: TypingBoard;
  /** The conversation this desk has open, told to colleagues while it is. */
  private viewed: string | null = null;
  private viewingTimer: ReturnType<typeof setInterval> | undefined;
  private readonly pendingSends = new Map<string, PendingSend>();
  private readonly readSent = new Map<string, number>();
  private readonly typingSent = new Map<string, number>();
  private readonly typingIdle = new Map<string, ReturnType<typeof setTimeout>>();
  private readonly listeners = new Set<() => void>();
  private readonly alertListeners = new Set<(alert: QueuedAlert) => void>();
  private readonly endedListeners = new Set<(reason: { code: string; message: string }) => void>();
  private readonly troubleListeners = new Set<(trouble: DeskTrouble) => void>();
  /** Requests seen merged into another: absorbed id → survivor id. */
  private readonly merged = new Map<string, string>();
  private readonly changeListeners = new Set<(next: Conversation, prev: Conversation | undefined) => void>();
  private readonly noteListeners = new Set<(note: Note) => void>();
  private counts: ConversationCounts | null = null;
  /** The tag the inbox is filtered by (its lists and counts), if any. */
  private tag: string | null = null;
  private presence: Record<string, PresenceStatus> = {};
  private connection: Connection = 'connecting';
  private connectedOnce = false;
  private snapshot: DeskSnapshot;
  private scheduled = false;
  private closed = false;
  private recountTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(
    readonly socket: ChatSocket,
    readonly me: string,
  ) {
    this.client = new ChatClient(socket, { newClientId });
    this.threads = new ThreadBook(() => this.schedule());
    this.notes = new NoteBook(() => this.schedule());
    this.typing = new TypingBoard(() => this.schedule());
    this.viewing = new TypingBoard(() => this.schedule(), VIEWING_EXPIRES_MS);
    this.snapshot = this.build();
    socket.on('connect', () => {
      this.connection = 'online';
      // events sent while we were away are lost: reload what the tabs show (the client resyncs threads)
      if (this.connectedOnce) {
        this.reloadTabs();
        // leads changed while we were away are not told again: their lists load afresh
        for (const l of this.leadListeners) l(null);
        for (const l of this.workListeners) l(null);
        // notes are not in the messages' resync: load the open threads' notes again
        this.notes.reloadAll();
      }
      this.connectedOnce = true;
      this.readSent.clear();
      if (this.viewed) this.tellViewing(this.viewed, true);
      this.schedule();
    });
    socket.on('disconnect', () => {
      this.connection = 'offline';
      this.typing.clearAll();
      this.viewing.clearAll();
    });
    socket.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
      const code = err.data?.code;
      if (code && sessionEndingCodes.has(code)) this.end({ code, message: err.data?.message ?? err.message });
      this.connection = 'offline';
      this.schedule();
    });
    socket.on(serverEvents.sessionEnded, (reason: { code: string; message: string }) => this.end(reason));
    // which requests we see changed (team visibility, our teams, our role): start the lists over
    socket.on(serverEvents.accessChanged, () => this.startOver());
    socket.on(serverEvents.message, ({ message, conversation }: { message: Message; conversation: Conversation }) => {
      const known = this.conversations.has(conversation.id);
      this.applyConversation(conversation, message);
      this.threads.add(message.conversationId, [message]);
      this.typing.clear(message.conversationId, senderKey(message));
      const joinedQueue = conversation.status === 'queued' && (message.seq === 1 || message.event === 'reopened');
      if (joinedQueue && (!known || message.event === 'reopened'))
        for (const l of this.alertListeners) l({ conversation, message });
    });
    socket.on(serverEvents.conversation, (conversation: Conversation) => this.applyConversation(conversation));
    socket.on(serverEvents.escalation, (notice: EscalationNotice) => {
      for (const listener of this.troubleListeners) listener({ kind: 'escalation', notice });
    });
    socket.on(serverEvents.urgent, (notice: UrgentNotice) => {
      for (const listener of this.troubleListeners) listener({ kind: 'urgent', notice });
    });
    socket.on(
      serverEvents.receipt,
      ({
        conversationId,
        receipts,
        unread,
      }: Pick<Conversation, 'receipts' | 'unread'> & { conversationId: string }) => {
        const known = this.conversations.get(conversationId);
        if (!known) return;
        const merged = {
          guestDeliveredSeq: Math.max(known.receipts.guestDeliveredSeq, receipts.guestDeliveredSeq),
          guestReadSeq: Math.max(known.receipts.guestReadSeq, receipts.guestReadSeq),
          staffDeliveredSeq: Math.max(known.receipts.staffDeliveredSeq, receipts.staffDeliveredSeq),
          staffReadSeq: Math.max(known.receipts.staffReadSeq, receipts.staffReadSeq),
        };
        this.conversations.set(conversationId, { ...known, receipts: merged, unread });
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
        from: { type: TypingPerson['type']; id: string | null; name: string | null };
      }) => {
        if (from.type === 'staff' && from.id === this.me) return;
        this.typing.heard(
          conversationId,
          { key: `${from.type}:${from.id ?? ''}`, type: from.type, name: from.name },
          typing,
        );
      },
    );
    socket.on(serverEvents.note, ({ note }: { note: Note }) => this.noted(note));
    socket.on(serverEvents.lead, ({ lead }: { lead: Lead }) => {
      for (const l of this.leadListeners) l(lead);
    });
    socket.on(serverEvents.workItem, ({ item }: { item: WorkItem }) => {
      for (const l of this.workListeners) l({ item });
    });
    socket.on(serverEvents.workItemGone, ({ id }: { id: string }) => {
      for (const l of this.workListeners) l({ gone: id });
    });
    socket.on(serverEvents.alert, ({ alert }: { alert: Alert }) => {
      for (const l of this.alertChangeListeners) l({ alert, change: 'raised' });
    });
    socket.on(serverEvents.alertAcknowledged, ({ alert }: { alert: Alert }) => {
      for (const l of this.alertChangeListeners) l({ alert, change: 'acknowledged' });
    });
    socket.on(serverEvents.mention, ({ mention, unread }: { mention: Mention; unread: number }) => {
      for (const l of this.mentionListeners) l(mention, unread);
    });
    socket.on(serverEvents.reaction, (notice: ReactionNotice) => {
      const byMe = notice.by.type === 'staff' && notice.by.id === this.me;
      this.threads.updateReactions(notice.conversationId, notice.messageId, (before) =>
        applyReactionNotice(before, notice, byMe),
      );
    });
    socket.on(serverEvents.translation, ({ conversationId, messageId, translation }: TranslationNotice) => {
      this.threads.updateTranslation(conversationId, messageId, translation);
    });
    socket.on(serverEvents.viewing, ({ conversationId, viewing, from }: ViewingNotice) => {
      if (from.id === this.me) return;
      const person = { key: `staff:${from.id}`, type: 'staff' as const, name: from.name };
      const fresh = this.viewing.heard(conversationId, person, viewing);
      // a colleague just opened what we have open: say so at once rather than at our next repeat
      if (fresh && this.viewed === conversationId) this.tellViewing(conversationId, true);
    });
    socket.on(serverEvents.presence, ({ statuses }: { statuses: Record<string, PresenceStatus> }) => {
      this.presence = statuses;
      this.schedule();
    });
    // history of an open thread that the client caught up on after a reconnect
    this.client.onMessage((m) => {
      this.threads.add(m.conversationId, [m]);
    });
    this.reloadTabs();
  }

  // ---- React ----

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  getSnapshot = (): DeskSnapshot => this.snapshot;

  onQueued(listener: (alert: QueuedAlert) => void): () => void {
    this.alertListeners.add(listener);
    return () => this.alertListeners.delete(listener);
  }

  /** Escalations for the duty manager, urgent requests for their team: the shell shows and sounds them. */
  onTrouble(listener: (trouble: DeskTrouble) => void): () => void {
    this.troubleListeners.add(listener);
    return () => this.troubleListeners.delete(listener);
  }

  onSessionEnded(listener: (reason: { code: string; message: string }) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  /**
   * A lead arrived or changed status (service companies); null after a reconnect, when changes may
   * have been missed and whatever shows leads should load them again.
   */
  onLead(listener: (lead: Lead | null) => void): () => void {
    this.leadListeners.add(listener);
    return () => this.leadListeners.delete(listener);
  }

  /** A work item changed or stopped being this user's to see; null after a reconnect (load again). */
  onWorkItem(listener: (change: WorkChange | null) => void): () => void {
    this.workListeners.add(listener);
    return () => this.workListeners.delete(listener);
  }

  /** An alert was raised or acknowledged (admins, duty managers): the badge, the page and a notice follow. */
  onAlert(listener: (change: AlertChange) => void): () => void {
    this.alertChangeListeners.add(listener);
    return () => this.alertChangeListeners.delete(listener);
  }

  /** A colleague mentioned this staff member in a note: the shell tells them and refreshes the bell. */
  onMention(listener: (mention: Mention, unread: number) => void): () => void {
    this.mentionListeners.add(listener);
    return () => this.mentionListeners.delete(listener);
  }

  /** Every note written in a conversation this desk sees, its own included. */
  onNote(listener: (note: Note) => void): () => void {
    this.noteListeners.add(listener);
    return () => this.noteListeners.delete(listener);
  }

  private noted(note: Note): void {
    this.notes.add(note.conversationId, [note]);
    for (const l of this.noteListeners) l(note);
  }

  /** Every newer state of a conversation, with the one before it when it was known. */
  onConversationChange(listener: (next: Conversation, prev: Conversation | undefined) => void): () => void {
    this.changeListeners.add(listener);
    return () => this.changeListeners.delete(listener);
  }

  /** The conversations a tab shows: every known one that matches, down to the oldest page loaded. */
  list(snapshot: DeskSnapshot, tab: InboxTab): Conversation[] {
    const boundary = snapshot.tabs[tab].nextBefore === null ? null : this.oldest[tab];
    const order = orderOf(tab);
    return [...snapshot.conversations.values()]
      .filter((c) => inTab(tab, c, this.me) && this.counted(c) && (boundary === null || order(c, boundary) <= 0))
      .sort(order);
  }

  // ---- the inbox tabs ----

  /** Shows only the conversations carrying `tagId` (null: all): the tabs and their counts load again. */
  setTagFilter(tagId: string | null): void {
    if (this.tag === tagId) return;
    this.tag = tagId;
    for (const tab of inboxTabs) {
      this.oldest[tab] = null;
      this.tabs[tab] = emptyTab();
    }
    this.counts = null;
    this.reloadTabs();
  }

  /** Whether a conversation passes the tag filter (and so is in the lists and the counts). */
  private counted(c: Conversation): boolean {
    return this.tag === null || (c.tags ?? []).some((tag) => tag.id === this.tag);
  }

  reloadTabs(): void {
    for (const tab of inboxTabs) void this.loadTab(tab);
  }

  /**
   * Forgets every request held and loads the tabs again: what we held was chosen by rules that no
   * longer apply (a request now hidden would linger, one now visible would be missing). Open threads
   * keep their messages; a thread whose request is now hidden shows the refusal.
   */
  private startOver(): void {
    this.conversations.clear();
    for (const tab of inboxTabs) this.oldest[tab] = null;
    this.reloadTabs();
    for (const conversationId of this.threads.snapshot().keys()) {
      sharedApi.conversation(conversationId).then(
        (c) => this.applyConversation(c),
        (error: unknown) => this.threads.fail(conversationId, error),
      );
    }
  }

  async loadTab(tab: InboxTab): Promise<void> {
    const current = this.tabs[tab];
    this.tabs[tab] = { ...current, state: current.state === 'ready' ? 'ready' : 'loading', error: undefined };
    this.schedule();
    const tag = this.tag;
    try {
      const { status, mine } = tabQuery(tab);
      const page = await sharedApi.conversations(status, mine, undefined, PAGE_SIZE, tag);
      if (tag !== this.tag) return; // the filter changed meanwhile: its own load answers
      this.takePage(tab, page.conversations, page.nextBefore, true);
      this.counts = page.counts;
    } catch (error) {
      if (tag !== this.tag) return;
      this.tabs[tab] = { ...this.tabs[tab], state: 'error', error };
    }
    this.schedule();
  }

  async loadMore(tab: InboxTab): Promise<void> {
    const current = this.tabs[tab];
    if (current.loadingMore || current.nextBefore === null) return;
    this.tabs[tab] = { ...current, loadingMore: true };
    this.schedule();
    const tag = this.tag;
    try {
      const { status, mine } = tabQuery(tab);
      const page = await sharedApi.conversations(status, mine, current.nextBefore, PAGE_SIZE, tag);
      if (tag !== this.tag) return;
      this.takePage(tab, page.conversations, page.nextBefore, false);
      this.counts = page.counts;
    } catch (error) {
      if (tag !== this.tag) return;
      this.tabs[tab] = { ...this.tabs[tab], loadingMore: false, error };
    }
    this.schedule();
  }

  private takePage(tab: InboxTab, page: Conversation[], nextBefore: string | null, first: boolean): void {
    for (const c of page) {
      const known = this.conversations.get(c.id);
      if (!known || known.lastSeq <= c.lastSeq) this.conversations.set(c.id, c);
    }
    const last = page.at(-1) ?? null;
    const boundary = this.oldest[tab];
    if (first || !boundary || (last && orderOf(tab)(last, boundary) > 0)) this.oldest[tab] = last;
    this.tabs[tab] = { state: 'ready', nextBefore, loadingMore: false };
  }

  /**
   * A newer state of a conversation (from an event or an ack). The tab counts move with it when
   * its previous state is known; otherwise they are fetched again once the burst of events is over.
   */
  applyConversation(next: Conversation, message?: Message): void {
    const prev = this.conversations.get(next.id);
    // a thread renumbered (a merge undone) starts a new epoch: its lower lastSeq is news, not late
    const renumbered = (next.epoch ?? 0) > (prev?.epoch ?? 0);
    if (prev && !renumbered && next.lastSeq < prev.lastSeq) return; // an older snapshot that arrived late
    if (next.mergedInto) {
      this.forgetMerged(next, prev);
      return;
    }
    this.merged.delete(next.id);
    if (renumbered && prev) this.threads.reload(next.id);
    this.conversations.set(next.id, next);
    if (this.counts) {
      if (prev) this.counts = this.countIn(this.countIn(this.counts, prev, -1), next, 1);
      else if (message?.seq === 1) this.counts = this.countIn(this.counts, next, 1);
      else this.scheduleRecount();
    }
    for (const l of this.changeListeners) l(next, prev);
    this.schedule();
  }

  /** A request merged into another: no tab lists it, and the survivor's thread loads again with its messages. */
  private forgetMerged(absorbed: Conversation, prev: Conversation | undefined): void {
    const survivor = absorbed.mergedInto;
    if (!survivor) return;
    this.merged.set(absorbed.id, survivor);
    this.conversations.delete(absorbed.id);
    this.threads.forget(absorbed.id);
    this.threads.reload(survivor);
    if (this.counts && prev) this.counts = this.countIn(this.counts, prev, -1);
    this.schedule();
  }

  /** The request a merged one lives on in, when this desk saw it merged. */
  mergedInto(conversationId: string): string | undefined {
    return this.merged.get(conversationId);
  }

  /** `countIn` for the conversations the tag filter lets through. */
  private countIn(counts: ConversationCounts, c: Conversation, delta: 1 | -1): ConversationCounts {
    return this.counted(c) ? countIn(counts, c, this.me, delta) : counts;
  }

  private scheduleRecount(): void {
    clearTimeout(this.recountTimer);
    this.recountTimer = setTimeout(() => {
      const tag = this.tag;
      sharedApi.conversations('queued', false, undefined, 1, tag).then(
        (page) => {
          if (tag !== this.tag) return;
          this.counts = page.counts;
          this.schedule();
        },
        () => {
          // the next event or reconnect tries again
        },
      );
    }, RECOUNT_DELAY_MS);
  }

  // ---- threads ----

  /** Opens a conversation's thread: its latest page of history, then live messages. */
  openThread(conversationId: string): void {
    this.client.follow(conversationId);
    this.threads.open(conversationId);
    this.notes.open(conversationId);
    if (!this.conversations.has(conversationId)) {
      sharedApi.conversation(conversationId).then(
        (c) => this.applyConversation(c),
        (error: unknown) => this.threads.fail(conversationId, error),
      );
    }
  }

  /** Loads the page above the first message held (scrolling up). */
  loadOlder(conversationId: string): Promise<void> {
    return this.threads.loadOlder(conversationId);
  }

  // ---- actions ----

  /**
   * Sends a reply; it waits in the client's outbox while offline and is retried with the same id.
   * `uploaded` are files already stored (a canned response's copies): they go first, as they are.
   */
  send(
    conversationId: string,
    text: string,
    files: readonly File[] = [],
    uploaded: readonly { id: string; name: string }[] = [],
  ): void {
    const clientId = newClientId();
    this.setTyping(conversationId, false);
    const names = files.length || uploaded.length ? [...uploaded, ...files].map((file) => file.name) : undefined;
    const entry: PendingSend = { clientId, conversationId, text, files: names, state: 'sending' };
    const fail = (error: unknown) => {
      this.pendingSends.set(clientId, { ...entry, state: 'failed', error });
      this.schedule();
    };
    const stored = uploaded.map((file) => file.id);
    if (!files.length) {
      this.deliver(entry, stored.length ? stored : undefined);
      return;
    }
    this.pendingSends.set(clientId, { ...entry, state: 'uploading', progress: 0 });
    this.schedule();
    uploadFiles(files, STAFF_UPLOADS, (progress) => {
      this.pendingSends.set(clientId, { ...entry, state: 'uploading', progress });
      this.schedule();
    }).then((ids) => this.deliver(entry, [...stored, ...ids]), fail);
  }

  /** The send itself, through the client's outbox (files already uploaded, by id). */
  private deliver(entry: PendingSend, attachmentIds?: string[]): void {
    const { clientId, conversationId, text } = entry;
    this.pendingSends.set(clientId, { ...entry, state: 'sending' });
    this.schedule();
    this.client.send(text, conversationId, clientId, attachmentIds).then(
      (message) => {
        this.pendingSends.delete(clientId);
        this.threads.add(conversationId, [message]);
        const c = this.client.conversation(conversationId);
        if (c) this.applyConversation(c);
        this.schedule();
      },
      (error: unknown) => {
        this.pendingSends.set(clientId, { ...entry, state: 'failed', error });
        this.schedule();
      },
    );
  }

  /**
   * Saves an internal note (REST, not the socket: notes are rare, and a retry with the same client
   * id is stored once); it shows at once, and colleagues get it live.
   */
  async writeNote(conversationId: string, text: string): Promise<Note> {
    const note = await sharedApi.writeNote(conversationId, { clientId: newClientId(), text });
    this.noted(note);
    return note;
  }

  dismissFailed(clientId: string): void {
    this.pendingSends.delete(clientId);
    this.schedule();
  }

  /** Loads a conversation again (after a refusal that says our copy is out of date). */
  refresh(conversationId: string): void {
    sharedApi.conversation(conversationId).then(
      (c) => this.applyConversation(c),
      () => {
        // the next event brings it
      },
    );
  }

  take(conversationId: string): Promise<Conversation> {
    return this.act(this.client.request(clientEvents.take, { conversationId }));
  }

  resolve(conversationId: string): Promise<Conversation> {
    return this.act(this.client.request(clientEvents.resolve, { conversationId }));
  }

  assign(conversationId: string, userId: string): Promise<Conversation> {
    return this.act(this.client.request(clientEvents.assign, { conversationId, userId }));
  }

  private async act(request: Promise<Conversation>): Promise<Conversation> {
    const conversation = await request;
    this.applyConversation(conversation);
    return conversation;
  }

  /** Marks the guest's messages read up to `seq` (what is on screen), once per new seq. */
  markRead(conversationId: string, seq: number): void {
    const c = this.conversations.get(conversationId);
    if (!c || !this.socket.connected) return;
    if (seq <= Math.max(c.receipts.staffReadSeq, this.readSent.get(conversationId) ?? 0)) return;
    this.readSent.set(conversationId, seq);
    this.socket.emit(clientEvents.read, { conversationId, seq });
  }

  /** Tells the guest (and colleagues) this staff member is typing; repeats while typing, stops when idle. */
  setTyping(conversationId: string, typing: boolean): void {
    clearTimeout(this.typingIdle.get(conversationId));
    if (!this.socket.connected) return;
    const last = this.typingSent.get(conversationId) ?? 0;
    if (typing) {
      this.typingIdle.set(
        conversationId,
        setTimeout(() => this.setTyping(conversationId, false), TYPING_IDLE_MS),
      );
      if (Date.now() - last < TYPING_REPEAT_MS) return;
      this.typingSent.set(conversationId, Date.now());
      this.socket.emit(clientEvents.typing, { conversationId, typing: true });
    } else if (last) {
      this.typingSent.delete(conversationId);
      this.socket.emit(clientEvents.typing, { conversationId, typing: false });
    }
  }

  /** Adds or takes back this staff member's `emoji` on a message. */
  async react(conversationId: string, messageId: string, emoji: string, reacted: boolean): Promise<void> {
    const done = await this.client.request(clientEvents.react, { conversationId, messageId, emoji, reacted });
    this.threads.updateReactions(conversationId, messageId, () => done.reactions);
  }

  /**
   * The conversation now open in the pane (null: none): colleagues are told, repeatedly while it
   * stays open, and told again when it closes.
   */
  setViewing(conversationId: string | null): void {
    if (this.viewed === conversationId) return;
    if (this.viewed) this.tellViewing(this.viewed, false);
    clearInterval(this.viewingTimer);
    this.viewed = conversationId;
    if (!conversationId) return;
    this.tellViewing(conversationId, true);
    this.viewingTimer = setInterval(() => this.tellViewing(conversationId, true), VIEWING_REPEAT_MS);
  }

  private tellViewing(conversationId: string, viewing: boolean): void {
    if (this.socket.connected) this.socket.emit(clientEvents.viewing, { conversationId, viewing });
  }

  async setPresence(status: PresenceStatus): Promise<void> {
    await this.client.request(clientEvents.presence, { status });
  }

  close(): void {
    this.closed = true;
    clearTimeout(this.recountTimer);
    this.typing.close();
    this.viewing.close();
    clearInterval(this.viewingTimer);
    for (const timer of this.typingIdle.values()) clearTimeout(timer);
    this.socket.removeAllListeners();
    this.socket.disconnect();
  }

  // ---- internals ----

  private end(reason: { code: string; message: string }): void {
    for (const l of this.endedListeners) l(reason);
  }

  private schedule(): void {
    if (this.scheduled || this.closed) return;
    this.scheduled = true;
    queueMicrotask(() => {
      this.scheduled = false;
      this.snapshot = this.build();
      for (const l of this.listeners) l();
    });
  }

  private build(): DeskSnapshot {
    return {
      connection: this.connection,
      counts: this.counts,
      conversations: new Map(this.conversations),
      tabs: { ...this.tabs },
      threads: this.threads?.snapshot() ?? new Map(),
      pending: [...this.pendingSends.values()],
      presence: this.presence,
      typing: this.typing?.snapshot() ?? new Map(),
      notes: this.notes?.snapshot() ?? new Map(),
      viewing: this.viewing?.snapshot() ?? new Map(),
    };
  }
}

function senderKey(m: Message): string {
  return `${m.sender.type}:${m.sender.id ?? ''}`;
}
