// The single sign-on module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerSsoRoutes } from './routes.js';

export { ssoCallbackUrl } from './provider.js';

/**
 * Single sign-on through an organization's OpenID Connect provider (Keycloak, Entra ID, Google
 * Workspace, Okta): its admins set the provider up; staff sign in there and come back signed in.
 */
export const sso = defineModule({
  name: 'sso',
  errorCodes: ['sso_not_configured', 'sso_failed', 'sso_email_unverified', 'sso_no_account', 'sso_issuer_refused'],
  routes: registerSsoRoutes,
});
