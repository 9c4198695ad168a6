// Web push (README "Push notifications"), imported by the PWA's service worker (vite.config.ts).
// The server pushes { title, body, url, tag, kind }; notifications with one tag replace each other,
// so an event pushed twice (at least once delivery) shows once.

self.addEventListener('push', (event) => {
  let push = null;
  try {
    push = event.data ? event.data.json() : null;
  } catch {
    push = null;
  }
  if (!push || typeof push.title !== 'string') return;
  event.waitUntil(
    (async () => {
      // a focused window of this site (the live chat, the inbox) shows it already
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      if (windows.some((w) => w.focused)) return;
      await self.registration.showNotification(push.title, {
        body: typeof push.body === 'string' ? push.body : '',
        tag: typeof push.tag === 'string' ? push.tag : undefined,
        icon: '/icons/icon-192.png',
        data: { url: typeof push.url === 'string' ? push.url : '/', kind: push.kind },
      });
    })(),
  );
});

self.addEventListener('notificationclick', (event) => {
  event.notification.close();
  const url = new URL(event.notification.data?.url || '/', self.location.origin);
  // only a page of this site
  if (url.origin !== self.location.origin) return;
  event.waitUntil(
    (async () => {
      const windows = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
      const open = windows.find((w) => new URL(w.url).pathname === url.pathname) ?? windows[0];
      if (open) {
        await open.focus();
        if (open.url !== url.href && 'navigate' in open) await open.navigate(url.href).catch(() => undefined);
        return;
      }
      await self.clients.openWindow(url.href);
    })(),
  );
});
