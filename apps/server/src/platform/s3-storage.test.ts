import { randomUUID } from 'node:crypto';
import { GetObjectCommand, ListObjectsV2Command } from '@aws-sdk/client-s3';
import { attachmentPath } from '@frontdesk/protocol';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signInWithToken } from '../../test/factories.js';
import { startTestServer } from '../../test/harness.js';
import { startS3Server } from '../../test/s3-server.js';
import { loadConfig } from '../config.js';
import { s3Storage } from './s3-storage.js';

let s3: Awaited<ReturnType<typeof startS3Server>>;
beforeAll(async () => {
  s3 = await startS3Server();
});
afterAll(() => s3?.close());

function storage(keyPrefix = '') {
  const config = loadConfig({ ...s3.env, S3_KEY_PREFIX: keyPrefix, SESSION_SECRET: 'x'.repeat(32) });
  if (config.fileStorage.driver !== 's3') throw new Error('not s3');
  return s3Storage(config.fileStorage.s3);
}

describe('the S3 file storage, against a real S3-compatible server', () => {
  it('stores, reads back and deletes bytes under the key prefix; a missing key reads as nothing', async () => {
    const files = storage('frontdesk/');
    const key = randomUUID();
    const bytes = Buffer.from([0, 1, 2, 255, 254, 10, 13]);
    await files.put(key, bytes, 'application/pdf');
    expect(await files.get(key)).toEqual(bytes);
    const listed = await files.client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'frontdesk/' }));
    expect(listed.Contents?.map((o) => o.Key)).toContain(`frontdesk/${key}`);
    const object = await files.client.send(new GetObjectCommand({ Bucket: s3.bucket, Key: `frontdesk/${key}` }));
    expect(object.ContentType).toBe('application/pdf');
    await files.delete(key);
    expect(await files.get(key)).toBeNull();
    await files.delete(key); // deleting what is gone is no error
    expect(await files.get(randomUUID())).toBeNull();
    await expect(files.put('../etc/passwd', bytes)).rejects.toThrow(/invalid file key/);
  });

  it('refuses settings that cannot work', () => {
    expect(() => loadConfig({ FILE_STORAGE: 's3', SESSION_SECRET: 'x'.repeat(32) })).toThrow(/S3_BUCKET/);
    expect(() =>
      loadConfig({ FILE_STORAGE: 's3', S3_BUCKET: 'b-1', S3_ACCESS_KEY_ID: 'a', SESSION_SECRET: 'x'.repeat(32) }),
    ).toThrow(/go together/);
    expect(() => loadConfig({ FILE_STORAGE: 'ftp', SESSION_SECRET: 'x'.repeat(32) })).toThrow(/FILE_STORAGE/);
  });

  it('a node with FILE_STORAGE=s3 keeps attachments and logos in the bucket and serves them from there', async () => {
    const server = await startTestServer({}, s3.env);
    try {
      expect(server.ctx.files.kind).toBe('s3');
      const org = await makeOrg(server);
      const admin = await signInWithToken(server, await makeStaff(server, org, 'admin'));
      const png = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#336699' } })
        .png()
        .toBuffer();
      const logo = await admin.put('/api/v1/organization/logo', undefined, {
        raw: png,
        headers: { 'content-type': 'image/png' },
      });
      expect(logo.status, JSON.stringify(logo.body)).toBe(200);
      const logoId = String(logo.body.logoUrl).split('/').at(-1) as string;

      const guest = await makeGuest(server, org);
      const api = new ApiClient(server.url);
      api.token = guest.token;
      const up = await api.post('/api/v1/guest/attachments?name=sink.png', undefined, {
        raw: png,
        headers: { 'content-type': 'image/png' },
      });
      expect(up.status, JSON.stringify(up.body)).toBe(201);
      const listed = await storage().client.send(new ListObjectsV2Command({ Bucket: s3.bucket }));
      const keys = listed.Contents?.map((o) => o.Key) ?? [];
      expect(keys).toContain(logoId);
      expect(keys).toContain(up.body.id);
      const served = await fetch(`${server.url}${attachmentPath('guest', up.body.id)}`, {
        headers: { authorization: `Bearer ${guest.token}` },
      });
      expect(served.status).toBe(200);
      expect((await sharp(Buffer.from(await served.arrayBuffer())).metadata()).width).toBe(64);
    } finally {
      await server.close();
    }
  });
});
