import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const LeadsPage = lazy(async () => ({ default: (await import('./LeadsPage')).LeadsPage }));
const LeadPage = lazy(async () => ({ default: (await import('./LeadPage')).LeadPage }));

/** A service company's leads: requests customers sent with its forms, worked from new to converted or lost. */
export const leadsFeature: StaffFeature = {
  name: 'leads',
  routes: [
    { path: 'leads', ability: 'leads', element: <LeadsPage /> },
    { path: 'leads/:leadId', ability: 'leads', element: <LeadPage /> },
  ],
  nav: [{ to: '/app/leads', label: 'leads.nav', ability: 'leads' }],
};
