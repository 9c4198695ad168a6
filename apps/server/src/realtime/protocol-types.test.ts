import { type AckData, clientEvents, type Message, serverEvents } from '@frontdesk/protocol';
import type { ChatClient, ChatSocket } from '@frontdesk/sdk';
import { describe, expectTypeOf, it } from 'vitest';
import type { RealtimeServer } from './types.js';

/**
 * Compile-time checks (`npm run lint` runs tsc over this file): the server, the web app and the SDK
 * share one event map, so a payload of the wrong shape does not compile. Each `@ts-expect-error`
 * fails the build if the line below it ever compiles. Nothing here runs against a server.
 */
declare const io: RealtimeServer;
declare const socket: ChatSocket;
declare const message: Message;
const id = '00000000-0000-4000-8000-000000000001';

function serverSide() {
  io.to('room').emit(serverEvents.typing, { conversationId: id, typing: true, from: { type: 'staff', id, name: 'A' } });
  // @ts-expect-error a sender type the protocol does not have
  io.to('room').emit(serverEvents.typing, { conversationId: id, typing: true, from: { type: 'bot', id, name: null } });
  // @ts-expect-error a message without the conversation it belongs to
  io.to('room').emit(serverEvents.message, { message });
  // @ts-expect-error presence never reports anyone offline: they are left out
  io.emit(serverEvents.presence, { statuses: { [id]: 'offline' } });
}

function clientSide() {
  socket.emit(clientEvents.read, { conversationId: id, seq: 3 });
  // @ts-expect-error seq is a number
  socket.emit(clientEvents.read, { conversationId: id, seq: '3' });
  // @ts-expect-error a send needs its client id
  socket.emit(clientEvents.send, { conversationId: id, text: 'hi' }, () => {});
  socket.on(serverEvents.conversation, (conversation) => expectTypeOf(conversation.lastSeq).toEqualTypeOf<number>());
  // @ts-expect-error a receipt carries receipts, not a conversation
  socket.on(serverEvents.receipt, (r: { conversation: { id: string } }) => r);
}

async function sdkSide(client: ChatClient) {
  expectTypeOf(await client.request(clientEvents.take, { conversationId: id })).toHaveProperty('status');
  // @ts-expect-error take names the conversation, nothing else
  await client.request(clientEvents.take, { id });
  // @ts-expect-error a rating is a number
  await client.request(clientEvents.rate, { conversationId: id, rating: 'five' });
}

describe('the realtime protocol types', () => {
  it('give each acknowledgement its data type', () => {
    expectTypeOf<AckData<typeof clientEvents.send>['duplicate']>().toEqualTypeOf<boolean>();
    expectTypeOf<AckData<typeof clientEvents.sync>['hasMore']>().toEqualTypeOf<boolean>();
    expectTypeOf<AckData<typeof clientEvents.read>>().toEqualTypeOf<null>();
    expectTypeOf(serverSide).toBeFunction();
    expectTypeOf(clientSide).toBeFunction();
    expectTypeOf(sdkSide).parameter(0).toEqualTypeOf<ChatClient>();
  });
});
