/** The results as a table: metrics down, targets across; one for the terminal, one for Markdown. */
import type { Delivery, Percentiles } from './analyse.js';
import type { PhaseResult, RunDocument, TargetResult } from './run.js';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)}`;
const kb = (bytes: number) => `${Math.round(bytes / 1024)} KB`;
const total = (xs: number[]) => xs.reduce((a, b) => a + b, 0);
const pct = (p: Percentiles | undefined) => (p?.count ? `${p.p50} / ${p.p95} / ${p.p99} / ${p.max}` : '–');
const delivery = (d: Delivery) =>
  `${d.sent} / ${d.acked} / ${d.delivered} / ${d.lost} / ${d.duplicated}` +
  (d.failed || d.unacked ? ` (failed ${d.failed}, unacked ${d.unacked})` : '');
const dbCpu = (p: PhaseResult | undefined) => (p?.databaseCpu == null ? '–' : `${p.databaseCpu} %`);
const perMessage = (p: PhaseResult | undefined) =>
  p ? `${p.cpuMsPerMessage.server}${p.cpuMsPerMessage.database == null ? '' : `, ${p.cpuMsPerMessage.database}`}` : '–';
const cpu = (xs: number[] | undefined) =>
  xs?.length ? `${total(xs)} %${xs.length > 1 ? ` (${xs.join(' + ')})` : ''}` : '–';

function rows(doc: RunDocument): { label: string; values: string[] }[] {
  const results = doc.results;
  const each = (f: (r: TargetResult) => string) => results.map((r) => (r.error ? 'failed' : f(r)));
  const ratio = (f: (x: RunDocument['ratios'][string]) => number | null) =>
    results.map((r) => {
      if (r.name === 'relay') return '1 (baseline)';
      const x = doc.ratios[r.name];
      const v = x ? f(x) : null;
      return v === null ? '–' : `${v}`;
    });
  return [
    { label: 'nodes', values: each((r) => String(r.nodes)) },
    {
      label: 'connections held (guests + agents)',
      values: each(
        (r) =>
          `${r.connections.guests} + ${r.connections.agents}${r.connections.failed ? `, ${r.connections.failed} failed` : ''}`,
      ),
    },
    { label: 'connect rate (/s)', values: each((r) => String(r.connections.perSecond)) },
    {
      label: 'steady: offered → acked msg/s',
      values: each((r) => `${r.phases.steady?.offeredRate ?? '–'} → ${r.phases.steady?.ackedPerSecond ?? '–'}`),
    },
    {
      label: 'steady: backlog drained after',
      values: each((r) =>
        r.phases.steady
          ? `${r.phases.steady.drainSeconds} s${r.phases.steady.unackedAfterDrain ? ` (${r.phases.steady.unackedAfterDrain} never acked)` : ''}`
          : '–',
      ),
    },
    { label: 'steady: ack ms p50/p95/p99/max', values: each((r) => pct(r.phases.steady?.latency.guestAck)) },
    {
      label: 'steady: guest→agent ms p50/p95/p99/max',
      values: each((r) => pct(r.phases.steady?.latency.guestToAgent)),
    },
    {
      label: 'steady: agent→guest ms p50/p95/p99/max',
      values: each((r) => pct(r.phases.steady?.latency.agentToGuest)),
    },
    { label: 'steady: server CPU (% of a core)', values: each((r) => cpu(r.phases.steady?.serverCpu)) },
    { label: 'steady: PostgreSQL + Redis CPU', values: each((r) => dbCpu(r.phases.steady)) },
    { label: 'steady: CPU ms per message (server, db)', values: each((r) => perMessage(r.phases.steady)) },
    {
      label: 'sustained max guest msg/s (acked)',
      values: each((r) => (r.phases.saturate ? `${r.phases.saturate.ackedPerSecond}` : '–')),
    },
    {
      label: 'sustained persisted msg/s (+ replies)',
      values: each((r) => (r.phases.saturate ? `${r.phases.saturate.persistedPerSecond}` : '–')),
    },
    { label: 'saturated: ack ms p50/p95/p99/max', values: each((r) => pct(r.phases.saturate?.latency.guestAck)) },
    {
      label: 'saturated: guest→agent ms p50/p95/p99/max',
      values: each((r) => pct(r.phases.saturate?.latency.guestToAgent)),
    },
    { label: 'saturated: server CPU', values: each((r) => cpu(r.phases.saturate?.serverCpu)) },
    { label: 'saturated: PostgreSQL + Redis CPU', values: each((r) => dbCpu(r.phases.saturate)) },
    { label: 'saturated: CPU ms per message (server, db)', values: each((r) => perMessage(r.phases.saturate)) },
    {
      label: 'saturated: machine CPU (all), load generator',
      values: each((r) =>
        r.phases.saturate ? `${r.phases.saturate.machineCpu} %, ${r.phases.saturate.generatorCpu} %` : '–',
      ),
    },
    {
      label: 'guest msgs sent/acked/delivered/lost/dup',
      values: each((r) => delivery(r.guestToAgent)),
    },
    {
      label: 'agent replies sent/acked/delivered/lost/dup',
      values: each((r) => delivery(r.agentToGuest)),
    },
    {
      label: 'retried sends stored once',
      values: each(
        (r) => `${r.retries.deduplicated}/${r.retries.sent}${r.retries.wrong ? ` (${r.retries.wrong} wrong)` : ''}`,
      ),
    },
    {
      label: 'in the database: guest msgs, dup client ids',
      values: each((r) => (r.stored ? `${r.stored.guestMessages}, ${r.stored.duplicateClientIds}` : '–')),
    },
    {
      label: 'server RSS MB: idle → connected → end',
      values: each((r) => `${mb(total(r.memory.idle))} → ${mb(total(r.memory.held))} → ${mb(total(r.memory.end))}`),
    },
    { label: 'server RSS peak MB', values: each((r) => mb(total(r.memory.peak))) },
    {
      // a garbage collection between the idle and the connected reading can make it negative: no reading then
      label: 'RSS per connection',
      values: each((r) => (r.memory.perConnectionBytes > 0 ? kb(r.memory.perConnectionBytes) : '–')),
    },
    { label: 'sustained rate vs relay', values: ratio((x) => x.sustainedThroughput) },
    { label: 'steady guest→agent p99 vs relay', values: ratio((x) => x.steadyGuestToAgentP99) },
    {
      label: 'errors, disconnects',
      values: each(
        (r) =>
          `${
            Object.entries(r.errors)
              .map(([k, v]) => `${k}×${v}`)
              .join(' ') || 'none'
          }, ${r.disconnects}`,
      ),
    },
    {
      label: 'load generator CPU, loop p99',
      values: each(
        (r) =>
          `${Math.round(total(r.generator.map((g) => g.cpuPercent)))} %, ${Math.max(...r.generator.map((g) => g.loopDelayP99Ms)).toFixed(0)} ms`,
      ),
    },
  ];
}

function header(doc: RunDocument): string {
  const m = doc.machine;
  const c = doc.config;
  return [
    `${doc.runId}${doc.label ? ` — ${doc.label}` : ''}: ${c.guests} guests, ${c.agents} agents, ${c.rate} msg/s for ${c.durationS} s` +
      (c.saturateS ? `, ${c.saturateS} s saturated at ${c.inflight} in flight` : '') +
      `, agents answer every ${c.replyEvery || '–'}th message, every ${c.retryEvery || '–'}th send retried`,
    `machine: ${m.cores} cores (${m.cpu}), ${m.memoryGb} GB, Node ${m.node}, ${m.os}, PostgreSQL ${m.postgres}, Redis ${m.redis}, ulimit -n ${m.openFilesLimit}; commit ${m.commit}`,
    `command: ${doc.command}`,
  ].join('\n');
}

export function terminalTable(doc: RunDocument): string {
  const names = doc.results.map((r) => r.name);
  const table = rows(doc);
  const first = Math.max(...table.map((r) => r.label.length), 6);
  const widths = names.map((n, i) => Math.max(n.length, ...table.map((r) => (r.values[i] ?? '').length)));
  const line = (label: string, values: string[]) =>
    `${label.padEnd(first)} │ ${values.map((v, i) => v.padEnd(widths[i] ?? 0)).join(' │ ')}`;
  return [
    header(doc),
    '',
    line('', names),
    `${'─'.repeat(first)}─┼─${widths.map((w) => '─'.repeat(w)).join('─┼─')}`,
    ...table.map((r) => line(r.label, r.values)),
  ].join('\n');
}

export function markdownTable(doc: RunDocument): string {
  const names = doc.results.map((r) => r.name);
  const escapePipes = (s: string) => s.replace(/\|/g, '\\|');
  return [
    header(doc)
      .split('\n')
      .map((l) => `${l}  `)
      .join('\n'),
    '',
    `| | ${names.join(' | ')} |`,
    `|---|${names.map(() => '---').join('|')}|`,
    ...rows(doc).map((r) => `| ${escapePipes(r.label)} | ${r.values.map(escapePipes).join(' | ')} |`),
    '',
  ].join('\n');
}
