// Driven by deploy/check-nginx.sh (read it first): Debian's nginx with deploy/nginx/frontdesk.conf in
// front of two real Frontdesk nodes on PostgreSQL + Redis; a guest on one node and an agent on the
// other chat through it, over websocket (upgraded from long-polling, as browsers do) and with
// long-polling only. Prints each check; exits non-zero on the first failure.
import { type ChildProcess, spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { clientEvents, serverEvents } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { io, type Socket } from 'socket.io-client';
import { loadConfig } from '../apps/server/src/config.js';
import { sessions } from '../apps/server/src/db/schema.js';
import { freePort } from '../apps/server/test/cluster.js';
import { makeGuest, makeOrg, makeStaff, TEST_PASSWORD, type TestServer } from '../apps/server/test/factories.js';
import { ask, nextEvent } from '../apps/server/test/sockets.js';
import { startTwoNodes, type TwoNodes } from '../apps/server/test/two-nodes.js';

const repo = new URL('..', import.meta.url).pathname;
const NGINX = process.env.NGINX ?? '/usr/sbin/nginx';

function check(ok: boolean, what: string): void {
  if (!ok) throw new Error(`FAILED: ${what}`);
  console.log(`ok   ${what}`);
}

/** One request from a chosen loopback address (127.0.0.x): nginx routes by the client's address. */
function send(
  url: string,
  from: string,
  opts: { method?: string; body?: string | Buffer; headers?: Record<string, string> } = {},
): Promise<{ status: number; body: string; headers: Record<string, unknown> }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: opts.method ?? 'GET', headers: opts.headers, localAddress: from }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () =>
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }),
      );
    });
    req.on('error', reject);
    req.end(opts.body);
  });
}

interface Served {
  from: string;
  upstream: string;
  status: number;
  uri: string;
}

/** nginx with the repository's configuration, listening on `port`, proxying to `nodePorts`, in a directory of its own. */
async function startNginx(port: number, nodePorts: number[]): Promise<{ served(): Served[]; stop(): void }> {
  const dir = mkdtempSync(join(tmpdir(), 'frontdesk-nginx-'));
  chmodSync(dir, 0o755); // nginx's workers (user nobody) reach their temp directories inside
  mkdirSync(join(dir, 'logs'));
  // the repository's file, with only the listening port and the nodes' addresses put in
  const site = readFileSync(join(repo, 'deploy/nginx/frontdesk.conf'), 'utf8')
    .replace(/listen 80;/, `listen 127.0.0.1:${port};`)
    .replace('server 127.0.0.1:3001 ', `server 127.0.0.1:${nodePorts[0]} `)
    .replace('server 127.0.0.1:3002 ', `server 127.0.0.1:${nodePorts[1]} `);
  writeFileSync(join(dir, 'frontdesk.conf'), site);
  // which node served each request is read from nginx's own access log ($upstream_addr)
  writeFileSync(
    join(dir, 'nginx.conf'),
    `daemon off;
pid ${dir}/nginx.pid;
error_log ${dir}/logs/error.log warn;
events { worker_connections 256; }
http {
    log_format served '$remote_addr $upstream_addr $status $request_uri';
    access_log ${dir}/logs/access.log served;
    client_body_temp_path ${dir}/client_body;
    proxy_temp_path ${dir}/proxy;
    fastcgi_temp_path ${dir}/fastcgi;
    uwsgi_temp_path ${dir}/uwsgi;
    scgi_temp_path ${dir}/scgi;
    include ${dir}/frontdesk.conf;
}
`,
  );
  const test = spawn(NGINX, ['-t', '-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs/error.log')], {
    stdio: 'inherit',
  });
  const tested = await new Promise<number | null>((resolve) => test.on('exit', resolve));
  check(tested === 0, 'nginx -t accepts deploy/nginx/frontdesk.conf');
  const nginx: ChildProcess = spawn(
    NGINX,
    ['-p', dir, '-c', join(dir, 'nginx.conf'), '-e', join(dir, 'logs/error.log')],
    {
      stdio: 'inherit',
    },
  );
  process.once('exit', () => nginx.kill('SIGQUIT')); // also when this script fails half-way
  for (let i = 0; ; i++) {
    const up = await send(`http://127.0.0.1:${port}/healthz`, '127.0.0.1').then(
      (r) => r.status === 200,
      () => false,
    );
    if (up) break;
    if (i > 100 || nginx.exitCode !== null) throw new Error('nginx did not start');
    await new Promise((r) => setTimeout(r, 100));
  }
  return {
    served: () =>
      readFileSync(join(dir, 'logs/access.log'), 'utf8')
        .split('\n')
        .filter(Boolean)
        .map((line) => {
          const [from = '', upstream = '', status = '', uri = ''] = line.split(' ');
          return { from, upstream, status: Number(status), uri };
        }),
    stop: () => nginx.kill('SIGQUIT'),
  };
}

/** Two loopback client addresses that nginx's sticky hash sends to different nodes. */
async function addressesOnEachNode(
  proxy: string,
  served: () => Served[],
  nodePorts: number[],
): Promise<[string, string]> {
  const byNode = new Map<string, string>();
  const nodes = nodePorts.map((p) => `127.0.0.1:${p}`);
  for (let i = 2; i < 250 && byNode.size < 2; i++) {
    const from = `127.0.0.${i}`;
    await send(`${proxy}/healthz`, from);
    // nginx writes the access log line after the answer: read until it is there
    let upstream = '';
    for (let tries = 0; tries < 50 && !upstream; tries++) {
      upstream = served().findLast((s) => s.from === from)?.upstream ?? '';
      if (!upstream) await new Promise((r) => setTimeout(r, 20));
    }
    // only an answer from one of the nodes says where this address goes
    if (nodes.includes(upstream) && !byNode.has(upstream)) byNode.set(upstream, from);
  }
  const [a, b] = nodePorts.map((p) => byNode.get(`127.0.0.1:${p}`));
  if (!a || !b) throw new Error('no client address reached each node');
  return [a, b];
}

/** A Socket.IO client through the proxy from `from`, on the given transports. */
function connectVia(proxy: string, from: string, token: string, transports: ('polling' | 'websocket')[]): Socket {
  return io(proxy, {
    auth: { token },
    transports,
    forceNew: true,
    reconnection: false,
    agent: new Agent({ localAddress: from }) as unknown as string,
  });
}

async function connected(socket: Socket): Promise<Socket> {
  if (socket.connected) return socket;
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

async function main(): Promise<void> {
  const limits = loadConfig({ DATA_DIR: mkdtempSync(join(tmpdir(), 'frontdesk-nginx-config-')) });
  const conf = readFileSync(join(repo, 'deploy/nginx/frontdesk.conf'), 'utf8');
  const bodyMib = Number(/client_max_body_size (\d+)m;/.exec(conf)?.[1]);
  check(
    bodyMib * 1024 * 1024 === limits.attachments.maxBytes,
    `client_max_body_size ${bodyMib}m equals the server's largest upload (ATTACHMENTS_MAX_BYTES ${limits.attachments.maxBytes})`,
  );

  let cluster: TwoNodes | undefined;
  let nginx: Awaited<ReturnType<typeof startNginx>> | undefined;
  const sockets: Socket[] = [];
  try {
    cluster = await startTwoNodes({ REDIS_URL: process.env.REDIS_URL ?? '', TRUST_PROXY: '1' });
    const nodePorts = cluster.nodes.map((n) => n.port);
    console.log(`     two nodes on PostgreSQL + Redis: ports ${nodePorts.join(' and ')}`);
    const port = await freePort();
    nginx = await startNginx(port, nodePorts);
    const proxy = `http://127.0.0.1:${port}`;
    console.log(`     nginx (${NGINX}) on ${proxy}`);
    const served = nginx.served;
    const [guestFrom, agentFrom] = await addressesOnEachNode(proxy, served, nodePorts);
    console.log(`     the sticky hash sends ${guestFrom} to node A and ${agentFrom} to node B`);

    // the factories' HTTP goes through nginx; their direct writes go to the shared database
    const through: TestServer = { url: proxy, ctx: { db: cluster.database.db } };
    const org = await makeOrg(through);
    const agent = await makeStaff(through, org, 'agent');
    const login = await send(`${proxy}/api/v1/auth/login`, agentFrom, {
      method: 'POST',
      body: JSON.stringify({ email: agent.email, password: TEST_PASSWORD }),
      headers: { 'content-type': 'application/json', origin: proxy },
    });
    check(login.status === 200, 'the agent signs in through nginx');
    const agentToken = (JSON.parse(login.body) as { token: string }).token;
    const [session] = await cluster.database.db.select().from(sessions).where(eq(sessions.userId, agent.id));
    check(
      session?.ip === agentFrom,
      `X-Forwarded-For with TRUST_PROXY=1: the node recorded the agent's address ${agentFrom} (got ${session?.ip})`,
    );

    for (const mode of ['websocket', 'polling'] as const) {
      const transports: ('polling' | 'websocket')[] = mode === 'websocket' ? ['polling', 'websocket'] : ['polling'];
      const guest = await makeGuest(through, org, { name: `Guest over ${mode}` });
      const desk = sockets[sockets.push(await connected(connectVia(proxy, agentFrom, agentToken, transports))) - 1];
      const guestSocket =
        sockets[sockets.push(await connected(connectVia(proxy, guestFrom, guest.token, transports))) - 1];
      if (!desk || !guestSocket) throw new Error('unreachable');
      if (mode === 'websocket') {
        // a browser's way: long-polling first, then the upgrade, which must reach the same node
        for (const s of [desk, guestSocket]) {
          if (s.io.engine.transport.name !== 'websocket') await new Promise((r) => s.io.engine.once('upgrade', r));
        }
      }
      check(
        [desk, guestSocket].every(
          (s) => s.io.engine.transport.name === (mode === 'websocket' ? 'websocket' : 'polling'),
        ),
        `${mode}: both sockets run on ${mode === 'websocket' ? 'websocket (upgraded through nginx)' : 'long-polling only'}`,
      );

      const heardByDesk = nextEvent(desk, serverEvents.message, 15_000);
      const sent = await ask(guestSocket, clientEvents.send, {
        text: `Hello over ${mode}`,
        clientId: `nginx-${mode}-1`,
      });
      check(sent.ok === true, `${mode}: the guest's message is acknowledged`);
      const conversationId = sent.data.conversation.id as string;
      check((await heardByDesk).message.text === `Hello over ${mode}`, `${mode}: the agent on the other node hears it`);
      check(
        (await ask(desk, clientEvents.take, { conversationId })).ok === true,
        `${mode}: the agent takes the request`,
      );
      const heardByGuest = new Promise<string>((resolve) =>
        guestSocket.on(serverEvents.message, (m: { message: { text: string; event: string | null } }) => {
          if (!m.message.event) resolve(m.message.text);
        }),
      );
      const reply = await ask(desk, clientEvents.send, {
        conversationId,
        text: `Hi, ${mode} here`,
        clientId: `nginx-${mode}-2`,
      });
      check(reply.ok === true, `${mode}: the agent's answer is acknowledged`);
      check((await heardByGuest) === `Hi, ${mode} here`, `${mode}: the guest on the other node hears it`);

      for (const s of [desk, guestSocket]) s.close();
      // nginx logs a websocket when it ends: wait for the guest's, closed just now
      if (mode === 'websocket') {
        for (let i = 0; !served().some((s) => s.from === guestFrom && s.status === 101); i++) {
          if (i > 100) throw new Error('nginx never logged the websocket');
          await new Promise((r) => setTimeout(r, 50));
        }
      }
      // every Socket.IO request of each client (the upgrade too) went to one node, not the same for both
      const socketRequests = served().filter((s) => s.uri.startsWith('/socket.io/'));
      const nodesOf = (from: string) => new Set(socketRequests.filter((s) => s.from === from).map((s) => s.upstream));
      const guestNodes = nodesOf(guestFrom);
      const agentNodes = nodesOf(agentFrom);
      check(
        guestNodes.size === 1 && agentNodes.size === 1 && [...guestNodes][0] !== [...agentNodes][0],
        `${mode}: nginx's log shows the guest's requests all on ${[...guestNodes].join(',')} and the agent's all on ${[...agentNodes].join(',')}`,
      );
      if (mode === 'polling') {
        const polls = socketRequests.filter((s) => s.uri.includes('transport=polling') && s.from === guestFrom).length;
        check(polls >= 3, `polling: the guest's chat took ${polls} long-polling requests, all sticky`);
      }
    }

    // the body limit, from both sides: at the limit nginx passes the upload on (the node answers
    // in JSON), one byte over nginx refuses it itself
    const guest = await makeGuest(through, org);
    const upload = (bytes: number) =>
      send(`${proxy}/api/v1/guest/attachments?name=big.png`, guestFrom, {
        method: 'POST',
        body: Buffer.alloc(bytes),
        headers: {
          'content-type': 'image/png',
          authorization: `Bearer ${guest.token}`,
          origin: proxy,
        },
      });
    const atLimit = await upload(limits.attachments.maxBytes);
    check(
      String(atLimit.headers['content-type']).includes('json') && atLimit.status !== 413,
      `an upload of exactly ${limits.attachments.maxBytes} bytes passes nginx and is judged by the node (${atLimit.status})`,
    );
    const over = await upload(limits.attachments.maxBytes + 1);
    check(over.status === 413, `one byte more is refused with 413 (${over.status})`);
    console.log('nginx check passed');
  } finally {
    for (const s of sockets) s.close();
    nginx?.stop();
    await cluster?.stop();
  }
}

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  },
);
