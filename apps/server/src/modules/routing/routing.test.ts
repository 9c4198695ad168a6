import { clientEvents } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeOrg, makeStaff, makeStay, signIn, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { ask, socketsClosedAfterEach } from '../../../test/sockets.js';
import { domainEvents, organizations, rooms, stayGuests, visitors } from '../../db/schema.js';
import { type RuleToMatch, routeRequest, whyRuleMatches } from './match.js';
import { routeNewRequest, routeNewRequests } from './route-new-request.js';

let server: TestServer;
beforeAll(async () => {
  // many guests sign in from one address here: lift the guest limits for this file
  server = await startTestServer({
    guestLimits: {
      codePerIp: 10_000,
      codeFailuresPerOrg: 1_000,
      codeWindowSeconds: 60,
      visitorPerIp: 1_000,
      visitorWindowSeconds: 60,
      labelAnswersPerLabel: 1_000,
      labelAnswersPerIp: 1_000,
      labelAnswerWindowSeconds: 60,
      labelCodesPerLabel: 1_000,
      labelCodesPerIp: 1_000,
      labelCodeWindowSeconds: 60,
    },
  });
});
afterAll(() => server?.close());

const socketFor = socketsClosedAfterEach(() => server.url);

/** An organization with a signed-in admin and agent, and teams by name. */
async function hotelWithTeams(names: string[]) {
  const org = await makeOrg(server);
  const admin = await signIn(server, await makeStaff(server, org, 'admin'));
  const agent = await signIn(server, await makeStaff(server, org, 'agent'));
  const teams: Record<string, string> = {};
  for (const name of names) teams[name] = (await admin.post('/api/v1/teams', { name })).body.id;
  return { org, admin, agent, teams };
}

/** A checked-in guest (their language, VIP flag and room's priority as given) with a socket. */
async function guestOf(org: TestOrg, opts: { language?: string; vip?: boolean; priorityRoom?: boolean } = {}) {
  const { room, guest } = await makeStay(server, org, { guestName: 'Jan' });
  await server.ctx.db
    .update(stayGuests)
    .set({ language: opts.language ?? null, vip: opts.vip ?? false })
    .where(eq(stayGuests.id, guest.id));
  if (opts.priorityRoom) await server.ctx.db.update(rooms).set({ priority: true }).where(eq(rooms.id, room.id));
  const login = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
  expect(login.status, JSON.stringify(login.body)).toBe(200);
  return { room, guest, socket: await socketFor({ token: login.body.token }) };
}

const everyDay = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];

let sent = 0;
/** The guest's message; answers the id of the conversation it went to. */
async function write(socket: Awaited<ReturnType<typeof socketFor>>, text: string, conversationId?: string) {
  const ack = await ask(socket, clientEvents.send, {
    text,
    clientId: `routing-${++sent}-${Date.now()}`,
    ...(conversationId ? { conversationId } : {}),
  });
  expect(ack.ok, JSON.stringify(ack)).toBe(true);
  // the guest's own copy says nothing of teams or priorities
  expect(ack.data.conversation).not.toHaveProperty('team');
  expect(ack.data.conversation).not.toHaveProperty('priority');
  return ack.data.conversation.id as string;
}

describe('routing a new request', () => {
  it('takes the first matching rule by entry, room, priority room, language and keyword; the rest go to the default team', async () => {
    const { org, admin, agent, teams } = await hotelWithTeams([
      'Reception',
      'Sales',
      'Suites',
      'Concierge',
      'German desk',
      'Spa',
    ]);
    const suite = await guestOf(org);
    const rule = async (name: string, team: string, conditions: object, priority: string | null = null) => {
      const res = await admin.post('/api/v1/routing-rules', { name, teamId: teams[team], conditions, priority });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body.id as string;
    };
    await rule('Walk-ins', 'Sales', { entry: 'public_entry' });
    await rule('Suites', 'Suites', { entry: 'room', roomIds: [suite.room.id] }, 'high');
    await rule('Priority rooms', 'Concierge', { priorityRoomsOnly: true });
    await rule('German speakers', 'German desk', { languages: ['de'] });
    const spa = await rule('Spa', 'Spa', { keywords: ['massage', 'sauna', 'hot tub'] }, 'low');
    expect((await admin.put('/api/v1/routing-rules/default-team', { teamId: teams.Reception })).status).toBe(200);

    const routedAs = async (id: string) => {
      const res = await agent.get(`/api/v1/conversations/${id}`);
      expect(res.status).toBe(200);
      return {
        team: res.body.team?.name,
        priority: res.body.priority,
        rule: res.body.routedBy?.ruleName,
        why: res.body.routedBy?.reason,
      };
    };

    // the suite's guest mentions the spa too: the suite's rule comes first
    expect(await routedAs(await write(suite.socket, 'Can I book a massage?'))).toMatchObject({
      team: 'Suites',
      priority: 'high',
      rule: 'Suites',
    });
    const vipRoom = await guestOf(org, { priorityRoom: true });
    expect(await routedAs(await write(vipRoom.socket, 'A massage, please'))).toMatchObject({
      team: 'Concierge',
      priority: 'high',
      rule: 'Priority rooms',
    });
    const german = await guestOf(org, { language: 'de' });
    expect(await routedAs(await write(german.socket, 'Eine Massage, bitte'))).toMatchObject({
      team: 'German desk',
      priority: 'normal',
      rule: 'German speakers',
    });
    const english = await guestOf(org, { language: 'en' });
    const spaRequest = await write(english.socket, 'Is the HOT   TUB open tonight?');
    expect(await routedAs(spaRequest)).toEqual({
      team: 'Spa',
      priority: 'low',
      rule: 'Spa',
      why: 'Rule “Spa”: the message mentions “hot tub”',
    });
    // a keyword inside another word is no match
    const other = await guestOf(org);
    expect(await routedAs(await write(other.socket, 'Where is the massagestudio?'))).toEqual({
      team: 'Reception',
      priority: 'normal',
      rule: null,
      why: 'No rule matched: the default team',
    });
    // a VIP guest's request is high priority even where the rule says low
    const vip = await guestOf(org, { vip: true });
    expect(await routedAs(await write(vip.socket, 'Sauna towels?'))).toMatchObject({
      team: 'Spa',
      priority: 'high',
      why: 'Rule “Spa”: the message mentions “sauna”; high priority: a VIP guest',
    });

    // a visitor from the public entry
    await server.ctx.db.update(organizations).set({ publicEntryEnabled: true }).where(eq(organizations.id, org.id));
    const visit = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/visit`, {
      name: 'Walk-in',
      topic: 'A room tonight?',
    });
    expect(visit.status, JSON.stringify(visit.body)).toBe(200);
    const visitor = await socketFor({ token: visit.body.token });
    expect(await routedAs(await write(visitor, 'Do you have a massage offer?'))).toMatchObject({
      team: 'Sales',
      rule: 'Walk-ins',
      why: 'Rule “Walk-ins”: it came through the public entry',
    });

    // the outbox has the routing of each request
    const [event] = await server.ctx.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'conversation.routed'), eq(domainEvents.stream, `conversation:${spaRequest}`)));
    expect(event).toMatchObject({
      orgId: org.id,
      version: 1,
      data: { conversationId: spaRequest, teamId: teams.Spa, priority: 'low', ruleId: spa },
    });

    // messages to a request already open are not routed again
    await admin.patch(`/api/v1/routing-rules/${spa}`, { teamId: teams.Concierge });
    await write(english.socket, 'And the sauna?');
    expect((await routedAs(spaRequest)).team).toBe('Spa');
  });

  it('routes a request opened in the full transaction too, and without rules or a default team to no team', async () => {
    const { org, admin, agent, teams } = await hotelWithTeams(['Night desk']);
    await server.ctx.db.update(organizations).set({ reopenMinutes: 0 }).where(eq(organizations.id, org.id));
    const { socket } = await guestOf(org);
    const first = await write(socket, 'Hello?');
    expect((await agent.get(`/api/v1/conversations/${first}`)).body).toMatchObject({
      team: null,
      priority: 'normal',
      routedBy: { ruleId: null, reason: 'No rule matched and there is no default team' },
    });
    expect((await agent.post(`/api/v1/conversations/${first}/resolve`)).status).toBe(200);

    await admin.post('/api/v1/routing-rules', { name: 'Nights', teamId: teams['Night desk'], priority: 'urgent' });
    // answering the resolved request after its reopen window: a new one, opened by the transaction
    const second = await write(socket, 'One more thing', first);
    expect(second).not.toBe(first);
    expect((await agent.get(`/api/v1/conversations/${second}`)).body).toMatchObject({
      team: { id: teams['Night desk'], name: 'Night desk' },
      priority: 'urgent',
      routedBy: { ruleName: 'Nights', reason: 'Rule “Nights”: it takes every request' },
    });
    const events = await server.ctx.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'conversation.routed'), eq(domainEvents.stream, `conversation:${second}`)));
    expect(events).toHaveLength(1);
  });

  it('routes by the time of day: a rule for while its team is open is skipped outside the team’s hours and holidays (a moved clock)', async () => {
    const { org, admin, teams } = await hotelWithTeams(['Reception', 'Spa', 'Night desk']);
    await server.ctx.db.update(organizations).set({ timezone: 'Europe/Warsaw' }).where(eq(organizations.id, org.id));
    const week = (intervals: { start: string; end: string }[], days = everyDay) =>
      Object.fromEntries(everyDay.map((d) => [d, days.includes(d) ? intervals : []]));
    const hours = async (team: string, body: object) =>
      expect((await admin.put(`/api/v1/teams/${teams[team]}/hours`, body)).status).toBe(200);
    await hours('Spa', {
      weekly: week([{ start: '09:00', end: '17:00' }], everyDay.slice(0, 5)),
      holidays: [{ date: '2026-12-24', name: 'Christmas Eve' }],
    });
    await hours('Night desk', {
      weekly: week([
        { start: '00:00', end: '07:00' },
        { start: '22:00', end: '24:00' },
      ]),
    });
    const rule = async (name: string, team: string, conditions: object) => {
      const res = await admin.post('/api/v1/routing-rules', { name, teamId: teams[team], conditions });
      expect(res.status, JSON.stringify(res.body)).toBe(201);
      return res.body;
    };
    const spa = await rule('Spa hours', 'Spa', { keywords: ['massage'], openHoursOnly: true });
    expect(spa.conditions).toMatchObject({ keywords: ['massage'], openHoursOnly: true });
    await rule('Nights', 'Night desk', { openHoursOnly: true });
    await admin.put('/api/v1/routing-rules/default-team', { teamId: teams.Reception });
    expect((await admin.get('/api/v1/routing-rules')).body.rules.map((r: any) => r.conditions.openHoursOnly)).toEqual([
      true,
      true,
    ]);

    const { guest } = await makeStay(server, org);
    const actor = {
      kind: 'guest',
      orgId: org.id,
      guestId: guest.id,
      stayId: guest.stayId,
      sessionId: 'test',
      access: 'active',
    } as const;
    /** Where a request with this text goes at this instant (UTC); Warsaw is UTC+1 in December. */
    const at = async (iso: string, text: string) => {
      const routed = await routeNewRequest(server.ctx.db, actor, text, new Date(iso));
      return { team: routed.teamName, why: routed.routedBy.reason };
    };
    // Friday 4 December 2026, 10:00 in Warsaw: the spa is open
    expect(await at('2026-12-04T09:00:00Z', 'A massage, please')).toEqual({
      team: 'Spa',
      why: 'Rule “Spa hours”: Spa is open now, the message mentions “massage”',
    });
    // 17:00 local is closing time: the spa is closed, the night desk not open yet
    expect(await at('2026-12-04T16:00:00Z', 'A massage, please')).toEqual({
      team: 'Reception',
      why: 'No rule matched: the default team',
    });
    // 23:30 local: the night desk takes every request, the spa's too
    expect(await at('2026-12-04T22:30:00Z', 'A massage, please')).toEqual({
      team: 'Night desk',
      why: 'Rule “Nights”: Night desk is open now',
    });
    // 06:59 on Saturday, still the night desk; at 07:00 it closes, and the spa is shut at weekends
    expect((await at('2026-12-05T05:59:00Z', 'A massage, please')).team).toBe('Night desk');
    expect((await at('2026-12-05T06:00:00Z', 'A massage, please')).team).toBe('Reception');
    // a holiday closes the spa all day: Thursday 24 December at 10:00
    expect((await at('2026-12-24T09:00:00Z', 'A massage, please')).team).toBe('Reception');
    expect((await at('2026-12-23T09:00:00Z', 'A massage, please')).team).toBe('Spa');

    // the guest's real send reads the same hours: closed today and tomorrow on the hotel's clock …
    const today = DateTime.now().setZone('Europe/Warsaw').startOf('day');
    await hours('Spa', {
      weekly: null,
      holidays: [{ date: today.toISODate() }, { date: today.plus({ days: 1 }).toISODate() }],
    });
    await admin.delete(`/api/v1/routing-rules/${(await admin.get('/api/v1/routing-rules')).body.rules[1].id}`);
    const closed = await guestOf(org);
    const teamOf = async (id: string) => (await admin.get(`/api/v1/conversations/${id}`)).body.team?.name;
    expect(await teamOf(await write(closed.socket, 'Is a massage possible?'))).toBe('Reception');
    // … and open around the clock without hours
    await hours('Spa', { weekly: null, holidays: [] });
    const open = await guestOf(org);
    expect(await teamOf(await write(open.socket, 'Is a massage possible?'))).toBe('Spa');
  });

  it('skips the rules of a removed team, and a removed default team', async () => {
    const { org, admin, agent, teams } = await hotelWithTeams(['Spa', 'Reception']);
    await admin.post('/api/v1/routing-rules', { name: 'Spa', teamId: teams.Spa });
    await admin.put('/api/v1/routing-rules/default-team', { teamId: teams.Reception });
    await admin.delete(`/api/v1/teams/${teams.Spa}`);
    const { socket } = await guestOf(org);
    const id = await write(socket, 'Hi');
    expect((await agent.get(`/api/v1/conversations/${id}`)).body.team.name).toBe('Reception');
    await admin.delete(`/api/v1/teams/${teams.Reception}`);
    expect((await admin.get('/api/v1/routing-rules')).body.defaultTeam).toBeNull();
  });

  it('routes the requests of a batch with one query, each as it would be routed alone, across organizations', async () => {
    const hotel = await hotelWithTeams(['German desk', 'VIP desk', 'Reception']);
    const rule = (name: string, team: string, conditions: object) =>
      hotel.admin.post('/api/v1/routing-rules', { name, teamId: hotel.teams[team], conditions });
    await rule('German speakers', 'German desk', { languages: ['de'] });
    await rule('Towels', 'VIP desk', { keywords: ['towels'] });
    await hotel.admin.put('/api/v1/routing-rules/default-team', { teamId: hotel.teams.Reception });
    const other = await hotelWithTeams(['Front office']);
    await other.admin.put('/api/v1/routing-rules/default-team', { teamId: other.teams['Front office'] });
    const guestActor = async (org: TestOrg, opts: { language?: string; vip?: boolean }) => {
      const { guest } = await makeStay(server, org);
      await server.ctx.db
        .update(stayGuests)
        .set({ language: opts.language ?? null, vip: opts.vip ?? false })
        .where(eq(stayGuests.id, guest.id));
      return {
        kind: 'guest',
        orgId: org.id,
        guestId: guest.id,
        stayId: guest.stayId,
        sessionId: 't',
        access: 'active',
      } as const;
    };
    const [visitor] = await server.ctx.db
      .insert(visitors)
      .values({ orgId: hotel.org.id, name: 'Piotr', topic: 'Spa' })
      .returning();
    const requests = [
      { guest: await guestActor(hotel.org, { language: 'de-AT' }), text: 'Hallo' },
      { guest: await guestActor(hotel.org, { vip: true }), text: 'More towels please' },
      { guest: await guestActor(hotel.org, {}), text: 'Hello' },
      { guest: await guestActor(other.org, { language: 'de' }), text: 'Hallo' },
      {
        guest: {
          kind: 'visitor',
          orgId: hotel.org.id,
          visitorId: visitor?.id ?? '',
          sessionId: 't',
          access: 'active',
        } as const,
        text: 'Towels?',
      },
    ];
    const now = new Date();
    const together = await routeNewRequests(server.ctx.db, requests, now);
    const alone = await Promise.all(requests.map((r) => routeNewRequest(server.ctx.db, r.guest, r.text, now)));
    expect(together).toEqual(alone);
    expect(together.map((r) => [r.teamName, r.priority])).toEqual([
      ['German desk', 'normal'],
      ['VIP desk', 'high'],
      ['Reception', 'normal'],
      ['Front office', 'normal'],
      ['VIP desk', 'normal'],
    ]);
  });
});

describe('routing rules', () => {
  it('an admin adds, changes, reorders and removes rules, and chooses the default team', async () => {
    const { org, admin, agent, teams } = await hotelWithTeams(['Reception', 'Spa']);
    const [room] = await server.ctx.db.insert(rooms).values({ orgId: org.id, number: '101' }).returning();
    const a = await admin.post('/api/v1/routing-rules', {
      name: '  Spa ',
      teamId: teams.Spa,
      conditions: { keywords: [' Massage', 'massage', 'HOT TUB'], languages: ['DE'], roomIds: [room?.id] },
      priority: 'high',
    });
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body).toMatchObject({
      name: 'Spa',
      position: 1,
      conditions: {
        entry: 'any',
        roomIds: [room?.id],
        priorityRoomsOnly: false,
        languages: ['de'],
        keywords: ['massage', 'hot tub'],
      },
      team: { id: teams.Spa, name: 'Spa' },
      priority: 'high',
    });
    const b = await admin.post('/api/v1/routing-rules', {
      name: 'Walk-ins',
      teamId: teams.Reception,
      conditions: { entry: 'public_entry' },
    });
    const c = await admin.post('/api/v1/routing-rules', { name: 'Rest', teamId: teams.Reception });
    expect([b.body.position, c.body.position]).toEqual([2, 3]);

    const changed = await admin.patch(`/api/v1/routing-rules/${a.body.id}`, {
      priority: null,
      teamId: teams.Reception,
    });
    expect(changed.status).toBe(200);
    expect(changed.body).toMatchObject({
      name: 'Spa',
      priority: null,
      team: { name: 'Reception' },
      conditions: { keywords: ['massage', 'hot tub'] },
    });

    const reordered = await admin.put('/api/v1/routing-rules/order', { ids: [c.body.id, a.body.id] });
    expect(reordered.status).toBe(200);
    expect(reordered.body.rules.map((r: { name: string; position: number }) => [r.position, r.name])).toEqual([
      [1, 'Rest'],
      [2, 'Spa'],
      [3, 'Walk-ins'],
    ]);

    const withDefault = await admin.put('/api/v1/routing-rules/default-team', { teamId: teams.Reception });
    expect(withDefault.body.defaultTeam).toEqual({ id: teams.Reception, name: 'Reception' });
    expect((await admin.delete(`/api/v1/routing-rules/${c.body.id}`)).status).toBe(204);
    expect((await admin.delete(`/api/v1/routing-rules/${c.body.id}`)).status).toBe(404);
    const seen = await agent.get('/api/v1/routing-rules');
    expect(seen.status).toBe(200);
    expect(seen.body.rules.map((r: { name: string; position: number }) => [r.position, r.name])).toEqual([
      [1, 'Spa'],
      [2, 'Walk-ins'],
    ]);
    expect((await admin.put('/api/v1/routing-rules/default-team', { teamId: null })).body.defaultTeam).toBeNull();
  });

  it("refuses another organization's team, room or rule as if nobody had that id", async () => {
    const a = await hotelWithTeams(['Reception']);
    const b = await hotelWithTeams(['Reception']);
    const [roomOfA] = await server.ctx.db.insert(rooms).values({ orgId: a.org.id, number: '7' }).returning();
    const ruleOfA = (await a.admin.post('/api/v1/routing-rules', { name: 'Mine', teamId: a.teams.Reception })).body.id;
    for (const res of [
      await b.admin.post('/api/v1/routing-rules', { name: 'Theirs', teamId: a.teams.Reception }),
      await b.admin.post('/api/v1/routing-rules', {
        name: 'Theirs',
        teamId: b.teams.Reception,
        conditions: { roomIds: [roomOfA?.id] },
      }),
      await b.admin.patch(`/api/v1/routing-rules/${ruleOfA}`, { name: 'Taken over' }),
      await b.admin.delete(`/api/v1/routing-rules/${ruleOfA}`),
      await b.admin.put('/api/v1/routing-rules/order', { ids: [ruleOfA] }),
      await b.admin.put('/api/v1/routing-rules/default-team', { teamId: a.teams.Reception }),
    ]) {
      expect(res.status, JSON.stringify(res.body)).toBe(404);
      expect(res.body.error.code).toBe('not_found');
    }
    expect((await b.admin.get('/api/v1/routing-rules')).body).toEqual({ rules: [], defaultTeam: null });
    expect((await a.admin.get('/api/v1/routing-rules')).body.rules).toEqual([
      expect.objectContaining({ id: ruleOfA, name: 'Mine' }),
    ]);
  });

  it('only admins change the rules', async () => {
    const { org, admin, agent, teams } = await hotelWithTeams(['Reception']);
    const rule = (await admin.post('/api/v1/routing-rules', { name: 'All', teamId: teams.Reception })).body.id;
    const field = await signIn(server, await makeStaff(server, org, 'field'));
    for (const res of [
      await agent.post('/api/v1/routing-rules', { name: 'Mine', teamId: teams.Reception }),
      await agent.patch(`/api/v1/routing-rules/${rule}`, { name: 'Mine' }),
      await agent.delete(`/api/v1/routing-rules/${rule}`),
      await agent.put('/api/v1/routing-rules/order', { ids: [rule] }),
      await agent.put('/api/v1/routing-rules/default-team', { teamId: teams.Reception }),
      await field.get('/api/v1/routing-rules'),
    ]) {
      expect(res.status).toBe(403);
      expect(res.body.error.code).toBe('forbidden');
    }
  });

  it.each([
    ['an unknown entry', { conditions: { entry: 'email' } }],
    ['a keyword with symbols', { conditions: { keywords: ['50%'] } }],
    ['an empty keyword', { conditions: { keywords: [' '] } }],
    ['a language that is no tag', { conditions: { languages: ['German'] } }],
    ['an unknown priority', { priority: 'asap' }],
    ['a blank name', { name: '  ' }],
    ['an unknown condition', { conditions: { floor: 3 } }],
  ])('refuses a rule with %s', async (_label, change) => {
    const { admin, teams } = await hotelWithTeams(['Reception']);
    const res = await admin.post('/api/v1/routing-rules', { name: 'Rule', teamId: teams.Reception, ...change });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect((await admin.get('/api/v1/routing-rules')).body.rules).toEqual([]);
  });
});

describe('the queue', () => {
  it('shows the most urgent requests first, then who has waited longest; the desk sets priorities', async () => {
    const { org, agent } = await hotelWithTeams([]);
    const ids: string[] = [];
    for (const text of ['First', 'Second', 'Third']) ids.push(await write((await guestOf(org)).socket, text));
    const queue = async () =>
      ((await agent.get('/api/v1/conversations?status=queued')).body.conversations as { id: string }[]).map(
        (c) => c.id,
      );
    expect(await queue()).toEqual(ids);
    const urgent = await agent.put(`/api/v1/conversations/${ids[2]}/priority`, { priority: 'urgent' });
    expect(urgent.status).toBe(200);
    expect(urgent.body).toMatchObject({ id: ids[2], priority: 'urgent' });
    await agent.put(`/api/v1/conversations/${ids[0]}/priority`, { priority: 'low' });
    expect(await queue()).toEqual([ids[2], ids[1], ids[0]]);
    const [event] = await server.ctx.db
      .select()
      .from(domainEvents)
      .where(and(eq(domainEvents.type, 'conversation.prioritized'), eq(domainEvents.stream, `conversation:${ids[2]}`)));
    expect(event?.data).toMatchObject({ priority: 'urgent', previousPriority: 'normal' });
  });
});

describe('matching', () => {
  const rule = (over: Partial<RuleToMatch>): RuleToMatch => ({
    id: 'r',
    name: 'R',
    entry: 'any',
    roomIds: [],
    priorityRoomsOnly: false,
    openHoursOnly: false,
    teamOpen: true,
    languages: [],
    keywords: [],
    teamId: 't',
    teamName: 'T',
    priority: null,
    ...over,
  });
  const facts = {
    entry: 'room' as const,
    roomId: 'room-1',
    roomNumber: '101',
    roomPriority: false,
    language: 'pt-BR',
    vip: false,
    text: 'Czy mogę prosić o ręcznik? Late check-out?',
  };

  it('matches whole words and phrases in any case, and a language by its main tag', () => {
    expect(whyRuleMatches(rule({ keywords: ['ręcznik'] }), facts)).toBe('the message mentions “ręcznik”');
    expect(whyRuleMatches(rule({ keywords: ['late check-out'] }), facts)).toBe('the message mentions “late check-out”');
    expect(whyRuleMatches(rule({ keywords: ['check'] }), facts)).toBe('the message mentions “check”');
    expect(whyRuleMatches(rule({ keywords: ['ręcz'] }), facts)).toBeUndefined();
    expect(whyRuleMatches(rule({ languages: ['pt'] }), facts)).toBe('the guest speaks pt');
    expect(whyRuleMatches(rule({ languages: ['pt-pt'] }), facts)).toBeUndefined();
    expect(whyRuleMatches(rule({ entry: 'public_entry' }), facts)).toBeUndefined();
    expect(whyRuleMatches(rule({ roomIds: ['room-1'], entry: 'room' }), facts)).toBe(
      'it came from a room QR, it came from room 101',
    );
  });

  it('keeps what a rule matched, and why the priority rose, as facts the desk words in its own language', () => {
    const routed = routeRequest([rule({ roomIds: ['room-1'], entry: 'room', keywords: ['ręcznik'] })], null, {
      ...facts,
      vip: true,
    });
    expect(routed.routedBy.because).toEqual([
      { kind: 'room_qr' },
      { kind: 'room', room: '101' },
      { kind: 'keyword', keyword: 'ręcznik' },
    ]);
    expect(routed.routedBy.raisedBy).toBe('vip');
    expect(routed.priority).toBe('high');
    // the English words stay for the API, webhooks and the log
    expect(routed.routedBy.reason).toBe(
      'Rule “R”: it came from a room QR, it came from room 101, the message mentions “ręcznik”; high priority: a VIP guest',
    );
    const fallback = routeRequest([], { id: 'team-1', name: 'Reception' }, facts).routedBy;
    expect(fallback.because).toBeUndefined();
    expect(fallback.raisedBy).toBeUndefined();
  });

  it('asks for the team to be open only of a rule that says so', () => {
    expect(whyRuleMatches(rule({ openHoursOnly: true, teamOpen: false }), facts)).toBeUndefined();
    expect(whyRuleMatches(rule({ openHoursOnly: true, teamOpen: true }), facts)).toBe('T is open now');
    expect(whyRuleMatches(rule({ openHoursOnly: false, teamOpen: false }), facts)).toBe('it takes every request');
  });

  it('keeps a priority above high that a rule gives a VIP', () => {
    const routed = routeRequest([rule({ priority: 'urgent' })], null, { ...facts, vip: true });
    expect(routed.priority).toBe('urgent');
    expect(routed.routedBy.reason).toBe('Rule “R”: it takes every request');
  });
});
