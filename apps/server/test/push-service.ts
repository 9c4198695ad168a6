import { createECDH, createPublicKey, randomBytes, randomUUID, verify } from 'node:crypto';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decrypt } from 'http_ece';

/** A push message the service accepted, decrypted as the device would read it. */
export interface ReceivedPush {
  device: string;
  headers: IncomingHttpHeaders;
  /** The VAPID JWT's claims, after its signature was checked against `k`. */
  claims: { aud: string; exp: number; sub: string };
  /** The `k` of the Authorization header: the application server's public key. */
  vapidKey: string;
  payload: unknown;
}

/** A refused request: why (a missing header, a bad signature, a body that does not decrypt). */
export interface RefusedPush {
  device: string;
  status: number;
  reason: string;
}

function checkVapid(authorization: string | undefined, endpointOrigin: string) {
  const match = authorization?.match(/^vapid t=([\w-]+\.[\w-]+\.[\w-]+), k=([\w-]+)$/);
  if (!match) throw new Error(`Authorization is not "vapid t=…, k=…": ${authorization}`);
  const [, jwt = '', k = ''] = match;
  const [header = '', claims = '', signature = ''] = jwt.split('.');
  if (JSON.parse(Buffer.from(header, 'base64url').toString()).alg !== 'ES256') throw new Error('JWT alg is not ES256');
  const point = Buffer.from(k, 'base64url');
  if (point.length !== 65 || point[0] !== 4) throw new Error('k is not an uncompressed P-256 point');
  const key = createPublicKey({
    key: {
      kty: 'EC',
      crv: 'P-256',
      x: point.subarray(1, 33).toString('base64url'),
      y: point.subarray(33).toString('base64url'),
    },
    format: 'jwk',
  });
  const signed = verify(
    'sha256',
    Buffer.from(`${header}.${claims}`),
    { key, dsaEncoding: 'ieee-p1363' },
    Buffer.from(signature, 'base64url'),
  );
  if (!signed) throw new Error('the VAPID signature does not verify with k');
  const parsed = JSON.parse(Buffer.from(claims, 'base64url').toString()) as ReceivedPush['claims'];
  if (parsed.aud !== endpointOrigin) throw new Error(`aud ${parsed.aud} is not the push service ${endpointOrigin}`);
  if (!(parsed.exp > Date.now() / 1000 && parsed.exp <= Date.now() / 1000 + 24 * 3600))
    throw new Error('exp is not within the next 24 hours');
  if (!/^(mailto:|https:)/.test(parsed.sub)) throw new Error(`sub ${parsed.sub} is no mailto: or https: URL`);
  return { claims: parsed, vapidKey: k };
}

/**
 * A real Web Push service for tests, on a free port of 127.0.0.1, speaking RFC 8030 as browsers'
 * push services do: it checks the VAPID Authorization (RFC 8292: a JWT signed ES256 with the key it
 * names, for this service's origin), decrypts the aes128gcm body (RFC 8291) with the device's
 * private key and auth secret — the fake device's, made here as a browser makes its own — and
 * answers 201. A device marked `gone` answers 410, as a service does for an unsubscribed browser.
 */
export async function startPushService() {
  const received: ReceivedPush[] = [];
  const refused: RefusedPush[] = [];
  const devices = new Map<string, { ecdh: ReturnType<typeof createECDH>; auth: Buffer; gone: boolean }>();
  let origin = '';
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const device = (req.url ?? '').replace(/^\/push\//, '');
      const known = devices.get(device);
      const answer = (status: number, reason = '') => {
        if (status >= 400) refused.push({ device, status, reason });
        res.writeHead(status, status === 201 ? { location: `${origin}/message/${randomUUID()}` } : {});
        res.end(reason);
      };
      if (req.method !== 'POST' || !known) return answer(404, 'no such subscription');
      if (known.gone) return answer(410, 'unsubscribed');
      try {
        if (req.headers['content-encoding'] !== 'aes128gcm') throw new Error('Content-Encoding is not aes128gcm');
        if (!req.headers.ttl) throw new Error('no TTL');
        const vapid = checkVapid(req.headers.authorization, origin);
        const plain = decrypt(Buffer.concat(chunks), {
          version: 'aes128gcm',
          privateKey: known.ecdh,
          authSecret: known.auth,
        });
        received.push({ device, headers: req.headers, ...vapid, payload: JSON.parse(plain.toString('utf8')) });
        answer(201);
      } catch (err) {
        answer(400, (err as Error).message);
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    origin,
    received,
    refused,
    /** A new browser's subscription: its endpoint here and its public key and auth secret (PushSubscription.toJSON()). */
    device() {
      const id = randomUUID();
      const ecdh = createECDH('prime256v1');
      ecdh.generateKeys();
      const auth = randomBytes(16);
      devices.set(id, { ecdh, auth, gone: false });
      return {
        id,
        subscription: {
          endpoint: `${origin}/push/${id}`,
          expirationTime: null,
          keys: { p256dh: ecdh.getPublicKey().toString('base64url'), auth: auth.toString('base64url') },
        },
      };
    },
    /** The browser unsubscribed: the service answers 410 Gone from now on. */
    gone: (id: string) => {
      const device = devices.get(id);
      if (device) device.gone = true;
    },
    at: (id: string) => received.filter((r) => r.device === id),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
