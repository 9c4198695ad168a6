import { clientEvents } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeStay, signIn, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { ask, eventually, socketsClosedAfterEach } from '../../../test/sockets.js';
import { conversations, domainEvents, users } from '../../db/schema.js';
import { systemContext } from '../../platform/service-context.js';
import { handOverAbsentStaff } from '../conversations/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

async function request(org: TestOrg): Promise<string> {
  const { guest } = await makeStay(server, org);
  const login = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
  const socket = await socketFor({ token: login.body.token });
  const ack = await ask(socket, clientEvents.send, {
    text: 'Hello',
    clientId: `shift-${Math.random().toString(36).slice(2)}`,
  });
  return ack.data.conversation.id as string;
}

const absentSince = async (userId: string) =>
  (await server.ctx.db.select({ at: users.absentSince }).from(users).where(eq(users.id, userId)))[0]?.at ?? null;
const statusOf = async (id: string) =>
  (await server.ctx.db.select().from(conversations).where(eq(conversations.id, id)))[0];
/** The job's work at `at`, with the default of 15 minutes (a moved clock: nothing waits). */
const runAt = (at: Date, minutes = 15) =>
  handOverAbsentStaff(systemContext(server.ctx, 'test'), server.ctx.availability, minutes, at);

describe('staff who go offline', () => {
  it('have their open requests handed back to their teams after STAFF_OFFLINE_HANDOVER_MINUTES, unless they came back', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const [gone, staying] = [
      await makeStaff(server, org, 'agent', { name: 'Gone Gina' }),
      await makeStaff(server, org, 'agent', { name: 'Staying Stan' }),
    ];
    const goneSocket = await socketFor({ token: (await signInWithToken(server, gone)).token });
    await socketFor({ token: (await signInWithToken(server, staying)).token });
    const [r1, r2, r3] = [await request(org), await request(org), await request(org)];
    const goneApi = await signIn(server, gone);
    for (const id of [r1, r2]) expect((await goneApi.post(`/api/v1/conversations/${id}/take`)).status).toBe(200);
    expect((await (await signIn(server, staying)).post(`/api/v1/conversations/${r3}/take`)).status).toBe(200);
    expect(await absentSince(gone.id)).toBeNull();

    goneSocket.close();
    await eventually(async () => (await absentSince(gone.id)) !== null);
    const left = (await absentSince(gone.id)) as Date;
    // handed to Gina after she left: meant for her return, it stays with her
    const r4 = await request(org);
    expect((await admin.post(`/api/v1/conversations/${r4}/assign`, { userId: gone.id })).status).toBe(200);
    // a stale mark on someone still connected changes nothing
    await server.ctx.db
      .update(users)
      .set({ absentSince: new Date(0) })
      .where(eq(users.id, staying.id));

    // (the job looks at every organization: other files' staff may be handed over too, so this
    // test looks at its own requests rather than the counts)
    const held = async () => (await Promise.all([r1, r2].map(statusOf))).map((c) => c?.assigneeId);
    await runAt(new Date(left.getTime() + 14 * 60_000));
    expect(await held()).toEqual([gone.id, gone.id]);
    expect(await runAt(new Date(left.getTime() + 16 * 60_000), 0)).toBe(0);
    expect(await held()).toEqual([gone.id, gone.id]);
    expect(await runAt(new Date(left.getTime() + 16 * 60_000))).toBeGreaterThanOrEqual(2);
    for (const id of [r1, r2]) expect(await statusOf(id)).toMatchObject({ status: 'queued', assigneeId: null });
    expect(await statusOf(r3)).toMatchObject({ status: 'open', assigneeId: staying.id });
    expect(await statusOf(r4)).toMatchObject({ status: 'open', assigneeId: gone.id });
    const events = await server.ctx.db
      .select({ data: domainEvents.data })
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'conversation.transferred'), eq(domainEvents.stream, `conversation:${r1}`)));
    expect(events.map((e) => e.data)).toEqual([
      expect.objectContaining({ reason: 'offline', fromUserId: gone.id, toUserId: null }),
    ]);
    await runAt(new Date(left.getTime() + 60 * 60_000));
    expect(await statusOf(r4)).toMatchObject({ status: 'open', assigneeId: gone.id });

    // coming back clears the mark
    await socketFor({ token: (await signInWithToken(server, gone)).token });
    await eventually(async () => (await absentSince(gone.id)) === null);
  });
});
