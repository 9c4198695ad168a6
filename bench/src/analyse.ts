/** Merges what the load workers recorded into one result per target: counts, loss, duplicates, percentiles. */
import * as hdr from 'hdr-histogram-js';
import type { PhaseHistograms, PhaseName, WorkerReport } from './messages.js';
import { phases } from './messages.js';

export interface Percentiles {
  count: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface Delivery {
  sent: number;
  acked: number;
  failed: number;
  /** no ack by the end of the run */
  unacked: number;
  /** acked and received by every agent it was meant for */
  delivered: number;
  /** acked but missing at some recipient */
  lost: number;
  /** (message, recipient) pairs missing */
  lostPairs: number;
  /** extra receipts of a message by the same recipient */
  duplicated: number;
  /** received although its send failed or was never acked */
  receivedUnacked: number;
}

/** Latency percentiles in milliseconds from workers' histograms of microseconds. */
function merge(encoded: string[]): Percentiles {
  const total = hdr.build({
    lowestDiscernibleValue: 1,
    highestTrackableValue: 600_000_000,
    numberOfSignificantValueDigits: 3,
  });
  for (const e of encoded) total.add(hdr.decodeFromCompressedBase64(e));
  const ms = (us: number) => Math.round(us / 10) / 100;
  return {
    count: total.totalCount,
    p50: ms(total.getValueAtPercentile(50)),
    p95: ms(total.getValueAtPercentile(95)),
    p99: ms(total.getValueAtPercentile(99)),
    max: ms(total.maxValue),
  };
}

export function latencies(reports: WorkerReport[]): Record<PhaseName, Record<keyof PhaseHistograms, Percentiles>> {
  const keys: (keyof PhaseHistograms)[] = ['guestAck', 'guestToAgent', 'replyAck', 'agentToGuest'];
  return Object.fromEntries(
    phases.map((p) => [p, Object.fromEntries(keys.map((k) => [k, merge(reports.map((r) => r.histograms[p][k]))]))]),
  ) as Record<PhaseName, Record<keyof PhaseHistograms, Percentiles>>;
}

/**
 * Guest → agent: every acked guest message must reach every agent exactly once (Frontdesk sends
 * `message:new` to the whole desk, and so does the relay by default), or with `one` exactly one agent
 * (the relay with `--relay-fanout agent`).
 */
export function guestDelivery(reports: WorkerReport[], workers: number, recipients: 'all' | 'one'): Delivery {
  const status = new Map<number, number>(); // number → 1 ok, 2 error, 0 no ack
  for (const r of reports) {
    r.guestStatus.forEach((s, local) => {
      status.set(local * workers + r.worker, s);
    });
  }
  const agents = reports.flatMap((r) => r.agentReceipts).map((a) => a.counts);
  const result: Delivery = {
    sent: status.size,
    acked: 0,
    failed: 0,
    unacked: 0,
    delivered: 0,
    lost: 0,
    lostPairs: 0,
    duplicated: 0,
    receivedUnacked: 0,
  };
  for (const [num, s] of status) {
    if (s === 2) result.failed++;
    if (s === 0) result.unacked++;
    let missing = 0;
    let received = 0;
    for (const counts of agents) {
      const c = counts[num] ?? 0;
      received += c;
      if (c === 0) missing++;
      if (recipients === 'all' && c > 1) result.duplicated += c - 1;
    }
    if (recipients === 'one') {
      missing = received === 0 ? 1 : 0;
      if (received > 1) result.duplicated += received - 1;
    }
    if (received > 0 && s !== 1) result.receivedUnacked++;
    if (s !== 1) continue;
    result.acked++;
    if (missing) {
      result.lost++;
      result.lostPairs += missing;
    } else result.delivered++;
  }
  return result;
}

/** Agent → guest: every acked reply must reach its guest exactly once. */
export function replyDelivery(reports: WorkerReport[], workers: number): Delivery {
  const receipts = new Map<number, number>();
  for (const r of reports) {
    r.replyReceipts.forEach((c, num) => {
      if (c) receipts.set(num, (receipts.get(num) ?? 0) + c);
    });
  }
  const result: Delivery = {
    sent: 0,
    acked: 0,
    failed: 0,
    unacked: 0,
    delivered: 0,
    lost: 0,
    lostPairs: 0,
    duplicated: 0,
    receivedUnacked: 0,
  };
  for (const r of reports) {
    r.replyStatus.forEach((s, local) => {
      const num = local * workers + r.worker;
      const c = receipts.get(num) ?? 0;
      result.sent++;
      if (s === 2) result.failed++;
      if (s === 0) result.unacked++;
      if (c > 1) result.duplicated += c - 1;
      if (s !== 1) {
        if (c > 0) result.receivedUnacked++;
        return;
      }
      result.acked++;
      if (c === 0) {
        result.lost++;
        result.lostPairs++;
      } else result.delivered++;
    });
  }
  return result;
}
