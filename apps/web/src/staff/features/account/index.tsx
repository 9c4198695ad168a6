import type { StaffFeature } from '../feature';
import { AccountPage } from './AccountPage';

/** Everyone's own profile, photo, password and language. */
export const accountFeature: StaffFeature = {
  name: 'account',
  routes: [{ path: 'account', ability: null, element: <AccountPage /> }],
  nav: [{ to: '/app/account', label: 'nav.account', ability: null }],
};
