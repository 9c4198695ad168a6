import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** What the receiver answered. */
  status: number;
}

/**
 * A real HTTP receiver for webhook tests on a free port of 127.0.0.1. Each path answers by its
 * own rule: `failFirst(path, n)` makes its first `n` requests fail with 500, `down(path)` fails
 * every one; other paths answer 200.
 */
export async function startWebhookReceiver() {
  const received: ReceivedWebhook[] = [];
  const failures = new Map<string, number>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const path = req.url ?? '/';
      const left = failures.get(path) ?? 0;
      const status = left > 0 ? 500 : 200;
      if (left > 0 && Number.isFinite(left)) failures.set(path, left - 1);
      received.push({ path, headers: req.headers, body: Buffer.concat(chunks).toString('utf8'), status });
      res.writeHead(status, { 'content-type': 'text/plain' });
      res.end(status === 200 ? 'thanks' : `not now ${'x'.repeat(10_000)}`);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    port,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    failFirst: (path: string, n: number) => void failures.set(path, n),
    down: (path: string) => void failures.set(path, Number.POSITIVE_INFINITY),
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
