/**
 * What an embedded Frontdesk node costs in memory, and in CPU per message, without the full
 * benchmark: `npx tsx bench/src/embedded-memory.ts` starts one node on embedded PGlite in a fresh
 * DATA_DIR (forked, so its memory is its own), fills it as the benchmark does (a hotel, agents,
 * checked-in guests signed in through the REST API), connects everyone over Socket.IO, has every
 * guest write and every request get an answer, times a fixed number of sends, then idles.
 * After each step it prints the node's resident set, V8 heap, WebAssembly memory (which never
 * shrinks) and what PostgreSQL's memory contexts hold inside it.
 *
 * Extra environment for the node goes after `--env`, e.g. `--env EMBEDDED_DB_MEMORY=small`.
 */
import { fork } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { io, type Socket } from 'socket.io-client';
import type { NodeSample } from './embedded-memory-node.js';
import { ownerOf } from './owner.js';
import { inParallel, populate } from './setup.js';
import { raisedLimits, repoRoot, startEnvOf } from './targets.js';

const { values: flags } = parseArgs({
  options: {
    guests: { type: 'string', default: '500' },
    agents: { type: 'string', default: '10' },
    messages: { type: 'string', default: '2' },
    sends: { type: 'string', default: '3000' },
    inflight: { type: 'string', default: '32' },
    idle: { type: 'string', default: '30' },
    env: { type: 'string', multiple: true, default: [] },
    maps: { type: 'boolean', default: false },
  },
});
const guests = Number(flags.guests);
const agents = Number(flags.agents);
const extraEnv = Object.fromEntries(
  (flags.env ?? []).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]),
);

const mb = (bytes: number) => (bytes / 1048576).toFixed(0);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const log = (line: string) => console.log(line);

const owner = { email: 'owner@memory.example', password: `owner-${randomBytes(8).toString('hex')}` };
const dataDir = mkdtempSync(join(tmpdir(), 'frontdesk-memory-'));
const node = fork(fileURLToPath(new URL('./embedded-memory-node.ts', import.meta.url)), [], {
  execArgv: ['--expose-gc', '--import', 'tsx'],
  env: {
    // glibc's allocator as `npm start` sets it (package.json); `--env MALLOC_ARENA_MAX=` measures glibc's default
    ...startEnvOf(repoRoot),
    ...process.env,
    ...raisedLimits,
    DATABASE_URL: '',
    REDIS_URL: '',
    DATA_DIR: dataDir,
    PORT: '0',
    HOST: '127.0.0.1',
    FRONTDESK_DEMO: '0',
    FRONTDESK_ADMIN_EMAIL: owner.email,
    FRONTDESK_ADMIN_PASSWORD: owner.password,
    LOG_LEVEL: 'warn',
    ...extraEnv,
  },
});
const fromNode = <T>(type: string) =>
  new Promise<T>((resolve) => {
    const listen = (message: { type: string }) => {
      if (message.type !== type) return;
      node.off('message', listen);
      resolve(message as T);
    };
    node.on('message', listen);
  });

async function sample(step: string): Promise<NodeSample> {
  const reply = fromNode<{ sample: NodeSample }>('sample');
  node.send({ type: 'sample' });
  const s = (await reply).sample;
  const top = s.contexts.map((c) => `${c.name} ${mb(c.bytes)}`).join(', ');
  log(
    `${step.padEnd(24)} RSS ${mb(s.rss)} MB | WASM ${mb(s.wasm)} MB (PostgreSQL contexts ${mb(s.contextsTotal)} MB: ${top}) | ` +
      `V8 heap ${mb(s.heapUsed)}/${mb(s.heapTotal)} MB (${mb(s.heapLive)} alive) | external ${mb(s.external)} MB (array buffers ${mb(s.arrayBuffers)})`,
  );
  if (flags.maps) {
    for (const m of s.mappings) log(`    ${mb(m.kb * 1024)} MB resident of ${mb(m.sizeKb * 1024)} MB ${m.name}`);
  }
  return s;
}

function connect(url: string, token: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(url, { auth: { token }, transports: ['websocket'], reconnection: false, forceNew: true });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

interface Ack {
  ok: boolean;
  error?: { code: string };
}
const emit = (socket: Socket, event: string, payload: unknown) =>
  new Promise<Ack>((resolve) => socket.emit(event, payload, resolve));

let sent = 0;
const failures: Record<string, number> = {};
const count = (ack: Ack) => {
  if (!ack.ok) failures[ack.error?.code ?? 'unknown'] = (failures[ack.error?.code ?? 'unknown'] ?? 0) + 1;
};
const guestSend = async (socket: Socket) => {
  const clientId = `memory-${String(sent++).padStart(8, '0')}`;
  count(await emit(socket, 'message:send', { clientId, text: `Could I have two more towels? (${clientId})` }));
};

const sockets: Socket[] = [];
try {
  const { url } = await fromNode<{ url: string }>('ready');
  log(
    `embedded node up at ${url}, DATA_DIR ${dataDir}${Object.keys(extraEnv).length ? `, ${JSON.stringify(extraEnv)}` : ''}`,
  );
  await sample('started');

  const population = await populate([url], owner, { agents, guests }, () => {});
  await sleep(2000);
  await sample(`set-up (${guests} guests)`);

  // agents take the requests that are theirs and answer each guest's first message
  const agentSockets = await Promise.all(population.agentTokens.map((t) => connect(url, t)));
  const guestSockets = await inParallel(guests, 50, (i) => connect(url, population.guestTokens[i] ?? ''));
  sockets.push(...agentSockets, ...guestSockets);
  const answered = new Set<string>();
  agentSockets.forEach((socket, index) => {
    socket.on('message:new', (event: { message: { sender: { type: string } }; conversation: { id: string } }) => {
      const id = event.conversation.id;
      if (event.message.sender.type !== 'guest' || ownerOf(id, agents) !== index || answered.has(id)) return;
      answered.add(id);
      void emit(socket, 'conversation:take', { conversationId: id }).then(() =>
        emit(socket, 'message:send', { conversationId: id, clientId: `reply-${id}`, text: 'On its way.' }).then(count),
      );
    });
  });
  await sample('connected');
  for (let round = 0; round < Number(flags.messages); round++) {
    await inParallel(guests, Number(flags.inflight), (i) => guestSend(guestSockets[i] as Socket));
  }
  await sleep(2000);
  await sample(`chat (${flags.messages} each)`);

  // CPU per message: a fixed number of guest sends, `inflight` at a time
  const sends = Number(flags.sends);
  const before = await sample('before timed sends');
  const started = performance.now();
  await inParallel(sends, Number(flags.inflight), (i) => guestSend(guestSockets[i % guests] as Socket));
  const seconds = (performance.now() - started) / 1000;
  const after = await sample(`${sends} timed sends`);
  const cpuMs = (after.cpuMicros - before.cpuMicros) / 1000;
  log(
    `timed sends: ${(cpuMs / sends).toFixed(2)} ms CPU per message (node), ${Math.round(sends / seconds)} msg/s ` +
      `with ${flags.inflight} in flight`,
  );

  await sleep(Number(flags.idle) * 1000);
  await sample(`idle ${flags.idle} s`);
  if (Object.keys(failures).length) log(`failed sends: ${JSON.stringify(failures)}`);
} finally {
  for (const socket of sockets) socket.close();
  node.send({ type: 'stop' });
  await new Promise((r) => node.once('exit', r));
  rmSync(dataDir, { recursive: true, force: true });
}
