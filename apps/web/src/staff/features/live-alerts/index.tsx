import { lazy } from 'react';
import type { StaffFeature } from '../feature';
import { LiveAlerts, OpenAlertsBadge } from './live';

const AlertsPage = lazy(async () => ({ default: (await import('./AlertsPage')).AlertsPage }));
const AlertSettingsSection = lazy(async () => ({
  default: (await import('./AlertSettingsSection')).AlertSettingsSection,
}));

/**
 * Live alerts: the list for admins (in the navigation, with the count not yet acknowledged) and a
 * team's duty managers (reached from the notice an alert brings), a notice as each comes, and the
 * settings as a tab of the Admin page.
 */
export const liveAlertsFeature: StaffFeature = {
  name: 'live-alerts',
  routes: [{ path: 'alerts', ability: 'inbox', element: <AlertsPage /> }],
  nav: [{ to: '/app/alerts', label: 'liveAlerts.nav', ability: 'manageOrganization', Badge: OpenAlertsBadge }],
  adminSections: [
    {
      name: 'alerts',
      label: 'admin.sections.alerts',
      ability: 'manageOrganization',
      element: <AlertSettingsSection />,
    },
  ],
  Live: LiveAlerts,
};
