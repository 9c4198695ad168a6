/**
 * `npm run bench`: the same chat load against a bare Socket.IO relay (the ceiling of the stack on
 * this machine), Frontdesk on one embedded node, and Frontdesk on PostgreSQL + Redis with several
 * nodes. Prints a table, writes bench/results/<date>.json (and .md), and with --readme puts the
 * table into bench/README.md. Run by hand; not part of `npm test`.
 */
import { type ChildProcess, execFileSync, fork } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { Redis } from 'ioredis';
import pg from 'pg';
import { type Delivery, guestDelivery, latencies, type Percentiles, replyDelivery } from './analyse.js';
import type {
  ClientSpec,
  Connected,
  OrchestratorMessage,
  PhaseCommand,
  PhaseDone,
  PhaseName,
  WorkerMessage,
  WorkerReport,
} from './messages.js';
import { type CpuReading, cpuMeter, memoryOf } from './proc-stats.js';
import { formatSummary, type ProfileSummary, profilesIn, summarise } from './profile-summary.js';
import { markdownTable, terminalTable } from './report.js';
import { populate, rate } from './setup.js';
import { raisedLimits, repoRoot, type StoredCounts, startTarget, type TargetName, targetNames } from './targets.js';

const { values: flags } = parseArgs({
  options: {
    guests: { type: 'string', default: '500' },
    agents: { type: 'string', default: '10' },
    rate: { type: 'string', default: '200' },
    duration: { type: 'string', default: '20' },
    saturate: { type: 'string', default: '10' },
    inflight: { type: 'string', default: '128' },
    'warmup-share': { type: 'string', default: '1' },
    targets: { type: 'string', default: 'relay,embedded,cluster' },
    workers: { type: 'string', default: '2' },
    nodes: { type: 'string', default: '2' },
    'reply-every': { type: 'string', default: '5' },
    'retry-every': { type: 'string', default: '100' },
    'text-bytes': { type: 'string', default: '80' },
    'relay-fanout': { type: 'string', default: 'desk' },
    'postgres-url': {
      type: 'string',
      default: process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres',
    },
    'redis-url': { type: 'string', default: process.env.BENCH_REDIS_URL ?? 'redis://127.0.0.1:6379' },
    profile: { type: 'boolean', default: false },
    readme: { type: 'boolean', default: false },
    label: { type: 'string', default: '' },
    'server-root': { type: 'string', default: '' },
    assign: { type: 'string', default: '' },
    help: { type: 'boolean', default: false },
  },
});

if (flags.help) {
  console.log(`npm run bench -- [options]
  --guests N          guest connections (500)
  --agents N          agent connections (10); each takes the conversations that hash to it
  --rate N            guest messages per second in the steady phase, all guests together (200)
  --duration S        seconds of steady load per target (20)
  --saturate S        seconds of closed-loop load to find the sustained maximum (10; 0 to skip)
  --inflight N        sends kept outstanding in the saturation phase (128)
  --warmup-share F    share of guests that open their conversation in the warm-up (1); the others open
                      theirs with their first message under load
  --targets LIST      relay,embedded,cluster
  --workers N         load-generating processes (2)
  --nodes N           Frontdesk nodes in the cluster target (2)
  --reply-every N     agents answer every N-th guest message (5: 20 %; 0: never)
  --retry-every N     guests re-send every N-th message with the same client id (100; 0: never)
  --assign MODE       put every agent in one team that takes every request, assigning it
                      round_robin, least_busy or manual (default: no team, as before routing)
  --text-bytes N      message length (80)
  --relay-fanout M    desk (every agent, as Frontdesk) or agent (the owner only)
  --profile           run the servers with --cpu-prof and summarise the profiles
  --readme            write the table into bench/README.md
  --label TEXT        a note stored with the results ("before", "after" …)
  --server-root DIR   run apps/server of another checkout (e.g. an export of the last commit, for before/after)`);
  process.exit(0);
}

const int = (name: keyof typeof flags) => {
  const n = Number(flags[name]);
  if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} must be a number`);
  return Math.floor(n);
};
const config = {
  guests: Math.max(1, int('guests')),
  agents: Math.max(1, int('agents')),
  rate: Math.max(1, int('rate')),
  durationS: Math.max(1, int('duration')),
  saturateS: int('saturate'),
  inflight: Math.max(1, int('inflight')),
  warmupShare: Math.min(1, Math.max(0, Number(flags['warmup-share']) || 0)),
  workers: Math.max(1, int('workers')),
  nodes: Math.max(1, int('nodes')),
  replyEvery: int('reply-every'),
  retryEvery: int('retry-every'),
  textBytes: Math.max(40, int('text-bytes')),
  relayFanout: flags['relay-fanout'] === 'agent' ? ('agent' as const) : ('desk' as const),
  targets: String(flags.targets)
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean) as TargetName[],
  profile: Boolean(flags.profile),
  label: String(flags.label),
  serverRoot: String(flags['server-root'] || repoRoot),
  assign: ['round_robin', 'least_busy', 'manual'].includes(String(flags.assign))
    ? (String(flags.assign) as 'round_robin' | 'least_busy' | 'manual')
    : undefined,
};
for (const t of config.targets) if (!targetNames.includes(t)) throw new Error(`unknown target ${t}`);

const benchDir = fileURLToPath(new URL('../', import.meta.url));
const runId = new Date().toISOString().replace(/:/g, '-').replace(/\..*$/, '');
const logDir = mkdtempSync(join(os.tmpdir(), 'frontdesk-bench-logs-'));
const profileRoot = config.profile ? join(benchDir, 'results', 'profiles', runId) : undefined;
const log = (line: string) => console.log(line);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// ---- load workers ----

class LoadWorker {
  readonly child: ChildProcess;
  private readonly inbox: WorkerMessage[] = [];
  private waiting: (() => void) | undefined;
  private exitError: Error | undefined;

  constructor(readonly index: number) {
    this.child = fork(fileURLToPath(new URL('./load-worker.ts', import.meta.url)), [], {
      execArgv: ['--import', 'tsx'],
      serialization: 'advanced',
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    this.child.on('message', (m: WorkerMessage) => {
      this.inbox.push(m);
      this.waiting?.();
    });
    this.child.on('exit', (code) => {
      if (code) this.exitError = new Error(`load worker ${index} exited with ${code}`);
      this.waiting?.();
    });
  }

  send(message: OrchestratorMessage): void {
    this.child.send(message);
  }

  async next<T extends WorkerMessage['type']>(
    type: T,
    timeoutMs: number,
  ): Promise<Extract<WorkerMessage, { type: T }>> {
    const until = Date.now() + timeoutMs;
    for (;;) {
      const i = this.inbox.findIndex((m) => m.type === type || m.type === 'error');
      if (i >= 0) {
        const [m] = this.inbox.splice(i, 1);
        if (m?.type === 'error') throw new Error(`load worker ${this.index}: ${m.message}`);
        return m as Extract<WorkerMessage, { type: T }>;
      }
      if (this.exitError) throw this.exitError;
      if (Date.now() > until) throw new Error(`load worker ${this.index}: no ${type} within ${timeoutMs} ms`);
      await new Promise<void>((resolve) => {
        this.waiting = resolve;
        setTimeout(resolve, 1000);
      });
      this.waiting = undefined;
    }
  }

  close(): void {
    if (this.child.connected) this.send({ type: 'close' });
    setTimeout(() => this.child.kill('SIGKILL'), 5000).unref();
  }
}

// ---- one target ----

export interface PhaseResult {
  offeredRate: number | null;
  inflight: number | null;
  seconds: number;
  sent: number;
  /** guest messages acked per second while sending */
  ackedPerSecond: number;
  /** after the sending stopped: how long until every ack was in (a backlog draining), and what never came */
  drainSeconds: number;
  unackedAfterDrain: number;
  /** guest messages and agent replies acked (= committed) per second while sending */
  persistedPerSecond: number;
  /** % of one core per server node, during the sending window */
  serverCpu: number[];
  /** PostgreSQL (its own processes and the run's backends) and Redis (cluster only) */
  databaseCpu: number | null;
  /** the load-generating processes */
  generatorCpu: number;
  /** the whole machine, ours and anyone else's: what is left of 100 × cores shows how contended it was */
  machineCpu: number;
  /** CPU milliseconds per persisted message: server nodes, database (robust to other load on the machine) */
  cpuMsPerMessage: { server: number; database: number | null };
  latency: Record<'guestAck' | 'guestToAgent' | 'replyAck' | 'agentToGuest', Percentiles>;
}

export interface TargetResult {
  name: TargetName;
  nodes: number;
  setup: Record<string, { count: number; ms: number; perSecond: number }>;
  connections: { guests: number; agents: number; failed: number; errors: string[]; seconds: number; perSecond: number };
  memory: { idle: number[]; held: number[]; end: number[]; peak: number[]; perConnectionBytes: number };
  phases: Partial<Record<PhaseName, PhaseResult>>;
  guestToAgent: Delivery;
  agentToGuest: Delivery;
  retries: WorkerReport['retries'];
  takes: WorkerReport['takes'];
  firstSendDuplicates: number;
  errors: Record<string, number>;
  disconnects: number;
  stored: StoredCounts | null;
  generator: WorkerReport['generator'][];
  profiles?: ProfileSummary[];
  error?: string;
}

async function runTarget(name: TargetName): Promise<TargetResult> {
  log(`\n== ${name}: starting ${name === 'cluster' ? `${config.nodes} nodes` : 'one node'}`);
  const target = await startTarget(name, {
    agents: config.agents,
    nodes: config.nodes,
    relayFanout: config.relayFanout,
    serverRoot: config.serverRoot,
    postgresUrl: String(flags['postgres-url']),
    redisUrl: String(flags['redis-url']),
    profileDir: profileRoot ? join(profileRoot, name) : undefined,
    logDir,
  });
  const workers: LoadWorker[] = [];
  const urls = target.nodes.map((n) => n.url);
  const pids = target.nodes.map((n) => n.pid);
  let stored: StoredCounts | undefined;
  try {
    // who connects where: clients are spread over the nodes round-robin
    let guestSpecs: ClientSpec[];
    let agentSpecs: ClientSpec[];
    let setup: TargetResult['setup'] = {};
    if (name === 'relay') {
      guestSpecs = Array.from({ length: config.guests }, (_, i) => ({
        index: i,
        url: urls[i % urls.length] ?? '',
        auth: { role: 'guest', id: `guest-${i}` },
      }));
      agentSpecs = Array.from({ length: config.agents }, (_, i) => ({
        index: i,
        url: urls[i % urls.length] ?? '',
        auth: { role: 'agent', id: `agent-${i}`, index: i },
      }));
    } else {
      log(
        `  creating a hotel with ${config.agents} agents and ${config.guests} checked-in guests through the REST API`,
      );
      const population = await populate(urls, target.owner ?? { email: '', password: '' }, config, log);
      setup = Object.fromEntries(
        Object.entries(population.timings).map(([k, t]) => [k, { ...t, ms: Math.round(t.ms), perSecond: rate(t) }]),
      );
      guestSpecs = population.guestTokens.map((token, i) => ({
        index: i,
        url: urls[i % urls.length] ?? '',
        auth: { token },
      }));
      agentSpecs = population.agentTokens.map((token, i) => ({
        index: i,
        url: urls[i % urls.length] ?? '',
        auth: { token },
      }));
    }
    const idle = pids.map((pid) => memoryOf(pid).rss);

    // connect
    for (let w = 0; w < config.workers; w++) workers.push(new LoadWorker(w));
    const share = (w: number) => guestSpecs.filter((_, i) => i % config.workers === w).length / config.guests;
    workers.forEach((worker, w) => {
      worker.send({
        type: 'init',
        worker: w,
        workers: config.workers,
        kind: name === 'relay' ? 'relay' : 'frontdesk',
        agentCount: config.agents,
        guests: guestSpecs.filter((_, i) => i % config.workers === w),
        agents: agentSpecs.filter((_, i) => i % config.workers === w),
        replyEvery: config.replyEvery,
        retryEvery: config.retryEvery,
        textBytes: config.textBytes,
        connectConcurrency: 50,
      });
    });
    log(`  connecting ${config.guests} guests and ${config.agents} agents from ${config.workers} load processes`);
    const connected: Connected[] = await Promise.all(workers.map((w) => w.next('connected', 15 * 60_000)));
    const connectSeconds = Math.max(...connected.map((c) => c.ms)) / 1000;
    const connections = {
      guests: sum(connected.map((c) => c.guests)),
      agents: sum(connected.map((c) => c.agents)),
      failed: sum(connected.map((c) => c.failed)),
      errors: [...new Set(connected.flatMap((c) => c.errors))],
      seconds: round(connectSeconds, 1),
      perSecond: Math.round((config.guests + config.agents) / connectSeconds),
    };
    log(
      `  ${connections.guests + connections.agents} connected in ${connections.seconds} s (${connections.perSecond}/s)` +
        (connections.failed ? `, ${connections.failed} failed: ${connections.errors.join('; ')}` : ''),
    );
    await sleep(1000);
    const held = pids.map((pid) => memoryOf(pid).rss);

    // phases
    const phases: Partial<Record<PhaseName, PhaseResult>> = {};
    const run = async (
      phase: PhaseName,
      cmd: (w: number) => Omit<PhaseCommand, 'type' | 'phase'>,
      windowMs: number,
    ) => {
      const generatorPids = workers.map((w) => w.child.pid ?? 0);
      const meter = cpuMeter([...pids, ...generatorPids], target.database);
      workers.forEach((worker, w) => {
        worker.send({ type: 'phase', phase, ...cmd(w) });
      });
      const cpuRead = sleep(windowMs).then(() => meter.read());
      const done: PhaseDone[] = await Promise.all(workers.map((w) => w.next('phaseDone', windowMs + 10 * 60_000)));
      const cpu = await cpuRead;
      await sleep(1000); // deliveries and takes between workers settle
      return { done, cpu };
    };

    const opening = Math.round(config.guests * config.warmupShare);
    const warmupMs = Math.ceil((opening / config.rate) * 1000);
    log(
      `  warm-up: ${opening === config.guests ? 'every guest opens' : `${opening} guests open`} a conversation (${config.rate}/s); agents take the ones that hash to them`,
    );
    await run(
      'warmup',
      (w) => ({ rate: config.rate * share(w), inflight: 0, durationMs: warmupMs + 50, drainMs: 120_000 }),
      warmupMs,
    );
    if (target.database) await analyse(target.database);

    // saturation first: it keeps only `inflight` sends waiting, so it leaves no backlog behind, while a
    // steady rate above what the target sustains does (and would spoil whatever was measured after it)
    const loadStartedAt = Date.now();
    if (config.saturateS > 0) {
      log(`  saturation: ${config.inflight} sends outstanding for ${config.saturateS} s`);
      const saturate = await run(
        'saturate',
        (w) => ({
          rate: 0,
          inflight: Math.max(1, Math.round(config.inflight * share(w))),
          durationMs: config.saturateS * 1000,
          drainMs: 60_000,
        }),
        config.saturateS * 1000,
      );
      phases.saturate = phaseResult(saturate, pids, null, config.inflight);
    }

    log(`  steady: ${config.rate} messages/s for ${config.durationS} s`);
    const steady = await run(
      'steady',
      (w) => ({ rate: config.rate * share(w), inflight: 0, durationMs: config.durationS * 1000, drainMs: 120_000 }),
      config.durationS * 1000,
    );
    phases.steady = phaseResult(steady, pids, config.rate, null);

    const loadEndedAt = Date.now();
    for (const w of workers) w.send({ type: 'report' });
    const reports = await Promise.all(workers.map((w) => w.next('report', 5 * 60_000)));
    const end = pids.map((pid) => memoryOf(pid).rss);
    const peak = pids.map((pid) => memoryOf(pid).peak);
    const lat = latencies(reports);
    for (const p of ['steady', 'saturate'] as const) {
      const result = phases[p];
      if (result) result.latency = lat[p];
    }
    const connectionsHeld = connections.guests + connections.agents;
    const result: TargetResult = {
      name,
      nodes: target.nodes.length,
      setup,
      connections,
      memory: {
        idle,
        held,
        end,
        peak,
        perConnectionBytes: connectionsHeld ? Math.round((sum(held) - sum(idle)) / connectionsHeld) : 0,
      },
      phases,
      guestToAgent: guestDelivery(
        reports,
        config.workers,
        name === 'relay' && config.relayFanout === 'agent' ? 'one' : 'all',
      ),
      agentToGuest: replyDelivery(reports, config.workers),
      retries: sumRecords(reports.map((r) => r.retries)) as WorkerReport['retries'],
      takes: sumRecords(reports.map((r) => r.takes)) as WorkerReport['takes'],
      firstSendDuplicates: sum(reports.map((r) => r.firstSendDuplicates)),
      errors: sumRecords(reports.map((r) => r.errors)),
      disconnects: sum(reports.map((r) => r.disconnects)),
      stored: null,
      generator: reports.map((r) => r.generator),
    };
    for (const w of workers) w.close();
    workers.length = 0;
    log(`  stopping ${name}${name === 'relay' ? '' : ' and counting what the database holds'}`);
    const stoppedAt = Date.now();
    stored = await target.stop();
    result.stored = stored ?? null;
    if (profileRoot) {
      const files = profilesIn(join(profileRoot, name));
      // per node the largest profile is the server's; tsx's launcher writes a tiny one too
      result.profiles = files
        .filter((f) => !files.some((g) => g !== f && sameNode(f, g) && size(g) > size(f)))
        .map((f) =>
          summarise(f, 15, {
            fromSecondsBeforeEnd: Math.round((stoppedAt - loadStartedAt) / 1000),
            toSecondsBeforeEnd: Math.round((stoppedAt - loadEndedAt) / 1000),
          }),
        );
      for (const s of result.profiles) log(formatSummary(s));
    }
    return result;
  } catch (err) {
    for (const w of workers) w.close();
    await target.stop().catch(() => {});
    throw err;
  }
}

function phaseResult(
  { done, cpu }: { done: PhaseDone[]; cpu: CpuReading },
  serverPids: number[],
  offeredRate: number | null,
  inflight: number | null,
): PhaseResult {
  const windowSeconds = Math.max(...done.map((d) => d.windowMs)) / 1000;
  const persisted = sum(done.map((d) => d.ackedInWindow + d.repliesAckedInWindow));
  const serverCpu = serverPids.map((pid) => cpu.perPid.get(pid) ?? 0);
  const generatorCpu = sum([...cpu.perPid].filter(([pid]) => !serverPids.includes(pid)).map(([, v]) => v));
  // % of a core × seconds = core-seconds; per message, in ms
  const perMessage = (percent: number) => round(((percent / 100) * cpu.seconds * 1000) / Math.max(1, persisted), 2);
  return {
    offeredRate,
    inflight,
    seconds: round(windowSeconds, 1),
    sent: sum(done.map((d) => d.sent)),
    ackedPerSecond: Math.round(sum(done.map((d) => d.ackedInWindow)) / windowSeconds),
    drainSeconds: round(Math.max(...done.map((d) => d.drainMs)) / 1000, 1),
    unackedAfterDrain: sum(done.map((d) => d.outstanding)),
    persistedPerSecond: Math.round(persisted / windowSeconds),
    serverCpu: serverCpu.map((v) => Math.round(v)),
    databaseCpu: cpu.database === null ? null : Math.round(cpu.database),
    generatorCpu: Math.round(generatorCpu),
    machineCpu: Math.round(cpu.machine),
    cpuMsPerMessage: {
      server: perMessage(sum(serverCpu)),
      database: cpu.database === null ? null : perMessage(cpu.database),
    },
    latency: {} as PhaseResult['latency'],
  };
}

const sameNode = (a: string, b: string) => a.split('/').slice(0, -1).join('/') === b.split('/').slice(0, -1).join('/');
const size = (f: string) => readFileSync(f).length;
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;
function sumRecords(records: Record<string, number>[]): Record<string, number> {
  const total: Record<string, number> = {};
  for (const r of records) for (const [k, v] of Object.entries(r)) total[k] = (total[k] ?? 0) + v;
  return total;
}

// ---- the run ----

async function describeMachine() {
  const cpus = os.cpus();
  let postgres = 'not reached';
  let redis = 'not reached';
  if (config.targets.includes('cluster')) {
    try {
      const client = new pg.Client({ connectionString: String(flags['postgres-url']) });
      await client.connect();
      postgres = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]?.v ?? '?';
      await client.end();
      const r = new Redis(String(flags['redis-url']), { lazyConnect: true, maxRetriesPerRequest: 1 });
      await r.connect();
      redis = /redis_version:(\S+)/.exec(await r.info('server'))?.[1] ?? '?';
      r.disconnect();
    } catch {
      // reported as not reached
    }
  }
  let commit = 'unknown';
  try {
    commit = execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repoRoot, encoding: 'utf8' }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain', '--', 'apps/server/src'], {
      cwd: repoRoot,
      encoding: 'utf8',
    });
    if (config.serverRoot !== repoRoot) commit = `server from ${config.serverRoot}`;
    else if (dirty.trim()) commit += ' + uncommitted server changes';
  } catch {
    // not a git checkout
  }
  return {
    cpu: cpus[0]?.model ?? 'unknown',
    cores: cpus.length,
    memoryGb: round(os.totalmem() / 1024 ** 3, 1),
    node: process.version,
    os: `${os.type()} ${os.release()}`,
    postgres,
    redis,
    commit,
    openFilesLimit: (() => {
      try {
        return execFileSync('sh', ['-c', 'ulimit -n'], { encoding: 'utf8' }).trim();
      } catch {
        return '?';
      }
    })(),
  };
}

async function main() {
  const machine = await describeMachine();
  const command = `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim();
  log(
    `Frontdesk benchmark ${runId}: ${config.guests} guests, ${config.agents} agents, ${config.rate} msg/s for ${config.durationS} s` +
      (config.saturateS ? `, then ${config.saturateS} s saturation at ${config.inflight} in flight` : '') +
      `; targets ${config.targets.join(', ')}`,
  );
  log(
    `Frontdesk nodes run with ${Object.entries(raisedLimits)
      .map(([k, v]) => `${k}=${v}`)
      .join(' ')}`,
  );
  log(`server logs: ${logDir}`);
  const results: TargetResult[] = [];
  for (const name of config.targets) {
    try {
      results.push(await runTarget(name));
    } catch (err) {
      log(`  ${name} failed: ${(err as Error).stack ?? err}`);
      results.push({ name, error: String((err as Error).message ?? err) } as TargetResult);
    }
  }
  const relay = results.find((r) => r.name === 'relay' && !r.error);
  const ratios = Object.fromEntries(
    results
      .filter((r) => r.name !== 'relay' && !r.error && relay)
      .map((r) => [
        r.name,
        {
          sustainedThroughput: ratio(r.phases.saturate?.ackedPerSecond, relay?.phases.saturate?.ackedPerSecond),
          steadyGuestToAgentP99: ratio(
            r.phases.steady?.latency.guestToAgent.p99,
            relay?.phases.steady?.latency.guestToAgent.p99,
          ),
        },
      ]),
  );
  const document = { runId, label: config.label, command, machine, config, raisedLimits, results, ratios };
  const resultsDir = join(benchDir, 'results');
  mkdirSync(resultsDir, { recursive: true });
  const jsonFile = join(resultsDir, `${runId}.json`);
  writeFileSync(jsonFile, `${JSON.stringify(document, null, 2)}\n`);
  const md = markdownTable(document);
  writeFileSync(join(resultsDir, `${runId}.md`), md);
  log(`\n${terminalTable(document)}`);
  log(`\nresults: ${jsonFile}`);
  if (flags.readme) {
    const readme = join(benchDir, 'README.md');
    const text = readFileSync(readme, 'utf8');
    const start = '<!-- latest-run:start -->';
    const stop = '<!-- latest-run:end -->';
    const a = text.indexOf(start);
    const b = text.indexOf(stop);
    if (a < 0 || b < a) log('bench/README.md has no latest-run markers; not updated');
    else {
      writeFileSync(readme, `${text.slice(0, a + start.length)}\n${md}\n${text.slice(b)}`);
      log('bench/README.md updated');
    }
  }
}

const ratio = (a: number | undefined, b: number | undefined) => (a !== undefined && b ? round(a / b, 2) : null);

export type RunDocument = {
  runId: string;
  label: string;
  command: string;
  machine: Awaited<ReturnType<typeof describeMachine>>;
  config: typeof config;
  raisedLimits: typeof raisedLimits;
  results: TargetResult[];
  ratios: Record<string, { sustainedThroughput: number | null; steadyGuestToAgentP99: number | null }>;
};

main().then(
  () => process.exit(0),
  (err: unknown) => {
    console.error(err);
    process.exit(1);
  },
);

/**
 * Gives the run's database the planner statistics autovacuum would have gathered by now on a real
 * installation: the set-up wrote thousands of rows into fresh tables, and a server with
 * `autovacuum = off` (this machine's and CI's) would otherwise plan the load on estimates.
 */
async function analyse(database: string): Promise<void> {
  const url = new URL(String(flags['postgres-url']));
  url.pathname = `/${database}`;
  const client = new pg.Client({ connectionString: url.toString() });
  await client.connect();
  try {
    await client.query('analyze');
  } finally {
    await client.end();
  }
}
