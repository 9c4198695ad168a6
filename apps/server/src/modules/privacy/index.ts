// The privacy module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { privacyJobs } from './jobs.js';
import { registerPrivacyRoutes } from './routes.js';

export { privacyPolicy } from './policy.js';

/** A person's data on request: export it, erase it, and erase it anyway after the retention period. */
export const privacy = defineModule({
  name: 'privacy',
  errorCodes: ['export_too_large'],
  routes: registerPrivacyRoutes,
  jobs: privacyJobs,
});
