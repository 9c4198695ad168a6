import { lazy } from 'react';
import type { StaffFeature } from '../feature';
import { adminAbilities } from './sections';

const AdminPage = lazy(async () => ({ default: (await import('./AdminPage')).AdminPage }));

/**
 * Staff, teams, organization settings, rooms and the audit log, each tab for its own ability (the
 * ratings are on Service quality).
 */
export const adminFeature: StaffFeature = {
  name: 'admin',
  routes: [{ path: 'admin/*', ability: adminAbilities, element: <AdminPage /> }],
  nav: [{ to: '/app/admin', label: 'nav.admin', ability: adminAbilities }],
};
