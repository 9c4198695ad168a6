// The quick-actions module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerQuickActionRoutes } from './routes.js';

/**
 * Quick actions: an organization's one-tap requests for its guests (extra towels, a taxi, late
 * check-out). Admins keep the catalogue; a guest's tap writes one request in their chat and, where
 * set up, the task for a team at once, whose status the guest then follows in the chat.
 */
export const quickActionsModule = defineModule({
  name: 'quick-actions',
  routes: registerQuickActionRoutes,
});
