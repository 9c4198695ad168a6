import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeGuest, makeOrg, makeStaff } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { conversations, conversationTags, tags } from '../../db/schema.js';
import { noRequest, serviceContext } from '../../platform/service-context.js';
import { staffActorOf } from '../auth/index.js';
import { resolveGuestSession } from '../guest/index.js';
import { sendAsGuestInTransaction, sendAsStaffInTransaction } from './send.js';

/**
 * The full transaction answers with the view of the row it locked, the conversation row swapped for
 * the one the append left, unless the send changed what else the view shows: then it loads it again.
 */

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const longAgo = () => new Date(Date.now() - 3 * 24 * 3600_000);

describe("the full transaction's ack", () => {
  it('names the agent who took a queued request by answering it', async () => {
    const org = await makeOrg(server);
    const agent = await makeStaff(server, org, 'agent', { name: 'Anna' });
    const guest = await makeGuest(server, org);
    const [queued] = await server.ctx.db
      .insert(conversations)
      .values({ orgId: org.id, stayId: guest.stayId, guestId: guest.guestId, status: 'queued' })
      .returning();
    const actor = await staffActorOf(server.ctx.db, agent.id, 'send-view');
    if (!queued || !actor) throw new Error('no request or agent');
    const sent = await sendAsStaffInTransaction(serviceContext(server.ctx, actor, noRequest), {
      conversationId: queued.id,
      clientId: `view-${uniqueSuffix()}`,
      text: 'On my way',
    });
    expect(sent.view).toMatchObject({ assigneeName: 'Anna', c: { status: 'open', assigneeId: agent.id } });
  });

  it("shows a guest's new request, not the old one it locked, with none of the old one's tags", async () => {
    const org = await makeOrg(server);
    const guest = await makeGuest(server, org);
    const [old] = await server.ctx.db
      .insert(conversations)
      .values({
        orgId: org.id,
        stayId: guest.stayId,
        guestId: guest.guestId,
        status: 'resolved',
        resolvedAt: longAgo(),
        lastMessageAt: longAgo(),
      })
      .returning();
    const [tag] = await server.ctx.db.insert(tags).values({ orgId: org.id, name: 'Spa', color: 'teal' }).returning();
    if (!old || !tag) throw new Error('no request or tag');
    await server.ctx.db.insert(conversationTags).values({ orgId: org.id, conversationId: old.id, tagId: tag.id });
    const actor = await resolveGuestSession(server.ctx.db, guest.token);
    if (!actor) throw new Error('no guest');
    const sent = await sendAsGuestInTransaction(serviceContext(server.ctx, actor, noRequest), {
      clientId: `view-${uniqueSuffix()}`,
      text: 'Is the spa open today?',
    });
    expect(sent.conversationId).not.toBe(old.id);
    expect(sent.view).toMatchObject({ c: { id: sent.conversationId, status: 'queued' }, tags: [] });
  });
});
