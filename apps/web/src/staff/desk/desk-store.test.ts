import { type Alert, clientEvents, type Lead, type Mention, type Note, serverEvents } from '@frontdesk/protocol';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Conversation, ConversationCounts, InboxTab, Message } from '../types';
import { DeskStore, type QueuedAlert } from './desk-store';
import { FakeSocket } from './fake-socket';

const ME = 'staff-me';
const COLLEAGUE = 'staff-other';

let clock = Date.parse('2026-05-12T10:00:00Z');
/** A moment a second after the last one, so that conversations have a clear order. */
function at(): string {
  clock += 1000;
  return new Date(clock).toISOString();
}

function conversation(id: string, patch: Partial<Conversation> = {}): Conversation {
  const time = at();
  return {
    id,
    status: 'queued',
    contact: { kind: 'guest', id: `guest-${id}`, name: 'Anna Nowak', vip: false },
    stay: { id: `stay-${id}`, roomNumber: '101', roomPriority: false },
    assignee: null,
    lastSeq: 1,
    lastMessageAt: time,
    preview: 'Hello',
    unread: 1,
    receipts: { guestDeliveredSeq: 0, guestReadSeq: 0, staffDeliveredSeq: 0, staffReadSeq: 0 },
    rating: null,
    ratingComment: null,
    createdAt: time,
    firstResponseAt: null,
    resolvedAt: null,
    ...patch,
  };
}

function message(conversationId: string, seq: number, patch: Partial<Message> = {}): Message {
  return {
    id: `${conversationId}-m${seq}`,
    conversationId,
    seq,
    clientId: null,
    sender: { type: 'guest', id: `guest-${conversationId}`, name: 'Anna Nowak' },
    text: `message ${seq}`,
    event: null,
    createdAt: at(),
    ...patch,
  };
}

const assignedToMe = { id: ME, name: 'Me', motto: '', photoUrl: null };

/** The REST side of the fake server: the inbox pages and the threads' history. */
class FakeRest {
  tabs: Record<InboxTab, Conversation[]> = { queued: [], mine: [], open: [], resolved: [] };
  counts: ConversationCounts = { queued: 0, open: 0, mine: 0, resolved: 0 };
  histories = new Map<string, Message[]>();
  notes = new Map<string, Note[]>();
  requests: string[] = [];

  fetch = async (input: string | URL | Request): Promise<Response> => {
    const url = new URL(String(input), 'http://desk.test');
    this.requests.push(url.pathname + url.search);
    const notes = url.pathname.match(/^\/api\/v1\/conversations\/([^/]+)\/notes$/);
    if (notes?.[1]) return json({ notes: this.notes.get(notes[1]) ?? [] });
    const thread = url.pathname.match(/^\/api\/v1\/conversations\/([^/]+)\/messages$/);
    if (thread?.[1]) return json({ messages: this.histories.get(thread[1]) ?? [], hasMore: false });
    const one = url.pathname.match(/^\/api\/v1\/conversations\/([^/]+)$/);
    if (one?.[1]) {
      const found = Object.values(this.tabs)
        .flat()
        .find((c) => c.id === one[1]);
      return found ? json(found) : json({ error: { code: 'not_found', message: 'No such conversation' } }, 404);
    }
    if (url.pathname === '/api/v1/conversations') {
      const status = url.searchParams.get('status') as Conversation['status'];
      const tab: InboxTab = url.searchParams.get('mine') === 'true' ? 'mine' : status;
      const tag = url.searchParams.get('tag');
      const shown = this.tabs[tab].filter((c) => !tag || c.tags?.some((t) => t.id === tag));
      return json({
        conversations: shown,
        counts: tag ? countOf(this.tabs.queued, tag) : this.counts,
        nextBefore: null,
      });
    }
    return json({ error: { code: 'not_found', message: url.pathname } }, 404);
  };

  inboxLoads(): number {
    return this.requests.filter((r) => r.startsWith('/api/v1/conversations?')).length;
  }
}

/** The counts the server answers for a tag (the fake keeps the queue only). */
function countOf(queued: Conversation[], tag: string): ConversationCounts {
  return { queued: queued.filter((c) => c.tags?.some((t) => t.id === tag)).length, open: 0, mine: 0, resolved: 0 };
}

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });
}

/** Lets the store's promises and its batched snapshot (a microtask) settle. */
async function settle(): Promise<void> {
  for (let i = 0; i < 5; i++) await new Promise((resolve) => setTimeout(resolve, 0));
}

let socket: FakeSocket;
let rest: FakeRest;
let store: DeskStore;

function start(): DeskStore {
  store = new DeskStore(socket.asSocket(), ME);
  return store;
}

beforeEach(() => {
  socket = new FakeSocket();
  rest = new FakeRest();
  vi.stubGlobal('fetch', rest.fetch);
  socket.answer(clientEvents.sync, () => ({ ok: true, data: { conversations: [], messages: [] } }));
});

afterEach(() => {
  store?.close();
  vi.unstubAllGlobals();
});

describe('DeskStore', () => {
  it('loads every tab and the counts, and lists the queue most urgent first, then longest waiting', async () => {
    const older = conversation('c1');
    const newer = conversation('c2');
    const urgent = conversation('c3', { priority: 'urgent' });
    rest.tabs.queued = [urgent, older, newer];
    rest.counts = { queued: 3, open: 0, mine: 0, resolved: 0 };
    start();
    await settle();

    const snapshot = store.getSnapshot();
    expect(Object.values(snapshot.tabs).map((t) => t.state)).toEqual(['ready', 'ready', 'ready', 'ready']);
    expect(snapshot.counts).toEqual({ queued: 3, open: 0, mine: 0, resolved: 0 });
    expect(store.list(snapshot, 'queued').map((c) => c.id)).toEqual(['c3', 'c1', 'c2']);
    // made urgent later, a request moves up as soon as its new state arrives: before c3, which waited less
    socket.serverEmit(serverEvents.conversation, { ...newer, priority: 'urgent' });
    await settle();
    expect(store.list(store.getSnapshot(), 'queued').map((c) => c.id)).toEqual(['c2', 'c3', 'c1']);
    expect(store.list(snapshot, 'open')).toEqual([]);
  });

  it('starts its lists over when the server says which requests we see changed, forgetting those now hidden', async () => {
    const hidden = conversation('c1');
    const kept = conversation('c2');
    rest.tabs.queued = [hidden, kept];
    start();
    await settle();
    store.openThread('c1');
    await settle();
    expect(store.list(store.getSnapshot(), 'queued').map((c) => c.id)).toEqual(['c1', 'c2']);
    const loads = rest.inboxLoads();

    // an admin switched the organization to team visibility: c1 is another team's now
    const visible = conversation('c3');
    rest.tabs.queued = [kept, visible];
    socket.serverEmit(serverEvents.accessChanged);
    await settle();
    const snapshot = store.getSnapshot();
    expect(rest.inboxLoads()).toBe(loads + 4);
    expect(store.list(snapshot, 'queued').map((c) => c.id)).toEqual(['c2', 'c3']);
    expect(snapshot.conversations.has('c1')).toBe(false);
    expect(snapshot.threads.get('c1')?.state).toBe('error');
  });

  it('shows a tab that failed to load as an error, and loads it again on request', async () => {
    const working = rest.fetch;
    rest.fetch = async (input) =>
      String(input).includes('status=resolved')
        ? json({ error: { code: 'internal_error', message: 'down' } }, 500)
        : working(input);
    vi.stubGlobal('fetch', rest.fetch);
    start();
    await settle();
    expect(store.getSnapshot().tabs.resolved.state).toBe('error');

    vi.stubGlobal('fetch', working);
    await store.loadTab('resolved');
    await settle();
    expect(store.getSnapshot().tabs.resolved.state).toBe('ready');
  });

  it('announces a new request once, counts it in the queue and lists it', async () => {
    start();
    await settle();
    const alerts: QueuedAlert[] = [];
    store.onQueued((alert) => alerts.push(alert));
    const request = conversation('c1');
    const first = message('c1', 1);

    socket.serverEmit(serverEvents.message, { message: first, conversation: request });
    socket.serverEmit(serverEvents.message, { message: first, conversation: request }); // a repeat
    await settle();

    expect(alerts.map((a) => a.conversation.id)).toEqual(['c1']);
    const snapshot = store.getSnapshot();
    expect(snapshot.counts?.queued).toBe(1);
    expect(store.list(snapshot, 'queued').map((c) => c.id)).toEqual(['c1']);
  });

  it('announces a resolved request that the guest reopens', async () => {
    const resolved = conversation('c1', { status: 'resolved', lastSeq: 3 });
    rest.tabs.resolved = [resolved];
    rest.counts = { queued: 0, open: 0, mine: 0, resolved: 1 };
    start();
    await settle();
    const alerts: QueuedAlert[] = [];
    store.onQueued((alert) => alerts.push(alert));

    socket.serverEmit(serverEvents.message, {
      message: message('c1', 4, { event: 'reopened' }),
      conversation: { ...resolved, status: 'queued', lastSeq: 4 },
    });
    await settle();

    expect(alerts).toHaveLength(1);
    expect(store.getSnapshot().counts).toMatchObject({ queued: 1, resolved: 0 });
  });

  it('keeps the newer state of a conversation when an older one arrives late', async () => {
    const taken = conversation('c1', { status: 'open', assignee: assignedToMe, lastSeq: 5 });
    rest.tabs.open = [taken];
    rest.tabs.mine = [taken];
    start();
    await settle();

    socket.serverEmit(serverEvents.conversation, { ...taken, status: 'queued', assignee: null, lastSeq: 4 });
    await settle();

    const snapshot = store.getSnapshot();
    expect(snapshot.conversations.get('c1')?.status).toBe('open');
    expect(store.list(snapshot, 'mine').map((c) => c.id)).toEqual(['c1']);
  });

  it('moves a conversation from the queue to "mine" when this staff member takes it', async () => {
    const queued = conversation('c1');
    rest.tabs.queued = [queued];
    rest.counts = { queued: 1, open: 0, mine: 0, resolved: 0 };
    socket.answer(clientEvents.take, () => ({
      ok: true,
      data: { ...queued, status: 'open', assignee: assignedToMe, lastSeq: 2 },
    }));
    start();
    await settle();

    await store.take('c1');
    await settle();

    expect(socket.requests.at(-1)).toEqual({ event: clientEvents.take, payload: { conversationId: 'c1' } });
    const snapshot = store.getSnapshot();
    expect(snapshot.counts).toEqual({ queued: 0, open: 1, mine: 1, resolved: 0 });
    expect(store.list(snapshot, 'mine').map((c) => c.id)).toEqual(['c1']);
    expect(store.list(snapshot, 'queued')).toEqual([]);
  });

  it('rejects an action the server refuses, with its code, and changes nothing', async () => {
    const queued = conversation('c1');
    rest.tabs.queued = [queued];
    socket.answer(clientEvents.take, () => ({
      ok: false,
      error: { code: 'already_assigned', message: 'A colleague took it' },
    }));
    start();
    await settle();

    await expect(store.take('c1')).rejects.toMatchObject({ code: 'already_assigned' });
    expect(store.getSnapshot().conversations.get('c1')?.status).toBe('queued');
  });

  it('keeps the highest receipts heard, whatever order they arrive in', async () => {
    rest.tabs.open = [conversation('c1', { status: 'open' })];
    start();
    await settle();

    const receipts = { guestDeliveredSeq: 4, guestReadSeq: 3, staffDeliveredSeq: 0, staffReadSeq: 0 };
    socket.serverEmit(serverEvents.receipt, { conversationId: 'c1', receipts, unread: 0 });
    socket.serverEmit(serverEvents.receipt, {
      conversationId: 'c1',
      receipts: { ...receipts, guestDeliveredSeq: 2, guestReadSeq: 1 },
      unread: 0,
    });
    await settle();

    expect(store.getSnapshot().conversations.get('c1')?.receipts).toMatchObject({
      guestDeliveredSeq: 4,
      guestReadSeq: 3,
    });
  });

  it('opens a thread with its history and merges live messages in order, each once', async () => {
    const open = conversation('c1', { status: 'open', lastSeq: 2 });
    rest.tabs.open = [open];
    rest.histories.set('c1', [message('c1', 1), message('c1', 2)]);
    start();
    await settle();

    store.openThread('c1');
    await settle();
    const third = message('c1', 3);
    socket.serverEmit(serverEvents.message, { message: third, conversation: { ...open, lastSeq: 3 } });
    socket.serverEmit(serverEvents.message, { message: third, conversation: { ...open, lastSeq: 3 } });
    await settle();

    const thread = store.getSnapshot().threads.get('c1');
    expect(thread?.state).toBe('ready');
    expect(thread?.messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('drops a request merged into another and loads the merged thread again; an undone merge reloads it too', async () => {
    const earlier = conversation('c1', { status: 'resolved', lastSeq: 2 });
    const later = conversation('c2', { status: 'queued', lastSeq: 1 });
    rest.tabs.resolved = [earlier];
    rest.tabs.queued = [later];
    rest.counts = { queued: 1, open: 0, mine: 0, resolved: 1 };
    rest.histories.set('c1', [message('c1', 1), message('c1', 2)]);
    start();
    await settle();
    store.openThread('c1');
    await settle();

    // merged: c2's message is c1's third now, then the merge's own message
    rest.histories.set('c1', [message('c1', 1), message('c1', 2), message('c1', 3), message('c1', 4)]);
    socket.serverEmit(serverEvents.conversation, { ...later, status: 'resolved', mergedInto: 'c1' });
    socket.serverEmit(serverEvents.conversation, { ...earlier, status: 'queued', lastSeq: 4 });
    await settle();
    let snapshot = store.getSnapshot();
    expect(snapshot.conversations.has('c2')).toBe(false);
    expect(store.mergedInto('c2')).toBe('c1');
    expect(store.list(snapshot, 'queued').map((c) => c.id)).toEqual(['c1']);
    expect(snapshot.threads.get('c1')?.messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);

    // undone: a lower lastSeq, but a new epoch — news, not a late snapshot; the thread loads again
    rest.histories.set('c1', [message('c1', 1), message('c1', 2), message('c1', 3, { text: 'undone' })]);
    socket.serverEmit(serverEvents.conversation, { ...earlier, status: 'resolved', lastSeq: 3, epoch: 1 });
    await settle();
    snapshot = store.getSnapshot();
    expect(snapshot.conversations.get('c1')).toMatchObject({ lastSeq: 3, epoch: 1 });
    expect(snapshot.threads.get('c1')?.messages.map((m) => m.text)).toEqual(['message 1', 'message 2', 'undone']);
  });

  it('shows a reply as sending until the server stores it, then in the thread', async () => {
    const open = conversation('c1', { status: 'open', assignee: assignedToMe, lastSeq: 1 });
    rest.tabs.open = [open];
    rest.histories.set('c1', [message('c1', 1)]);
    let settleSend: (ack: unknown) => void = () => {};
    socket.answer(
      clientEvents.send,
      (payload) =>
        new Promise((resolve) => {
          const { clientId, text } = payload as { clientId: string; text: string };
          const reply = message('c1', 2, { clientId, text, sender: { type: 'staff', id: ME, name: 'Me' } });
          settleSend = () => resolve({ ok: true, data: { message: reply, conversation: { ...open, lastSeq: 2 } } });
        }),
    );
    start();
    socket.serverEmit('connect');
    store.openThread('c1');
    await settle();

    store.send('c1', 'Right away');
    await settle();
    expect(store.getSnapshot().pending).toMatchObject([{ conversationId: 'c1', text: 'Right away', state: 'sending' }]);

    settleSend(undefined);
    await settle();
    const snapshot = store.getSnapshot();
    expect(snapshot.pending).toEqual([]);
    expect(snapshot.threads.get('c1')?.messages.map((m) => m.text)).toEqual(['message 1', 'Right away']);
    expect(snapshot.conversations.get('c1')?.lastSeq).toBe(2);
  });

  it('keeps a refused reply as failed with the reason, until dismissed', async () => {
    rest.tabs.open = [conversation('c1', { status: 'open' })];
    socket.answer(clientEvents.send, () => ({
      ok: false,
      error: { code: 'conversation_resolved', message: 'This request is resolved' },
    }));
    start();
    socket.serverEmit('connect');
    await settle();

    store.send('c1', 'Too late');
    await settle();
    const [failed] = store.getSnapshot().pending;
    expect(failed).toMatchObject({ state: 'failed', error: { code: 'conversation_resolved' } });

    store.dismissFailed(failed?.clientId ?? '');
    await settle();
    expect(store.getSnapshot().pending).toEqual([]);
  });

  it('tells the server what was read once per newer message, and nothing while offline', async () => {
    rest.tabs.open = [conversation('c1', { status: 'open', lastSeq: 3 })];
    start();
    await settle();

    store.markRead('c1', 2); // offline: nothing to tell
    socket.serverEmit('connect');
    store.markRead('c1', 2);
    store.markRead('c1', 2);
    store.markRead('c1', 1);
    store.markRead('c1', 3);

    expect(socket.emitted.filter((e) => e.event === clientEvents.read).map((e) => e.payload)).toEqual([
      { conversationId: 'c1', seq: 2 },
      { conversationId: 'c1', seq: 3 },
    ]);
  });

  it('shows who else is typing, not this staff member, and stops when their message arrives', async () => {
    const open = conversation('c1', { status: 'open' });
    rest.tabs.open = [open];
    start();
    await settle();

    socket.serverEmit(serverEvents.typing, {
      conversationId: 'c1',
      typing: true,
      from: { type: 'staff', id: ME, name: 'Me' },
    });
    socket.serverEmit(serverEvents.typing, {
      conversationId: 'c1',
      typing: true,
      from: { type: 'guest', id: 'guest-c1', name: 'Anna Nowak' },
    });
    await settle();
    expect(
      store
        .getSnapshot()
        .typing.get('c1')
        ?.map((p) => p.name),
    ).toEqual(['Anna Nowak']);

    socket.serverEmit(serverEvents.message, { message: message('c1', 2), conversation: { ...open, lastSeq: 2 } });
    await settle();
    expect(store.getSnapshot().typing.get('c1')).toBeUndefined();
  });

  it("keeps colleagues' presence as the server last said", async () => {
    start();
    socket.serverEmit(serverEvents.presence, { statuses: { [COLLEAGUE]: 'away' } });
    await settle();
    expect(store.getSnapshot().presence).toEqual({ [COLLEAGUE]: 'away' });
  });

  it('goes offline on a dropped connection and reloads the tabs when it is back', async () => {
    start();
    socket.serverEmit('connect');
    await settle();
    const loadsBefore = rest.inboxLoads();
    expect(store.getSnapshot().connection).toBe('online');

    socket.serverEmit('disconnect');
    socket.serverEmit('connect_error', new Error('xhr poll error'));
    await settle();
    expect(store.getSnapshot().connection).toBe('offline');

    // a new request came in meanwhile: the reload finds it
    rest.tabs.queued = [conversation('c9')];
    socket.serverEmit('connect');
    await settle();
    expect(rest.inboxLoads()).toBe(loadsBefore + 4);
    expect(store.list(store.getSnapshot(), 'queued').map((c) => c.id)).toEqual(['c9']);
  });

  it('keeps the open threads’ notes: loaded with the thread, live ones merged once, loaded again after a reconnect', async () => {
    const note = (id: string, afterSeq: number, minute: number): Note => ({
      id,
      conversationId: 'c1',
      afterSeq,
      clientId: `client-${id}`,
      author: { id: COLLEAGUE, name: 'Olek' },
      text: `note ${id}`,
      mentioned: [],
      createdAt: new Date(Date.UTC(2026, 0, 1, 10, minute)).toISOString(),
    });
    rest.tabs.queued = [conversation('c1')];
    rest.notes.set('c1', [note('n1', 1, 1)]);
    start();
    // what a contact's history listens to (inbox/use-live-history.ts): every note, of any thread
    const notesHeard: string[] = [];
    store.onNote((n) => void notesHeard.push(`${n.conversationId}/${n.id}`));
    socket.serverEmit('connect');
    store.openThread('c1');
    await settle();
    expect(
      store
        .getSnapshot()
        .notes.get('c1')
        ?.map((n) => n.id),
    ).toEqual(['n1']);

    // live, twice (our own save and its echo): held once, in order
    socket.serverEmit(serverEvents.note, { note: note('n2', 1, 2) });
    socket.serverEmit(serverEvents.note, { note: note('n2', 1, 2) });
    // a note of a thread not open is not kept
    socket.serverEmit(serverEvents.note, { note: { ...note('x', 1, 3), conversationId: 'c2' } });
    await settle();
    expect(
      store
        .getSnapshot()
        .notes.get('c1')
        ?.map((n) => n.id),
    ).toEqual(['n1', 'n2']);
    expect(store.getSnapshot().notes.has('c2')).toBe(false);
    expect(notesHeard).toEqual(['c1/n2', 'c1/n2', 'c2/x']);

    // written while we were away: the reconnect loads it
    socket.serverEmit('disconnect');
    rest.notes.set('c1', [note('n1', 1, 1), note('n2', 1, 2), note('n3', 2, 4)]);
    socket.serverEmit('connect');
    await settle();
    expect(
      store
        .getSnapshot()
        .notes.get('c1')
        ?.map((n) => n.id),
    ).toEqual(['n1', 'n2', 'n3']);

    // a mention goes to whoever listens (the shell's bell)
    const heard: string[] = [];
    store.onMention((m, unread) => heard.push(`${m.id}:${unread}`));
    socket.serverEmit(serverEvents.mention, { mention: { id: 'm1' } as Mention, unread: 3 });
    expect(heard).toEqual(['m1:3']);
  });

  it('tells the shell of each alert raised and acknowledged, and stops when it stops listening', async () => {
    start();
    const heard: string[] = [];
    const stop = store.onAlert(({ alert, change }) => heard.push(`${alert.id}:${change}`));
    socket.serverEmit('connect');
    socket.serverEmit(serverEvents.alert, { alert: { id: 'a1' } as Alert });
    socket.serverEmit(serverEvents.alertAcknowledged, { alert: { id: 'a1' } as Alert });
    stop();
    socket.serverEmit(serverEvents.alert, { alert: { id: 'a2' } as Alert });
    expect(heard).toEqual(['a1:raised', 'a1:acknowledged']);
  });

  it('tells the leads pages of each lead the desk hears, and to reload them after a reconnect', async () => {
    start();
    const heard: (string | null)[] = [];
    const stop = store.onLead((lead) => heard.push(lead ? `${lead.id}:${lead.status}` : null));
    socket.serverEmit('connect');
    socket.serverEmit(serverEvents.lead, { lead: { id: 'l1', status: 'new' } as Lead });
    socket.serverEmit(serverEvents.lead, { lead: { id: 'l1', status: 'contacted' } as Lead });
    socket.serverEmit('disconnect');
    socket.serverEmit('connect');
    expect(heard).toEqual(['l1:new', 'l1:contacted', null]);
    stop();
    socket.serverEmit(serverEvents.lead, { lead: { id: 'l2', status: 'new' } as Lead });
    expect(heard).toHaveLength(3);
  });

  it('says the session ended when the server ends it or refuses to reconnect for that reason', async () => {
    start();
    const reasons: string[] = [];
    store.onSessionEnded((reason) => reasons.push(reason.code));

    socket.serverEmit(serverEvents.sessionEnded, { code: 'account_inactive', message: 'Deactivated' });
    const refused = Object.assign(new Error('refused'), { data: { code: 'session_expired', message: 'Expired' } });
    socket.serverEmit('connect_error', refused);
    socket.serverEmit('connect_error', new Error('xhr poll error')); // just offline: not an ending

    expect(reasons).toEqual(['account_inactive', 'session_expired']);
  });

  it('stops listening to the socket when closed', async () => {
    start();
    await settle();
    store.close();
    expect(socket.listenerCount(serverEvents.message)).toBe(0);
    expect(socket.connected).toBe(false);
  });
});

describe('DeskStore: reactions and who is viewing', () => {
  it('keeps an open thread’s reactions live, with `mine` ours only for what we did', async () => {
    const c = conversation('c1');
    rest.tabs.queued = [c];
    rest.histories.set('c1', [message('c1', 1, { reactions: [{ emoji: '👍', count: 1, mine: true }] })]);
    start();
    socket.serverEmit('connect');
    store.openThread('c1');
    await settle();
    const reactions = () => store.getSnapshot().threads.get('c1')?.messages[0]?.reactions;
    expect(reactions()).toEqual([{ emoji: '👍', count: 1, mine: true }]);

    // the guest adds a thumbs-up too and a heart: counts move, our `mine` stays ours
    const notice = (emoji: string, reacted: boolean, by: { type: string; id: string }, counts: unknown) => ({
      conversationId: 'c1',
      messageId: 'c1-m1',
      emoji,
      reacted,
      by,
      counts,
    });
    socket.serverEmit(
      serverEvents.reaction,
      notice('❤️', true, { type: 'guest', id: 'guest-c1' }, [
        { emoji: '👍', count: 1 },
        { emoji: '❤️', count: 1 },
      ]),
    );
    await settle();
    expect(reactions()).toEqual([
      { emoji: '👍', count: 1, mine: true },
      { emoji: '❤️', count: 1, mine: false },
    ]);
    // we take our thumbs-up back (from another tab): only then is it no longer ours
    socket.serverEmit(
      serverEvents.reaction,
      notice('👍', false, { type: 'staff', id: ME }, [{ emoji: '❤️', count: 1 }]),
    );
    await settle();
    expect(reactions()).toEqual([{ emoji: '❤️', count: 1, mine: false }]);
  });

  it('tells colleagues what it has open, repeats it, answers a newcomer at once, and shows who else views', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    try {
      start();
      socket.serverEmit('connect');
      store.setViewing('c1');
      const viewingSent = () => socket.emitted.filter((e) => e.event === clientEvents.viewing).map((e) => e.payload);
      expect(viewingSent()).toEqual([{ conversationId: 'c1', viewing: true }]);
      vi.advanceTimersByTime(20_000);
      expect(viewingSent()).toHaveLength(2);

      socket.serverEmit(serverEvents.viewing, {
        conversationId: 'c1',
        viewing: true,
        from: { id: COLLEAGUE, name: 'Maria' },
      });
      await settle();
      expect(store.getSnapshot().viewing.get('c1')).toEqual([
        { key: `staff:${COLLEAGUE}`, type: 'staff', name: 'Maria' },
      ]);
      expect(viewingSent(), 'a newcomer hears from us at once').toHaveLength(3);
      // her repeat is no newcomer's: no answer
      socket.serverEmit(serverEvents.viewing, {
        conversationId: 'c1',
        viewing: true,
        from: { id: COLLEAGUE, name: 'Maria' },
      });
      expect(viewingSent()).toHaveLength(3);

      store.setViewing(null);
      expect(viewingSent().at(-1)).toEqual({ conversationId: 'c1', viewing: false });
      socket.serverEmit(serverEvents.viewing, {
        conversationId: 'c1',
        viewing: false,
        from: { id: COLLEAGUE, name: 'Maria' },
      });
      await settle();
      expect(store.getSnapshot().viewing.get('c1')).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });

  it('filtered by a tag, lists and counts only the requests carrying it, live as tags come and go', async () => {
    const wifi = { id: 'tag-wifi', name: 'Wi-Fi', color: '#1c7ed6' };
    const tagged = conversation('c1', { tags: [wifi] });
    const plain = conversation('c2');
    rest.tabs.queued = [tagged, plain];
    rest.counts = { queued: 2, open: 0, mine: 0, resolved: 0 };
    start();
    await settle();
    expect(store.list(store.getSnapshot(), 'queued').map((c) => c.id)).toEqual(['c1', 'c2']);

    store.setTagFilter(wifi.id);
    await settle();
    expect(rest.requests.some((r) => r.includes('tag=tag-wifi'))).toBe(true);
    expect(store.list(store.getSnapshot(), 'queued').map((c) => c.id)).toEqual(['c1']);
    expect(store.getSnapshot().counts?.queued).toBe(1);

    // a colleague tags the other request: it joins the filtered list and its count
    socket.serverEmit(serverEvents.conversation, { ...plain, tags: [wifi] });
    await settle();
    expect(store.list(store.getSnapshot(), 'queued').map((c) => c.id)).toEqual(['c1', 'c2']);
    expect(store.getSnapshot().counts?.queued).toBe(2);
    // and the first loses the tag: it leaves
    socket.serverEmit(serverEvents.conversation, { ...tagged, tags: [] });
    await settle();
    expect(store.list(store.getSnapshot(), 'queued').map((c) => c.id)).toEqual(['c2']);
    expect(store.getSnapshot().counts?.queued).toBe(1);

    store.setTagFilter(null);
    await settle();
    expect(store.list(store.getSnapshot(), 'queued')).toHaveLength(2);
    expect(store.getSnapshot().counts?.queued).toBe(2);
  });
});
