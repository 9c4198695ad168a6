import { lazy } from 'react';
import type { StaffFeature } from '../feature';

// chart.js comes with the page only: never in the shell's first load, never on the guest side
const ServiceQualityPage = lazy(async () => ({ default: (await import('./ServiceQualityPage')).ServiceQualityPage }));
const MyPerformancePage = lazy(async () => ({ default: (await import('./ServiceQualityPage')).MyPerformancePage }));

/**
 * Service quality (issue 16): response, resolution and satisfaction (the ratings among them) over
 * chosen days. Admins see the organization's; a team's duty manager opens the same page for their
 * team (the page checks, as the server does): the link is for both. Agents (and admins) read their
 * own figures on "My performance", the same page narrowed to themselves.
 */
export const metricsFeature: StaffFeature = {
  name: 'metrics',
  routes: [
    { path: 'service-quality', ability: null, element: <ServiceQualityPage /> },
    { path: 'my-performance', ability: 'myMetrics', element: <MyPerformancePage /> },
  ],
  nav: [
    { to: '/app/service-quality', label: 'metrics.nav', ability: ['serviceMetrics', 'teamMetrics'] },
    { to: '/app/my-performance', label: 'metrics.myNav', ability: 'myMetrics' },
  ],
};
