import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeConversation, makeOrg, makeStaff, makeStay, signIn, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditLog, stayGuests } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** A stay of `org` whose guest has these details, with one resolved request rated `rating`. */
async function pastStay(org: TestOrg, details: { email?: string; phone?: string }, rating: number, text: string) {
  const { stay, guest } = await makeStay(server, org);
  await server.ctx.db.update(stayGuests).set(details).where(eq(stayGuests.id, guest.id));
  const { conversation } = await makeConversation(server, guest, { status: 'resolved', rating, text });
  return { stay, guest, conversation };
}

describe('the guest beside the conversation', () => {
  it('shows the same person’s requests from earlier stays, by e-mail (any case) or else by phone', async () => {
    const org = await makeOrg(server);
    const desk = await signIn(server, await makeStaff(server, org, 'agent'));
    const before = await pastStay(org, { email: 'Anna.Nowak@example.test' }, 5, 'Towels please');
    const byPhone = await pastStay(org, { phone: '+48 600-100-200' }, 2, 'Noisy neighbours');
    await pastStay(org, { email: 'someone.else@example.test' }, 4, 'Not Anna');
    // the same e-mail at another organization is somebody else's guest
    await pastStay(await makeOrg(server), { email: 'anna.nowak@example.test' }, 1, 'Elsewhere');

    const now = await makeStay(server, org);
    await server.ctx.db
      .update(stayGuests)
      .set({ email: 'anna.nowak@EXAMPLE.test' })
      .where(eq(stayGuests.id, now.guest.id));
    const history = await desk.get(`/api/v1/stays/${now.stay.id}/guests/${now.guest.id}/history`);
    expect(history.status).toBe(200);
    expect(history.body).toMatchObject({ matchedBy: 'email', stays: 1 });
    expect(history.body.conversations).toEqual([
      expect.objectContaining({ id: before.conversation.id, rating: 5, preview: 'Towels please' }),
    ]);

    // no e-mail: the phone number, written another way
    await server.ctx.db
      .update(stayGuests)
      .set({ email: null, phone: '+48600100200' })
      .where(eq(stayGuests.id, now.guest.id));
    const viaPhone = await desk.get(`/api/v1/stays/${now.stay.id}/guests/${now.guest.id}/history`);
    expect(viaPhone.body.matchedBy).toBe('phone');
    expect(viaPhone.body.conversations.map((c: { id: string }) => c.id)).toEqual([byPhone.conversation.id]);

    // a guest of another stay named with this stay: not found
    const mixed = await desk.get(`/api/v1/stays/${now.stay.id}/guests/${before.guest.id}/history`);
    expect(mixed.status).toBe(404);
  });

  it('lets the desk correct a guest’s details, recording what changed, and nothing for no change', async () => {
    const org = await makeOrg(server);
    const desk = await signIn(server, await makeStaff(server, org, 'agent'));
    const { stay, guest } = await makeStay(server, org);
    const path = `/api/v1/stays/${stay.id}/guests/${guest.id}`;
    const changed = await desk.patch(path, { name: 'Anna Nowak', email: 'anna@example.test', vip: true });
    expect(changed.status, JSON.stringify(changed.body)).toBe(200);
    expect(changed.body.guests).toContainEqual(
      expect.objectContaining({ id: guest.id, name: 'Anna Nowak', email: 'anna@example.test', vip: true }),
    );
    const cleared = await desk.patch(path, { email: null });
    expect(cleared.body.guests).toContainEqual(expect.objectContaining({ id: guest.id, email: null }));
    const entries = async () =>
      server.ctx.db
        .select()
        .from(auditLog)
        .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'stay.guest_changed')));
    expect((await entries()).map((e) => e.details)).toEqual([
      expect.objectContaining({ guest: 'Anna Nowak', changed: 'name, email, vip' }),
      expect.objectContaining({ changed: 'email' }),
    ]);
    // the same values again change nothing
    expect((await desk.patch(path, { name: 'Anna Nowak', vip: true })).status).toBe(200);
    expect(await entries()).toHaveLength(2);

    const bad = await desk.patch(path, { email: 'not an e-mail' });
    expect(bad.status).toBe(400);
    const other = await signIn(server, await makeStaff(server, await makeOrg(server), 'admin'));
    expect((await other.patch(path, { name: 'Mallory' })).status).toBe(404);
    const [row] = await server.ctx.db.select().from(stayGuests).where(eq(stayGuests.id, guest.id));
    expect(row?.name).toBe('Anna Nowak');
  });
});
