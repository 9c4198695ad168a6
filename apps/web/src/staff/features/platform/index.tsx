import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const PlatformPage = lazy(async () => ({ default: (await import('./PlatformPage')).PlatformPage }));

/** Every organization with its plan and seats (platform super admins). */
export const platformFeature: StaffFeature = {
  name: 'platform',
  routes: [{ path: 'platform', ability: 'platform', element: <PlatformPage /> }],
  nav: [{ to: '/app/platform', label: 'nav.platform', ability: 'platform' }],
};
