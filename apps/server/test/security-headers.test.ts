import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../src/config.js';
import {
  frameworkErrors,
  installErrorHandling,
  MAX_PATH_SEGMENT,
  refuseLongPathSegments,
} from '../src/platform/errors.js';
import { installSecurityHeaders } from '../src/platform/security-headers.js';
import { registerWebApp, WEB_DIST } from '../src/platform/web.js';
import { ApiClient } from './client.js';
import { makeGuest, makeOrg, makeStaff, signIn, signInWithToken, type TestOrg } from './factories.js';
import { startTestServer, type TestServer } from './harness.js';

/** The Content-Security-Policy of a response, as a map from directive to its sources. */
function csp(headers: Headers): Map<string, string[]> {
  const header = headers.get('content-security-policy') ?? '';
  return new Map(
    header
      .split(';')
      .map((d) => d.trim().split(/\s+/))
      .filter(([name]) => name)
      .map(([name = '', ...sources]) => [name, sources]),
  );
}

/** `<script>` elements without a src: inline code, which the CSP would refuse (and must never need). */
const inlineScripts = (html: string) => html.match(/<script\b(?![^>]*\bsrc=)[^>]*>/gi) ?? [];

/** What every page of ours says, whatever it is: scripts only from our origin, no framing, no sniffing. */
function expectPageHeaders(headers: Headers, frameAncestors = ["'none'"]) {
  const policy = csp(headers);
  expect(policy.get('default-src')).toEqual(["'self'"]);
  expect(policy.get('script-src')).toEqual(["'self'"]);
  expect(policy.get('script-src-attr')).toEqual(["'none'"]);
  expect(policy.get('object-src')).toEqual(["'none'"]);
  expect(policy.get('base-uri')).toEqual(["'self'"]);
  expect(policy.get('connect-src')).toEqual(["'self'"]);
  expect(policy.get('img-src')).toEqual(["'self'", 'data:', 'blob:']);
  expect(policy.get('frame-ancestors')).toEqual(frameAncestors);
  expect(headers.get('x-content-type-options')).toBe('nosniff');
  expect(headers.get('referrer-policy')).toBe('same-origin');
}

let server: TestServer;
let org: TestOrg;
beforeAll(async () => {
  server = await startTestServer();
  org = await makeOrg(server);
});
afterAll(() => server?.close());

describe('security headers on pages', () => {
  it('the staff app and the guest pages: a CSP without inline script, no framing, nosniff, a referrer kept at home', async () => {
    for (const path of [
      '/app',
      '/app/login',
      `/g/${org.slug}`,
      `/g/${org.slug}?code=ABCD-EFGH`,
      `/g/${org.slug}/visit`,
      // what a QR label opens (PUBLIC_URL/l/<token>): the app draws it, whatever the token
      '/l/qE9Rb92Ak0Pi1KpX_A_3Zg',
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(200);
      expect(res.headers.get('content-type')).toMatch(/^text\/html/);
      expectPageHeaders(res.headers);
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      // a plain-http installation must never be told to insist on https
      expect(res.headers.get('strict-transport-security')).toBeNull();
      expect(csp(res.headers).has('upgrade-insecure-requests')).toBe(false);
      expect(inlineScripts(await res.text()), path).toEqual([]);
    }
  });

  it.skipIf(!existsSync(join(WEB_DIST, 'index.html')))('the built web app has no inline script', () => {
    expect(inlineScripts(readFileSync(join(WEB_DIST, 'index.html'), 'utf8'))).toEqual([]);
  });

  it('/docs: the page and every script it loads come from our origin, under the same policy', async () => {
    const page = await fetch(`${server.url}/docs`);
    expect(page.status).toBe(200);
    expectPageHeaders(page.headers);
    const html = await page.text();
    expect(inlineScripts(html)).toEqual([]);
    const scripts = [...html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)].map((m) => m[1] ?? '');
    expect(scripts.length).toBeGreaterThan(0);
    for (const src of scripts) {
      const url = new URL(src, `${server.url}/docs`);
      expect(url.origin).toBe(server.url);
      const script = await fetch(url);
      expect(script.status, src).toBe(200);
      expect(script.headers.get('x-content-type-options')).toBe('nosniff');
    }
    // the document the UI draws comes through connect-src 'self'
    expect((await fetch(`${server.url}/docs/json`)).status).toBe(200);
  });
});

describe('security headers on the API', () => {
  it('no answer of the API is kept by a cache: signed in (cookie, token, guest) or not', async () => {
    const admin = await makeStaff(server, org, 'admin');
    const guest = await makeGuest(server, org);
    const guestClient = new ApiClient(server.url);
    guestClient.token = guest.token;
    const cases: [string, ApiClient, string, number][] = [
      ['staff cookie', await signIn(server, admin), '/api/v1/auth/me', 200],
      ['staff cookie', await signIn(server, admin), '/api/v1/organization', 200],
      ['staff token', await signInWithToken(server, admin), '/api/v1/auth/me', 200],
      ['guest token', guestClient, '/api/v1/guest/session', 200],
      ['nobody', new ApiClient(server.url), '/api/v1/auth/me', 401],
      ['nobody', new ApiClient(server.url), `/api/v1/public/organizations/${org.slug}`, 200],
      ['nobody', new ApiClient(server.url), '/api/v1/no-such-thing', 404],
    ];
    for (const [who, client, path, status] of cases) {
      const res = await client.get(path);
      expect(res.status, `${who} ${path}`).toBe(status);
      expect(res.headers.get('cache-control'), `${who} ${path}`).toBe('no-store');
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(csp(res.headers).get('frame-ancestors')).toEqual(["'none'"]);
    }
  });

  it('an uploaded file keeps its own year-long caching and its sandbox', async () => {
    const admin = await signIn(server, await makeStaff(server, org, 'admin'));
    const logo = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#1f5f8b' } })
      .png()
      .toBuffer();
    const uploaded = await admin.put('/api/v1/organization/logo', undefined, {
      raw: logo,
      headers: { 'content-type': 'image/png' },
    });
    expect(uploaded.status, JSON.stringify(uploaded.body)).toBe(200);
    const file = await fetch(`${server.url}${uploaded.body.logoUrl}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(file.headers.get('content-security-policy')).toBe("default-src 'none'; sandbox");
    expect(file.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  });
});

describe('security headers that depend on the settings', () => {
  it('HSTS (and upgrade-insecure-requests) only when PUBLIC_URL is https', async () => {
    const secure = await startTestServer({}, { PUBLIC_URL: 'https://desk.example.test' });
    try {
      for (const path of ['/app', '/api/v1/auth/me']) {
        const res = await fetch(`${secure.url}${path}`);
        expect(res.headers.get('strict-transport-security'), path).toBe('max-age=31536000');
        expect(csp(res.headers).get('upgrade-insecure-requests'), path).toEqual([]);
      }
    } finally {
      await secure.close();
    }
    // and the plain-http server of this file sends neither
    const plain = await fetch(`${server.url}/app`);
    expect(plain.headers.get('strict-transport-security')).toBeNull();
  });

  it('GUEST_EMBED_ORIGINS lets those sites frame the guest pages, and nothing else', async () => {
    const origins = ['https://www.hotel.example', 'http://localhost:8080'];
    const embedding = await startTestServer({}, { GUEST_EMBED_ORIGINS: ` ${origins[0]}/ ,${origins[1]}` });
    try {
      const own = await makeOrg(embedding);
      for (const path of [`/g/${own.slug}`, `/g/${own.slug}?code=ABCD-EFGH`, `/g/${own.slug}/visit`]) {
        const res = await fetch(`${embedding.url}${path}`);
        expectPageHeaders(res.headers, origins);
        expect(res.headers.get('x-frame-options'), path).toBeNull();
      }
      for (const path of [
        '/app',
        '/app/login',
        '/docs',
        `/api/v1/public/organizations/${own.slug}`,
        '/gx',
        '/api/v1/g/x',
      ]) {
        const res = await fetch(`${embedding.url}${path}`);
        expect(csp(res.headers).get('frame-ancestors'), path).toEqual(["'none'"]);
        expect(res.headers.get('x-frame-options'), path).toBe('DENY');
      }
    } finally {
      await embedding.close();
    }
  });

  it('GUEST_EMBED_ORIGINS takes origins only, and says which entry is wrong', () => {
    expect(loadConfig({ DATA_DIR: tmp(), GUEST_EMBED_ORIGINS: '' }).guestEmbedOrigins).toEqual([]);
    for (const bad of ['*', 'www.hotel.example', 'https://www.hotel.example/chat', 'ftp://hotel.example', "'self'"]) {
      expect(() => loadConfig({ DATA_DIR: tmp(), GUEST_EMBED_ORIGINS: `https://ok.example,${bad}` }), bad).toThrow(
        ConfigError,
      );
      try {
        loadConfig({ DATA_DIR: tmp(), GUEST_EMBED_ORIGINS: bad });
      } catch (err) {
        expect((err as Error).message).toMatch(/GUEST_EMBED_ORIGINS/);
      }
    }
  });
});

describe('security headers on the built web app', () => {
  it('hashed assets keep their immutable caching and index.html its revalidation, under the same headers', async () => {
    const dist = tmp();
    mkdirSync(join(dist, 'assets'));
    writeFileSync(
      join(dist, 'index.html'),
      '<!doctype html><html><head><script type="module" src="/assets/index-abc123.js"></script></head><body><div id="root"></div></body></html>',
    );
    writeFileSync(join(dist, 'assets', 'index-abc123.js'), 'console.log("hi")');
    const app = Fastify();
    await installSecurityHeaders(app, loadConfig({ DATA_DIR: tmp() }));
    await registerWebApp(app, dist);
    try {
      const asset = await app.inject('/assets/index-abc123.js');
      expect(asset.statusCode).toBe(200);
      expect(asset.headers['cache-control']).toBe('public, max-age=31536000, immutable');
      expect(asset.headers['x-content-type-options']).toBe('nosniff');
      const page = await app.inject('/g/some-hotel');
      expect(page.body).toContain('<div id="root">');
      expect((await app.inject('/l/qE9Rb92Ak0Pi1KpX_A_3Zg')).body).toContain('<div id="root">');
      expect(page.headers['cache-control']).toBe('no-cache');
      expect(page.headers['content-security-policy']).toMatch(/script-src 'self';/);
      expect(page.headers['x-frame-options']).toBe('DENY');
    } finally {
      await app.close();
    }
  });
});

describe('a too-long path segment', () => {
  it('is 414 uri_too_long whether or not the web app is built (its wildcard route matches anything)', async () => {
    for (const built of [false, true]) {
      const dist = tmp();
      if (built) writeFileSync(join(dist, 'index.html'), '<!doctype html><div id="root"></div>');
      const app = Fastify({ frameworkErrors });
      installErrorHandling(app);
      refuseLongPathSegments(app);
      app.get('/api/v1/things/:id', async () => ({ ok: true }));
      await registerWebApp(app, dist);
      try {
        const long = await app.inject(`/api/v1/things/${'a'.repeat(MAX_PATH_SEGMENT + 1)}`);
        expect([built, long.statusCode, long.json().error.code]).toEqual([built, 414, 'uri_too_long']);
        expect((await app.inject(`/api/v1/things/${'a'.repeat(MAX_PATH_SEGMENT)}`)).statusCode).toBe(200);
      } finally {
        await app.close();
      }
    }
  });
});

function tmp(): string {
  return mkdtempSync(join(tmpdir(), 'frontdesk-headers-'));
}
