import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { attachmentPath, clientEvents } from '@frontdesk/protocol';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../../test/client.js';
import { makeGuest, makeOrg, makeStaff, signIn, signInWithToken } from '../../test/factories.js';
import {
  freshInstallation,
  startTestServer,
  type TestServer,
  uniqueSuffix,
  usingPostgres,
} from '../../test/harness.js';
import { ask, connect } from '../../test/sockets.js';
import { loadConfig } from '../config.js';
import { BackupError, backupInstallation, restoreInstallation } from './backup.js';

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A new installation (database and DATA_DIR of its own), dropped after the file. */
async function newInstallation() {
  const installation = await freshInstallation();
  cleanups.push(installation.drop);
  return installation;
}

/** A node on `env`, closed after the file if the test has not closed it. */
async function nodeOn(env: Record<string, string>): Promise<TestServer> {
  const server = await startTestServer({}, env);
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await server.close();
  };
  cleanups.push(close);
  return { ...server, close };
}

async function bytesOf(baseUrl: string, token: string, path: string) {
  const res = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
  return { status: res.status, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** What a user would look at after a restore: the desk's history, the guest's sync, the file's bytes. */
async function whatTheyGet(
  server: TestServer,
  staffToken: string,
  guestToken: string,
  conversationId: string,
  attachmentId: string,
) {
  const staff = new ApiClient(server.url);
  staff.token = staffToken;
  const history = await staff.get(`/api/v1/conversations/${conversationId}/messages`);
  expect(history.status, JSON.stringify(history.body)).toBe(200);
  const socket = await connect(server.url, { token: guestToken });
  try {
    const synced = await ask(socket, clientEvents.sync, { since: {} });
    expect(synced.ok, JSON.stringify(synced)).toBe(true);
    const file = await bytesOf(server.url, staffToken, attachmentPath('staff', attachmentId));
    expect(file.status).toBe(200);
    return { history: history.body.messages, synced: synced.data.messages, file: file.bytes };
  } finally {
    socket.close();
  }
}

describe(`backup and restore (${usingPostgres ? 'PostgreSQL: pg_dump / pg_restore' : 'embedded: PGlite dumpDataDir / loadDataDir'})`, () => {
  it('a restored installation serves the same conversations, sessions and file bytes, and a restore never writes over data', async () => {
    // the same secret on both sides, as an operator keeps SESSION_SECRET: sessions live in the database
    const secret = { SESSION_SECRET: randomBytes(32).toString('hex') };
    const original = await newInstallation();
    const before = await nodeOn({ ...original.env, ...secret });

    const org = await makeOrg(before);
    const agentUser = await makeStaff(before, org, 'agent');
    const agent = await signInWithToken(before, agentUser);
    const guest = await makeGuest(before, org, { name: 'Ola Nowak' });
    const photo = await sharp({ create: { width: 64, height: 48, channels: 3, background: { r: 0, g: 120, b: 90 } } })
      .png()
      .toBuffer();
    const guestApi = new ApiClient(before.url);
    guestApi.token = guest.token;
    const upload = await guestApi.post('/api/v1/guest/attachments?name=sink.png', undefined, {
      raw: photo,
      headers: { 'content-type': 'image/png' },
    });
    expect(upload.status, JSON.stringify(upload.body)).toBe(201);
    const socket = await connect(before.url, { token: guest.token });
    const first = await ask(socket, clientEvents.send, { clientId: `b-${uniqueSuffix()}`, text: 'The sink leaks' });
    expect(first.ok, JSON.stringify(first)).toBe(true);
    const conversationId: string = first.data.conversation.id;
    const second = await ask(socket, clientEvents.send, {
      clientId: `b-${uniqueSuffix()}`,
      conversationId,
      attachmentIds: [upload.body.id],
    });
    expect(second.ok, JSON.stringify(second)).toBe(true);
    socket.close();
    const reply = await agent.post(`/api/v1/conversations/${conversationId}/messages`, {
      clientId: `b-${uniqueSuffix()}`,
      text: 'A plumber is on the way',
    });
    expect(reply.status, JSON.stringify(reply.body)).toBe(201);
    const expected = await whatTheyGet(before, agent.token as string, guest.token, conversationId, upload.body.id);
    const shown = JSON.stringify(expected.history);
    for (const part of ['The sink leaks', upload.body.id, 'A plumber is on the way']) expect(shown).toContain(part);
    expect(JSON.stringify(expected.synced)).toContain(upload.body.id);
    expect(expected.file.length).toBeGreaterThan(0);

    // the embedded database is one process's: back it up with the node stopped (PostgreSQL would not mind)
    const { config } = before.ctx;
    await before.close();
    const folder = join(mkdtempSync(join(tmpdir(), 'frontdesk-backup-')), 'backup');
    const manifest = await backupInstallation(config, folder);
    expect(manifest).toMatchObject({ database: usingPostgres ? 'postgres' : 'pglite', files: 'disk' });

    // a restore never writes over an installation that holds data
    await expect(restoreInstallation(config, folder)).rejects.toThrow(BackupError);

    const restored = await newInstallation();
    await restoreInstallation(loadConfig({ ...restored.env, ...secret }), folder);
    const after = await nodeOn({ ...restored.env, ...secret });
    // the tokens issued before the backup still work: the sessions came back with the database
    expect(await whatTheyGet(after, agent.token as string, guest.token, conversationId, upload.body.id)).toEqual(
      expected,
    );
    // and the desk signs in and writes on, after the restored messages
    const desk = await signIn(after, agentUser);
    const next = await desk.post(`/api/v1/conversations/${conversationId}/messages`, {
      clientId: `b-${uniqueSuffix()}`,
      text: 'Fixed',
    });
    expect(next.status, JSON.stringify(next.body)).toBe(201);
    expect(next.body.message.seq).toBe(expected.history.length + 1);
    await after.close();
  });
});
