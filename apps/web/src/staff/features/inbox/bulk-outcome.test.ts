import { describe, expect, it } from 'vitest';
import { summarize } from './bulk-outcome';

describe('summarize', () => {
  it('counts the done ones and groups the failed ones by code, keeping their ids', () => {
    const summary = summarize('resolve', ['a', 'b', 'c', 'd'], {
      results: [
        { ok: true },
        { ok: false, code: 'already_resolved', message: 'Already resolved' },
        { ok: false, code: 'not_found', message: 'No such conversation' },
        { ok: false, code: 'already_resolved', message: 'Already resolved' },
      ],
      done: 1,
      failed: 3,
    });
    expect(summary.done).toBe(1);
    expect(summary.failed).toBe(3);
    expect(summary.failedIds).toEqual(['b', 'c', 'd']);
    expect(summary.reasons.map((r) => [r.outcome.code, r.count])).toEqual([
      ['already_resolved', 2],
      ['not_found', 1],
    ]);
  });

  it('has no reasons when all were done', () => {
    const summary = summarize('tag', ['a', 'b'], { results: [{ ok: true }, { ok: true }], done: 2, failed: 0 });
    expect(summary).toMatchObject({ done: 2, failed: 0, reasons: [], failedIds: [] });
  });
});
