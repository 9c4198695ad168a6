import type { CurrentUser } from '../api';

/** Where someone lands after signing in: the first page the server says they may use. */
export function homePath(user: CurrentUser): string {
  if (user.abilities.inbox) return '/app';
  if (user.abilities.platform) return '/app/platform';
  return '/app/account';
}
