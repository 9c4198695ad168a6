import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { eq } from 'drizzle-orm';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient, type ApiResponse } from '../../../test/client.js';
import {
  makeConversation,
  makeOrg,
  makeStaff,
  makeStay,
  makeSuperadmin,
  signIn,
  type TestOrg,
} from '../../../test/factories.js';
import { startTestServer, type TestServer } from '../../../test/harness.js';
import { auditLog, files } from '../../db/schema.js';
import { diskPathOf, diskStorage } from '../../platform/file-storage.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

// ---- images made for the tests, with sharp ----

const solid = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 3, background: { r: 31, g: 95, b: 139 } } });

/** A PNG with transparency, as logos often are. */
const png = (width: number, height: number) =>
  sharp({ create: { width, height, channels: 4, background: { r: 200, g: 30, b: 60, alpha: 0.5 } } })
    .png()
    .toBuffer();
const jpeg = (width: number, height: number) => solid(width, height).jpeg().toBuffer();

/** A camera-style JPEG: landscape pixels, EXIF saying "turn me upright" (orientation 6), a GPS position and an owner. */
const cameraJpeg = (width: number, height: number) =>
  solid(width, height)
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExifMerge({
      IFD0: { Copyright: 'secret-owner-name', ImageDescription: 'secret-description' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 13/1 49/1', GPSLongitudeRef: 'E', GPSLongitude: '21/1 0/1 42/1' },
    })
    .toBuffer();

const PNG_TYPE = { 'content-type': 'image/png' };

async function upload(client: ApiClient, path: string, bytes: Uint8Array, type = 'image/png') {
  return client.put(path, undefined, { raw: bytes, headers: { 'content-type': type } });
}

/** Fetches a served file as bytes, as a browser's <img> would (no credentials). */
async function fetchFile(url: string) {
  const res = await fetch(`${server.url}${url}`);
  return { status: res.status, headers: res.headers, bytes: Buffer.from(await res.arrayBuffer()) };
}

const idOf = (url: string) => url.split('/').at(-1) ?? '';
const onDisk = (url: string) => existsSync(diskPathOf(server.ctx.config.filesDir, idOf(url)));

async function adminOf(org: TestOrg) {
  return signIn(server, await makeStaff(server, org, 'admin'));
}

function expectRefused(res: ApiResponse, status: number, code: string) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.code).toBe(code);
}

describe('organization logo', () => {
  it('an admin uploads a PNG: it is resized to fit 512×512, served with long-lived caching, and shown to guests', async () => {
    const org = await makeOrg(server);
    const admin = await adminOf(org);
    const res = await upload(admin, '/api/v1/organization/logo', await png(2000, 1000));
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.logoUrl).toMatch(/^\/api\/v1\/files\/[0-9a-f-]{36}$/);

    const served = await fetchFile(res.body.logoUrl);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/png');
    expect(served.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const meta = await sharp(served.bytes).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 512, height: 256, hasAlpha: true });

    // Everyone who shows the logo gets the uploaded one: staff, and the guest login page.
    expect((await admin.get('/api/v1/organization')).body.logoUrl).toBe(res.body.logoUrl);
    const page = await new ApiClient(server.url).get(`/api/v1/public/organizations/${org.slug}`);
    expect(page.body.logoUrl).toBe(res.body.logoUrl);
  });

  it('takes a JPEG too, and never enlarges a small logo', async () => {
    const admin = await adminOf(await makeOrg(server));
    const res = await upload(admin, '/api/v1/organization/logo', await jpeg(120, 80), 'image/jpeg');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    const meta = await sharp((await fetchFile(res.body.logoUrl)).bytes).metadata();
    expect(meta).toMatchObject({ format: 'png', width: 120, height: 80 });
  });

  it('replacing the logo deletes the old file from disk; removing it deletes the last one', async () => {
    const org = await makeOrg(server);
    const admin = await adminOf(org);
    const first = (await upload(admin, '/api/v1/organization/logo', await png(300, 300))).body.logoUrl;
    expect(onDisk(first)).toBe(true);

    const second = (await upload(admin, '/api/v1/organization/logo', await png(200, 100))).body.logoUrl;
    expect(second).not.toBe(first);
    expect(onDisk(first), 'the replaced logo is gone from disk').toBe(false);
    expect((await fetchFile(first)).status).toBe(404);
    expect(onDisk(second)).toBe(true);
    expect((await fetchFile(second)).status).toBe(200);

    const removed = await admin.delete('/api/v1/organization/logo');
    expect(removed.status).toBe(200);
    expect(removed.body.logoUrl).toBeNull();
    expect(onDisk(second)).toBe(false);
    expect((await fetchFile(second)).status).toBe(404);
    expect(await server.ctx.db.select().from(files).where(eq(files.orgId, org.id))).toEqual([]);

    // Removing again is harmless.
    expect((await admin.delete('/api/v1/organization/logo')).status).toBe(200);

    const audit = await admin.get('/api/v1/audit-log');
    const actions = (audit.body.entries as { action: string; details: Record<string, unknown> }[]).map((e) => e.action);
    expect(actions.slice(0, 3)).toEqual([
      'organization.logo_removed',
      'organization.logo_uploaded',
      'organization.logo_uploaded',
    ]);
    expect(audit.body.entries[1].details).toMatchObject({ fileId: idOf(second), replacedFileId: idOf(first) });
  });

  it('a typed logo address takes the place of an uploaded logo, whose file is deleted', async () => {
    const admin = await adminOf(await makeOrg(server));
    const uploaded = (await upload(admin, '/api/v1/organization/logo', await png(64, 64))).body.logoUrl;
    const typed = 'https://cdn.example.test/logo.png';
    const res = await admin.patch('/api/v1/organization', { logoUrl: typed });
    expect(res.body.logoUrl).toBe(typed);
    expect(onDisk(uploaded)).toBe(false);
    // …and an upload replaces the typed address again.
    const again = await upload(admin, '/api/v1/organization/logo', await png(64, 64));
    expect(again.body.logoUrl).toMatch(/^\/api\/v1\/files\//);
  });

  it('agents, field staff, guests, strangers and the platform owner cannot change the logo', async () => {
    const org = await makeOrg(server);
    const admin = await adminOf(org);
    const logo = (await upload(admin, '/api/v1/organization/logo', await png(100, 100))).body.logoUrl;
    const image = await png(50, 50);

    for (const role of ['agent', 'field'] as const) {
      const staff = await signIn(server, await makeStaff(server, org, role));
      expectRefused(await upload(staff, '/api/v1/organization/logo', image), 403, 'forbidden');
      expectRefused(await staff.delete('/api/v1/organization/logo'), 403, 'forbidden');
    }
    const owner = await signIn(server, await makeSuperadmin(server));
    expectRefused(await upload(owner, '/api/v1/organization/logo', image), 403, 'forbidden');
    expectRefused(await upload(new ApiClient(server.url), '/api/v1/organization/logo', image), 401, 'unauthenticated');

    const { guest } = await makeStay(server, org);
    const phone = new ApiClient(server.url);
    expect((await phone.post(`/api/v1/guest/${org.slug}/login`, { code: guest.code })).status).toBe(200);
    expectRefused(await upload(phone, '/api/v1/organization/logo', image), 401, 'unauthenticated');
    expectRefused(await phone.delete('/api/v1/organization/logo'), 401, 'unauthenticated');

    // Another organization's admin changes their own organization's logo, never this one's.
    const otherOrg = await makeOrg(server);
    const stranger = await adminOf(otherOrg);
    const theirs = await upload(stranger, '/api/v1/organization/logo', image);
    expect(theirs.status).toBe(200);
    expect(theirs.body.id).toBe(otherOrg.id);
    expect((await stranger.delete('/api/v1/organization/logo')).body.id).toBe(otherOrg.id);

    expect((await admin.get('/api/v1/organization')).body.logoUrl).toBe(logo);
    expect(onDisk(logo)).toBe(true);
    expect((await fetchFile(logo)).status).toBe(200);
    const stored = await server.ctx.db.select().from(files).where(eq(files.orgId, org.id));
    expect(stored.map((f) => f.id)).toEqual([idOf(logo)]);
    const entries = await server.ctx.db.select().from(auditLog).where(eq(auditLog.orgId, org.id));
    expect(entries.filter((e) => e.action.startsWith('organization.logo'))).toHaveLength(1);
  });
});

describe('what an upload may be', () => {
  it('refuses a text file named .png, an SVG and a GIF by what their bytes are, storing nothing', async () => {
    const org = await makeOrg(server);
    const admin = await adminOf(org);
    const svg = Buffer.from(
      '<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"><script>alert(1)</script></svg>',
    );
    const gif = await solid(20, 20).gif().toBuffer();
    const cases: [string, Uint8Array, string][] = [
      [
        'a text file sent as image/png',
        Buffer.from('This is not a picture, just text renamed to logo.png\n'),
        'image/png',
      ],
      ['an SVG as image/svg+xml', svg, 'image/svg+xml'],
      ['an SVG disguised as image/png', svg, 'image/png'],
      ['a GIF', gif, 'image/gif'],
      ['an empty body', Buffer.alloc(0), 'image/png'],
    ];
    for (const [what, bytes, type] of cases) {
      const res = await upload(admin, '/api/v1/organization/logo', bytes, type);
      expect(res.status, `${what}: ${JSON.stringify(res.body)}`).toBe(415);
      expect(res.body.error.code, what).toBe('unsupported_file_type');
      const photo = await upload(admin, '/api/v1/me/photo', bytes, type);
      expect(photo.status, what).toBe(415);
      expect(photo.body.error.code, what).toBe('unsupported_file_type');
    }
    expect(await server.ctx.db.select().from(files).where(eq(files.orgId, org.id))).toEqual([]);
  });

  it('sniffs the real type: a JPEG sent as application/octet-stream is taken', async () => {
    const admin = await adminOf(await makeOrg(server));
    const res = await upload(admin, '/api/v1/me/photo', await jpeg(300, 300), 'application/octet-stream');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.photoUrl).toMatch(/^\/api\/v1\/files\//);
  });

  it('refuses a damaged image that only starts like a PNG', async () => {
    const admin = await adminOf(await makeOrg(server));
    const real = await png(64, 64);
    const damaged = Buffer.concat([real.subarray(0, 40), Buffer.alloc(200, 7)]);
    expectRefused(await upload(admin, '/api/v1/organization/logo', damaged), 422, 'invalid_image');
  });

  it('refuses a file over the size cap with file_too_large', async () => {
    const org = await makeOrg(server);
    const admin = await adminOf(org);
    const max = server.ctx.config.filesMaxBytes;
    expect(max).toBe(5 * 1024 * 1024);
    const header = await png(8, 8);
    const oversized = Buffer.concat([header, Buffer.alloc(max + 1 - header.length, 1)]);
    const res = await upload(admin, '/api/v1/organization/logo', oversized);
    expectRefused(res, 413, 'file_too_large');
    expect(res.body.error.details).toEqual({ maxBytes: max });
    expect(await server.ctx.db.select().from(files).where(eq(files.orgId, org.id))).toEqual([]);
  });

  it('still speaks JSON elsewhere: an image body on a JSON endpoint is refused', async () => {
    const admin = await adminOf(await makeOrg(server));
    const res = await admin.patch('/api/v1/organization', undefined, { raw: await png(8, 8), headers: PNG_TYPE });
    expectRefused(res, 415, 'unsupported_media_type');
  });
});

describe('staff photos', () => {
  it('a JPEG photo loses its EXIF and GPS, is turned upright and cropped to 256×256 WebP', async () => {
    const org = await makeOrg(server);
    const agent = await signIn(server, await makeStaff(server, org, 'agent'));
    const original = await cameraJpeg(1200, 800);
    const before = await sharp(original).metadata();
    expect(before.exif, 'the test image carries EXIF').toBeDefined();
    expect(before.orientation).toBe(6);
    expect(original.includes('secret-owner-name')).toBe(true);

    const res = await upload(agent, '/api/v1/me/photo', original, 'image/jpeg');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.photoUrl).toMatch(/^\/api\/v1\/files\/[0-9a-f-]{36}$/);

    const served = await fetchFile(res.body.photoUrl);
    expect(served.headers.get('content-type')).toBe('image/webp');
    expect(served.headers.get('cache-control')).toContain('immutable');
    expect(served.headers.get('x-content-type-options')).toBe('nosniff');
    const meta = await sharp(served.bytes).metadata();
    expect(meta).toMatchObject({ format: 'webp', width: 256, height: 256 });
    expect(meta.exif).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.orientation).toBeUndefined();
    for (const secret of ['secret-owner-name', 'secret-description', 'Exif', 'GPS']) {
      expect(served.bytes.includes(secret), secret).toBe(false);
    }
  });

  it('a logo from a camera is turned upright by its EXIF orientation', async () => {
    const admin = await adminOf(await makeOrg(server));
    const res = await upload(admin, '/api/v1/organization/logo', await cameraJpeg(400, 200), 'image/jpeg');
    const meta = await sharp((await fetchFile(res.body.logoUrl)).bytes).metadata();
    expect({ width: meta.width, height: meta.height, exif: meta.exif }).toEqual({
      width: 200,
      height: 400,
      exif: undefined,
    });
  });

  it('shows in the staff list and in who-am-I; replacing deletes the old one; removing works', async () => {
    const org = await makeOrg(server);
    const member = await makeStaff(server, org, 'field');
    const field = await signIn(server, member);
    const first = (await upload(field, '/api/v1/me/photo', await png(500, 500))).body.photoUrl;
    const second = await upload(field, '/api/v1/me/photo', await jpeg(500, 300), 'image/jpeg');
    expect(second.status).toBe(200);
    expect(second.body).toMatchObject({ id: member.id, photoUrl: expect.stringMatching(/^\/api\/v1\/files\//) });
    expect(onDisk(first)).toBe(false);
    expect((await fetchFile(first)).status).toBe(404);

    const desk = await signIn(server, await makeStaff(server, org, 'agent'));
    const listed = (await desk.get('/api/v1/staff')).body.find((s: { id: string }) => s.id === member.id);
    expect(listed.photoUrl).toBe(second.body.photoUrl);
    expect((await field.get('/api/v1/auth/me')).body.photoUrl).toBe(second.body.photoUrl);

    const removed = await field.delete('/api/v1/me/photo');
    expect(removed.status).toBe(200);
    expect(removed.body.photoUrl).toBeNull();
    expect(onDisk(second.body.photoUrl)).toBe(false);
    const entries = await server.ctx.db.select().from(auditLog).where(eq(auditLog.targetId, member.id));
    expect(entries.map((e) => e.action).sort()).toEqual([
      'account.photo_removed',
      'account.photo_uploaded',
      'account.photo_uploaded',
    ]);
  });

  it('each staff member changes only their own photo; the platform owner has none; guests cannot', async () => {
    const org = await makeOrg(server);
    const agentUser = await makeStaff(server, org, 'agent');
    const agent = await signIn(server, agentUser);
    const photo = (await upload(agent, '/api/v1/me/photo', await png(100, 100))).body.photoUrl;

    const admin = await adminOf(org);
    const own = await upload(admin, '/api/v1/me/photo', await png(100, 100));
    expect(own.body.photoUrl).not.toBe(photo);
    const owner = await signIn(server, await makeSuperadmin(server));
    expectRefused(await upload(owner, '/api/v1/me/photo', await png(10, 10)), 403, 'forbidden');

    const { guest } = await makeStay(server, org);
    const phone = new ApiClient(server.url);
    await phone.post(`/api/v1/guest/${org.slug}/login`, { code: guest.code });
    expectRefused(await upload(phone, '/api/v1/me/photo', await png(10, 10)), 401, 'unauthenticated');
    expectRefused(await phone.delete('/api/v1/me/photo'), 401, 'unauthenticated');

    const staff = (await admin.get('/api/v1/staff')).body as { id: string; photoUrl: string | null }[];
    expect(staff.find((s) => s.id === agentUser.id)?.photoUrl).toBe(photo);
    expect(onDisk(photo)).toBe(true);
  });

  it('removing a staff member deletes their photo', async () => {
    const org = await makeOrg(server);
    const leaver = await makeStaff(server, org, 'agent');
    const photo = (await upload(await signIn(server, leaver), '/api/v1/me/photo', await png(80, 80))).body.photoUrl;
    const admin = await adminOf(org);
    expect((await admin.delete(`/api/v1/staff/${leaver.id}`)).status).toBe(204);
    expect(onDisk(photo)).toBe(false);
    expect((await fetchFile(photo)).status).toBe(404);
  });

  it('the guest sees the photo of whoever took their request, beside their name and motto; so does the inbox', async () => {
    const org = await makeOrg(server);
    const user = await makeStaff(server, org, 'agent', { name: 'Piotr Nowak' });
    const agent = await signIn(server, user);
    await agent.patch('/api/v1/me', { motto: 'Happy to help' });
    const photo = (await upload(agent, '/api/v1/me/photo', await jpeg(640, 480), 'image/jpeg')).body.photoUrl;

    const { guest } = await makeStay(server, org);
    const { conversation } = await makeConversation(server, guest, { assigneeId: user.id });
    const phone = new ApiClient(server.url);
    expect((await phone.post(`/api/v1/guest/${org.slug}/login`, { code: guest.code })).status).toBe(200);
    const mine = await phone.get('/api/v1/guest/conversations');
    const seen = (mine.body as { id: string; assignee: unknown }[]).find((c) => c.id === conversation.id);
    expect(seen?.assignee).toEqual({ id: user.id, name: 'Piotr Nowak', motto: 'Happy to help', photoUrl: photo });
    // The guest's phone loads it without any staff credentials.
    const served = await fetchFile(photo);
    expect(served.status).toBe(200);
    expect(served.headers.get('content-type')).toBe('image/webp');

    const inbox = await agent.get(`/api/v1/conversations/${conversation.id}`);
    expect(inbox.body.assignee).toMatchObject({ id: user.id, photoUrl: photo });

    // Without a photo, the assignee's photoUrl is null (the guest sees their initial).
    await agent.delete('/api/v1/me/photo');
    const after = await phone.get('/api/v1/guest/conversations');
    const again = (after.body as { id: string; assignee: { photoUrl: string | null } }[]).find(
      (c) => c.id === conversation.id,
    );
    expect(again?.assignee.photoUrl).toBeNull();
  });
});

describe('serving', () => {
  it('answers 404 for an id that names no file, and 400 for one that is no id', async () => {
    const unknown = await fetchFile('/api/v1/files/7d3c1c52-4b7e-4c55-9d52-2b8f1f0e9a11');
    expect(unknown.status).toBe(404);
    expect(JSON.parse(unknown.bytes.toString()).error.code).toBe('not_found');
    const bad = await fetchFile('/api/v1/files/..%2F..%2Fsession-secret');
    expect(bad.status).toBe(400);
    expect(JSON.parse(bad.bytes.toString()).error.code).toBe('validation_failed');
  });
});

describe('disk storage', () => {
  it('puts, gets and deletes bytes by id, leaving no temporary files, and refuses keys that are no ids', async () => {
    const root = join(mkdtempSync(join(tmpdir(), 'frontdesk-files-')), 'files');
    const storage = diskStorage(root);
    const id = randomUUID();
    expect(await storage.get(id)).toBeNull();
    await storage.put(id, Buffer.from('pixels'));
    expect((await storage.get(id))?.toString()).toBe('pixels');
    expect(readdirSync(join(root, id.slice(0, 2)))).toEqual([id]);
    await storage.delete(id);
    await storage.delete(id);
    expect(await storage.get(id)).toBeNull();
    for (const key of ['../session-secret', 'a/b', '']) {
      await expect(storage.put(key, Buffer.from('x'))).rejects.toThrow(/invalid file key/);
      await expect(storage.get(key)).rejects.toThrow(/invalid file key/);
    }
  });
});
