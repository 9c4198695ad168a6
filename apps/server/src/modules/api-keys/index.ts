// The api-keys module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerApiKeyRoutes } from './routes.js';

/**
 * API keys: admins create keys with scopes for other systems; a request with
 * `Authorization: Bearer fdk_…` acts as the API client of the key's organization on the routes
 * that declare a scope (platform/auth.ts, `asStaffOrApiClient`).
 */
export const apiKeysModule = defineModule({
  name: 'api-keys',
  errorCodes: ['too_many_api_keys'],
  routes: registerApiKeyRoutes,
});

export { resolveApiKey } from './service.js';
