import type { IncomingMessage } from 'node:http';
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';
import type { Config } from '../config.js';

/** The guest chat's pages: the only ones a hotel may frame on its own site (GUEST_EMBED_ORIGINS). */
const GUEST_PAGE = /^\/g(\/|\?|$)/;

/** Answers that are live data or someone's own: never kept by a browser or a proxy unless the route says so. */
const API_PATH = /^\/api\//;

/**
 * Security headers on every response, through helmet. One Content-Security-Policy serves the web
 * app and /docs (Swagger UI loads only its own files): scripts only from our origin, never inline;
 * inline styles allowed, because Mantine writes its theme into a <style> element at runtime.
 * Nothing may frame a page (`frame-ancestors 'none'`, X-Frame-Options DENY), except the guest chat
 * for the origins in GUEST_EMBED_ORIGINS. HSTS only when PUBLIC_URL is https: sent from a plain
 * http installation it would lock the browser out of it. The referrer never leaves our origin: a
 * guest's QR link carries the access code in its query.
 */
export async function installSecurityHeaders(app: FastifyInstance, config: Config): Promise<void> {
  const https = config.publicUrl.startsWith('https:');
  const embedders = config.guestEmbedOrigins;
  const framedBy = (req: IncomingMessage) =>
    embedders.length && GUEST_PAGE.test(req.url ?? '') ? embedders.join(' ') : "'none'";

  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'base-uri': ["'self'"],
        'script-src': ["'self'"],
        'script-src-attr': ["'none'"],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'", 'data:'],
        // 'self' covers the socket's ws:/wss: to our own host (CSP Level 3)
        'connect-src': ["'self'"],
        'worker-src': ["'self'"],
        'manifest-src': ["'self'"],
        'object-src': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': [framedBy],
        ...(https ? { 'upgrade-insecure-requests': [] } : {}),
      },
    },
    strictTransportSecurity: https ? { maxAge: 365 * 24 * 3600, includeSubDomains: false } : false,
    referrerPolicy: { policy: 'same-origin' },
    xFrameOptions: { action: 'deny' },
  });

  if (embedders.length) {
    // X-Frame-Options cannot name origins; frame-ancestors above says who may frame a guest page
    app.addHook('onRequest', (req, reply, done) => {
      if (GUEST_PAGE.test(req.url)) reply.raw.removeHeader('x-frame-options');
      done();
    });
  }

  app.addHook('onSend', async (req, reply, payload) => {
    if (API_PATH.test(req.url) && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
    return payload;
  });
}
