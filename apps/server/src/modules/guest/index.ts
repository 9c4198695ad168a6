// The guest module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerGuestRoutes } from './routes.js';

export { beginGuestSession } from './begin.js';
export { contactLanguages } from './language.js';
export { presentPublicOrganization } from './present.js';
export { createGuestSession, guestAccess, resolveGuestSession, resolveGuestSessions } from './sessions.js';

/** Guests and visitors signing in with a code or through the public entry. */
export const guest = defineModule({
  name: 'guest',
  errorCodes: ['code_unknown', 'stay_not_started', 'public_entry_disabled'],
  routes: registerGuestRoutes,
});
