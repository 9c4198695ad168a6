import type { CurrentUser, RatedConversationsPage } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeConversation, makeOrg, makeStaff, makeStay, signInWithToken } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { conversations, teamMembers, teams } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const page = async (api: ApiClient, query: string) => {
  const res = await api.get(`/api/v1/reports/ratings?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body as RatedConversationsPage;
};

describe('rated requests (the ratings report)', () => {
  it('lists the ratings of local days, newest first, a page at a time, per team and per agent, to admins, a duty manager for their team and keys with reports:read', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server); // Europe/Warsaw: UTC+1 in January
    const adminUser = await makeStaff(server, org, 'admin');
    const admin = await signInWithToken(server, adminUser);
    const a = await makeStaff(server, org, 'agent');
    const b = await makeStaff(server, org, 'agent');
    const [reception, spa] = await db
      .insert(teams)
      .values([
        { orgId: org.id, name: `Reception ${uniqueSuffix()}` },
        { orgId: org.id, name: `Spa ${uniqueSuffix()}`, dutyManagerId: b.id },
      ])
      .returning();
    if (!reception || !spa) throw new Error('no teams');
    await db.insert(teamMembers).values({ orgId: org.id, teamId: spa.id, userId: b.id });

    /** A resolved request of a new stay, rated at `at` (UTC) with `rating` and `comment`. */
    const rated = async (at: string, rating: number, comment: string | null, teamId: string, resolver: string) => {
      const { guest, room } = await makeStay(server, org, { guestName: `Guest ${rating}` });
      const { conversation } = await makeConversation(server, guest, { status: 'resolved', teamId });
      await db
        .update(conversations)
        .set({ rating, ratingComment: comment, ratedAt: new Date(at), resolvedBy: resolver })
        .where(eq(conversations.id, conversation.id));
      return { id: conversation.id, room: room.number };
    };
    // the 14th on Warsaw's clock runs from 13 Jan 23:00 to 14 Jan 23:00 UTC
    const early = await rated('2026-01-13T22:59:59Z', 1, 'Too late', reception.id, a.id); // 13th, 23:59 local
    const first = await rated('2026-01-13T23:00:00Z', 2, null, reception.id, a.id); // 14th, 00:00 local
    const sameA = await rated('2026-01-14T12:00:00Z', 5, 'Lovely spa', spa.id, b.id);
    const sameB = await rated('2026-01-14T12:00:00Z', 4, null, spa.id, b.id); // the very same instant
    const late = await rated('2026-01-14T22:30:00Z', 3, 'Slow towels', reception.id, a.id); // 23:30 local: the 14th
    await rated('2026-01-14T23:00:00Z', 5, null, spa.id, b.id); // 00:00 local on the 15th
    // a resolved request nobody rated is no rating
    const { guest } = await makeStay(server, org);
    await makeConversation(server, guest, { status: 'resolved', teamId: reception.id });

    const day = await page(admin, 'from=2026-01-14&to=2026-01-14');
    expect(day.timezone).toBe('Europe/Warsaw');
    // newest first; two at one instant by id, newest id first
    const [bigger, smaller] = [sameA.id, sameB.id].sort().reverse();
    expect(day.ratings.map((r) => r.conversationId)).toEqual([late.id, bigger, smaller, first.id]);
    expect(day.nextBefore).toBeNull();
    expect(day.ratings[0]).toEqual({
      conversationId: late.id,
      rating: 3,
      comment: 'Slow towels',
      ratedAt: '2026-01-14T22:30:00.000Z',
      guestName: 'Guest 3',
      roomNumber: late.room,
      team: { id: reception.id, name: reception.name },
      resolvedBy: { id: a.id, name: expect.any(String) },
    });
    expect(day.ratings.some((r) => r.conversationId === early.id)).toBe(false);

    // pages of two: the boundary at one shared instant neither skips nor repeats a rating
    const one = await page(admin, 'from=2026-01-14&to=2026-01-14&limit=2');
    expect(one.ratings.map((r) => r.conversationId)).toEqual([late.id, bigger]);
    expect(one.nextBefore).toMatch(/^\d+_/);
    const two = await page(admin, `from=2026-01-14&to=2026-01-14&limit=2&before=${one.nextBefore}`);
    expect(two.ratings.map((r) => r.conversationId)).toEqual([smaller, first.id]);
    expect(two.nextBefore).toBeNull();

    // one team's, one agent's
    const spaDay = await page(admin, `from=2026-01-14&to=2026-01-14&teamId=${spa.id}`);
    expect(spaDay.ratings.map((r) => r.conversationId).sort()).toEqual([sameA.id, sameB.id].sort());
    const ofA = await page(admin, `from=2026-01-13&to=2026-01-15&agentId=${a.id}`);
    expect(ofA.ratings.map((r) => [r.rating, r.comment])).toEqual([
      [3, 'Slow towels'],
      [2, null],
      [1, 'Too late'],
    ]);

    // the duty manager of Spa reads Spa's, not Reception's nor the whole organization's; and sees the link
    const dutyManager = await signInWithToken(server, b);
    expect((await page(dutyManager, `from=2026-01-14&to=2026-01-14&teamId=${spa.id}`)).ratings).toHaveLength(2);
    expect(
      (await dutyManager.get(`/api/v1/reports/ratings?from=2026-01-14&to=2026-01-14&teamId=${reception.id}`)).status,
    ).toBe(403);
    expect((await dutyManager.get('/api/v1/reports/ratings?from=2026-01-14&to=2026-01-14')).status).toBe(403);
    const me = (await dutyManager.get('/api/v1/auth/me')).body as CurrentUser;
    expect(me.abilities).toMatchObject({ teamMetrics: true, serviceMetrics: false });
    const agentA = await signInWithToken(server, a);
    expect(((await agentA.get('/api/v1/auth/me')).body as CurrentUser).abilities.teamMetrics).toBe(false);
    expect((await agentA.get(`/api/v1/reports/ratings?from=2026-01-14&to=2026-01-14&teamId=${spa.id}`)).status).toBe(
      403,
    );
    // "My performance": agent A reads the ratings of the requests they resolved last, no one else's
    expect(((await agentA.get('/api/v1/auth/me')).body as CurrentUser).abilities.myMetrics).toBe(true);
    const mine = await page(agentA, `from=2026-01-13&to=2026-01-15&agentId=${a.id}`);
    expect(mine.ratings.map((r) => r.conversationId)).toEqual(ofA.ratings.map((r) => r.conversationId));
    expect((await agentA.get(`/api/v1/reports/ratings?from=2026-01-14&to=2026-01-14&agentId=${b.id}`)).status).toBe(
      403,
    );
    const myCsv = await agentA.get(`/api/v1/reports/ratings.csv?from=2026-01-13&to=2026-01-15&agentId=${a.id}`);
    expect(myCsv.status).toBe(200);
    expect(String(myCsv.body)).toContain('Slow towels');
    expect(String(myCsv.body)).not.toContain('Lovely spa');

    // a key with reports:read reads them (and the metrics); one without is refused
    const keyOf = async (scopes: string[]) => {
      const res = await admin.post('/api/v1/api-keys', { name: `Reports ${uniqueSuffix()}`, scopes });
      expect(res.status).toBe(201);
      const client = new ApiClient(server.url);
      client.token = res.body.key;
      return client;
    };
    const reader = await keyOf(['reports:read']);
    expect((await page(reader, 'from=2026-01-14&to=2026-01-14')).ratings).toHaveLength(4);
    const metrics = await reader.get('/api/v1/reports/metrics?from=2026-01-14&to=2026-01-14');
    expect(metrics.status).toBe(200);
    const other = await keyOf(['conversations:read']);
    const refused = await other.get('/api/v1/reports/metrics?from=2026-01-14&to=2026-01-14');
    expect([refused.status, refused.body.error?.code]).toEqual([403, 'api_key_scope_missing']);

    // the rated requests as CSV: every page, newest first, the rating's local time named in the header
    const csvOf = async (api: ApiClient, query: string) => {
      const res = await fetch(`${server.url}/api/v1/reports/ratings.csv?${query}`, {
        headers: { authorization: `Bearer ${api.token}` },
      });
      return { res, lines: (await res.text()).split('\r\n') };
    };
    const ratingsCsv = await csvOf(admin, 'from=2026-01-14&to=2026-01-14&limit=1');
    expect(ratingsCsv.res.status).toBe(200);
    expect(ratingsCsv.res.headers.get('content-disposition')).toBe(
      'attachment; filename="ratings-2026-01-14-to-2026-01-14.csv"',
    );
    expect(ratingsCsv.lines[0]).toBe('Rated (Europe/Warsaw),Stars,Comment,Guest,Room,Team,Resolved by,Request');
    expect(ratingsCsv.lines[1]).toMatch(
      new RegExp(`^2026-01-14 23:30,3,Slow towels,Guest 3,${late.room},${reception.name},[^,]+,${late.id}$`),
    );
    // pages of one, all of them: the four of the 14th, then the end
    expect(ratingsCsv.lines.slice(1).map((l) => l.split(',').at(-1))).toEqual([late.id, bigger, smaller, first.id, '']);
    expect(ratingsCsv.lines.at(-1)).toBe('');
    // a key with reports:read downloads it, and the metrics table; the duty manager their team's; a key without is refused
    expect((await csvOf(reader, 'from=2026-01-14&to=2026-01-14')).lines).toHaveLength(6);
    expect((await csvOf(dutyManager, `from=2026-01-14&to=2026-01-14&teamId=${spa.id}`)).lines).toHaveLength(4);
    expect((await csvOf(dutyManager, 'from=2026-01-14&to=2026-01-14')).res.status).toBe(403);
    const metricsCsv = await fetch(
      `${server.url}/api/v1/reports/metrics.csv?from=2026-01-14&to=2026-01-14&groupBy=team`,
      {
        headers: { authorization: `Bearer ${reader.token}` },
      },
    );
    expect(metricsCsv.status).toBe(200);
    expect((await metricsCsv.text()).startsWith('Team,Requests opened,')).toBe(true);
    const refusedCsv = await csvOf(other, 'from=2026-01-14&to=2026-01-14');
    expect(refusedCsv.res.status).toBe(403);

    // another organization's admin sees none of them
    const stranger = await signInWithToken(server, await makeStaff(server, await makeOrg(server), 'admin'));
    expect((await page(stranger, 'from=2026-01-14&to=2026-01-14')).ratings).toEqual([]);
  });
});
