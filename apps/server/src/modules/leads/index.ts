// The leads module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { leadListeners } from './realtime.js';
import { registerLeadRoutes } from './routes.js';

export { leadPolicy } from './policy.js';
export { answerText, requestSummary } from './summary.js';

/** Customers' submitted request forms, worked by the company from new to converted or lost. */
export const leads = defineModule({
  name: 'leads',
  errorCodes: [],
  routes: registerLeadRoutes,
  listeners: leadListeners,
});
