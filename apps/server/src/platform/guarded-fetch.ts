import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { hostOf, publicAddresses, RefusedAddressError } from './address-guard.js';

/** What a guarded request keeps of an answer: more than any discovery document, key set or token answer. */
const BODY_LIMIT = 1024 * 1024;

export interface GuardedFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: ConstructorParameters<typeof Response>[0];
  signal?: AbortSignal | null;
}

/**
 * A `fetch` for addresses an organization's admin chose (an identity provider's): the address
 * connected to is checked against the private networks inside the connection's own DNS lookup, so
 * a DNS answer that changed since the address was saved (DNS rebinding) is refused too. No
 * redirects are followed (the caller sees them); answers over 1 MB are cut off with an error.
 * `setting` names the operator's setting that allows private addresses, for the refusal.
 */
export function guardedFetch(opts: { allowPrivate: boolean; setting: string }) {
  const check = (host: string) => publicAddresses(host, opts.allowPrivate, opts.setting);
  const lookup: LookupFunction = (hostname, options, callback) => {
    check(hostname).then(
      (found) => {
        if (options.all) return callback(null, found);
        const first = found[0] as { address: string; family: number };
        callback(null, first.address, first.family);
      },
      (err: Error) => callback(Object.assign(err, { code: 'EREFUSED' }), '', 4),
    );
  };
  return async (url: string | URL, init: GuardedFetchInit = {}): Promise<Response> => {
    const target = new URL(url);
    if (target.protocol !== 'http:' && target.protocol !== 'https:')
      throw new RefusedAddressError(`${target.protocol} is not http(s)`);
    // a literal IP is connected to without a lookup: check it here
    await check(hostOf(target));
    const body =
      init.body === undefined || init.body === null
        ? undefined
        : Buffer.from(await new Response(init.body).arrayBuffer());
    const client = target.protocol === 'https:' ? https : http;
    return new Promise<Response>((resolve, reject) => {
      const request = client.request(
        target,
        {
          method: init.method ?? 'GET',
          headers: { ...init.headers, ...(body && { 'content-length': String(body.length) }) },
          lookup,
          ...(init.signal && { signal: init.signal }),
        },
        (response) => {
          const chunks: Buffer[] = [];
          let size = 0;
          response.on('data', (chunk: Buffer) => {
            size += chunk.length;
            if (size > BODY_LIMIT) {
              response.destroy();
              reject(new Error(`${target.host} answered with more than ${BODY_LIMIT} bytes`));
            } else chunks.push(chunk);
          });
          response.on('error', reject);
          response.on('end', () => {
            const headers = new Headers();
            for (const [name, value] of Object.entries(response.headers)) {
              if (value === undefined) continue;
              for (const one of Array.isArray(value) ? value : [value]) headers.append(name, one);
            }
            const status = response.statusCode ?? 502;
            // a Response may not carry a body with these statuses
            const empty = status === 204 || status === 205 || status === 304;
            resolve(new Response(empty ? null : Buffer.concat(chunks), { status, headers }));
          });
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  };
}
