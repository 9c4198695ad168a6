import { clientEvents } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken, type TestOrg } from '../../../test/factories.js';
import { startTestServer, type TestServer, uniqueSuffix } from '../../../test/harness.js';
import { ask, socketsClosedAfterEach } from '../../../test/sockets.js';
import { stayGuests } from '../../db/schema.js';
import { fillCanned } from './fill.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());
const socketFor = socketsClosedAfterEach(() => server.url);

async function desk(org: TestOrg, role: 'admin' | 'agent' | 'field', name: string) {
  const user = await makeStaff(server, org, role, { name });
  return { id: user.id, api: await signInWithToken(server, user) };
}

const shortcuts = (res: { body: { cannedResponses: { shortcut: string }[] } }) =>
  res.body.cannedResponses.map((c) => c.shortcut);

describe('filling in a canned response', () => {
  it('uses the guest’s language when there is a variant, fills the variables, leaves unknown ones', () => {
    const ctx = { guestName: 'Jan', room: '112', agentName: 'Sara', orgName: 'Hotel Maris', language: 'de' };
    const body = 'Hello {{guest.name}}, {{ agent.name }} of {{org.name}} here about room {{room}} {{unknown}}';
    expect(fillCanned(body, {}, ctx)).toBe('Hello Jan, Sara of Hotel Maris here about room 112 {{unknown}}');
    expect(fillCanned(body, { de: 'Hallo {{guest.name}}' }, ctx)).toBe('Hallo Jan');
    expect(fillCanned(body, { pl: 'Cześć' }, { ...ctx, language: null, room: null })).toBe(
      'Hello Jan, Sara of Hotel Maris here about room  {{unknown}}',
    );
  });
});

describe('canned responses', () => {
  it('admins keep shared ones, agents their own; nobody sees another’s own; shortcuts are unique per scope', async () => {
    const org = await makeOrg(server);
    const admin = await desk(org, 'admin', 'Ada');
    const sara = await desk(org, 'agent', 'Sara');
    const olek = await desk(org, 'agent', 'Olek');
    const field = await desk(org, 'field', 'Filip');

    const shared = await admin.api.post('/api/v1/canned-responses', {
      scope: 'shared',
      shortcut: 'Wifi',
      title: 'Wi-Fi password',
      text: 'The Wi-Fi is {{org.name}}-guest, password sunshine',
    });
    expect(shared.status, JSON.stringify(shared.body)).toBe(201);
    expect(shared.body).toMatchObject({ scope: 'shared', shortcut: 'wifi', canEdit: true, filled: null });

    // agents may not add, change or remove shared ones
    const denied = await sara.api.post('/api/v1/canned-responses', {
      scope: 'shared',
      shortcut: 'x',
      title: 'x',
      text: 'x',
    });
    expect(denied.status).toBe(403);
    expect(denied.body.error.code).toBe('forbidden');
    expect((await sara.api.patch(`/api/v1/canned-responses/${shared.body.id}`, { title: 'Mine now' })).status).toBe(
      403,
    );
    expect((await sara.api.delete(`/api/v1/canned-responses/${shared.body.id}`)).status).toBe(403);
    expect((await field.api.get('/api/v1/canned-responses')).status).toBe(403);

    // an agent's own: shortcut free beside the shared one; twice in one scope is refused
    const own = await sara.api.post('/api/v1/canned-responses', {
      shortcut: 'wifi',
      title: 'My Wi-Fi',
      text: 'Try restarting',
    });
    expect(own.status, JSON.stringify(own.body)).toBe(201);
    expect(own.body).toMatchObject({ scope: 'personal', canEdit: true });
    const twice = await sara.api.post('/api/v1/canned-responses', { shortcut: 'WIFI', title: 'Again', text: 'Again' });
    expect(twice.status).toBe(409);
    expect(twice.body.error.code).toBe('shortcut_taken');
    const twiceShared = await admin.api.post('/api/v1/canned-responses', {
      scope: 'shared',
      shortcut: 'wifi',
      title: 'x',
      text: 'x',
    });
    expect(twiceShared.body.error.code).toBe('shortcut_taken');

    // Sara sees both; Olek and the admin only the shared one, and Sara's is not found for them
    expect(
      (await sara.api.get('/api/v1/canned-responses')).body.cannedResponses.map((c: { id: string }) => c.id),
    ).toEqual([own.body.id, shared.body.id]);
    for (const other of [olek, admin]) {
      expect(shortcuts(await other.api.get('/api/v1/canned-responses'))).toEqual(['wifi']);
      expect((await other.api.get(`/api/v1/canned-responses/${own.body.id}`)).status).toBe(404);
      expect((await other.api.patch(`/api/v1/canned-responses/${own.body.id}`, { title: 'x' })).status).toBe(404);
      expect((await other.api.delete(`/api/v1/canned-responses/${own.body.id}`)).status).toBe(404);
    }
    const sharedForSara = (await sara.api.get(`/api/v1/canned-responses/${shared.body.id}`)).body;
    expect(sharedForSara.canEdit).toBe(false);

    // edit and remove one's own; admins edit shared ones
    const edited = await sara.api.patch(`/api/v1/canned-responses/${own.body.id}`, {
      title: 'Router',
      variants: { de: 'Neustarten' },
    });
    expect(edited.body).toMatchObject({ title: 'Router', text: 'Try restarting', variants: { de: 'Neustarten' } });
    expect((await sara.api.patch(`/api/v1/canned-responses/${own.body.id}`, {})).body.title).toBe('Router');
    expect((await admin.api.patch(`/api/v1/canned-responses/${shared.body.id}`, { title: 'Wi-Fi' })).body.title).toBe(
      'Wi-Fi',
    );
    expect((await sara.api.delete(`/api/v1/canned-responses/${own.body.id}`)).status).toBe(204);
    expect(shortcuts(await sara.api.get('/api/v1/canned-responses'))).toEqual(['wifi']);
  });

  it('searches by shortcut (those first) and by title and text; % and _ are plain characters', async () => {
    const org = await makeOrg(server);
    const admin = await desk(org, 'admin', 'Ada');
    for (const [shortcut, title, text] of [
      ['towels', 'Towels', 'Housekeeping brings fresh towels'],
      ['breakfast', 'Breakfast', 'Breakfast is 7–10, towels at the pool'],
      ['late', 'Late check-out', 'Late check-out is 50% off'],
    ]) {
      const res = await admin.api.post('/api/v1/canned-responses', { scope: 'shared', shortcut, title, text });
      expect(res.status).toBe(201);
    }
    expect(shortcuts(await admin.api.get('/api/v1/canned-responses?q=tow'))).toEqual(['towels', 'breakfast']);
    expect(shortcuts(await admin.api.get('/api/v1/canned-responses?q=%2Fbre'))).toEqual(['breakfast']);
    expect(shortcuts(await admin.api.get('/api/v1/canned-responses?q=check-out'))).toEqual(['late']);
    expect(shortcuts(await admin.api.get('/api/v1/canned-responses?q=50%25'))).toEqual(['late']);
    expect(shortcuts(await admin.api.get('/api/v1/canned-responses?q=%25'))).toEqual(['late']);
    expect(shortcuts(await admin.api.get('/api/v1/canned-responses?q=_'))).toEqual([]);
    expect(shortcuts(await admin.api.get('/api/v1/canned-responses?scope=personal'))).toEqual([]);
  });

  it('fills the variables for a conversation in the guest’s language; another organization’s or team’s conversation is not found', async () => {
    const org = await makeOrg(server, { name: 'Hotel Maris' });
    const admin = await desk(org, 'admin', 'Ada Admin');
    const sara = await desk(org, 'agent', 'Sara Agent');
    const guest = await makeGuest(server, org, { name: 'Jan Kowalski', room: '112' });
    await server.ctx.db.update(stayGuests).set({ language: 'de' }).where(eq(stayGuests.id, guest.guestId));
    const socket = await socketFor({ token: guest.token });
    const first = await ask(socket, clientEvents.send, { text: 'Hallo', clientId: `c-${uniqueSuffix()}` });
    const conversationId = first.data.conversation.id as string;
    await admin.api.post('/api/v1/canned-responses', {
      scope: 'shared',
      shortcut: 'welcome',
      title: 'Welcome',
      text: 'Welcome {{guest.name}} to room {{room}}! {{agent.name}}, {{org.name}}',
      variants: { de: 'Willkommen {{guest.name}} in Zimmer {{room}}! {{agent.name}}, {{org.name}}', pl: 'Witamy' },
    });
    await admin.api.post('/api/v1/canned-responses', {
      scope: 'shared',
      shortcut: 'bye',
      title: 'Bye',
      text: 'Bye {{guest.name}}',
    });
    const filled = await sara.api.get(`/api/v1/canned-responses?conversationId=${conversationId}`);
    expect(filled.status).toBe(200);
    expect(
      Object.fromEntries(
        filled.body.cannedResponses.map((c: { shortcut: string; filled: string }) => [c.shortcut, c.filled]),
      ),
    ).toEqual({
      welcome: 'Willkommen Jan Kowalski in Zimmer 112! Sara Agent, Hotel Maris',
      bye: 'Bye Jan Kowalski',
    });

    // another organization: neither the conversation nor the responses
    const other = await makeOrg(server);
    const foreign = await desk(other, 'admin', 'Foreign');
    expect((await foreign.api.get(`/api/v1/canned-responses?conversationId=${conversationId}`)).status).toBe(404);
    expect(shortcuts(await foreign.api.get('/api/v1/canned-responses'))).toEqual([]);
    const welcomeId = filled.body.cannedResponses[1].id;
    expect((await foreign.api.get(`/api/v1/canned-responses/${welcomeId}`)).status).toBe(404);
    expect((await foreign.api.patch(`/api/v1/canned-responses/${welcomeId}`, { title: 'x' })).status).toBe(404);
    expect((await foreign.api.delete(`/api/v1/canned-responses/${welcomeId}`)).status).toBe(404);

    // team visibility: an agent outside the request's team cannot fill for it
    const spa = (await admin.api.post('/api/v1/teams', { name: 'Spa', description: '' })).body.id;
    const moved = await admin.api.post(`/api/v1/conversations/${conversationId}/transfer`, {
      userId: null,
      teamId: spa,
    });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect((await admin.api.patch('/api/v1/organization', { conversationVisibility: 'team' })).status).toBe(200);
    const outsider = await desk(org, 'agent', 'Olek');
    expect((await outsider.api.get(`/api/v1/canned-responses?conversationId=${conversationId}`)).status).toBe(404);

    // a guest is no staff member
    const guestApi = new ApiClient(server.url);
    guestApi.token = guest.token;
    expect((await guestApi.get('/api/v1/canned-responses')).status).toBe(401);
  });
});
