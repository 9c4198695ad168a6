import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { guardedFetch } from './guarded-fetch.js';

let server: Server;
let base: string;
const received: { method?: string; body: string; type?: string }[] = [];

const read = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

beforeAll(async () => {
  server = createServer(async (req, res) => {
    received.push({ method: req.method, body: await read(req), type: req.headers['content-type'] });
    if (req.url === '/moved') return res.writeHead(302, { location: '/elsewhere' }).end();
    if (req.url === '/huge') return res.writeHead(200).end(Buffer.alloc(2 * 1024 * 1024, 'x'));
    res.writeHead(200, { 'content-type': 'application/json', 'x-two': ['a', 'b'] }).end('{"ok":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

describe('guarded fetch (requests to addresses an admin chose)', () => {
  const allowed = guardedFetch({ allowPrivate: true, setting: 'TEST_ALLOW_PRIVATE' });
  const guarded = guardedFetch({ allowPrivate: false, setting: 'TEST_ALLOW_PRIVATE' });

  it('refuses the installation’s own network, by literal address or by name, before connecting', async () => {
    const before = received.length;
    const port = new URL(base).port;
    for (const url of [base, `http://localhost:${port}/`, `http://[::ffff:127.0.0.1]:${port}/`])
      await expect(guarded(url), url).rejects.toThrow(/private network.*TEST_ALLOW_PRIVATE/);
    await expect(guarded('file:///etc/passwd')).rejects.toThrow(/not http/);
    expect(received.length).toBe(before);
  });

  it('answers like fetch where allowed: status, headers, body; a form body is sent; redirects are not followed', async () => {
    const res = await allowed(`${base}/config`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    expect(res.headers.get('x-two')).toBe('a, b');
    expect(await res.json()).toEqual({ ok: true });

    const posted = await allowed(`${base}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ grant_type: 'authorization_code', code: 'c d' }),
    });
    expect(posted.status).toBe(200);
    expect(received.at(-1)).toEqual({
      method: 'POST',
      body: 'grant_type=authorization_code&code=c+d',
      type: 'application/x-www-form-urlencoded',
    });

    const moved = await allowed(`${base}/moved`);
    expect(moved.status).toBe(302);
    expect(moved.headers.get('location')).toBe('/elsewhere');
    expect(received.at(-1)?.method).toBe('GET');
  });

  it('gives up on an answer over 1 MB', async () => {
    await expect(allowed(`${base}/huge`)).rejects.toThrow(/more than/);
  });
});
