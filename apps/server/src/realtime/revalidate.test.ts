import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { eq, inArray } from 'drizzle-orm';
import type { Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrg, makeStaff, makeStay, signInWithToken } from '../../test/factories.js';
import { startTestServer, type TestServer } from '../../test/harness.js';
import { ask, connect, until } from '../../test/sockets.js';
import { guestSessions, sessions, stayGuests, stays } from '../db/schema.js';
import { tokenId } from '../modules/auth/index.js';
import { createGuestSession } from '../modules/guest/index.js';

let server: TestServer;
const open: Socket[] = [];
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  for (const s of open) s.close();
  await server?.close();
});

/** A socket that remembers how the server ended its session, if it did. */
async function watched(token: string) {
  const ended: { code: string; message: string }[] = [];
  const socket = await connect(
    server.url,
    { token },
    { listen: { [serverEvents.sessionEnded]: (e) => ended.push(e) } },
  );
  const gone: string[] = [];
  socket.on('disconnect', (reason) => gone.push(reason));
  open.push(socket);
  return { socket, ended, token, gone };
}

describe('revalidating live sockets (the gateway does it every minute)', () => {
  it('drops sockets whose session or stay is over, in batches, and leaves the rest connected', async () => {
    const org = await makeOrg(server);
    const { db } = server.ctx;
    // more guests than one batch of the check holds, so the second batch is exercised too
    const guests = await Promise.all(
      Array.from({ length: 510 }, async (_, i) => {
        const { stay, guest } = await makeStay(server, org, { guestName: `Guest ${i}` });
        const { token } = await createGuestSession(db, { orgId: org.id, guestId: guest.id });
        return { stay, token };
      }),
    );
    const sockets = await Promise.all(guests.map((g) => watched(g.token)));
    const keptAgent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const revokedAgent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    const kept = await watched(keptAgent.token ?? '');
    const revoked = await watched(revokedAgent.token ?? '');

    const expired = sockets[3];
    const longGone = sockets[7];
    const justLeft = sockets[11];
    const lastBatch = sockets[505];
    await db
      .update(guestSessions)
      .set({ expiresAt: new Date(Date.now() - 1000) })
      .where(inArray(guestSessions.id, [tokenId(expired?.token ?? ''), tokenId(lastBatch?.token ?? '')]));
    // ended by the clock, without the event that cuts sockets off at once (as if this node missed
    // it): 48 h ago (past the 24 h grace period) and an hour ago (read-only for the rest of it).
    // Marked ended, so the periodic job that ends due stays (on any node of the shared database)
    // does not end them again and tell their guests first.
    const longAgo = new Date(Date.now() - 48 * 3600_000);
    const anHourAgo = new Date(Date.now() - 3600_000);
    await db
      .update(stays)
      .set({ checkOutAt: longAgo, endedAt: longAgo })
      .where(eq(stays.id, guests[7]?.stay.id ?? ''));
    await db
      .update(stays)
      .set({ checkOutAt: anHourAgo, endedAt: anHourAgo })
      .where(eq(stays.id, guests[11]?.stay.id ?? ''));
    await db.delete(sessions).where(eq(sessions.id, tokenId(revokedAgent.token ?? '')));
    // the guest who left long ago reads Polish: they are told in it
    await db
      .update(stayGuests)
      .set({ language: 'pl' })
      .where(eq(stayGuests.stayId, guests[7]?.stay.id ?? ''));

    await server.gateway.revalidate();

    const dropped = [expired, longGone, lastBatch];
    await until(() => dropped.every((d) => d && !d.socket.connected) && !revoked.socket.connected);
    for (const d of dropped) expect(d?.ended).toEqual([expect.objectContaining({ code: 'stay_ended' })]);
    expect(longGone?.ended[0]).toMatchObject({ message: 'Twój dostęp wygasł. Poproś recepcję o nowy kod.' });
    expect(expired?.ended[0]).toMatchObject({ message: 'Your access has ended. Please ask reception for a new code.' });
    expect(revoked.ended).toEqual([expect.objectContaining({ code: 'session_expired' })]);
    const stillThere = sockets.filter((s) => !dropped.includes(s));
    const lost = stillThere.filter((s) => !s.socket.connected || s.ended.length > 0);
    expect(lost.map((s) => ({ guest: sockets.indexOf(s), ended: s.ended, gone: s.gone }))).toEqual([]);
    expect(kept.socket.connected).toBe(true);

    // the guest whose stay ended an hour ago stays connected, read-only: sending is refused
    const refused = await ask(justLeft?.socket as Socket, clientEvents.send, {
      text: 'One more thing',
      clientId: 'revalidate-0001',
    });
    expect(refused).toMatchObject({ ok: false, error: { code: 'stay_read_only' } });
    const fine = await ask(sockets[0]?.socket as Socket, clientEvents.send, {
      text: 'Still here',
      clientId: 'revalidate-0002',
    });
    expect(fine.ok).toBe(true);
  });
});
