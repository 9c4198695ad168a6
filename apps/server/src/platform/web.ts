import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';

/** Where `npm run build` puts the web app (apps/web/dist). */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** The client-side routes of the SPA: each answers with index.html, and the app draws the page. */
const SPA_ROUTES = ['/', '/g/*', '/l/*', '/app', '/app/*'];

/** Paths the server answers itself: never a file of the web app, never index.html. */
const SERVER_PATHS = /^\/(api|socket\.io|docs|metrics|healthz|readyz)(\/|$)/;

/**
 * Serves the built web app in production: hashed assets cached for a year, pre-compressed copies
 * when the browser takes them, and index.html for the SPA's routes (guest pages under /g, scanned
 * QR labels under /l, the staff app under /app). Anything else unknown still gets the JSON 404. Without a build (tests,
 * a fresh clone) the SPA's routes answer with a page saying how to build it.
 */
export async function registerWebApp(app: FastifyInstance, dist = WEB_DIST): Promise<void> {
  if (!existsSync(`${dist}/index.html`)) {
    for (const url of SPA_ROUTES) app.get(url, { schema: { hide: true } }, async (_req, reply) => notBuilt(reply));
    return;
  }
  await app.register(fastifyStatic, {
    root: dist,
    index: false,
    preCompressed: true,
    cacheControl: false,
    allowedPath: (pathname) => !SERVER_PATHS.test(pathname),
    setHeaders: (reply, path) => {
      const hashed = /[\\/]assets[\\/]/.test(path);
      reply.header('cache-control', hashed ? 'public, max-age=31536000, immutable' : 'no-cache');
    },
  });
  for (const url of SPA_ROUTES)
    app.get(url, { schema: { hide: true } }, async (_req, reply) => reply.sendFile('index.html'));
}

function notBuilt(reply: FastifyReply) {
  return reply
    .type('text/html; charset=utf-8')
    .header('cache-control', 'no-store')
    .send(
      '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Frontdesk</title></head><body>' +
        '<h1>The web app is not built yet</h1>' +
        '<p>Run <code>npm run build</code> (or start with <code>npm start</code>, which builds it when needed) ' +
        'and reload this page. The API is up: see <a href="/docs">/docs</a>.</p></body></html>',
    );
}
