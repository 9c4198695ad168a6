// The auth module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { authJobs } from './jobs.js';
import { signOutListeners } from './realtime.js';
import { registerAuthRoutes } from './routes.js';

export { issueMailedPasswordLink, issuePasswordLink, mailedPasswordLink } from './password-links.js';
export { hashPassword, verifyPassword } from './passwords.js';
export { login, logout, openSession } from './service.js';
export { resolveSession, revokeUserSessions, staffActorOf } from './sessions.js';
export { ensureSuperadmin } from './superadmin.js';
export { newToken, tokenId } from './tokens.js';

/** Sign-out and password links; sessions of staff, and their housekeeping. */
export const auth = defineModule({
  name: 'auth',
  errorCodes: [
    'invalid_token',
    'invalid_credentials',
    'account_inactive',
    'organization_inactive',
    'password_sign_in_disabled',
  ],
  routes: registerAuthRoutes,
  listeners: signOutListeners,
  jobs: authJobs,
});
