import type { ParseKeys } from 'i18next';
import type { ComponentType, ReactNode } from 'react';
import type { Abilities, CurrentUser } from '../types';

/** A key of the staff namespace: a wrong one fails to compile. */
export type StaffKey = ParseKeys<'staff'>;

/** Who may open a page or see a link: everyone signed in, or whoever the server grants one of these. */
export type AbilityRule = keyof Abilities | readonly (keyof Abilities)[] | null;

/** A page under /app, inside the signed-in shell. */
export interface FeatureRoute {
  /** Relative to /app; absent for the index page. */
  path?: string;
  ability: AbilityRule;
  element: ReactNode;
}

/** A link in the header's main navigation. */
export interface NavEntry {
  to: string;
  label: StaffKey;
  ability: AbilityRule;
  /** Matches only this path exactly (the inbox at /app), not the pages below it. */
  end?: boolean;
  /** Shows the number of queued requests beside the link. */
  queuedBadge?: boolean;
  /** Its own badge beside the link (a count it keeps fresh), drawn by the shell inside the link. */
  Badge?: ComponentType;
}

/**
 * What a staff feature offers the shell: its pages and its navigation. Its API calls and query
 * keys (api.ts) and its texts (strings.ts) sit beside it in its folder.
 */
export interface StaffFeature {
  name: string;
  routes: FeatureRoute[];
  nav: NavEntry[];
  /** Tabs it adds to the Admin page (after the Admin page's own), each for its ability. */
  adminSections?: AdminSection[];
  /** What it does in the background of the signed-in desk (live notices), drawn once by the shell. */
  Live?: ComponentType;
}

/** A tab of the Admin page that another feature owns: `/app/admin/<name>`. */
export interface AdminSection {
  name: string;
  label: StaffKey;
  ability: keyof Abilities;
  element: ReactNode;
}

export function allows(user: CurrentUser, rule: AbilityRule): boolean {
  if (rule === null) return true;
  const anyOf: readonly (keyof Abilities)[] = typeof rule === 'string' ? [rule] : rule;
  return anyOf.some((a) => user.abilities[a]);
}
