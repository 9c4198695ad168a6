import { type Ack, type Conversation, clientEvents, type Message, serverEvents } from '@frontdesk/protocol';
import type { Socket } from 'socket.io-client';
import { describe, expect, it } from 'vitest';
import { ChatClient } from './chat-client.js';

interface Request {
  event: string;
  payload: { since: Record<string, number> };
  answer: (ack: Ack<unknown>) => void;
}

/** Just what ChatClient uses of a socket.io-client Socket; the test plays the server's part. */
class FakeSocket {
  connected = true;
  readonly requests: Request[] = [];
  private readonly handlers = new Map<string, ((payload: unknown) => void)[]>();

  on(event: string, handler: (payload: unknown) => void): this {
    this.handlers.set(event, [...(this.handlers.get(event) ?? []), handler]);
    return this;
  }

  timeout() {
    return {
      emitWithAck: (event: string, payload: Request['payload']) =>
        new Promise<Ack<unknown>>((answer) => this.requests.push({ event, payload, answer })),
    };
  }

  /** A live event from the server. */
  deliver(event: string, payload: unknown): void {
    for (const handler of this.handlers.get(event) ?? []) handler(payload);
  }

  /** The oldest sync request not answered yet. */
  nextSync(): Request {
    const request = this.requests.shift();
    if (!request || request.event !== clientEvents.sync) throw new Error(`expected a sync, got ${request?.event}`);
    return request;
  }
}

const conversationId = '00000000-0000-4000-8000-000000000001';
const conversation = { id: conversationId } as Conversation;
const message = (seq: number) =>
  ({ id: `m${seq}`, conversationId, seq, clientId: null, text: `#${seq}` }) as unknown as Message;
const seqs = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => message(from + i));

/** Lets the client's promise callbacks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

function start() {
  const socket = new FakeSocket();
  const client = new ChatClient(socket as unknown as Socket, { newClientId: () => 'client-id-0001' });
  return { socket, client };
}

describe('ChatClient catching up', () => {
  it('follows the server’s hasMore until it holds everything', async () => {
    const { socket, client } = start();
    const first = socket.nextSync();
    expect(first.payload.since).toEqual({});
    first.answer({ ok: true, data: { conversations: [conversation], messages: seqs(1, 3), hasMore: true } });
    await settle();
    const second = socket.nextSync();
    expect(second.payload.since).toEqual({ [conversationId]: 3 });
    second.answer({ ok: true, data: { conversations: [conversation], messages: seqs(4, 5), hasMore: false } });
    await client.resync();
    expect(client.messages(conversationId).map((m) => m.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(socket.requests).toHaveLength(0);
  });

  it('ends up with a message that arrived with a gap while a resync was in flight', async () => {
    const { socket, client } = start();
    socket
      .nextSync()
      .answer({ ok: true, data: { conversations: [conversation], messages: seqs(1, 1), hasMore: false } });
    await settle();

    // reconnect: the server answers as of before seq 2 and 3 were written
    socket.deliver('connect', undefined);
    const inFlight = socket.nextSync();
    expect(inFlight.payload.since).toEqual({ [conversationId]: 1 });
    socket.deliver(serverEvents.message, { message: message(3), conversation });
    inFlight.answer({ ok: true, data: { conversations: [conversation], messages: seqs(2, 2), hasMore: false } });
    await settle();

    const again = socket.nextSync();
    expect(again.payload.since).toEqual({ [conversationId]: 2 });
    again.answer({ ok: true, data: { conversations: [conversation], messages: seqs(3, 3), hasMore: false } });
    await client.resync();
    expect(client.messages(conversationId).map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('orders live messages by seq when they arrive out of order, each once', async () => {
    const { socket, client } = start();
    socket
      .nextSync()
      .answer({ ok: true, data: { conversations: [conversation], messages: seqs(1, 1), hasMore: false } });
    await settle();
    const seen: number[] = [];
    client.onMessage((m) => seen.push(m.seq));

    // two senders within a millisecond: seq 3's event overtakes seq 2's
    socket.deliver(serverEvents.message, { message: message(3), conversation });
    socket.deliver(serverEvents.message, { message: message(2), conversation });
    socket
      .nextSync()
      .answer({ ok: true, data: { conversations: [conversation], messages: seqs(2, 3), hasMore: false } });
    await settle();
    while (socket.requests.length) {
      socket.nextSync().answer({ ok: true, data: { conversations: [conversation], messages: [], hasMore: false } });
      await settle();
    }
    expect(client.messages(conversationId).map((m) => m.seq)).toEqual([1, 2, 3]);
    expect(seen).toEqual([2, 3]);
  });

  it('drops a request merged into another, and reloads a thread whose numbering changed', async () => {
    const { socket, client } = start();
    const laterId = '00000000-0000-4000-8000-000000000002';
    const later = { id: laterId } as Conversation;
    const inLater = (seq: number) => ({ ...message(seq), id: `l${seq}`, conversationId: laterId }) as Message;
    socket.nextSync().answer({
      ok: true,
      data: { conversations: [conversation, later], messages: [...seqs(1, 2), inLater(1)], hasMore: false },
    });
    await settle();

    // merged: the later request's message is the earlier one's third now
    socket.deliver(serverEvents.conversation, { ...later, mergedInto: conversationId });
    expect(client.allConversations().map((c) => c.id)).toEqual([conversationId]);
    socket.deliver(serverEvents.message, { message: message(4), conversation });
    const merged = socket.nextSync();
    expect(merged.payload.since).toEqual({ [conversationId]: 2 });
    merged.answer({ ok: true, data: { conversations: [conversation], messages: seqs(3, 4), hasMore: false } });
    await settle();
    expect(client.messages(conversationId).map((m) => m.seq)).toEqual([1, 2, 3, 4]);

    // undone: a higher epoch — everything held is numbered the old way, so it loads from the start
    socket.deliver(serverEvents.conversation, { ...conversation, epoch: 1 });
    const reload = socket.nextSync();
    expect(reload.payload.since).toEqual({ [conversationId]: 0 });
    reload.answer({
      ok: true,
      data: { conversations: [{ ...conversation, epoch: 1 }], messages: seqs(1, 3), hasMore: false },
    });
    await settle();
    expect(client.messages(conversationId).map((m) => m.seq)).toEqual([1, 2, 3]);
  });
});
