import type { CurrentUser } from './api';

/** The pages a signed-in staff member may use, from their role (the server enforces the same rules). */
export interface Abilities {
  /** Inbox and check-in/out: the desk (admins and agents of an organization). */
  desk: boolean;
  admin: boolean;
  platform: boolean;
}

export function abilitiesOf(user: CurrentUser): Abilities {
  const inOrg = user.organization !== null;
  return {
    desk: inOrg && (user.role === 'admin' || user.role === 'agent'),
    admin: inOrg && user.role === 'admin',
    platform: user.superadmin,
  };
}

/** Where someone lands after signing in: the first page their role uses. */
export function homePath(user: CurrentUser): string {
  const can = abilitiesOf(user);
  if (can.desk) return '/app';
  if (can.platform) return '/app/platform';
  return '/app/account';
}
