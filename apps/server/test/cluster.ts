import { type ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { createServer, type Server, type Socket, connect as tcpConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = fileURLToPath(new URL('../../..', import.meta.url));
const buildScript = fileURLToPath(new URL('../scripts/build.mjs', import.meta.url));
const bundle = fileURLToPath(new URL('../dist/node/main.mjs', import.meta.url));

let building: Promise<string> | undefined;
/**
 * What `npm start` runs: the server's bundle (scripts/build.mjs), built from the sources once per
 * test process (two processes building at once each write a whole file and rename it into place).
 */
export function builtServer(): Promise<string> {
  building ??= new Promise<string>((resolve, reject) => {
    const build = spawn(process.execPath, [buildScript], { stdio: ['ignore', 'ignore', 'pipe'] });
    let errors = '';
    build.stderr.on('data', (chunk: Buffer) => {
      errors += chunk.toString('utf8');
    });
    build.once('error', reject);
    build.once('exit', (code) =>
      code === 0 ? resolve(bundle) : reject(new Error(`building the server failed: ${errors}`)),
    );
  });
  return building;
}

export interface Node {
  url: string;
  port: number;
  process: ChildProcess;
  /** What the node wrote to stdout and stderr, when started with `captureOutput`. */
  output(): string;
  stop(): Promise<void>;
}

export interface ClusterOptions {
  /** Keep each node's stdout and stderr for the test to read instead of passing them through. */
  captureOutput?: boolean;
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Starts Frontdesk nodes as separate processes, the way a user runs them (`npm start` with
 * DATABASE_URL and REDIS_URL), sharing one session secret and one Redis key prefix.
 */
export async function startCluster(
  count: number,
  env: Record<string, string>,
  opts: ClusterOptions = {},
): Promise<Node[]> {
  const shared = clusterEnv(env);
  return Promise.all(Array.from({ length: count }, () => startNode(shared, opts)));
}

/** What every node of one cluster shares: a session secret, a Redis key prefix, test-friendly limits. */
export function clusterEnv(env: Record<string, string>): Record<string, string> {
  return {
    SESSION_SECRET: randomBytes(32).toString('hex'),
    REDIS_PREFIX: `frontdesk-cluster-${randomBytes(4).toString('hex')}:`,
    FRONTDESK_DEMO: '0',
    LOG_LEVEL: 'warn',
    HOST: '127.0.0.1',
    LOGIN_MAX_PER_IP: '1000000',
    GUEST_CODE_MAX_PER_IP: '1000000',
    ...env,
  };
}

/** Starts one node with a cluster's environment (see clusterEnv), on a port of its own. */
export async function startNode(env: Record<string, string>, opts: ClusterOptions): Promise<Node> {
  const port = await freePort();
  // as `npm start` runs it: the bundle under node itself (no launcher in between), so a signal reaches the server
  const child = spawn(process.execPath, [await builtServer()], {
    cwd: repo,
    env: { ...process.env, ...env, PORT: String(port), DATA_DIR: mkdtempSync(join(tmpdir(), 'frontdesk-node-')) },
    stdio: ['ignore', opts.captureOutput ? 'pipe' : 'inherit', opts.captureOutput ? 'pipe' : 'inherit'],
  });
  const chunks: Buffer[] = [];
  child.stdout?.on('data', (chunk: Buffer) => chunks.push(chunk));
  child.stderr?.on('data', (chunk: Buffer) => chunks.push(chunk));
  const url = `http://127.0.0.1:${port}`;
  const started = Date.now();
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`node on port ${port} exited with ${child.exitCode}\n${Buffer.concat(chunks).toString('utf8')}`);
    try {
      if ((await fetch(`${url}/readyz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() - started > 60_000) throw new Error(`node on port ${port} did not become ready`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    url,
    port,
    process: child,
    output: () => Buffer.concat(chunks).toString('utf8'),
    stop: () =>
      new Promise((resolve) => {
        // gone already: exited, or killed by a signal (then exitCode stays null)
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

/**
 * A minimal TCP load balancer: connections go to the current target; `switchTo` moves new
 * connections to another node and cuts the open ones, as a failing or drained node would.
 */
export async function startBalancer(
  targetPort: number,
): Promise<{ url: string; switchTo(port: number): void; close(): Promise<void> }> {
  let target = targetPort;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = tcpConnect(target, '127.0.0.1');
    open.add(client);
    open.add(upstream);
    const drop = () => {
      client.destroy();
      upstream.destroy();
      open.delete(client);
      open.delete(upstream);
    };
    client.on('error', drop).on('close', drop);
    upstream.on('error', drop).on('close', drop);
    client.pipe(upstream).pipe(client);
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    switchTo(port: number) {
      target = port;
      for (const s of open) s.destroy();
      open.clear();
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}

/**
 * A TCP balancer over several nodes, as nginx does it with `proxy_next_upstream error`: each new
 * connection goes to the next node in turn, and to the one after when that one refuses (stopped or
 * draining). Open connections are never moved: a node closes them itself when it drains.
 * `setTargets` changes the nodes for the connections to come (a node started again elsewhere).
 */
export async function startFailoverBalancer(
  targets: readonly number[],
): Promise<{ url: string; setTargets(ports: number[]): void; close(): Promise<void> }> {
  let ports = targets;
  let turn = 0;
  const open = new Set<Socket>();
  const server: Server = createServer((client) => {
    open.add(client);
    client.pause();
    const start = turn++;
    const attempt = (tried: number) => {
      if (tried === ports.length || client.destroyed) return client.destroy();
      const upstream = tcpConnect(ports[(start + tried) % ports.length] ?? 0, '127.0.0.1');
      upstream.once('error', () => attempt(tried + 1));
      upstream.once('connect', () => {
        open.add(upstream);
        const drop = () => {
          client.destroy();
          upstream.destroy();
          open.delete(client);
          open.delete(upstream);
        };
        upstream.removeAllListeners('error');
        upstream.on('error', drop).on('close', drop);
        client.on('close', drop);
        client.pipe(upstream).pipe(client);
        client.resume();
      });
    };
    client.on('error', () => client.destroy());
    attempt(0);
  });
  const port = await new Promise<number>((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : 0);
    });
  });
  return {
    url: `http://127.0.0.1:${port}`,
    setTargets(next: number[]) {
      ports = next;
    },
    close: () =>
      new Promise((resolve) => {
        for (const s of open) s.destroy();
        server.close(() => resolve());
      }),
  };
}
