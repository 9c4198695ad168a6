import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const CannedPage = lazy(async () => ({ default: (await import('./CannedPage')).CannedPage }));

/** Canned responses: the shared ones (admins keep them) and each desk member's own. */
export const cannedFeature: StaffFeature = {
  name: 'canned',
  routes: [{ path: 'canned-responses', ability: 'inbox', element: <CannedPage /> }],
  nav: [{ to: '/app/canned-responses', label: 'canned.nav', ability: 'inbox' }],
};
