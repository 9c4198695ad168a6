import { lazy } from 'react';
import type { StaffFeature } from '../feature';

const SsoSettingsSection = lazy(async () => ({ default: (await import('./SsoSettingsSection')).SsoSettingsSection }));

/** Single sign-on (admins): the organization's OpenID Connect provider, as a tab of the Admin page. */
export const ssoFeature: StaffFeature = {
  name: 'sso',
  routes: [],
  nav: [],
  adminSections: [
    { name: 'sso', label: 'sso.section', ability: 'manageOrganization', element: <SsoSettingsSection /> },
  ],
};
