import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  makeConversation,
  makeOrg,
  makeStaff,
  makeStay,
  signInWithToken,
  type TestOrg,
} from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { alerts, teams } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const csvOf = async (token: string | null, path: string) => {
  const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const text = await res.text();
  return { res, text, lines: text.split('\r\n') };
};

/** A request of a new guest of `org` (of `teamId` when given): its id. */
async function request(org: TestOrg, teamId: string | null = null) {
  const { guest } = await makeStay(server, org);
  return (await makeConversation(server, guest, { teamId })).conversation.id;
}

type AlertValues = typeof alerts.$inferInsert;
const raise = async (values: Omit<AlertValues, 'eventId'>) => {
  const [row] = await server.ctx.db
    .insert(alerts)
    .values({ ...values, eventId: randomUUID() })
    .returning();
  if (!row) throw new Error('no alert');
  return row;
};

const header =
  'Raised (Europe/Warsaw),Alert,Stars,Word or phrase,Mood score,Reply target (min),Guest or customer,Room,Team,Request,Acknowledged by,Acknowledged (Europe/Warsaw)';

describe('the alerts list as CSV', () => {
  it('every alert the caller sees, newest first, in plain words on the organization’s clock; the list’s filter; never another organization’s', async () => {
    const { db } = server.ctx;
    const org = await makeOrg(server); // Europe/Warsaw
    const admin = await makeStaff(server, org, 'admin', { name: 'Greta Admin' });
    const adminApi = await signInWithToken(server, admin);
    const duty = await makeStaff(server, org, 'agent', { name: 'Dana Duty' });
    const [spa] = await db.insert(teams).values({ orgId: org.id, name: 'Spa', dutyManagerId: duty.id }).returning();
    if (!spa) throw new Error('no team');
    const desk = await request(org);
    const spaRequest = await request(org, spa.id);

    // a low rating just before midnight UTC: 00:30 the next day in Warsaw (winter, +1), acknowledged 08:05
    await raise({
      orgId: org.id,
      conversationId: desk,
      kind: 'low_rating',
      detail: { rating: 1, contactName: 'Jan Kowalski', roomNumber: '112', teamName: null },
      raisedAt: new Date('2026-11-30T23:30:00Z'),
      acknowledgedAt: new Date('2026-12-01T07:05:00Z'),
      acknowledgedBy: admin.id,
    });
    // summer (+2): a word from a guest whose name a spreadsheet would run as a formula
    await raise({
      orgId: org.id,
      conversationId: spaRequest,
      teamId: spa.id,
      kind: 'alarming_word',
      detail: { word: 'fire', contactName: '=Eve', roomNumber: '204', teamName: 'Spa' },
      raisedAt: new Date('2026-07-15T10:05:00Z'),
    });
    await raise({
      orgId: org.id,
      conversationId: spaRequest,
      teamId: spa.id,
      kind: 'negative_mood',
      detail: { score: -0.4567, contactName: 'Ewa, "Nowak"', roomNumber: null, teamName: 'Spa' },
      raisedAt: new Date('2026-07-15T10:00:00Z'),
    });
    // 01:30 UTC on the night clocks go forward is 03:30 in Warsaw
    await raise({
      orgId: org.id,
      conversationId: desk,
      kind: 'sla_breach',
      detail: { targetMinutes: 15, contactName: null, roomNumber: null, teamName: null },
      raisedAt: new Date('2026-03-29T01:30:00Z'),
    });
    // another organization's alert, raised in between
    const other = await makeOrg(server);
    const otherAdmin = await signInWithToken(server, await makeStaff(server, other, 'admin'));
    const foreign = await request(other);
    await raise({
      orgId: other.id,
      conversationId: foreign,
      kind: 'alarming_word',
      detail: { word: 'police', contactName: 'Stranger', roomNumber: '9', teamName: null },
      raisedAt: new Date('2026-08-01T12:00:00Z'),
    });

    const all = await csvOf(adminApi.token, '/api/v1/alerts.csv');
    expect(all.res.status, all.text).toBe(200);
    expect(all.res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(all.res.headers.get('content-disposition')).toBe('attachment; filename="alerts-all.csv"');
    const rows = {
      rating: `2026-12-01 00:30,Low rating,1,,,,Jan Kowalski,112,,${desk},Greta Admin,2026-12-01 08:05`,
      word: `2026-07-15 12:05,Alarming word,,fire,,,'=Eve,204,Spa,${spaRequest},,`,
      mood: `2026-07-15 12:00,Negative mood,,,-0.46,,"Ewa, ""Nowak""",,Spa,${spaRequest},,`,
      sla: `2026-03-29 03:30,Waiting too long,,,,15,,,,${desk},,`,
    };
    expect(all.lines).toEqual([header, rows.rating, rows.word, rows.mood, rows.sla, '']);
    expect(all.text).not.toContain(foreign);

    // the list's status filter
    const open = await csvOf(adminApi.token, '/api/v1/alerts.csv?status=open');
    expect(open.res.headers.get('content-disposition')).toBe('attachment; filename="alerts-open.csv"');
    expect(open.lines).toEqual([header, rows.word, rows.mood, rows.sla, '']);
    expect((await csvOf(adminApi.token, '/api/v1/alerts.csv?status=acknowledged')).lines).toEqual([
      header,
      rows.rating,
      '',
    ]);

    // the duty manager: their team's only; an agent of no duty, none; field staff and API keys are refused
    const dutyApi = await signInWithToken(server, duty);
    expect((await csvOf(dutyApi.token, '/api/v1/alerts.csv')).lines).toEqual([header, rows.word, rows.mood, '']);
    const agent = await signInWithToken(server, await makeStaff(server, org, 'agent'));
    expect((await csvOf(agent.token, '/api/v1/alerts.csv')).lines).toEqual([header, '']);
    const field = await signInWithToken(server, await makeStaff(server, org, 'field'));
    const refused = await csvOf(field.token, '/api/v1/alerts.csv');
    expect([refused.res.status, JSON.parse(refused.text).error.code]).toEqual([403, 'forbidden']);
    const key = (
      await adminApi.post('/api/v1/api-keys', { name: `Alerts ${uniqueSuffix()}`, scopes: ['reports:read'] })
    ).body.key as string;
    expect((await csvOf(key, '/api/v1/alerts.csv')).res.status).toBe(403);

    // the other organization's admin sees theirs only
    const theirs = await csvOf(otherAdmin.token, '/api/v1/alerts.csv');
    expect(theirs.lines).toEqual([header, `2026-08-01 14:00,Alarming word,,police,,,Stranger,9,,${foreign},,`, '']);
  });

  it('goes past a page (200), alerts of the same moment once each', async () => {
    const org = await makeOrg(server);
    const adminApi = await signInWithToken(server, await makeStaff(server, org, 'admin'));
    const conversationId = await request(org);
    const at = new Date('2026-10-10T10:10:00Z');
    await server.ctx.db.insert(alerts).values(
      Array.from({ length: 250 }, (_, i) => ({
        orgId: org.id,
        conversationId,
        kind: 'alarming_word' as const,
        detail: { word: `w${String(i).padStart(3, '0')}`, contactName: null, roomNumber: null, teamName: null },
        eventId: randomUUID(),
        // 220 of them at one moment: the first page ends inside them
        raisedAt: i < 220 ? at : new Date(at.getTime() - (i - 219) * 60_000),
      })),
    );
    const { res, lines } = await csvOf(adminApi.token, '/api/v1/alerts.csv');
    expect(res.status).toBe(200);
    const body = lines.slice(1, -1);
    expect(body).toHaveLength(250);
    const words = body.map((l) => l.split(',')[3]);
    expect(new Set(words).size).toBe(250);
    // the 220 of 12:10 first (any order among them), then one a minute earlier each, newest first
    expect(body.slice(0, 220).every((l) => l.startsWith('2026-10-10 12:10,'))).toBe(true);
    expect(words.slice(220)).toEqual(Array.from({ length: 30 }, (_, i) => `w${220 + i}`));
    expect(body[220]?.startsWith('2026-10-10 12:09,')).toBe(true);
    expect(body[249]?.startsWith('2026-10-10 11:40,')).toBe(true);
  });
});
