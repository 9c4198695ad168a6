import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const MyWorkPage = lazy(async () => ({ default: (await import('./MyWorkPage')).MyWorkPage }));

/** My work: the doer's day on a phone (housekeepers, technicians, and staff who take tasks). */
export const myWorkFeature: StaffFeature = {
  name: 'my-work',
  routes: [{ path: 'my-work', ability: 'myWork', element: <MyWorkPage /> }],
  nav: [{ to: '/app/my-work', label: 'myWork.nav', ability: 'myWork' }],
};
