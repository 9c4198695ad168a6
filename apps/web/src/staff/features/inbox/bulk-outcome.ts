import type { BulkAction, BulkResult } from '@frontdesk/protocol';

export interface BulkSummary {
  action: BulkAction['type'];
  done: number;
  failed: number;
  /** Why the failed ones could not be, each reason with how many it stopped, most first. */
  reasons: { outcome: { code?: string; message?: string }; count: number }[];
  /** The ids that could not be done (they stay selected). */
  failedIds: string[];
}

/** Sums up a bulk answer: how many were done, and the failed ones grouped by their stable code. */
export function summarize(action: BulkAction['type'], ids: readonly string[], result: BulkResult): BulkSummary {
  const failedIds: string[] = [];
  const byCode = new Map<string, { outcome: { code?: string; message?: string }; count: number }>();
  ids.forEach((id, i) => {
    const outcome = result.results[i];
    if (outcome?.ok) return;
    failedIds.push(id);
    const key = outcome?.code ?? outcome?.message ?? '';
    const known = byCode.get(key);
    if (known) known.count += 1;
    else byCode.set(key, { outcome: { code: outcome?.code, message: outcome?.message }, count: 1 });
  });
  const reasons = [...byCode.values()].sort((a, b) => b.count - a.count);
  return { action, done: ids.length - failedIds.length, failed: failedIds.length, reasons, failedIds };
}
