import http from 'node:http';
import https from 'node:https';
import type { LookupFunction } from 'node:net';
import { hostOf, publicAddresses, RefusedAddressError } from '../../platform/address-guard.js';

/** What the receiver's answer keeps of its body. */
export const RESPONSE_BODY_LIMIT = 4096;

export interface PostResult {
  status: number | null;
  body: string | null;
  durationMs: number;
  error: string | null;
}

/**
 * POSTs `body` to `url` once: no redirects, at most `timeoutMs` for the whole exchange, the first
 * 4 KB of the answer kept. The address check runs inside the connection's own DNS lookup, so the
 * address connected to is the one checked (a DNS answer that changes between a check and a
 * `fetch` — DNS rebinding — cannot slip a private address in); that is why this is node:http and
 * not fetch, which takes no lookup.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string | Buffer,
  opts: { timeoutMs: number; allowPrivate: boolean },
): Promise<PostResult> {
  const started = performance.now();
  const target = new URL(url);
  const elapsed = () => Math.round(performance.now() - started);
  const guardedLookup: LookupFunction = (hostname, options, callback) => {
    publicAddresses(hostname, opts.allowPrivate).then(
      (found) => {
        if (options.all) return callback(null, found);
        const first = found[0] as { address: string; family: number };
        callback(null, first.address, first.family);
      },
      (err: Error) => callback(Object.assign(err, { code: 'EREFUSED' }), '', 4),
    );
  };
  try {
    // a literal IP is connected to without a lookup: check it here
    await publicAddresses(hostOf(target), opts.allowPrivate);
    const client = target.protocol === 'https:' ? https : http;
    return await new Promise<PostResult>((resolve) => {
      const request = client.request(
        target,
        {
          method: 'POST',
          headers: { ...headers, 'content-length': Buffer.byteLength(body).toString() },
          lookup: guardedLookup,
          signal: AbortSignal.timeout(opts.timeoutMs),
        },
        (response) => {
          const chunks: Buffer[] = [];
          let kept = 0;
          response.on('data', (chunk: Buffer) => {
            if (kept < RESPONSE_BODY_LIMIT) {
              chunks.push(chunk.subarray(0, RESPONSE_BODY_LIMIT - kept));
              kept += Math.min(chunk.length, RESPONSE_BODY_LIMIT - kept);
            }
            // the rest is read and dropped: a receiver may answer with megabytes
          });
          const finish = () =>
            resolve({
              status: response.statusCode ?? null,
              body: Buffer.concat(chunks).toString('utf8'),
              durationMs: elapsed(),
              error: null,
            });
          response.on('end', finish);
          response.on('error', finish);
        },
      );
      request.on('error', (err: Error & { code?: string }) =>
        resolve({ status: null, body: null, durationMs: elapsed(), error: plainReason(err, opts.timeoutMs) }),
      );
      request.end(body);
    });
  } catch (err) {
    return { status: null, body: null, durationMs: elapsed(), error: plainReason(err as Error, opts.timeoutMs) };
  }
}

function plainReason(err: Error & { code?: string; name?: string }, timeoutMs: number): string {
  if (err.name === 'AbortError' || err.name === 'TimeoutError' || err.code === 'ABORT_ERR')
    return `The receiver did not answer within ${Math.round(timeoutMs / 1000)} seconds.`;
  if (err.code === 'ECONNREFUSED') return 'The receiver refused the connection.';
  if (err.code === 'ENOTFOUND') return 'The receiver’s host name does not exist.';
  if (err.code === 'EREFUSED' || err instanceof RefusedAddressError) return `Refused: ${err.message}.`;
  return `Sending failed: ${err.message || err.code || String(err)}`;
}
