import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const StaysPage = lazy(async () => ({ default: (await import('./StaysPage')).StaysPage }));

/** Check-in, the stays list and check-out. */
export const staysFeature: StaffFeature = {
  name: 'stays',
  routes: [{ path: 'stays', ability: 'stays', element: <StaysPage /> }],
  nav: [{ to: '/app/stays', label: 'nav.stays', ability: 'stays' }],
};
