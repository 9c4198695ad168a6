import type { MessageTranslation, ReactionSummary } from '@frontdesk/protocol';
import { sharedApi } from '../shared-api';
import type { Message } from '../types';

export interface ThreadState {
  /** In sequence order, each once: loaded pages and live messages merged. */
  messages: readonly Message[];
  state: 'loading' | 'ready' | 'error';
  error?: unknown;
  /** Older messages exist above the first one held. */
  hasMore: boolean;
  loadingOlder: boolean;
}

/**
 * The histories of the conversations a staff member has opened: the latest page from REST, older
 * pages as they scroll up, and live messages merged in by sequence number.
 */
export class ThreadBook {
  private readonly threads = new Map<string, ThreadState>();

  constructor(private readonly changed: () => void) {}

  has(conversationId: string): boolean {
    return this.threads.has(conversationId);
  }

  snapshot(): ReadonlyMap<string, ThreadState> {
    return new Map(this.threads);
  }

  /** Loads the latest page of a thread, unless it is loaded (or loading) already. */
  open(conversationId: string): void {
    const thread = this.threads.get(conversationId);
    if (thread && thread.state !== 'error') return;
    this.threads.set(conversationId, {
      messages: thread?.messages ?? [],
      state: 'loading',
      hasMore: false,
      loadingOlder: false,
    });
    this.changed();
    sharedApi.messages(conversationId).then(
      (page) => {
        const current = this.threads.get(conversationId);
        this.threads.set(conversationId, {
          messages: merge(current?.messages ?? [], page.messages),
          state: 'ready',
          hasMore: page.hasMore,
          loadingOlder: false,
        });
        this.changed();
      },
      (error: unknown) => this.fail(conversationId, error),
    );
  }

  fail(conversationId: string, error: unknown): void {
    const current = this.threads.get(conversationId);
    if (current) this.threads.set(conversationId, { ...current, state: 'error', error });
    this.changed();
  }

  /** Loads the page above the first message held (scrolling up). */
  async loadOlder(conversationId: string): Promise<void> {
    const thread = this.threads.get(conversationId);
    const first = thread?.messages[0]?.seq;
    if (!thread || thread.loadingOlder || !thread.hasMore || first === undefined) return;
    this.threads.set(conversationId, { ...thread, loadingOlder: true });
    this.changed();
    try {
      const page = await sharedApi.messages(conversationId, first);
      const current = this.threads.get(conversationId) ?? thread;
      this.threads.set(conversationId, {
        ...current,
        messages: merge(current.messages, page.messages),
        hasMore: page.hasMore,
        loadingOlder: false,
      });
    } catch {
      const current = this.threads.get(conversationId);
      if (current) this.threads.set(conversationId, { ...current, loadingOlder: false });
    }
    this.changed();
  }

  /** Loads a held thread again from its latest page (its numbering changed: a merge, or a merge undone). */
  reload(conversationId: string): void {
    if (!this.threads.has(conversationId)) return;
    this.threads.delete(conversationId);
    this.open(conversationId);
  }

  /** Drops a thread (its conversation is gone: merged into another). */
  forget(conversationId: string): void {
    if (this.threads.delete(conversationId)) this.changed();
  }

  /** A message's reactions changed (a live notice, or the ack of our own): only in open threads. */
  updateReactions(
    conversationId: string,
    messageId: string,
    next: (before: readonly ReactionSummary[]) => ReactionSummary[],
  ): void {
    const thread = this.threads.get(conversationId);
    if (!thread?.messages.some((m) => m.id === messageId)) return;
    const messages = thread.messages.map((m) =>
      m.id === messageId ? { ...m, reactions: next(m.reactions ?? []) } : m,
    );
    this.threads.set(conversationId, { ...thread, messages });
    this.changed();
  }

  /** A message's machine translation arrived (a live notice): only in open threads. */
  updateTranslation(conversationId: string, messageId: string, translation: MessageTranslation): void {
    const thread = this.threads.get(conversationId);
    if (!thread?.messages.some((m) => m.id === messageId)) return;
    const messages = thread.messages.map((m) => (m.id === messageId ? { ...m, translation } : m));
    this.threads.set(conversationId, { ...thread, messages });
    this.changed();
  }

  /** Live messages (events, acks, a resync) of a thread that is open; others are not kept. */
  add(conversationId: string, messages: Message[]): void {
    const thread = this.threads.get(conversationId);
    if (!thread) return;
    this.threads.set(conversationId, { ...thread, messages: merge(thread.messages, messages) });
    this.changed();
  }
}

/** Two runs of messages as one, in sequence order, each seq once. */
function merge(held: readonly Message[], incoming: readonly Message[]): Message[] {
  if (!incoming.length) return held as Message[];
  const bySeq = new Map(held.map((m) => [m.seq, m]));
  for (const m of incoming) {
    // a copy without reactions (a live event, a send's ack) keeps those already held
    const before = bySeq.get(m.seq)?.reactions;
    bySeq.set(m.seq, m.reactions || !before ? m : { ...m, reactions: before });
  }
  return [...bySeq.values()].sort((a, b) => a.seq - b.seq);
}
