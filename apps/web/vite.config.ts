import react from '@vitejs/plugin-react';
import { defineConfig, type ProxyOptions } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { precompress } from './precompress.js';

const serverPort = Number(process.env.PORT ?? 3000);
const target = `http://localhost:${serverPort}`;

/**
 * In development the server refuses cookie-authenticated writes from another origin (Vite's), so
 * the proxy makes each request look as if it came from the server's own origin.
 */
const sameOrigin: ProxyOptions = {
  target,
  changeOrigin: true,
  configure: (proxy) => {
    proxy.on('proxyReq', (req) => {
      if (req.getHeader('origin')) req.setHeader('origin', target);
      if (req.getHeader('referer')) req.setHeader('referer', `${target}/`);
    });
    proxy.on('proxyReqWs', (req) => {
      if (req.getHeader('origin')) req.setHeader('origin', target);
    });
  },
};

export default defineConfig({
  plugins: [
    react(),
    VitePWA({
      registerType: 'autoUpdate',
      injectRegister: 'script-defer',
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Frontdesk',
        short_name: 'Frontdesk',
        description: 'Chat with the front desk: nothing to install, no account.',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        background_color: '#eef1f5',
        theme_color: '#1f5f8b',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      workbox: {
        // Only the icons are precached. Pages are fetched fresh when online (so a new release is
        // picked up at once) and from the cache when offline; code chunks are cached as they are
        // used, so a guest's phone never downloads the staff app in the background. The API and
        // the socket are never cached.
        globPatterns: ['icons/*.{png,svg}'],
        // web push: shows what the server pushes, and opens the page a tap asks for (public/push-sw.js)
        importScripts: ['/push-sw.js'],
        navigateFallback: null,
        runtimeCaching: [
          {
            // (inlined: workbox copies this function into the service worker on its own)
            urlPattern: ({ request, url }) =>
              request.mode === 'navigate' &&
              !/^\/(api|socket\.io|docs|metrics|healthz|readyz)(\/|$)/.test(url.pathname),
            handler: 'NetworkFirst',
            options: { cacheName: 'frontdesk-pages', networkTimeoutSeconds: 4, expiration: { maxEntries: 20 } },
          },
          {
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/'),
            handler: 'CacheFirst',
            options: { cacheName: 'frontdesk-assets', expiration: { maxEntries: 120 } },
          },
        ],
      },
    }),
    precompress(),
  ],
  server: {
    port: 5173,
    proxy: {
      '/api': sameOrigin,
      '/docs': sameOrigin,
      '/socket.io': { ...sameOrigin, ws: true },
    },
  },
  build: {
    target: 'es2022',
    sourcemap: true,
    manifest: true,
  },
});
