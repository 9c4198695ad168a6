import { setFlagsFromString } from 'node:v8';

/**
 * How far the JavaScript heap may grow past what survived the last full garbage collection before
 * the next one, in percent of it. V8 picks up to 300 % (four times the live heap) on a machine
 * with 8 GB of memory or more, so a node whose heap holds 60 MB alive kept ~180 MB resident between
 * collections: most of an idle embedded node's memory above its database (bench/README.md,
 * "Session 23"). 100 % (twice the live heap) costs a full collection twice as often; V8 marks
 * concurrently, and on the benchmark CPU per message did not change.
 */
export const HEAP_GROWING_PERCENT = 100;

/**
 * Sets V8's heap growth (`--heap-growing-percent`) for this process, unless node was started
 * with its own. V8 reads it at every full collection, so it holds from the next one on.
 */
export function limitHeapGrowth(percent = HEAP_GROWING_PERCENT, execArgv = process.execArgv): void {
  if (execArgv.some((arg) => /^--heap[-_]growing[-_]percent\b/.test(arg))) return;
  setFlagsFromString(`--heap-growing-percent=${percent}`);
}
