import * as client from 'openid-client';
import type { Config } from '../../config.js';
import { guardedFetch } from '../../platform/guarded-fetch.js';

/** Where providers send the browser back: one address for every organization (the state says whose). */
export function ssoCallbackUrl(publicUrl: string): string {
  return `${publicUrl.replace(/\/+$/, '')}/api/v1/auth/sso/callback`;
}

/** The operator's setting that lets an issuer be on the installation's own network. */
export const ALLOW_PRIVATE_ISSUER_SETTING = 'SSO_ALLOW_PRIVATE_ISSUER';

export interface ProviderSettings {
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/**
 * The provider's configuration from its discovery document (openid-client does the OpenID Connect
 * checks). Every request to the provider — discovery, keys, token, userinfo — goes through the
 * private-network guard, checked on the address connected to (DNS may have changed since the
 * issuer was saved).
 */
export async function discoverProvider(
  settings: ProviderSettings,
  opts: { allowPrivate: boolean },
): Promise<client.Configuration> {
  const issuer = new URL(settings.issuer);
  const insecure = issuer.protocol === 'http:';
  return client.discovery(issuer, settings.clientId, { client_secret: settings.clientSecret }, undefined, {
    timeout: 10,
    [client.customFetch]: guardedFetch({ allowPrivate: opts.allowPrivate, setting: ALLOW_PRIVATE_ISSUER_SETTING }),
    ...(insecure && { execute: [client.allowInsecureRequests] }),
  });
}

interface Cached<T> {
  /** What the entry was made from: settings changed since (on any node) mean it is stale. */
  fingerprint: string;
  value: Promise<T>;
  expiresAt: number;
}

/**
 * Discovered providers per organization, kept for a while so that a sign-in does not fetch the
 * discovery document (and key set) twice, nor every sign-in of the day once more. An entry is
 * only used while the organization's settings are the ones it was made from (their fingerprint:
 * issuer, client id, time of the last change), so a change made on another node is seen at once;
 * a failed discovery is not kept. Concurrent sign-ins share one discovery.
 */
export class DiscoveryCache<T> {
  private readonly entries = new Map<string, Cached<T>>();

  constructor(
    private readonly ttlMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  get(orgId: string, fingerprint: string, discover: () => Promise<T>): Promise<T> {
    const at = this.now();
    const hit = this.entries.get(orgId);
    if (hit && hit.fingerprint === fingerprint && hit.expiresAt > at) return hit.value;
    for (const [key, entry] of this.entries) if (entry.expiresAt <= at) this.entries.delete(key);
    const value = discover();
    if (this.ttlMs <= 0) return value;
    const entry = { fingerprint, value, expiresAt: at + this.ttlMs };
    this.entries.set(orgId, entry);
    value.catch(() => {
      if (this.entries.get(orgId) === entry) this.entries.delete(orgId);
    });
    return value;
  }

  /** Drops the organization's entry (its settings changed on this node). */
  forget(orgId: string): void {
    this.entries.delete(orgId);
  }

  get size(): number {
    return this.entries.size;
  }
}

/** One cache per running server (its settings), so that test servers in one process keep theirs apart. */
const caches = new WeakMap<Config, DiscoveryCache<client.Configuration>>();

export function discoveryCache(config: Config): DiscoveryCache<client.Configuration> {
  let cache = caches.get(config);
  if (!cache) {
    cache = new DiscoveryCache(config.sso.discoveryCacheMs);
    caches.set(config, cache);
  }
  return cache;
}

export { client as oidc };
