// The push module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { pushConsumers } from './consumers.js';
import { registerPushRoutes } from './routes.js';

/**
 * Web push: staff, guests and customers subscribe their devices; a durable consumer pushes a new
 * request to its team, a guest's message to its assignee, a mention, an alert, and the staff's
 * replies to the guest's devices, encrypted and VAPID-signed, deleting devices whose push service
 * says they are gone.
 */
export const push = defineModule({
  name: 'push',
  errorCodes: ['push_endpoint_refused'],
  routes: registerPushRoutes,
  consumers: pushConsumers,
});
