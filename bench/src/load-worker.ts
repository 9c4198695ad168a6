/**
 * One load-generating process (forked by run.ts): holds its share of guest and agent sockets,
 * sends what the orchestrator asks for, and records every ack and every delivery so that the
 * orchestrator can count lost and duplicated messages across all workers.
 *
 * Message text carries what the receiving side needs: `g:<phase>:<number>:<send time> …` from a
 * guest and `a:<phase>:<number>:<send time> …` from an agent. Send times are wall-clock
 * milliseconds (performance.timeOrigin + performance.now()), comparable across processes.
 */
import { monitorEventLoopDelay } from 'node:perf_hooks';
import * as hdr from 'hdr-histogram-js';
import { io, type Socket } from 'socket.io-client';
import type {
  ClientSpec,
  OrchestratorMessage,
  PhaseCommand,
  PhaseHistograms,
  PhaseName,
  WorkerInit,
  WorkerMessage,
  WorkerReport,
} from './messages.js';
import { phases } from './messages.js';
import { ownerOf } from './owner.js';

const now = () => performance.timeOrigin + performance.now();
const HIGHEST_US = 600_000_000; // 10 minutes: anything slower is clamped

type Histogram = ReturnType<typeof hdr.build>;
const newHistogram = (): Histogram =>
  hdr.build({ lowestDiscernibleValue: 1, highestTrackableValue: HIGHEST_US, numberOfSignificantValueDigits: 3 });
const record = (h: Histogram, ms: number) => h.recordValue(Math.min(HIGHEST_US, Math.max(1, Math.round(ms * 1000))));

/** A byte counter per message number that grows as numbers grow; saturates at 255. */
class Counts {
  data = new Uint8Array(1024);
  inc(i: number): void {
    this.ensure(i);
    if (this.data[i] !== 255) this.data[i] = (this.data[i] ?? 0) + 1;
  }
  set(i: number, value: number): void {
    this.ensure(i);
    this.data[i] = value;
  }
  private ensure(i: number): void {
    if (i < this.data.length) return;
    let size = this.data.length;
    while (size <= i) size *= 2;
    const bigger = new Uint8Array(size);
    bigger.set(this.data);
    this.data = bigger;
  }
}

interface Ack {
  ok: boolean;
  data?: { message?: { id: string }; conversation?: { id: string }; duplicate?: boolean };
  error?: { code: string; message: string };
}
interface NewMessage {
  message: { id: string; text: string; sender: { type: string } };
  conversation: { id: string; status: string };
}

interface Guest {
  spec: ClientSpec;
  socket: Socket;
  inflight: number;
}
interface Agent {
  spec: ClientSpec;
  socket: Socket;
  receipts: Counts;
  takes: Map<string, Promise<void>>;
}

let init: WorkerInit;
const guests: Guest[] = [];
const agents: Agent[] = [];
const histograms = Object.fromEntries(
  phases.map((p) => [
    p,
    { guestAck: newHistogram(), guestToAgent: newHistogram(), replyAck: newHistogram(), agentToGuest: newHistogram() },
  ]),
) as Record<PhaseName, Record<keyof PhaseHistograms, Histogram>>;
const guestStatus = new Counts();
const replyStatus = new Counts();
const replyReceipts = new Counts();
const errors: Record<string, number> = {};
const retries = { sent: 0, deduplicated: 0, wrong: 0 };
const takes = { ok: 0, alreadyTaken: 0, failed: 0 };
let guestSent = 0;
let replySent = 0;
let firstSendDuplicates = 0;
let disconnects = 0;
let outstanding = 0;
let closing = false;
let filler = '';
let lastArrival = 0;

let phase: PhaseName = 'warmup';
let windowEnd = Number.POSITIVE_INFINITY;
let ackedInWindow = 0;
let repliesAckedInWindow = 0;
let onGuestAck: (() => void) | undefined;

const loopDelay = monitorEventLoopDelay({ resolution: 10 });
const cpuAtStart = process.cpuUsage();
const startedAt = performance.now();

const send = (message: WorkerMessage) => process.send?.(message);
const countError = (code: string) => {
  errors[code] = (errors[code] ?? 0) + 1;
};

function connect(spec: ClientSpec): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = io(spec.url, {
      auth: spec.auth,
      transports: ['websocket'],
      reconnection: false,
      forceNew: true,
      timeout: 120_000,
    });
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', (err: Error & { data?: { code?: string } }) => {
      socket.close();
      reject(new Error(err.data?.code ?? err.message));
    });
    socket.on('disconnect', (reason) => {
      if (closing || reason === 'io client disconnect') return;
      disconnects++;
      countError(`disconnect:${reason}`);
    });
  });
}

async function connectAll(): Promise<void> {
  const started = performance.now();
  const failures: string[] = [];
  const queue: { spec: ClientSpec; kind: 'guest' | 'agent' }[] = [
    ...init.agents.map((spec) => ({ spec, kind: 'agent' as const })),
    ...init.guests.map((spec) => ({ spec, kind: 'guest' as const })),
  ];
  let next = 0;
  const lane = async () => {
    while (next < queue.length) {
      const item = queue[next++];
      if (!item) break;
      try {
        const socket = await connect(item.spec);
        if (item.kind === 'agent') agents.push(listenAsAgent({ spec: item.spec, socket }));
        else guests.push(listenAsGuest({ spec: item.spec, socket, inflight: 0 }));
      } catch (err) {
        failures.push((err as Error).message);
      }
    }
  };
  await Promise.all(Array.from({ length: init.connectConcurrency }, lane));
  const errorsSeen = [...new Set(failures)].slice(0, 5);
  send({
    type: 'connected',
    guests: guests.length,
    agents: agents.length,
    failed: failures.length,
    errors: errorsSeen,
    ms: performance.now() - started,
  });
}

// ---- guests ----

const phaseCode = (p: PhaseName) => phases.indexOf(p);

function sendAsGuest(guest: Guest): void {
  const local = guestSent++;
  const num = local * init.workers + init.worker;
  const clientId = `bench-${String(num).padStart(8, '0')}`;
  const sentAt = now();
  const sendPhase = phase;
  const payload = { clientId, text: `g:${phaseCode(sendPhase)}:${num}:${sentAt.toFixed(3)} ${filler}` };
  guest.inflight++;
  outstanding++;
  guest.socket.emit('message:send', payload, (ack: Ack) => {
    const at = now();
    guest.inflight--;
    outstanding--;
    record(histograms[sendPhase].guestAck, at - sentAt);
    if (performance.now() <= windowEnd) ackedInWindow++;
    guestStatus.set(local, ack.ok ? 1 : 2);
    if (!ack.ok) countError(ack.error?.code ?? 'unknown');
    else if (ack.data?.duplicate) firstSendDuplicates++;
    if (ack.ok && init.retryEvery && num % init.retryEvery === 0) retry(guest, payload, ack.data?.message?.id);
    onGuestAck?.();
  });
}

/** The same send again, as after a lost ack: it must come back as the same message, marked duplicate. */
function retry(guest: Guest, payload: { clientId: string; text: string }, firstId: string | undefined): void {
  retries.sent++;
  outstanding++;
  guest.socket.emit('message:send', payload, (ack: Ack) => {
    outstanding--;
    if (ack.ok && ack.data?.duplicate && ack.data.message?.id === firstId) retries.deduplicated++;
    else retries.wrong++;
  });
}

function listenAsGuest(guest: Guest): Guest {
  guest.socket.on('message:new', (event: NewMessage) => {
    lastArrival = performance.now();
    const { text, sender } = event.message;
    if (sender.type !== 'staff' || !text.startsWith('a:')) return;
    const at = now();
    const [, p, n, t] = (text.split(' ', 1)[0] ?? '').split(':');
    replyReceipts.inc(Number(n));
    const replyPhase = phases[Number(p)];
    if (replyPhase) record(histograms[replyPhase].agentToGuest, at - Number(t));
  });
  return guest;
}

// ---- agents ----

function take(agent: Agent, conversationId: string, status: string): Promise<void> {
  let taking = agent.takes.get(conversationId);
  if (taking) return taking;
  if (status !== 'queued') {
    taking = Promise.resolve();
  } else {
    outstanding++;
    taking = new Promise<void>((resolve) => {
      agent.socket.emit('conversation:take', { conversationId }, (ack: Ack) => {
        outstanding--;
        if (ack.ok) takes.ok++;
        else if (ack.error?.code === 'already_taken') takes.alreadyTaken++;
        else {
          takes.failed++;
          countError(`take:${ack.error?.code ?? 'unknown'}`);
        }
        resolve();
      });
    });
  }
  agent.takes.set(conversationId, taking);
  return taking;
}

function reply(agent: Agent, conversationId: string, replyPhase: PhaseName): void {
  const local = replySent++;
  const num = local * init.workers + init.worker;
  const sentAt = now();
  outstanding++;
  agent.socket.emit(
    'message:send',
    {
      conversationId,
      clientId: `reply-${String(num).padStart(8, '0')}`,
      text: `a:${phaseCode(replyPhase)}:${num}:${sentAt.toFixed(3)} ${filler}`,
    },
    (ack: Ack) => {
      outstanding--;
      if (ack.ok && performance.now() <= windowEnd) repliesAckedInWindow++;
      record(histograms[replyPhase].replyAck, now() - sentAt);
      replyStatus.set(local, ack.ok ? 1 : 2);
      if (!ack.ok) countError(`reply:${ack.error?.code ?? 'unknown'}`);
    },
  );
}

function listenAsAgent(partial: { spec: ClientSpec; socket: Socket }): Agent {
  const agent: Agent = { ...partial, receipts: new Counts(), takes: new Map() };
  agent.socket.on('message:new', (event: NewMessage) => {
    lastArrival = performance.now();
    const { text, sender } = event.message;
    if ((sender.type !== 'guest' && sender.type !== 'visitor') || !text.startsWith('g:')) return;
    const at = now();
    const [, p, n, t] = (text.split(' ', 1)[0] ?? '').split(':');
    const num = Number(n);
    agent.receipts.inc(num);
    const messagePhase = phases[Number(p)];
    if (messagePhase) record(histograms[messagePhase].guestToAgent, at - Number(t));
    const conversationId = event.conversation.id;
    if (ownerOf(conversationId, init.agentCount) !== agent.spec.index) return;
    void take(agent, conversationId, event.conversation.status).then(() => {
      if (messagePhase && init.replyEvery && num % init.replyEvery === 0) reply(agent, conversationId, messagePhase);
    });
  });
  return agent;
}

// ---- phases ----

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function drain(ms: number): Promise<void> {
  const until = performance.now() + ms;
  while (outstanding > 0 && performance.now() < until) await sleep(20);
}

async function runPhase(cmd: PhaseCommand): Promise<void> {
  phase = cmd.phase;
  ackedInWindow = 0;
  repliesAckedInWindow = 0;
  const sentBefore = guestSent;
  const started = performance.now();
  windowEnd = Number.POSITIVE_INFINITY;
  if (!guests.length) {
    await sleep(cmd.durationMs);
  } else if (cmd.phase === 'warmup') {
    // every guest's first message: it opens their conversation, which its agent then takes
    await openLoop(cmd.rate, cmd.durationMs, (i) => guests[i]);
  } else if (cmd.rate > 0) {
    let cursor = 0;
    await openLoop(cmd.rate, cmd.durationMs, () => guests[cursor++ % guests.length]);
  } else {
    await closedLoop(cmd.inflight, cmd.durationMs);
  }
  windowEnd = performance.now();
  const windowMs = windowEnd - started;
  await drain(cmd.drainMs);
  const drainMs = performance.now() - windowEnd;
  send({
    type: 'phaseDone',
    phase: cmd.phase,
    sent: guestSent - sentBefore,
    ackedInWindow,
    repliesAckedInWindow,
    windowMs,
    drainMs,
    outstanding,
  });
}

/** Sends at a fixed rate whatever the server does (latency under a given load); `pick(i)` chooses the i-th sender. */
async function openLoop(rate: number, durationMs: number, pick: (i: number) => Guest | undefined): Promise<void> {
  const started = performance.now();
  let sent = 0;
  for (;;) {
    const elapsed = performance.now() - started;
    if (elapsed >= durationMs) break;
    const due = Math.floor((elapsed / 1000) * rate) - sent;
    for (let i = 0; i < due; i++) {
      const guest = pick(sent);
      sent++;
      if (guest) sendAsGuest(guest);
    }
    await sleep(2);
  }
}

/** Keeps `inflight` sends outstanding, each guest with at most one: the most the server sustains. */
async function closedLoop(inflight: number, durationMs: number): Promise<void> {
  let cursor = 0;
  let running = true;
  const launch = () => {
    for (let tries = 0; tries < guests.length; tries++) {
      const guest = guests[cursor++ % guests.length];
      if (guest && guest.inflight === 0) {
        sendAsGuest(guest);
        return;
      }
    }
  };
  onGuestAck = () => {
    if (running) launch();
  };
  for (let i = 0; i < Math.min(inflight, guests.length); i++) launch();
  await sleep(durationMs);
  running = false;
  onGuestAck = undefined;
}

/** Waits until nothing has arrived for a while: deliveries still on their way are counted, not called lost. */
async function quiet(quietMs: number, limitMs: number): Promise<void> {
  const until = performance.now() + limitMs;
  while (performance.now() - lastArrival < quietMs && performance.now() < until) await sleep(100);
}

async function report(): Promise<void> {
  await drain(30_000);
  await quiet(2_000, 30_000);
  const seconds = (performance.now() - startedAt) / 1000;
  const cpu = process.cpuUsage(cpuAtStart);
  const encoded = Object.fromEntries(
    phases.map((p) => [
      p,
      Object.fromEntries(
        Object.entries(histograms[p]).map(([k, h]) => [k, hdr.encodeIntoCompressedBase64(h)]),
      ) as unknown as PhaseHistograms,
    ]),
  ) as Record<PhaseName, PhaseHistograms>;
  const message: WorkerReport = {
    type: 'report',
    worker: init.worker,
    histograms: encoded,
    guestStatus: guestStatus.data.slice(0, guestSent),
    guestSent,
    agentReceipts: agents.map((a) => ({ agent: a.spec.index, counts: a.receipts.data })),
    replyStatus: replyStatus.data.slice(0, replySent),
    replySent,
    replyReceipts: replyReceipts.data,
    errors,
    retries,
    takes,
    firstSendDuplicates,
    disconnects,
    generator: {
      cpuPercent: ((cpu.user + cpu.system) / 1e6 / seconds) * 100,
      loopDelayP99Ms: loopDelay.percentile(99) / 1e6,
      rssBytes: process.memoryUsage().rss,
    },
  };
  send(message);
}

process.on('message', (message: OrchestratorMessage) => {
  const run = async () => {
    switch (message.type) {
      case 'init':
        init = message;
        filler = 'x'.repeat(Math.max(0, message.textBytes - 40));
        loopDelay.enable();
        await connectAll();
        break;
      case 'phase':
        await runPhase(message);
        break;
      case 'report':
        await report();
        break;
      case 'close':
        closing = true;
        for (const c of [...guests, ...agents]) c.socket.close();
        setTimeout(() => process.exit(0), 200);
        break;
    }
  };
  run().catch((err: unknown) => send({ type: 'error', message: String((err as Error)?.stack ?? err) }));
});
process.on('disconnect', () => process.exit(0)); // the orchestrator went away
