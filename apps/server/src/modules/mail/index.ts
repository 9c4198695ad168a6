// The mail module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerMailRoutes } from './routes.js';
import { mailConsumers, mailJobs } from './triggers.js';

export { mailPolicy } from './policy.js';

/**
 * E-mail: domain events become rows of the `emails` outbox (mails.ts says which, to whom), sent
 * through SMTP with retries, or kept when no mail server is set up; one e-mail per burst of
 * unseen messages; signed unsubscribe links; the admin's list of what was sent.
 */
export const mail = defineModule({
  name: 'mail',
  errorCodes: ['invalid_token'],
  routes: registerMailRoutes,
  consumers: mailConsumers,
  jobs: mailJobs,
});
