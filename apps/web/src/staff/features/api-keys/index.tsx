import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const ApiKeysPage = lazy(async () => ({ default: (await import('./ApiKeysPage')).ApiKeysPage }));

/** API keys (admins): the keys other systems use to act for the organization, with their scopes and last use. */
export const apiKeysFeature: StaffFeature = {
  name: 'api-keys',
  routes: [{ path: 'api-keys', ability: 'manageOrganization', element: <ApiKeysPage /> }],
  nav: [{ to: '/app/api-keys', label: 'apiKeys.nav', ability: 'manageOrganization' }],
};
