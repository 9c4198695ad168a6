import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const LeadsPage = lazy(async () => ({ default: (await import('./LeadsPage')).LeadsPage }));
const LeadPage = lazy(async () => ({ default: (await import('./LeadPage')).LeadPage }));
const LeadReportPage = lazy(async () => ({ default: (await import('./LeadReportPage')).LeadReportPage }));

/** A service company's leads: requests customers sent with its forms, worked from new to converted or lost. */
export const leadsFeature: StaffFeature = {
  name: 'leads',
  routes: [
    { path: 'leads', ability: 'leads', element: <LeadsPage /> },
    { path: 'leads/sources', ability: 'leadReports', element: <LeadReportPage /> },
    { path: 'leads/:leadId', ability: 'leads', element: <LeadPage /> },
  ],
  nav: [
    { to: '/app/leads', label: 'leads.nav', ability: 'leads', end: true },
    { to: '/app/leads/sources', label: 'leadReport.nav', ability: 'leadReports' },
  ],
};
