import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * A child node keeps 30 MB alive and churns through 500 MB of arrays that live long enough to
 * reach the old generation; it prints the largest heap it held. V8's own growth lets that heap
 * reach about four times what is alive (with the heap limit node sets on a large machine);
 * limitHeapGrowth() about twice.
 */
const child = `
import v8 from 'node:v8';
import { limitHeapGrowth } from ${JSON.stringify(new URL('./heap-growth.ts', import.meta.url).href)};
if (process.argv[2] === 'limited') limitHeapGrowth();
if (process.argv[2] === 'own') limitHeapGrowth(100, ['--heap-growing-percent=300']);
const live = [];
for (let i = 0; i < 300; i++) live.push(new Array(12500).fill(i));
const ring = new Array(2000);
let peak = 0;
for (let i = 0; i < 50000; i++) {
  ring[i % 2000] = new Array(1250).fill(i);
  if (i % 100 === 0) peak = Math.max(peak, v8.getHeapStatistics().total_heap_size);
}
console.log(JSON.stringify({ peakMb: peak / 1048576, live: live.length }));
`;

function peakHeapMb(mode: 'default' | 'limited' | 'own'): number {
  const dir = mkdtempSync(join(tmpdir(), 'heap-growth-'));
  const script = join(dir, 'churn.mjs');
  writeFileSync(script, child);
  // a heap limit of 4 GB, as node sets on a machine of 16 GB or more: V8's growth depends on it
  const run = spawnSync(process.execPath, ['--max-old-space-size=4096', '--import', 'tsx', script, mode], {
    encoding: 'utf8',
  });
  expect(run.status, run.stderr).toBe(0);
  return JSON.parse(run.stdout).peakMb;
}

describe('limitHeapGrowth', () => {
  it('keeps the heap near twice what is alive, where V8 alone lets it grow to four times', () => {
    const own = peakHeapMb('default');
    const limited = peakHeapMb('limited');
    expect(own).toBeGreaterThan(200);
    expect(limited).toBeLessThan(own * 0.7);
    expect(limited).toBeGreaterThan(60);
  });

  it('leaves a node started with its own --heap-growing-percent alone', () => {
    const own = peakHeapMb('default');
    expect(peakHeapMb('own')).toBeGreaterThan(own * 0.9);
  });
});
