import { api } from '../api/client';

/**
 * This device's Web Push subscription (README "Push notifications"), shared by the staff account
 * page and the guest's lazily loaded prompt: the browser's permission, the PWA's service worker
 * (whose push-sw.js shows what arrives), PushManager.subscribe with the server's VAPID key, and
 * the subscription posted to the server for the staff member or the guest.
 */

export type PushSide = 'staff' | 'guest';
const base = (side: PushSide) =>
  side === 'staff' ? '/api/v1/me/push-subscriptions' : '/api/v1/guest/push-subscriptions';

/** Whether this browser can get pushes at all (iOS: only once the site is added to the home screen). */
export function pushSupported(): boolean {
  return (
    typeof window !== 'undefined' &&
    'serviceWorker' in navigator &&
    'PushManager' in window &&
    'Notification' in window &&
    window.isSecureContext
  );
}

/** The PWA's service worker (registered on every page; registered here too when it was not yet). */
async function registration(): Promise<ServiceWorkerRegistration> {
  const found = await navigator.serviceWorker.getRegistration('/');
  if (!found) await navigator.serviceWorker.register('/sw.js', { scope: '/' });
  return navigator.serviceWorker.ready;
}

/** This device's subscription, if it has one. */
export async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const found = await navigator.serviceWorker.getRegistration('/');
  return found ? found.pushManager.getSubscription() : null;
}

const bytesOf = (base64url: string) => {
  const text = atob(base64url.replace(/-/g, '+').replace(/_/g, '/'));
  return Uint8Array.from(text, (c) => c.charCodeAt(0));
};

/**
 * Asks the browser's permission (the caller runs it from a tap: browsers refuse prompts that no
 * gesture asked for), subscribes and tells the server. `denied`: the person said no (or did before).
 */
export async function subscribeDevice(side: PushSide): Promise<'subscribed' | 'denied'> {
  const permission = await Notification.requestPermission();
  if (permission !== 'granted') return 'denied';
  const worker = await registration();
  const { publicKey } = await api<{ publicKey: string }>('/api/v1/push/public-key');
  const serverKey = bytesOf(publicKey);
  let subscription = await worker.pushManager.getSubscription();
  // a subscription made with another key (the server's pair changed) cannot be pushed to: replace it
  const key = subscription?.options.applicationServerKey;
  const sameKey = key && key.byteLength === serverKey.length && new Uint8Array(key).every((b, i) => b === serverKey[i]);
  if (subscription && key && !sameKey) {
    await subscription.unsubscribe();
    subscription = null;
  }
  subscription ??= await worker.pushManager.subscribe({ userVisibleOnly: true, applicationServerKey: serverKey });
  await api(base(side), { body: subscription.toJSON() });
  return 'subscribed';
}

/** Stops pushes to this device: the server forgets it, and the browser drops the subscription. */
export async function unsubscribeDevice(side: PushSide): Promise<void> {
  const subscription = await currentSubscription();
  if (!subscription) return;
  await api(`${base(side)}/unsubscribe`, { body: { endpoint: subscription.endpoint } }).catch(() => undefined);
  await subscription.unsubscribe();
}

/**
 * Tells the server again about this device's subscription when the browser still has one and the
 * permission stands: the server forgets devices (a stay's access ended, an account was switched
 * off), and a sign-in on this device afterwards should hear replies again without asking twice.
 */
export async function resyncDevice(side: PushSide, subscription: PushSubscription): Promise<void> {
  if (Notification.permission !== 'granted') return;
  await api(base(side), { body: subscription.toJSON() }).catch(() => undefined);
}
