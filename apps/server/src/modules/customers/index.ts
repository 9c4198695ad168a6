// The customers module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { customerListeners } from './realtime.js';
import { registerCustomerRoutes } from './routes.js';

export { customerPolicy } from './policy.js';
export { customerOf } from './service.js';
export type { CustomerRow } from './store.js';

/** A service company's customers: the built-in CRM, behind a store another CRM could replace. */
export const customers = defineModule({
  name: 'customers',
  errorCodes: [],
  routes: registerCustomerRoutes,
  listeners: customerListeners,
});
