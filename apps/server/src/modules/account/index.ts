// The account module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerAccountRoutes } from './routes.js';
import { registerSignInRoutes } from './sign-in-routes.js';

export { presentCurrentUser } from './present.js';
export { getCurrentUser } from './service.js';

/** The signed-in staff member: sign-in, "who am I", their profile and password. */
export const account = defineModule({
  name: 'account',
  errorCodes: ['invalid_credentials'],
  routes: (api, ctx) => {
    registerSignInRoutes(api, ctx);
    registerAccountRoutes(api, ctx);
  },
});
