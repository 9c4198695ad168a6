import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { hoursFromNow, makeOrg, makeRooms, makeStaff, signIn } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { decodeQrPng } from '../../../test/qr-decode.js';
import { stayGuests, stays } from '../../db/schema.js';
import { newAccessCode } from '../stays/index.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** An organization with a receptionist and one checked-in guest. */
async function checkedInGuest(opts: { checkOutInHours?: number; language?: string } = {}) {
  const org = await makeOrg(server);
  const agent = await signIn(server, await makeStaff(server, org, 'agent'));
  const [room] = await makeRooms(server, org, ['101']);
  const stay = await agent.post('/api/v1/stays', {
    roomId: room?.id,
    checkOutAt: hoursFromNow(opts.checkOutInHours ?? 24),
    guest: { name: 'Guest One', ...(opts.language ? { language: opts.language } : {}) },
  });
  const guest = stay.body.guests[0];
  return { org, agent, stay: stay.body, guest };
}

/** Follows a guest link the way the guest page will: slug from the path, code from the query. */
function partsOf(link: string) {
  const url = new URL(link);
  return { slug: url.pathname.split('/')[2] ?? '', code: url.searchParams.get('code') ?? '' };
}

describe('guest login from the QR code', () => {
  it('decodes the printed QR, follows the link inside, and gets a session scoped to the stay', async () => {
    const { agent, guest, stay, org } = await checkedInGuest();
    const png = await fetch(`${server.url}${new URL(guest.qrPngUrl).pathname}`, {
      headers: { cookie: agent.cookie ?? '' },
    });
    const link = decodeQrPng(Buffer.from(await png.arrayBuffer()));
    expect(link).toBeTruthy();
    const { slug, code } = partsOf(link ?? '');

    const phone = new ApiClient(server.url);
    const info = await phone.get(`/api/v1/public/organizations/${slug}`);
    // the guest's page shows times on the hotel's clock, whatever the phone's own zone
    expect(info.body).toMatchObject({ name: org.name, slug: org.slug, timezone: 'Europe/Warsaw' });
    const login = await phone.post(`/api/v1/guest/${slug}/login`, {
      code: code.toLowerCase().replace(/(.{4})/, '$1-'),
    });
    expect(login.status).toBe(200);
    expect(login.body.token).toMatch(/^g_/);
    expect(login.body.session).toMatchObject({
      kind: 'guest',
      access: 'active',
      organization: { slug: org.slug, timezone: 'Europe/Warsaw' },
      guest: { id: guest.id, name: 'Guest One' },
      stay: { id: stay.id, roomNumber: '101', endedAt: null },
    });
    expect((await phone.get('/api/v1/guest/session')).body.stay.id).toBe(stay.id);
    // a guest session is not a staff session
    expect((await phone.get('/api/v1/stays')).status).toBe(401);
    expect((await phone.get('/api/v1/auth/me')).status).toBe(401);
  });

  it('works for API clients with the bearer token', async () => {
    const { guest } = await checkedInGuest();
    const { slug, code } = partsOf(guest.url);
    const token = (await new ApiClient(server.url).post(`/api/v1/guest/${slug}/login`, { code })).body.token;
    const app = new ApiClient(server.url);
    app.token = token;
    expect((await app.get('/api/v1/guest/session')).body.access).toBe('active');
  });
});

describe('codes that do not work', () => {
  it('an unknown code gets a friendly message', async () => {
    const { org } = await checkedInGuest();
    const res = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: 'ZZZZ2222' });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('code_unknown');
    expect(res.body.error.message).toMatch(/reception/);
  });

  it('one organization’s codes never work in another', async () => {
    const { guest } = await checkedInGuest();
    const other = await makeOrg(server);
    const res = await new ApiClient(server.url).post(`/api/v1/guest/${other.slug}/login`, { code: guest.code });
    expect(res.status).toBe(401);
    expect(res.body.error.code).toBe('code_unknown');
  });

  it('an unknown organization is a 404', async () => {
    const res = await new ApiClient(server.url).post('/api/v1/guest/no-such-hotel/login', { code: 'ABCD2345' });
    expect(res.status).toBe(404);
  });

  it('a stay that ended beyond the grace period says when it ended', async () => {
    const { guest, stay } = await checkedInGuest();
    const endedAt = new Date('2026-05-12T10:00:00Z');
    await server.ctx.db.update(stays).set({ endedAt, checkOutAt: endedAt }).where(eq(stays.id, stay.id));
    const { slug, code } = partsOf(guest.url);
    const res = await new ApiClient(server.url).post(`/api/v1/guest/${slug}/login`, { code });
    expect(res.status).toBe(410);
    expect(res.body.error).toMatchObject({
      code: 'stay_ended',
      message: 'This stay ended on 12 May — please ask reception for a new code.',
      details: { endedAt: endedAt.toISOString() },
    });
  });

  it('a stay that has not started yet says from when the code works', async () => {
    const org = await makeOrg(server);
    const agent = await signIn(server, await makeStaff(server, org, 'agent'));
    const [room] = await makeRooms(server, org, ['9']);
    const stay = await agent.post('/api/v1/stays', {
      roomId: room?.id,
      checkInAt: hoursFromNow(5),
      checkOutAt: hoursFromNow(30),
    });
    const res = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, {
      code: stay.body.guests[0].code,
    });
    expect(res.status).toBe(403);
    expect(res.body.error.code).toBe('stay_not_started');
  });

  it('malformed codes are a validation error, not a guess', async () => {
    const { org } = await checkedInGuest();
    const res = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: '<script>' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});

describe('check-out and the read-only grace period', () => {
  it('check-out turns a live session read-only at once; the code signs in no more; after the grace period nothing works', async () => {
    const { agent, guest, stay } = await checkedInGuest();
    const { slug, code } = partsOf(guest.url);
    const phone = new ApiClient(server.url);
    await phone.post(`/api/v1/guest/${slug}/login`, { code });
    expect((await phone.get('/api/v1/guest/session')).body.access).toBe('active');

    await agent.post(`/api/v1/stays/${stay.id}/check-out`);
    const during = await phone.get('/api/v1/guest/session');
    expect(during.body.access).toBe('read_only');
    expect(new Date(during.body.readOnlyUntil).getTime()).toBeGreaterThan(Date.now() + 23 * 3600 * 1000);
    // the welcome card left in the room opens nothing new: neither the typed code nor its QR link
    const again = await new ApiClient(server.url).post(`/api/v1/guest/${slug}/login`, { code });
    expect(again.status).toBe(410);
    expect(again.body.error.code).toBe('stay_ended');
    expect((await phone.get('/api/v1/guest/session')).body.access).toBe('read_only');

    const longAgo = new Date(Date.now() - 25 * 3600 * 1000);
    await server.ctx.db.update(stays).set({ endedAt: longAgo, checkOutAt: longAgo }).where(eq(stays.id, stay.id));
    const after = await phone.get('/api/v1/guest/session');
    expect(after.status).toBe(410);
    expect(after.body.error.code).toBe('stay_ended');
    expect((await new ApiClient(server.url).post(`/api/v1/guest/${slug}/login`, { code })).status).toBe(410);
  });

  it('staff end the read-only grace of the devices that were signed in before check-out', async () => {
    const { agent, guest, stay } = await checkedInGuest();
    const { slug, code } = partsOf(guest.url);
    const phone = new ApiClient(server.url);
    const tablet = new ApiClient(server.url);
    await phone.post(`/api/v1/guest/${slug}/login`, { code });
    await tablet.post(`/api/v1/guest/${slug}/login`, { code });
    await agent.post(`/api/v1/stays/${stay.id}/check-out`);
    expect((await phone.get('/api/v1/guest/session')).body.access).toBe('read_only');

    const ended = await agent.post(`/api/v1/stays/${stay.id}/end-access`);
    expect(ended.status).toBe(200);
    expect(ended.body).toMatchObject({ id: stay.id, status: 'ended' });
    for (const device of [phone, tablet]) {
      const after = await device.get('/api/v1/guest/session');
      expect(after.status).toBe(410);
      expect(after.body.error.code).toBe('stay_ended');
    }
    expect((await new ApiClient(server.url).post(`/api/v1/guest/${slug}/login`, { code })).status).toBe(410);
  });

  it('the grace period is an organization setting', async () => {
    const { guest, stay, org } = await checkedInGuest();
    const admin = await signIn(
      server,
      await makeStaff(server, { id: org.id, slug: org.slug, name: org.name }, 'admin'),
    );
    expect((await admin.patch('/api/v1/organization', { guestGraceHours: 0 })).body.guestGraceHours).toBe(0);
    const endedAt = new Date(Date.now() - 60_000);
    await server.ctx.db.update(stays).set({ endedAt, checkOutAt: endedAt }).where(eq(stays.id, stay.id));
    const res = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
    expect(res.status).toBe(410);
  });

  it('extending the stay keeps the guest in', async () => {
    const { agent, guest, stay, org } = await checkedInGuest({ checkOutInHours: 1 });
    const phone = new ApiClient(server.url);
    await phone.post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
    await agent.patch(`/api/v1/stays/${stay.id}`, { checkOutAt: hoursFromNow(48) });
    const session = await phone.get('/api/v1/guest/session');
    expect(session.body.access).toBe('active');
    expect(new Date(session.body.stay.checkOutAt).getTime()).toBeGreaterThan(Date.now() + 47 * 3600 * 1000);
  });

  it('logout ends the guest session on that device', async () => {
    const { guest, org } = await checkedInGuest();
    const phone = new ApiClient(server.url);
    await phone.post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
    expect((await phone.post('/api/v1/guest/logout')).status).toBe(204);
    expect((await phone.get('/api/v1/guest/session')).status).toBe(401);
  });
});

describe('code attempt rate limits', () => {
  let limited: TestServer;
  beforeAll(async () => {
    limited = await startTestServer({
      guestLimits: {
        codePerIp: 5,
        codeFailuresPerOrg: 1000,
        codeWindowSeconds: 600,
        visitorPerIp: 2,
        visitorWindowSeconds: 600,
        labelAnswersPerLabel: 1_000,
        labelAnswersPerIp: 1_000,
        labelAnswerWindowSeconds: 60,
        labelCodesPerLabel: 1_000,
        labelCodesPerIp: 1_000,
        labelCodeWindowSeconds: 60,
      },
    });
  });
  afterAll(() => limited?.close());

  it('limits code attempts per IP, with the time to wait', async () => {
    const org = await makeOrg(limited);
    const client = new ApiClient(limited.url);
    const statuses: number[] = [];
    for (let i = 0; i < 6; i++)
      statuses.push((await client.post(`/api/v1/guest/${org.slug}/login`, { code: `ABCD234${i}` })).status);
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    const last = await client.post(`/api/v1/guest/${org.slug}/login`, { code: 'ABCD2349' });
    expect(last.status).toBe(429);
    expect(last.body.error.details.retryAfterSeconds).toBeGreaterThan(0);
  });

  it('a flood of wrong codes from many addresses never locks out a guest with a valid code', async () => {
    const flooded = await startTestServer({
      trustProxy: true,
      guestLimits: {
        codePerIp: 3,
        codeFailuresPerOrg: 5,
        codeWindowSeconds: 600,
        visitorPerIp: 2,
        visitorWindowSeconds: 600,
        labelAnswersPerLabel: 1_000,
        labelAnswersPerIp: 1_000,
        labelAnswerWindowSeconds: 60,
        labelCodesPerLabel: 1_000,
        labelCodesPerIp: 1_000,
        labelCodeWindowSeconds: 60,
      },
    });
    try {
      const org = await makeOrg(flooded);
      const agent = await signIn(flooded, await makeStaff(flooded, org, 'agent'));
      const [room] = await makeRooms(flooded, org, ['101']);
      const stay = await agent.post('/api/v1/stays', { roomId: room?.id, checkOutAt: hoursFromNow(24) });
      const code: string = stay.body.guests[0].code;
      const from = (ip: string) => ({ headers: { 'x-forwarded-for': ip } });
      // 20 addresses × 3 wrong codes: four times the organization's alert threshold
      const statuses = new Set<number>();
      for (let i = 0; i < 20; i++) {
        for (let j = 0; j < 3; j++) {
          const res = await new ApiClient(flooded.url).post(
            `/api/v1/guest/${org.slug}/login`,
            { code: `WXYZ${String(i).padStart(2, '2')}${j}2ABCD` },
            from(`198.51.100.${i + 1}`),
          );
          statuses.add(res.status);
        }
      }
      expect([...statuses]).toEqual([401]);
      // an attacking address is spent…
      const attacker = await new ApiClient(flooded.url).post(
        `/api/v1/guest/${org.slug}/login`,
        { code },
        from('198.51.100.1'),
      );
      expect(attacker.status).toBe(429);
      // …but the guest, from their own address, signs in with their code at once
      const guest = await new ApiClient(flooded.url).post(
        `/api/v1/guest/${org.slug}/login`,
        { code: code.replace(/(.{4})(?=.)/g, '$1 ').toLowerCase() },
        from('203.0.113.7'),
      );
      expect(guest.status).toBe(200);
      expect(guest.body.session.access).toBe('active');
    } finally {
      await flooded.close();
    }
  });
});

describe('access codes', () => {
  it('are 12 symbols, grouped by four for reading aloud; codes of 8 issued before still work', async () => {
    const { guest, org, stay } = await checkedInGuest();
    expect(guest.code).toMatch(/^[A-HJKMNP-Z2-9]{12}$/);
    // an 8-symbol code of its own: the PostgreSQL test database outlives a run, and codes are unique
    const legacy = newAccessCode().slice(0, 8);
    await server.ctx.db.update(stayGuests).set({ code: legacy }).where(eq(stayGuests.id, guest.id));
    const typed = `${legacy.slice(0, 4)}-${legacy.slice(4)}`.toLowerCase();
    const res = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, { code: typed });
    expect(res.status).toBe(200);
    expect(res.body.session.stay.id).toBe(stay.id);
  });
});

describe('public entry for visitors', () => {
  it('is off by default; when on, a visitor fills the short form and gets a visitor session', async () => {
    const org = await makeOrg(server);
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const visitor = new ApiClient(server.url);
    const form = { name: 'Walk-in Visitor', email: 'visitor@example.test', topic: 'Do you have a room tonight?' };
    const off = await visitor.post(`/api/v1/guest/${org.slug}/visit`, form);
    expect(off.status).toBe(403);
    expect(off.body.error.code).toBe('public_entry_disabled');

    await admin.patch('/api/v1/organization', { publicEntryEnabled: true });
    const entry = await admin.get('/api/v1/organization/public-entry');
    expect(entry.body).toMatchObject({ enabled: true, url: `${server.ctx.config.publicUrl}/g/${org.slug}/visit` });
    const png = await fetch(`${server.url}/api/v1/organization/public-entry/qr.png`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(decodeQrPng(Buffer.from(await png.arrayBuffer()))).toBe(entry.body.url);

    const on = await visitor.post(`/api/v1/guest/${org.slug}/visit`, form);
    expect(on.status).toBe(200);
    expect(on.body.session).toMatchObject({
      kind: 'visitor',
      access: 'active',
      guest: { name: 'Walk-in Visitor' },
      stay: null,
    });
    expect((await visitor.get('/api/v1/guest/session')).body.kind).toBe('visitor');

    await admin.patch('/api/v1/organization', { publicEntryEnabled: false });
    expect((await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/visit`, form)).status).toBe(403);
  });

  it('refuses an empty form', async () => {
    const org = await makeOrg(server);
    const res = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/visit`, { name: '', topic: '' });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('validation_failed');
  });
});
