import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const WebhooksPage = lazy(async () => ({ default: (await import('./WebhooksPage')).WebhooksPage }));

/** Webhooks (admins): where the organization's events are sent, and what each delivery did. */
export const webhooksFeature: StaffFeature = {
  name: 'webhooks',
  routes: [{ path: 'webhooks', ability: 'manageOrganization', element: <WebhooksPage /> }],
  nav: [{ to: '/app/webhooks', label: 'webhooks.nav', ability: 'manageOrganization' }],
};
