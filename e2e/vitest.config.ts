import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';
import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Spec files in the order of their numbers (1-…, 2-…), whatever ran slowest last time. */
class InNameOrder extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    return [...files].sort((a, b) => a.moduleId.localeCompare(b.moduleId));
  }
}

/**
 * The browser specs (`npm run test:e2e`): one real Frontdesk server for the whole run (started by
 * the global setup), Debian's Chromium, and files one at a time, since they share that server and
 * each drives several browser windows. Kept apart from the root config, so `npm test` never runs them.
 */
export default defineConfig({
  test: {
    root: fileURLToPath(new URL('.', import.meta.url)),
    include: ['specs/**/*.e2e.ts'],
    globalSetup: ['support/global-setup.ts'],
    fileParallelism: false,
    sequence: { sequencer: InNameOrder },
    maxWorkers: 1,
    testTimeout: 120_000,
    hookTimeout: 300_000,
    teardownTimeout: 60_000,
    // a flaky browser test hides a real race: no retries
    retry: 0,
  },
});
