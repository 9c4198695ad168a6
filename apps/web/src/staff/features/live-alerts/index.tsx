import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const AlertsPage = lazy(async () => ({ default: (await import('./AlertsPage')).AlertsPage }));

/**
 * Live alerts: the list for admins (in the navigation, with the count not yet acknowledged) and a
 * team's duty managers (reached from the notice an alert brings); the settings are an admin tab.
 */
export const liveAlertsFeature: StaffFeature = {
  name: 'live-alerts',
  routes: [{ path: 'alerts', ability: 'inbox', element: <AlertsPage /> }],
  nav: [{ to: '/app/alerts', label: 'liveAlerts.nav', ability: 'manageOrganization', alertsBadge: true }],
};
