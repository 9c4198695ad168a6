import { serverEvents } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { DateTime } from 'luxon';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../../test/client.js';
import { hoursFromNow, makeOrg, makeRooms, makeStaff, signIn } from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { decodeQrPng, decodeQrSvg, decodeQrsInPdf, pdfPageCount, pdfTextLines } from '../../../test/qr-decode.js';
import { connect, nextEvent } from '../../../test/sockets.js';
import { stays } from '../../db/schema.js';
import { systemContext } from '../../platform/service-context.js';
import { CODE_ALPHABET } from './codes.js';
import { endDueStays } from './service.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

async function desk() {
  const org = await makeOrg(server);
  const admin = await signIn(server, await makeStaff(server, org, 'admin'));
  const agent = await signIn(server, await makeStaff(server, org, 'agent'));
  return { org, admin, agent };
}

describe('rooms', () => {
  it('an admin adds rooms from a range and a list; existing numbers are skipped', async () => {
    const { admin, agent } = await desk();
    const range = await admin.post('/api/v1/rooms/bulk', { range: '101-120', label: 'Floor 1' });
    expect(range.status).toBe(201);
    expect(range.body.created).toHaveLength(20);
    expect(range.body.created[0]).toMatchObject({ number: '101', label: 'Floor 1', occupied: false });
    const list = await admin.post('/api/v1/rooms/bulk', { numbers: ['120', '201', 'Suite A'] });
    expect(list.body.created.map((r: { number: string }) => r.number)).toEqual(['201', 'Suite A']);
    expect(list.body.skipped).toEqual(['120']);
    const rooms = await agent.get('/api/v1/rooms');
    expect(rooms.body).toHaveLength(22);
    expect(rooms.body[0].number).toBe('101');
    expect(rooms.body.at(-1).number).toBe('Suite A');
    expect((await agent.post('/api/v1/rooms', { number: '999' })).status).toBe(403);
  });

  it('refuses bad ranges and duplicate numbers', async () => {
    const { admin } = await desk();
    expect((await admin.post('/api/v1/rooms/bulk', { range: '120-101' })).body.error.code).toBe('validation_failed');
    expect((await admin.post('/api/v1/rooms/bulk', { range: '1-5000' })).body.error.code).toBe('validation_failed');
    expect((await admin.post('/api/v1/rooms/bulk', { range: '1-2', numbers: ['3'] })).body.error.code).toBe(
      'validation_failed',
    );
    await admin.post('/api/v1/rooms', { number: '7' });
    const dup = await admin.post('/api/v1/rooms', { number: '7' });
    expect(dup.status).toBe(409);
    expect(dup.body.error.code).toBe('room_number_taken');
  });

  it('refuses to remove a room with a guest in it; removes it after check-out', async () => {
    const { org, admin, agent } = await desk();
    const [room] = await makeRooms(server, org, ['305']);
    const stay = await agent.post('/api/v1/stays', { roomId: room?.id, checkOutAt: hoursFromNow(24) });
    expect((await agent.get('/api/v1/rooms')).body.map((r: { occupied: boolean }) => r.occupied)).toEqual([true]);
    const refused = await admin.delete(`/api/v1/rooms/${room?.id}`);
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('room_occupied');
    await agent.post(`/api/v1/stays/${stay.body.id}/check-out`);
    expect((await admin.delete(`/api/v1/rooms/${room?.id}`)).status).toBe(204);
    expect((await admin.get('/api/v1/rooms')).body).toEqual([]);
    // the past stay keeps its room for the history
    expect((await agent.get(`/api/v1/stays/${stay.body.id}`)).body.room.number).toBe('305');
  });

  it('gives each room a poster QR that opens the guest login with the room filled in', async () => {
    const { org, admin } = await desk();
    const [room] = await makeRooms(server, org, ['101']);
    const png = await fetch(`${server.url}/api/v1/rooms/${room?.id}/qr.png`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(png.headers.get('content-type')).toBe('image/png');
    const url = decodeQrPng(Buffer.from(await png.arrayBuffer()));
    expect(url).toBe(`${server.ctx.config.publicUrl}/g/${org.slug}?room=101`);
    const svg = await admin.get(`/api/v1/rooms/${room?.id}/qr.svg`);
    expect(decodeQrSvg(svg.body)).toBe(url);
  });

  it('prints a PDF sheet with one labelled QR per room, all or selected', async () => {
    const { org, admin } = await desk();
    const rooms = await makeRooms(server, org, ['101', '102', '103', '104', '105', '106', '107']);
    const all = await fetch(`${server.url}/api/v1/rooms/posters.pdf`, { headers: { cookie: admin.cookie ?? '' } });
    expect(all.headers.get('content-type')).toBe('application/pdf');
    const pdf = Buffer.from(await all.arrayBuffer());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    expect(decodeQrsInPdf(pdf)).toEqual(
      rooms.map((r) => `${server.ctx.config.publicUrl}/g/${org.slug}?room=${r.number}`),
    );
    expect(pdfPageCount(pdf)).toBe(2);
    const ids = [rooms[1]?.id, rooms[4]?.id].join(',');
    const some = await fetch(`${server.url}/api/v1/rooms/posters.pdf?ids=${ids}`, {
      headers: { cookie: admin.cookie ?? '' },
    });
    expect(decodeQrsInPdf(Buffer.from(await some.arrayBuffer()))).toEqual([
      `${server.ctx.config.publicUrl}/g/${org.slug}?room=102`,
      `${server.ctx.config.publicUrl}/g/${org.slug}?room=105`,
    ]);
  });
});

describe('check-in', () => {
  it('gives the guest a readable code, a link, a QR that decodes to the link, and a welcome card', async () => {
    const { org, agent } = await desk();
    const [room] = await makeRooms(server, org, ['214']);
    const localCheckOut = `${DateTime.now().plus({ days: 60 }).toISODate()}T11:00`;
    const res = await agent.post('/api/v1/stays', {
      roomId: room?.id,
      checkOutAt: localCheckOut,
      guest: { name: 'Jan Kowalski', email: 'Jan@Example.test', language: 'pl', vip: true },
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'current', room: { number: '214' }, endedAt: null });
    // a time without an offset is the hotel's wall-clock time (Europe/Warsaw in the factory)
    expect(res.body.checkOutAt).toBe(DateTime.fromISO(localCheckOut, { zone: 'Europe/Warsaw' }).toUTC().toISO());
    expect(DateTime.fromISO(res.body.checkOutAt).setZone('Europe/Warsaw').toFormat('HH:mm')).toBe('11:00');
    const [guest] = res.body.guests;
    expect(guest).toMatchObject({ name: 'Jan Kowalski', email: 'jan@example.test', language: 'pl', vip: true });
    expect(guest.code).toHaveLength(12);
    for (const ch of guest.code) expect(CODE_ALPHABET).toContain(ch);
    expect(guest.url).toBe(`${server.ctx.config.publicUrl}/g/${org.slug}?code=${guest.code}`);

    const png = await fetch(`${server.url}${new URL(guest.qrPngUrl).pathname}`, {
      headers: { cookie: agent.cookie ?? '' },
    });
    expect(decodeQrPng(Buffer.from(await png.arrayBuffer()))).toBe(guest.url);
    const svg = await agent.get(new URL(guest.qrSvgUrl).pathname);
    expect(decodeQrSvg(svg.body)).toBe(guest.url);
    const card = await fetch(`${server.url}${new URL(guest.welcomeCardUrl).pathname}`, {
      headers: { cookie: agent.cookie ?? '' },
    });
    const pdf = Buffer.from(await card.arrayBuffer());
    expect(pdfPageCount(pdf)).toBe(1);
    expect(decodeQrsInPdf(pdf)).toEqual([guest.url]);
    // in the guest's language (Polish letters outside WinAnsi are transliterated)
    const [lines = []] = pdfTextLines(pdf);
    expect(lines).toContain('Pokój 214');
    expect(lines).toContain('Zeskanuj, by pisac z recepcja — bez aplikacji');
    expect(lines.find((l) => l.startsWith('Wymeldowanie: '))).toBeDefined();
    expect(lines.join(' ')).not.toMatch(/Room|Check-out|Scan/);
  });

  it('records who checked whom in to which room, for the audit log’s sentence', async () => {
    const { org, admin, agent } = await desk();
    const [room] = await makeRooms(server, org, ['14']);
    const checkOutAt = hoursFromNow(24);
    await agent.post('/api/v1/stays', { roomId: room?.id, checkOutAt, guest: { name: 'Jan Kowalski' } });
    const log = await admin.get('/api/v1/audit-log?limit=1');
    expect(log.body.entries[0]).toMatchObject({
      action: 'stay.checked_in',
      details: { room: '14', guest: 'Jan Kowalski' },
    });
  });

  it('holds one live stay per room, but adds a second guest with their own code', async () => {
    const { org, agent } = await desk();
    const [room] = await makeRooms(server, org, ['12']);
    const first = await agent.post('/api/v1/stays', { roomId: room?.id, checkOutAt: hoursFromNow(48) });
    const second = await agent.post('/api/v1/stays', { roomId: room?.id, checkOutAt: hoursFromNow(48) });
    expect(second.status).toBe(409);
    expect(second.body.error.code).toBe('room_occupied');
    const added = await agent.post(`/api/v1/stays/${first.body.id}/guests`, { name: 'Partner' });
    expect(added.status).toBe(201);
    expect(added.body.guests).toHaveLength(2);
    expect(added.body.guests[1].code).not.toBe(added.body.guests[0].code);
  });

  it('refuses a check-out time in the past, and rooms of another organization', async () => {
    const { org, agent } = await desk();
    const [room] = await makeRooms(server, org, ['1']);
    const past = await agent.post('/api/v1/stays', { roomId: room?.id, checkOutAt: hoursFromNow(-1) });
    expect(past.status).toBe(400);
    expect(past.body.error.code).toBe('validation_failed');
    const other = await desk();
    const foreign = await other.agent.post('/api/v1/stays', { roomId: room?.id, checkOutAt: hoursFromNow(5) });
    expect(foreign.status).toBe(404);
  });

  it('frees the room when the check-out time passes, without anyone pressing a button', async () => {
    const { org, agent } = await desk();
    const [room] = await makeRooms(server, org, ['5']);
    const stay = await agent.post('/api/v1/stays', { roomId: room?.id, checkOutAt: hoursFromNow(1) });
    await server.ctx.db
      .update(stays)
      .set({ checkOutAt: new Date(Date.now() - 1000) })
      .where(eq(stays.id, stay.body.id));
    expect((await agent.get(`/api/v1/stays/${stay.body.id}`)).body.status).toBe('ended');
    expect((await agent.get('/api/v1/rooms')).body[0].occupied).toBe(false);
    // the job ends it (here, or already on another node of a shared database: the job runs on any)
    await endDueStays(systemContext(server.ctx, 'test'));
    const [row] = await server.ctx.db.select().from(stays).where(eq(stays.id, stay.body.id));
    expect(row?.endedAt?.getTime()).toBe(row?.checkOutAt.getTime());
    expect((await agent.post('/api/v1/stays', { roomId: room?.id, checkOutAt: hoursFromNow(3) })).status).toBe(201);
  });
});

describe('checking in over an overdue stay', () => {
  it('ends the overdue stay for its guest at once: their live socket is told and closed', async () => {
    const { org, agent } = await desk();
    const [room] = await makeRooms(server, org, ['77']);
    const old = await agent.post('/api/v1/stays', {
      roomId: room?.id,
      checkOutAt: hoursFromNow(1),
      guest: { name: 'Ola', language: 'de' },
    });
    const login = await new ApiClient(server.url).post(`/api/v1/guest/${org.slug}/login`, {
      code: old.body.guests[0].code,
    });
    const guestSocket = await connect(server.url, { token: login.body.token });
    try {
      const ended = nextEvent(guestSocket, serverEvents.sessionEnded);
      const closed = new Promise((resolve) => guestSocket.once('disconnect', resolve));
      await server.ctx.db
        .update(stays)
        .set({ checkOutAt: new Date(Date.now() - 1000) })
        .where(eq(stays.id, old.body.id));
      const next = await agent.post('/api/v1/stays', {
        roomId: room?.id,
        checkOutAt: hoursFromNow(3),
        guest: { name: 'Ewa' },
      });
      expect(next.status).toBe(201);
      // in the guest's language
      expect(await ended).toEqual({
        code: 'stay_ended',
        message: 'Ihr Aufenthalt ist beendet. Vielen Dank für Ihren Besuch!',
      });
      await closed;
      expect((await agent.get(`/api/v1/stays/${old.body.id}`)).body.status).toBe('ended');
    } finally {
      guestSocket.close();
    }
  });
});

describe('changing and ending stays', () => {
  it('extends, shortens and checks out; ended stays cannot be changed', async () => {
    const { org, agent } = await desk();
    const [room] = await makeRooms(server, org, ['33']);
    const stay = await agent.post('/api/v1/stays', { roomId: room?.id, checkOutAt: hoursFromNow(24) });
    const longer = await agent.patch(`/api/v1/stays/${stay.body.id}`, { checkOutAt: hoursFromNow(72) });
    expect(new Date(longer.body.checkOutAt).getTime()).toBeGreaterThan(Date.now() + 71 * 3600 * 1000);
    const shorter = await agent.patch(`/api/v1/stays/${stay.body.id}`, { checkOutAt: hoursFromNow(2) });
    expect(new Date(shorter.body.checkOutAt).getTime()).toBeLessThan(Date.now() + 3 * 3600 * 1000);
    const out = await agent.post(`/api/v1/stays/${stay.body.id}/check-out`);
    expect(out.body.status).toBe('ended');
    expect(new Date(out.body.endedAt).getTime()).toBeLessThanOrEqual(Date.now());
    const late = await agent.patch(`/api/v1/stays/${stay.body.id}`, { checkOutAt: hoursFromNow(5) });
    expect(late.status).toBe(410);
    expect(late.body.error.code).toBe('stay_ended');
  });
});

describe('the desk list', () => {
  it('shows current and upcoming stays by check-out time, searches, and lists the stays that ended today', async () => {
    const { org, agent } = await desk();
    const [r1, r2, r3] = await makeRooms(server, org, ['101', '102', '103']);
    const a = await agent.post('/api/v1/stays', {
      roomId: r1?.id,
      checkOutAt: hoursFromNow(50),
      guest: { name: 'Alice Smith' },
    });
    const b = await agent.post('/api/v1/stays', {
      roomId: r2?.id,
      checkOutAt: hoursFromNow(20),
      guest: { name: 'Bob Brown' },
    });
    const c = await agent.post('/api/v1/stays', {
      roomId: r3?.id,
      checkInAt: hoursFromNow(10),
      checkOutAt: hoursFromNow(30),
      guest: { name: 'Carol Upcoming' },
    });
    expect(c.body.status).toBe('upcoming');

    const live = await agent.get('/api/v1/stays');
    expect(live.body.map((s: { id: string }) => s.id)).toEqual([b.body.id, c.body.id, a.body.id]);
    expect((await agent.get('/api/v1/stays?status=current')).body.map((s: { id: string }) => s.id)).toEqual([
      b.body.id,
      a.body.id,
    ]);
    expect((await agent.get('/api/v1/stays?status=upcoming')).body.map((s: { id: string }) => s.id)).toEqual([
      c.body.id,
    ]);
    expect((await agent.get('/api/v1/stays?q=alice')).body.map((s: { id: string }) => s.id)).toEqual([a.body.id]);
    expect((await agent.get('/api/v1/stays?q=102')).body.map((s: { id: string }) => s.id)).toEqual([b.body.id]);

    await agent.post(`/api/v1/stays/${b.body.id}/check-out`);
    const today = await agent.get('/api/v1/stays?status=ended_today');
    expect(today.body.map((s: { id: string }) => s.id)).toEqual([b.body.id]);
    expect((await agent.get('/api/v1/stays')).body).toHaveLength(2);
  });

  it('is for reception and admins only, and never shows another organization’s stays', async () => {
    const { org, agent } = await desk();
    const [room] = await makeRooms(server, org, ['1']);
    const stay = await agent.post('/api/v1/stays', { roomId: room?.id, checkOutAt: hoursFromNow(5) });
    const field = await signIn(server, await makeStaff(server, org, 'field'));
    expect((await field.get('/api/v1/stays')).status).toBe(403);
    const other = await desk();
    expect((await other.agent.get('/api/v1/stays')).body).toEqual([]);
    expect((await other.agent.get(`/api/v1/stays/${stay.body.id}`)).status).toBe(404);
    expect((await other.agent.post(`/api/v1/stays/${stay.body.id}/check-out`)).status).toBe(404);
    expect(
      (await other.agent.get(`/api/v1/stays/${stay.body.id}/guests/${stay.body.guests[0].id}/qr.svg`)).status,
    ).toBe(404);
    expect((await new ApiClient(server.url).get('/api/v1/stays')).status).toBe(401);
  });
});
