import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeStay, signIn, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { ask, nextEvent, socketsClosedAfterEach } from '../../../test/sockets.js';
import { auditLog, messages, organizations, stayGuests } from '../../db/schema.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

const ZONE = 'America/New_York';

/** An organization on New York's clock with a signed-in admin and agent, and teams by name. */
async function hotelWithTeams(names: string[]) {
  const org = await makeOrg(server);
  await server.ctx.db.update(organizations).set({ timezone: ZONE }).where(eq(organizations.id, org.id));
  const adminUser = await makeStaff(server, org, 'admin');
  const admin = await signIn(server, adminUser);
  const agent = await signIn(server, await makeStaff(server, org, 'agent'));
  const teams: Record<string, string> = {};
  for (const name of names) teams[name] = (await admin.post('/api/v1/teams', { name })).body.id;
  return { org, admin, agent, teams };
}

/** A checked-in guest speaking `language`, signed in: their API client and socket. */
async function guestOf(org: TestOrg, language: string | null = null) {
  const { guest } = await makeStay(server, org, { guestName: 'Jan' });
  await server.ctx.db.update(stayGuests).set({ language }).where(eq(stayGuests.id, guest.id));
  const login = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  const token = login.body.token as string;
  const api = new ApiClient(server.url);
  api.token = token;
  return { guest, login, api, socket: await socketFor({ token }) };
}

/**
 * Hours that are closed today and tomorrow on New York's clock (two holidays, open around the
 * clock otherwise), so the desk is closed whenever the test runs and opens at a known instant:
 * midnight after tomorrow (were midnight to pass during the test, that stays the answer).
 */
function closedUntilAfterTomorrow() {
  const today = DateTime.now().setZone(ZONE).startOf('day');
  const allDay = [{ start: '00:00', end: '24:00' }];
  return {
    body: {
      weekly: Object.fromEntries(
        ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'].map((d) => [d, allDay]),
      ),
      holidays: [{ date: today.plus({ days: 1 }).toISODate(), name: 'Staff party' }, { date: today.toISODate() }],
    },
    opensAt: today.plus({ days: 2 }).toUTC().toISO(),
  };
}

describe('business hours', () => {
  it('an admin sets a team’s hours, holidays and away message; they come back with the team, sorted, and are audited', async () => {
    const { org, admin, agent, teams } = await hotelWithTeams(['Reception']);
    const id = teams.Reception;
    expect((await admin.get(`/api/v1/teams/${id}`)).body.hours).toEqual({
      weekly: null,
      holidays: [],
      awayMessage: null,
    });

    const res = await admin.put(`/api/v1/teams/${id}/hours`, {
      weekly: {
        monday: [
          { start: '13:00', end: '22:00' },
          { start: '08:00', end: '12:00' },
        ],
        saturday: [{ start: '10:00', end: '24:00' }],
      },
      holidays: [{ date: '2026-12-25', name: ' Christmas ' }, { date: '2026-12-24' }],
      awayMessage: '  Back soon — ring the night bell for emergencies.  ',
    });
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.hours).toEqual({
      weekly: {
        monday: [
          { start: '08:00', end: '12:00' },
          { start: '13:00', end: '22:00' },
        ],
        tuesday: [],
        wednesday: [],
        thursday: [],
        friday: [],
        saturday: [{ start: '10:00', end: '24:00' }],
        sunday: [],
      },
      holidays: [
        { date: '2026-12-24', name: '' },
        { date: '2026-12-25', name: 'Christmas' },
      ],
      awayMessage: 'Back soon — ring the night bell for emergencies.',
    });
    // reception sees the hours with the team; only admins change them
    expect((await agent.get('/api/v1/teams')).body[0].hours.holidays).toHaveLength(2);
    expect((await agent.put(`/api/v1/teams/${id}/hours`, { weekly: null })).status).toBe(403);

    // back to around the clock; an empty away message is the standard one
    const reset = await admin.put(`/api/v1/teams/${id}/hours`, { weekly: null, awayMessage: '' });
    expect(reset.body.hours).toEqual({ weekly: null, holidays: [], awayMessage: null });

    const entries = await server.ctx.db
      .select({ action: auditLog.action, details: auditLog.details })
      .from(auditLog)
      .where(and(eq(auditLog.orgId, org.id), eq(auditLog.action, 'team.hours_changed')));
    expect(entries.map((e) => e.details)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ team: 'Reception', alwaysOpen: false, holidays: 2 }),
        expect.objectContaining({ team: 'Reception', alwaysOpen: true, holidays: 0, awayMessage: '' }),
      ]),
    );
  });

  it.each([
    ['an interval that closes before it opens', { monday: [{ start: '22:00', end: '08:00' }] }, 'weekly.monday.0.end'],
    ['an interval that closes as it opens', { monday: [{ start: '08:00', end: '08:00' }] }, 'weekly.monday.0.end'],
    ['a time that is no time', { monday: [{ start: '25:00', end: '26:00' }] }, 'weekly.monday.0.start'],
    ['a time without its leading zero', { monday: [{ start: '8:00', end: '22:00' }] }, 'weekly.monday.0.start'],
    [
      'overlapping intervals',
      {
        friday: [
          { start: '12:00', end: '18:00' },
          { start: '08:00', end: '12:30' },
        ],
      },
      'weekly.friday.0',
    ],
    [
      'seven intervals in a day',
      { monday: Array.from({ length: 7 }, (_, i) => ({ start: `0${i}:00`, end: `0${i}:30` })) },
      'weekly.monday',
    ],
    ['a day that does not exist', { funday: [] }, 'weekly'],
  ])('refuses %s', async (_name, weekly, path) => {
    const { admin, teams } = await hotelWithTeams(['Reception']);
    const res = await admin.put(`/api/v1/teams/${teams.Reception}/hours`, { weekly });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it.each([
    ['a date that does not exist', [{ date: '2026-02-30' }], 'holidays.0.date'],
    ['a date in another format', [{ date: '24.12.2026' }], 'holidays.0.date'],
    ['the same date twice', [{ date: '2026-12-24' }, { date: '2026-12-24', name: 'Again' }], 'holidays.1.date'],
    [
      'more than 100 holidays',
      Array.from({ length: 101 }, (_, i) => ({ date: DateTime.fromISO('2027-01-01').plus({ days: i }).toISODate() })),
      'holidays',
    ],
  ])('refuses %s among the holidays', async (_name, holidays, path) => {
    const { admin, teams } = await hotelWithTeams(['Reception']);
    const res = await admin.put(`/api/v1/teams/${teams.Reception}/hours`, { weekly: null, holidays });
    expect(res.status, JSON.stringify(res.body)).toBe(400);
    expect(res.body.error.details.issues.map((i: { path: string }) => i.path)).toContain(path);
  });

  it('refuses another organization’s team as not found', async () => {
    const { teams } = await hotelWithTeams(['Reception']);
    const other = await hotelWithTeams([]);
    expect((await other.admin.put(`/api/v1/teams/${teams.Reception}/hours`, { weekly: null })).status).toBe(404);
  });
});

describe('a guest outside business hours', () => {
  it('sees the away message and when the desk opens, writes all the same, and the message waits in the queue', async () => {
    const { org, admin, agent, teams } = await hotelWithTeams(['Reception', 'Spa']);
    await admin.put('/api/v1/routing-rules/default-team', { teamId: teams.Reception });
    const rule = await admin.post('/api/v1/routing-rules', {
      name: 'Spa',
      teamId: teams.Spa,
      conditions: { keywords: ['massage'] },
    });
    expect(rule.status, JSON.stringify(rule.body)).toBe(201);
    const closed = closedUntilAfterTomorrow();
    const set = await admin.put(`/api/v1/teams/${teams.Spa}/hours`, {
      ...closed.body,
      awayMessage: 'The spa is closed. We will book your treatment first thing.',
    });
    expect(set.status, JSON.stringify(set.body)).toBe(200);

    // Before writing, the guest's desk is the default team: Reception, open around the clock.
    const { api, socket, login } = await guestOf(org, 'de');
    expect(login.body.session.desk).toEqual({
      open: true,
      opensAt: null,
      closesAt: null,
      awayMessage: null,
      timezone: ZONE,
    });

    // The guest writes; routing sends the request to the Spa, which is closed.
    const ack = await ask(socket, clientEvents.send, {
      text: 'A massage tomorrow, please',
      clientId: `hours-${Date.now()}`,
    });
    expect(ack.ok, JSON.stringify(ack)).toBe(true);
    expect(ack.data.conversation.status).toBe('queued');
    const conversationId = ack.data.conversation.id as string;

    const desk = await api.get('/api/v1/guest/desk');
    expect(desk.status, JSON.stringify(desk.body)).toBe(200);
    expect(desk.body).toEqual({
      open: false,
      opensAt: closed.opensAt,
      closesAt: null,
      awayMessage: 'The spa is closed. We will book your treatment first thing.',
      timezone: ZONE,
    });
    expect((await api.get('/api/v1/guest/session')).body.desk).toEqual(desk.body);

    // The message is stored, and the request waits in the desk's queue with its team.
    const stored = await server.ctx.db.select().from(messages).where(eq(messages.conversationId, conversationId));
    expect(stored.map((m) => m.body)).toEqual(['A massage tomorrow, please']);
    const queue = await agent.get('/api/v1/conversations?status=queued');
    expect(queue.body.conversations).toEqual([
      expect.objectContaining({ id: conversationId, status: 'queued', team: { id: teams.Spa, name: 'Spa' } }),
    ]);

    // A second message while closed goes to the same request.
    const again = await ask(socket, clientEvents.send, { text: 'Or a sauna', clientId: `hours-2-${Date.now()}` });
    expect(again.ok && again.data.conversation.id).toBe(conversationId);
  });

  it('without a request, the default team’s hours count; without a message of the team’s own, the standard text in the guest’s language', async () => {
    const { org, admin, teams } = await hotelWithTeams(['Reception']);
    await admin.put('/api/v1/routing-rules/default-team', { teamId: teams.Reception });
    const closed = closedUntilAfterTomorrow();
    await admin.put(`/api/v1/teams/${teams.Reception}/hours`, closed.body);

    const polish = await guestOf(org, 'pl');
    expect(polish.login.body.session.desk).toMatchObject({ open: false, opensAt: closed.opensAt });
    expect(polish.login.body.session.desk.awayMessage).toMatch(/^W tej chwili nas nie ma/);
    // a guest whose stay names no language reads their browser's, as the page shows it, else the organization's
    const noLanguage = await guestOf(org);
    expect((await noLanguage.api.get('/api/v1/guest/desk')).body.awayMessage).toMatch(/^We are away/);
    const german = await noLanguage.api.request('GET', '/api/v1/guest/desk', undefined, {
      headers: { 'accept-language': 'fr-FR, de-AT;q=0.9, en;q=0.8' },
    });
    expect(german.body.awayMessage).toMatch(/^Wir sind gerade nicht da/);
    // the stay's language comes first
    const polishAnyway = await polish.api.request('GET', '/api/v1/guest/desk', undefined, {
      headers: { 'accept-language': 'de' },
    });
    expect(polishAnyway.body.awayMessage).toMatch(/^W tej chwili/);

    // the desk opens again (hours taken away): connected guests are told to look again, and see it
    const told = nextEvent(polish.socket, serverEvents.desk);
    await admin.put(`/api/v1/teams/${teams.Reception}/hours`, { weekly: null });
    expect(await told).toEqual({ teamId: teams.Reception });
    expect((await polish.api.get('/api/v1/guest/desk')).body).toMatchObject({ open: true, awayMessage: null });
  });

  it('an organization without a default team is always open to a guest with no request', async () => {
    const org = await makeOrg(server);
    const { api } = await guestOf(org);
    expect((await api.get('/api/v1/guest/desk')).body).toMatchObject({ open: true, opensAt: null });
  });
});
