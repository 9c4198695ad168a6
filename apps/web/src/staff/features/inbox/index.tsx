import type { StaffFeature } from '../feature';
import { InboxPage } from './InboxPage';

/** The live inbox, the desk's home page (loaded with the shell, not as a chunk of its own). */
export const inboxFeature: StaffFeature = {
  name: 'inbox',
  routes: [{ ability: 'inbox', element: <InboxPage /> }],
  nav: [{ to: '/app', label: 'nav.inbox', ability: 'inbox', end: true, queuedBadge: true }],
};
