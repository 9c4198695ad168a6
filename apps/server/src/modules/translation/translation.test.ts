import { randomUUID } from 'node:crypto';
import { clientEvents, type DomainEvent, type DomainEventOf, serverEvents } from '@frontdesk/protocol';

import { and, eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signIn, signInWithToken, type TestOrg } from '../../../test/factories.js';
import {
  freshInstallation,
  startTestServer,
  type TestServer,
  uniqueSuffix,
  usingPostgres,
} from '../../../test/harness.js';
import { ask, connect, eventually, nextEvent, socketsClosedAfterEach } from '../../../test/sockets.js';
import { startTranslationServer } from '../../../test/translation-server.js';
import type { TranslationConfig } from '../../config.js';
import {
  customers,
  eventConsumers,
  messages,
  messageTranslations,
  parkedEvents,
  stayGuests,
  visitors,
} from '../../db/schema.js';
import { TranslationFailed, translatorFor } from './providers.js';
import { MessageTranslator } from './translate.js';

type MessageCreated = DomainEventOf<'message.created'>;
type Fake = Awaited<ReturnType<typeof startTranslationServer>>;
let fake: Fake;
let server: TestServer;
let off: TestServer;
let offInstallation: Awaited<ReturnType<typeof freshInstallation>> | undefined;

const configOf = (
  provider: TranslationConfig['provider'],
  extra: Partial<TranslationConfig> = {},
): TranslationConfig => ({
  provider,
  url: fake.url,
  apiKey: 'test-key',
  timeoutMs: 2_000,
  ...extra,
});

beforeAll(async () => {
  fake = await startTranslationServer();
  // the real node speaks DeepL's API to the fake; the adapters are each tested below
  server = await startTestServer({ translation: configOf('deepl') });
  // an installation of its own: on a shared PostgreSQL the other node's consumer would translate its messages
  offInstallation = usingPostgres ? await freshInstallation() : undefined;
  off = await startTestServer({}, offInstallation?.env ?? {});
});
afterAll(async () => {
  await server?.close();
  await off?.close();
  await offInstallation?.drop();
  await fake?.close();
});

const socketFor = socketsClosedAfterEach(() => server.url);

describe('translation providers', () => {
  it('DeepL: POST /v2/translate with the key in DeepL-Auth-Key, texts as a list, the target in upper case', async () => {
    const before = fake.requests.length;
    const answers = await translatorFor(configOf('deepl')).translate(
      ['Guten Tag', 'Two towels are on their way'],
      'pl',
    );
    expect(answers).toEqual([
      { text: 'Dzień dobry', detected: 'de' },
      { text: 'Dwa ręczniki są w drodze', detected: 'en' },
    ]);
    const [request] = fake.requests.slice(before);
    expect(fake.requests.length - before).toBe(1);
    expect(request).toMatchObject({ method: 'POST', path: '/v2/translate' });
    expect(request?.headers.authorization).toBe('DeepL-Auth-Key test-key');
    expect(request?.headers['content-type']).toBe('application/json');
    expect(request?.body).toEqual({ text: ['Guten Tag', 'Two towels are on their way'], target_lang: 'PL' });
    // English needs a variant at DeepL
    await translatorFor(configOf('deepl')).translate(['Guten Tag'], 'en');
    expect(fake.requests.at(-1)?.body.target_lang).toBe('EN-GB');
    // a wrong key is a failure, not a translation
    await expect(translatorFor(configOf('deepl', { apiKey: 'wrong' })).translate(['Guten Tag'], 'pl')).rejects.toThrow(
      /deepl answered 403/,
    );
  });

  it('Google: POST /language/translate/v2?key=… with q[], target and format=text', async () => {
    const before = fake.requests.length;
    const answers = await translatorFor(configOf('google')).translate(
      ['Guten Tag', 'Dzień dobry, nie ma ręczników'],
      'en',
    );
    expect(answers).toEqual([
      { text: 'Good day', detected: 'de' },
      { text: 'Good morning, there are no towels', detected: 'pl' },
    ]);
    const [request] = fake.requests.slice(before);
    expect(request).toMatchObject({ method: 'POST', path: '/language/translate/v2' });
    expect(request?.query.get('key')).toBe('test-key');
    expect(request?.body).toEqual({ q: ['Guten Tag', 'Dzień dobry, nie ma ręczników'], target: 'en', format: 'text' });
    await expect(translatorFor(configOf('google', { apiKey: 'wrong' })).translate(['Guten Tag'], 'en')).rejects.toThrow(
      TranslationFailed,
    );
  });

  it('LibreTranslate: POST /translate with q[], source auto, target, format text and the api_key', async () => {
    const before = fake.requests.length;
    const answers = await translatorFor(configOf('libretranslate')).translate(['Guten Tag'], 'pl');
    expect(answers).toEqual([{ text: 'Dzień dobry', detected: 'de' }]);
    const [request] = fake.requests.slice(before);
    expect(request).toMatchObject({ method: 'POST', path: '/translate' });
    expect(request?.body).toEqual({
      q: ['Guten Tag'],
      source: 'auto',
      target: 'pl',
      format: 'text',
      api_key: 'test-key',
    });
    // a server without keys is asked without one
    await translatorFor(configOf('libretranslate', { apiKey: undefined })).translate(['Guten Tag'], 'pl');
    expect(fake.requests.at(-1)?.body).not.toHaveProperty('api_key');
  });

  it('a provider that fails (500) or does not answer in time is a TranslationFailed, for every adapter', async () => {
    try {
      fake.setMode('fail');
      for (const provider of ['deepl', 'google', 'libretranslate'] as const)
        await expect(translatorFor(configOf(provider)).translate(['Guten Tag'], 'pl')).rejects.toThrow(/answered 500/);
      fake.setMode('hang');
      const started = Date.now();
      for (const provider of ['deepl', 'google', 'libretranslate'] as const)
        await expect(
          translatorFor(configOf(provider, { timeoutMs: 200 })).translate(['Guten Tag'], 'pl'),
        ).rejects.toThrow(/did not answer within 200 ms/);
      expect(Date.now() - started).toBeLessThan(5_000);
    } finally {
      fake.setMode('ok');
    }
    // nobody listening at all
    await expect(
      translatorFor(configOf('deepl', { url: 'http://127.0.0.1:9' })).translate(['Guten Tag'], 'pl'),
    ).rejects.toThrow(/unreachable/);
  });
});

/** A hotel whose desk works in English, a guest whose stay says Polish, and an agent on a socket. */
async function polishGuest(on: TestServer, org?: TestOrg) {
  const hotel = org ?? (await makeOrg(on));
  const guest = await makeGuest(on, hotel, { name: 'Jan Kowalski', room: `R${uniqueSuffix()}` });
  await on.ctx.db.update(stayGuests).set({ language: 'pl' }).where(eq(stayGuests.id, guest.guestId));
  const agent = await signInWithToken(on, await makeStaff(on, hotel, 'agent'));
  return { org: hotel, guest, agent };
}

const historyOf = async (api: { get(path: string): Promise<{ status: number; body: any }> }, path: string) => {
  const res = await api.get(path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.messages as { id: string; text: string; sender: { type: string }; translation?: unknown }[];
};

/** The `message.created` event of a sent message, as the consumer is handed it. */
function createdEvent(
  message: { id: string; conversationId: string; seq: number; sender: MessageCreated['data']['sender'] },
  text: string,
): DomainEvent {
  return {
    id: randomUUID(),
    type: 'message.created',
    version: 1,
    orgId: null,
    stream: `conversation:${message.conversationId}`,
    occurredAt: new Date().toISOString(),
    data: {
      conversationId: message.conversationId,
      messageId: message.id,
      seq: message.seq,
      sender: message.sender,
      text,
      event: null,
    },
  } satisfies MessageCreated;
}

describe('translation between a guest and the desk', () => {
  it('a guest in Polish and staff in English each read the other translated, with the original kept', async () => {
    const { guest, agent } = await polishGuest(server);
    const guestSocket = await socketFor({ token: guest.token });
    const staffSocket = await socketFor({ token: agent.token });

    const staffHears = nextEvent(staffSocket, serverEvents.translation, 10_000);
    const sent = await ask(guestSocket, clientEvents.send, {
      text: 'Dzień dobry, nie ma ręczników',
      clientId: `t-${uniqueSuffix()}`,
    });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    const conversationId = sent.data.conversation.id as string;
    // the send is answered with the original: translation never holds it up
    expect(sent.data.message.text).toBe('Dzień dobry, nie ma ręczników');
    expect(sent.data.message).not.toHaveProperty('translation');
    expect(await staffHears).toEqual({
      conversationId,
      messageId: sent.data.message.id,
      translation: { language: 'en', status: 'translated', text: 'Good morning, there are no towels' },
    });

    const guestHears = nextEvent(guestSocket, serverEvents.translation, 10_000);
    const reply = await ask(staffSocket, clientEvents.send, {
      conversationId,
      text: 'Two towels are on their way',
      clientId: `t-${uniqueSuffix()}`,
    });
    expect(reply.ok, JSON.stringify(reply)).toBe(true);
    expect(await guestHears).toMatchObject({
      messageId: reply.data.message.id,
      translation: { language: 'pl', status: 'translated', text: 'Dwa ręczniki są w drodze' },
    });

    // history: the desk sees both translations beside both originals
    const desk = await historyOf(agent, `/api/v1/conversations/${conversationId}/messages`);
    const people = desk.filter((m) => m.sender.type !== 'system');
    expect(people.map((m) => [m.text, m.translation])).toEqual([
      [
        'Dzień dobry, nie ma ręczników',
        { language: 'en', status: 'translated', text: 'Good morning, there are no towels' },
      ],
      ['Two towels are on their way', { language: 'pl', status: 'translated', text: 'Dwa ręczniki są w drodze' }],
    ]);
    // the guest sees the desk's reply in Polish, and their own words as they wrote them
    const guestApi = new ApiClient(server.url);
    guestApi.token = guest.token;
    const own = await historyOf(guestApi, `/api/v1/guest/conversations/${conversationId}/messages`);
    expect(own.filter((m) => m.sender.type !== 'system').map((m) => [m.text, m.translation])).toEqual([
      ['Dzień dobry, nie ma ręczników', undefined],
      ['Two towels are on their way', { language: 'pl', status: 'translated', text: 'Dwa ręczniki są w drodze' }],
    ]);
    // sync (the socket's catch-up) carries them too
    const synced = await ask(staffSocket, clientEvents.sync, { since: { [conversationId]: 0 } });
    expect(synced.ok, JSON.stringify(synced)).toBe(true);
    expect(
      (synced.data.messages as { id: string; translation?: { text: string } }[]).find(
        (m) => m.id === sent.data.message.id,
      )?.translation?.text,
    ).toBe('Good morning, there are no towels');
    // what is stored (and searched) is the original
    const [stored] = await server.ctx.db.select().from(messages).where(eq(messages.id, sent.data.message.id));
    expect(stored?.body).toBe('Dzień dobry, nie ma ręczników');
  });

  it('translates each message once: a redelivered event is answered from the cache, with no provider call', async () => {
    const { guest, agent } = await polishGuest(server);
    const guestSocket = await socketFor({ token: guest.token });
    const staffSocket = await socketFor({ token: agent.token });
    const heard = nextEvent(staffSocket, serverEvents.translation, 10_000);
    const text = `Guten Tag ${uniqueSuffix()}`;
    const sent = await ask(guestSocket, clientEvents.send, { text, clientId: `t-${uniqueSuffix()}` });
    await heard;
    expect(fake.asking(text)).toHaveLength(1);

    // the consumer handed the same event again (at least once delivery), by this or another node
    const announced: unknown[] = [];
    const again = new MessageTranslator(server.ctx.db, translatorFor(configOf('deepl')), (e) => announced.push(e));
    const event = createdEvent(sent.data.message, text);
    await again.handle([event, event]);
    expect(fake.asking(text)).toHaveLength(1);
    expect(announced).toEqual([]);
    const rows = await server.ctx.db
      .select()
      .from(messageTranslations)
      .where(eq(messageTranslations.messageId, sent.data.message.id));
    expect(rows).toHaveLength(1);
  });

  it('translates nothing when both sides read one language, and shows nothing when the provider finds the text already in the target language', async () => {
    const org = await makeOrg(server);
    const guest = await makeGuest(server, org, { room: `R${uniqueSuffix()}` });
    const guestSocket = await socketFor({ token: guest.token });
    const text = `Hello there ${uniqueSuffix()}`;
    const sent = await ask(guestSocket, clientEvents.send, { text, clientId: `t-${uniqueSuffix()}` });
    expect(sent.ok).toBe(true);
    // a Polish guest who writes in English to an English desk: DeepL says it is English already
    const { guest: pole, agent } = await polishGuest(server);
    const poleSocket = await socketFor({ token: pole.token });
    const english = await ask(poleSocket, clientEvents.send, {
      text: 'Two towels are on their way',
      clientId: `t-${uniqueSuffix()}`,
    });
    await eventually(async () => {
      const rows = await server.ctx.db
        .select()
        .from(messageTranslations)
        .where(eq(messageTranslations.messageId, english.data.message.id));
      return rows[0]?.status === 'same';
    });
    expect(fake.asking(text)).toEqual([]);
    const desk = await historyOf(agent, `/api/v1/conversations/${english.data.conversation.id}/messages`);
    expect(desk.find((m) => m.id === english.data.message.id)).not.toHaveProperty('translation');
  });

  it('never translates or sends internal notes: they are not messages, and the guest hears nothing of them', async () => {
    const { guest, agent } = await polishGuest(server);
    const guestSocket = await socketFor({ token: guest.token });
    const heard: unknown[] = [];
    guestSocket.on(serverEvents.translation, (n) => heard.push(n));
    const sent = await ask(guestSocket, clientEvents.send, {
      text: 'Dzień dobry, nie ma ręczników',
      clientId: `t-${uniqueSuffix()}`,
    });
    const conversationId = sent.data.conversation.id as string;
    const secret = `Guest seems upset ${uniqueSuffix()}`;
    const note = await agent.post(`/api/v1/conversations/${conversationId}/notes`, {
      clientId: `n-${uniqueSuffix()}`,
      text: secret,
    });
    expect(note.status, JSON.stringify(note.body)).toBe(201);
    // a later message is translated, so the consumer has passed the note's moment
    const staffSocket = await socketFor({ token: agent.token });
    const guestHears = nextEvent(guestSocket, serverEvents.translation, 10_000);
    await ask(staffSocket, clientEvents.send, { conversationId, text: 'Guten Tag', clientId: `t-${uniqueSuffix()}` });
    await guestHears;
    expect(fake.asking(secret)).toEqual([]);
    expect(JSON.stringify(heard)).not.toContain(secret);
    // the guest is never told the desk's reading of their own message either
    expect(heard).toHaveLength(1);
  });

  it('is off without a provider: no provider call, no translation in history', async () => {
    const { guest, agent } = await polishGuest(off);
    const guestSocket = await connect(off.url, { token: guest.token });
    const sent = await ask(guestSocket, clientEvents.send, {
      text: 'Dzień dobry, nie ma ręczników',
      clientId: `t-${uniqueSuffix()}`,
    }).finally(() => guestSocket.close());
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    const conversationId = sent.data.conversation.id as string;
    const before = fake.requests.length;
    await new Promise((r) => setTimeout(r, 300));
    const desk = await historyOf(agent, `/api/v1/conversations/${conversationId}/messages`);
    expect(desk.every((m) => m.translation === undefined)).toBe(true);
    expect(fake.requests.length).toBe(before);
    expect(off.ctx.config.translation).toBeUndefined();
  });

  it('translates a burst of several guests’ messages into the desk’s language in one provider call', async () => {
    // messages stored on the node without a provider, translated here as the consumer would
    const events: DomainEvent[] = [];
    const org = await makeOrg(off);
    for (const [i, language] of ['pl', 'pl', 'de'].entries()) {
      const { guest } = await polishGuest(off, org);
      await off.ctx.db.update(stayGuests).set({ language }).where(eq(stayGuests.id, guest.guestId));
      const socket = await connect(off.url, { token: guest.token });
      const text = `Guten Tag ${i} ${uniqueSuffix()}`;
      const sent = await ask(socket, clientEvents.send, { text, clientId: `t-${uniqueSuffix()}` }).finally(() =>
        socket.close(),
      );
      events.push(createdEvent(sent.data.message, text));
    }
    const before = fake.requests.length;
    const announced: unknown[] = [];
    await new MessageTranslator(off.ctx.db, translatorFor(configOf('deepl')), (e) => announced.push(e)).handle(events);
    // all three guests wrote to an English desk: one call into English, with the three texts
    const calls = fake.requests.slice(before);
    expect(calls).toHaveLength(1);
    expect(calls[0]?.body).toMatchObject({ target_lang: 'EN-GB' });
    expect(calls[0]?.body.text).toHaveLength(3);
    expect(announced).toHaveLength(3);
  });

  it('a verified customer reads in their record’s language; an anonymous visitor’s language is unknown, so nothing is translated', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    await admin.patch('/api/v1/organization', { publicEntryEnabled: true });
    const visit = async () => {
      const entry = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/visit`, {
        name: 'Hans Müller',
        topic: 'Eine Frage',
      });
      expect(entry.status, JSON.stringify(entry.body)).toBe(200);
      return { token: entry.body.token as string, visitorId: entry.body.session.guest.id as string };
    };
    const customer = await visit();
    const [record] = await server.ctx.db
      .insert(customers)
      .values({ orgId: org.id, name: 'Hans Müller', language: 'de' })
      .returning({ id: customers.id });
    await server.ctx.db.update(visitors).set({ customerId: record?.id }).where(eq(visitors.id, customer.visitorId));
    const anonymous = await visit();

    const staffSocket = await socketFor({
      token: (await signInWithToken(server, await makeStaff(server, org, 'agent'))).token,
    });
    const heard = nextEvent(staffSocket, serverEvents.translation, 10_000);
    const own = await socketFor({ token: customer.token });
    const sent = await ask(own, clientEvents.send, { text: 'Guten Tag', clientId: `t-${uniqueSuffix()}` });
    expect(sent.ok, JSON.stringify(sent)).toBe(true);
    expect(await heard).toMatchObject({
      messageId: sent.data.message.id,
      translation: { language: 'en', text: 'Good day' },
    });

    const text = `Guten Abend ${uniqueSuffix()}`;
    const stranger = await socketFor({ token: anonymous.token });
    const unknown = await ask(stranger, clientEvents.send, { text, clientId: `t-${uniqueSuffix()}` });
    expect(unknown.ok).toBe(true);
    // the customer's next message is translated after it: the consumer has passed the visitor's
    const next = nextEvent(staffSocket, serverEvents.translation, 10_000);
    await ask(own, clientEvents.send, {
      conversationId: sent.data.conversation.id,
      text: 'Guten Tag!',
      clientId: `t-${uniqueSuffix()}`,
    });
    await next;
    expect(fake.asking(text)).toEqual([]);
  });

  // last: a failure pauses this node's provider calls for a while
  it('a failing provider never blocks or loses a message: it is delivered, shown untranslated and marked, and nothing is parked', async () => {
    const { guest, agent } = await polishGuest(server);
    const guestSocket = await socketFor({ token: guest.token });
    const staffSocket = await socketFor({ token: agent.token });
    fake.setMode('fail');
    try {
      const delivered = nextEvent(staffSocket, serverEvents.message, 10_000);
      const marked = nextEvent(staffSocket, serverEvents.translation, 10_000);
      const texts = ['Dzień dobry, nie ma ręczników', `Proszę o ręczniki ${uniqueSuffix()}`];
      const first = await ask(guestSocket, clientEvents.send, { text: texts[0], clientId: `t-${uniqueSuffix()}` });
      expect(first.ok, JSON.stringify(first)).toBe(true);
      expect((await delivered).message.text).toBe(texts[0]);
      expect(await marked).toMatchObject({
        messageId: first.data.message.id,
        translation: { language: 'en', status: 'failed', text: null },
      });
      const conversationId = first.data.conversation.id as string;
      const second = await ask(guestSocket, clientEvents.send, {
        conversationId,
        text: texts[1],
        clientId: `t-${uniqueSuffix()}`,
      });
      expect(second.ok).toBe(true);
      await eventually(async () => {
        const rows = await server.ctx.db
          .select()
          .from(messageTranslations)
          .where(inArray(messageTranslations.messageId, [first.data.message.id, second.data.message.id]));
        return rows.length === 2 && rows.every((r) => r.status === 'failed');
      });
      const desk = await historyOf(agent, `/api/v1/conversations/${conversationId}/messages`);
      expect(desk.filter((m) => m.sender.type === 'guest').map((m) => [m.text, m.translation])).toEqual([
        [texts[0], { language: 'en', status: 'failed', text: null }],
        [texts[1], { language: 'en', status: 'failed', text: null }],
      ]);
      // the consumer went on: nothing parked, no retry pending
      const parked = await server.ctx.db
        .select()
        .from(parkedEvents)
        .where(
          and(eq(parkedEvents.consumer, 'translation'), eq(parkedEvents.stream, `conversation:${conversationId}`)),
        );
      expect(parked).toEqual([]);
      const [consumer] = await server.ctx.db
        .select()
        .from(eventConsumers)
        .where(eq(eventConsumers.name, 'translation'));
      expect(consumer?.attempts).toBe(0);
    } finally {
      fake.setMode('ok');
    }
  });
});
