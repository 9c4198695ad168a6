// The idempotency module's public entry: other modules import from here only (npm run lint checks it).
import { forgetOldIdempotencyKeys } from '../../platform/idempotency.js';
import { defineModule } from '../../platform/module.js';

/**
 * The answers kept for POSTs with an `Idempotency-Key` (platform/idempotency.ts, installed for every
 * route by app.ts) are forgotten after a day, by this module's hourly job.
 */
export const idempotency = defineModule({
  name: 'idempotency',
  jobs: (ctx) => [
    {
      name: 'forget-idempotency-keys',
      everyMs: 60 * 60_000,
      run: async () => ({ forgotten: await forgetOldIdempotencyKeys(ctx.db) }),
    },
  ],
});
