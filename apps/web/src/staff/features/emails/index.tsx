import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const EmailsPage = lazy(async () => ({ default: (await import('./EmailsPage')).EmailsPage }));

/** What e-mail went out, to whom and when, and why any failed: the organization's (admins), every one (platform owner). */
export const emailsFeature: StaffFeature = {
  name: 'emails',
  routes: [
    { path: 'emails', ability: 'viewAudit', element: <EmailsPage scope="organization" /> },
    { path: 'platform/emails', ability: 'platform', element: <EmailsPage scope="all" /> },
  ],
  nav: [
    { to: '/app/emails', label: 'emails.nav', ability: 'viewAudit' },
    { to: '/app/platform/emails', label: 'emails.platformNav', ability: 'platform' },
  ],
};
