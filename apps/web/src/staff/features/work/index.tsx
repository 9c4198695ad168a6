import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const WorkBoardPage = lazy(async () => ({ default: (await import('./WorkBoardPage')).WorkBoardPage }));
const WorkItemPage = lazy(async () => ({ default: (await import('./WorkItemPage')).WorkItemPage }));

/** The dispatch board (admins and dispatchers) and a work item's page. */
export const workFeature: StaffFeature = {
  name: 'work',
  routes: [
    { path: 'work', ability: 'dispatch', element: <WorkBoardPage /> },
    { path: 'work/:id', ability: 'dispatch', element: <WorkItemPage /> },
  ],
  nav: [{ to: '/app/work', label: 'work.nav', ability: 'dispatch' }],
};
