// The shifts module's public entry: other modules import from here only (npm run lint checks it).
import type { AppContext } from '../../platform/context.js';
import { defineModule } from '../../platform/module.js';
import { systemContext } from '../../platform/service-context.js';
import { handOverAbsentStaff } from '../conversations/index.js';
import { markAbsence } from './absence.js';

/**
 * Staff coming and going: who is absent since when (from presence), and the hand-over of the open
 * requests of whoever has been gone longer than STAFF_OFFLINE_HANDOVER_MINUTES.
 */
export const shifts = defineModule({
  name: 'shifts',
  errorCodes: [],
  reactions: (ctx: AppContext) => ({
    'presence.changed': async ({ orgId, present }) => {
      await markAbsence(ctx.db, orgId, present).catch((err) =>
        ctx.log.warn({ err, orgId }, 'recording staff absence failed'),
      );
    },
  }),
  jobs: (ctx: AppContext) => [
    {
      name: 'hand-over-absent-staff',
      everyMs: 60_000,
      run: async (runId) => ({
        handedOver: await handOverAbsentStaff(
          systemContext(ctx, 'hand-over-absent-staff', runId),
          ctx.availability,
          ctx.config.offlineHandoverMinutes,
        ),
      }),
    },
  ],
});
