// The organizations module's public entry: other modules import from here only (npm run lint checks it).
import { defineModule } from '../../platform/module.js';
import { registerPlatformRoutes } from './platform-routes.js';
import { registerOrganizationRoutes } from './routes.js';

export { guestLinks } from './links.js';
export { featuresOf, requirePlanFeature } from './plan.js';
export { organizationPolicy } from './policy.js';
export { logoUrlOf, presentOrganization } from './present.js';
export { getOwnOrganization, loadOrganization, type OrgRow } from './service.js';

/** An organization's settings, its public entry and audit log; the platform admin's organizations. */
export const organizations = defineModule({
  name: 'organizations',
  errorCodes: ['slug_taken', 'email_taken', 'plan_feature_unavailable'],
  routes: (api, ctx) => {
    registerOrganizationRoutes(api, ctx);
    registerPlatformRoutes(api, ctx);
  },
});
