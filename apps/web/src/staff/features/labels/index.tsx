import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const LabelsPage = lazy(async () => ({ default: (await import('./LabelsPage')).LabelsPage }));
const AttachLabelPage = lazy(async () => ({ default: (await import('./AttachLabelPage')).AttachLabelPage }));
const BatchPage = lazy(async () => ({ default: (await import('./BatchPage')).BatchPage }));

/** QR labels of a service company: batches and sheets (admins), attaching one on site (everyone). */
export const labelsFeature: StaffFeature = {
  name: 'labels',
  routes: [
    { path: 'labels', ability: 'customers', element: <LabelsPage /> },
    { path: 'labels/attach', ability: 'customers', element: <AttachLabelPage /> },
    { path: 'labels/batches/:id', ability: 'customers', element: <BatchPage /> },
  ],
  nav: [{ to: '/app/labels', label: 'labels.nav', ability: 'customers' }],
};
