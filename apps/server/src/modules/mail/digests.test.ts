import type { DomainEventOf } from '@frontdesk/protocol';
import { eq, inArray } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConversation, makeGuest, makeOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { eventually } from '../../../test/sockets.js';
import { emailDigests } from '../../db/schema.js';
import { noteNewMessages } from './digests.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

type Side = 'guest' | 'staff' | 'system';
const DELAY = 60_000;
// tomorrow: a digest already due would be taken by any server's digest job sharing the database
const start = Math.floor(Date.now() / 1000) * 1000 + 24 * 3600_000;

function events(orgId: string, conversationId: string, sides: Side[]): DomainEventOf<'message.created'>[] {
  return sides.map((side, i) => ({
    id: crypto.randomUUID(),
    type: 'message.created',
    version: 1,
    orgId,
    stream: `conversation:${conversationId}`,
    occurredAt: new Date(start + i * 1000).toISOString(),
    data: {
      conversationId,
      messageId: crypto.randomUUID(),
      seq: i + 2,
      sender: { type: side, id: null, name: null },
      text: `Message ${i + 2}`,
      event: side === 'system' ? 'resolved' : null,
    },
  })) as DomainEventOf<'message.created'>[];
}

async function digestsOf(conversationId: string) {
  const rows = await server.ctx.db.select().from(emailDigests).where(eq(emailDigests.conversationId, conversationId));
  return rows
    .map(({ audience, firstSeq, lastSeq, dueAt }) => ({ audience, firstSeq, lastSeq, dueAt: dueAt.toISOString() }))
    .sort((a, b) => a.audience.localeCompare(b.audience));
}

/**
 * Conversations of one guest whose first message (seq 1, in the real log) the running mail
 * consumer has already noted — then forgotten, so only this test's events shape their digests.
 */
async function quietConversations(count: number): Promise<{ orgId: string; ids: string[] }> {
  const org = await makeOrg(server);
  const guest = await makeGuest(server, org);
  const asGuest = { id: guest.guestId, orgId: org.id, stayId: guest.stayId, name: 'Guest' };
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await makeConversation(server, asGuest)).conversation.id);
  const noted = async () =>
    (await server.ctx.db.select().from(emailDigests).where(inArray(emailDigests.conversationId, ids))).length === count;
  await eventually(noted);
  await server.ctx.db.delete(emailDigests).where(inArray(emailDigests.conversationId, ids));
  return { orgId: org.id, ids };
}

describe('noting new messages for the e-mail digests', () => {
  // each history is split into batches as a consumer might get it; the digests must come out the
  // same as taking every message on its own
  const histories: { name: string; sides: Side[]; batches: number[] }[] = [
    { name: 'one side only', sides: ['guest', 'guest', 'guest'], batches: [3] },
    { name: 'a reply in the middle', sides: ['guest', 'guest', 'staff', 'guest', 'guest'], batches: [5] },
    { name: 'back and forth', sides: ['guest', 'staff', 'guest', 'staff'], batches: [4] },
    { name: 'across batches', sides: ['guest', 'guest', 'staff', 'staff', 'guest', 'staff'], batches: [2, 3, 1] },
    { name: 'system messages change nothing', sides: ['guest', 'system', 'guest', 'system'], batches: [4] },
    { name: 'the reply ends the batch', sides: ['staff', 'guest', 'guest', 'staff'], batches: [1, 3] },
  ];

  for (const { name, sides, batches } of histories) {
    it(`comes to the same in batches as one by one: ${name}`, async () => {
      const {
        orgId,
        ids: [single = '', batched = ''],
      } = await quietConversations(2);

      for (const event of events(orgId, single, sides)) await noteNewMessages(server.ctx.db, DELAY, [event]);
      const all = events(orgId, batched, sides);
      let at = 0;
      for (const size of batches) {
        await noteNewMessages(server.ctx.db, DELAY, all.slice(at, at + size));
        at += size;
      }

      const expected = await digestsOf(single);
      expect(await digestsOf(batched)).toEqual(expected);
      // and the one-by-one result is what a reader expects: the last side's burst waits for the other
      const last = sides.filter((s) => s !== 'system').at(-1);
      expect(expected.map((d) => d.audience)).toEqual([last === 'staff' ? 'guest' : 'staff']);
    });
  }

  it('opens a burst at its first message and moves only its end', async () => {
    const {
      orgId,
      ids: [id = ''],
    } = await quietConversations(1);
    await noteNewMessages(server.ctx.db, DELAY, events(orgId, id, ['staff', 'guest', 'guest', 'guest']));
    expect(await digestsOf(id)).toEqual([
      { audience: 'staff', firstSeq: 3, lastSeq: 5, dueAt: new Date(start + 1000 + DELAY).toISOString() },
    ]);
  });
});
