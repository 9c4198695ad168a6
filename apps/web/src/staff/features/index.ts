import type { CurrentUser } from '../types';
import { accountFeature } from './account';
import { adminFeature } from './admin';
import { apiKeysFeature } from './api-keys';
import { cannedFeature } from './canned';
import { customersFeature } from './customers';
import { emailsFeature } from './emails';
import { type AdminSection, allows, type NavEntry, type StaffFeature } from './feature';
import { inboxFeature } from './inbox';
import { labelsFeature } from './labels';
import { leadsFeature } from './leads';
import { liveAlertsFeature } from './live-alerts';
import { metricsFeature } from './metrics';
import { myWorkFeature } from './my-work';
import { platformFeature } from './platform';
import { ssoFeature } from './sso';
import { staysFeature } from './stays';
import { tagsFeature } from './tags';
import { webhooksFeature } from './webhooks';
import { workFeature } from './work';

/** The features of the signed-in shell, in the order of the navigation. Adding one is one line here. */
export const staffFeatures: readonly StaffFeature[] = [
  inboxFeature,
  liveAlertsFeature,
  staysFeature,
  customersFeature,
  leadsFeature,
  // after customers: a technician still lands on their customers; a housekeeper on My work
  myWorkFeature,
  workFeature,
  metricsFeature,
  cannedFeature,
  labelsFeature,
  tagsFeature,
  adminFeature,
  platformFeature,
  emailsFeature,
  webhooksFeature,
  apiKeysFeature,
  ssoFeature,
  accountFeature,
];

/** The Admin page's tabs that other features add, in the features' order. */
export const featureAdminSections: readonly AdminSection[] = staffFeatures.flatMap((f) => f.adminSections ?? []);

/** What the features do in the background of the signed-in desk. */
export const featureLiveParts = staffFeatures.flatMap((f) => (f.Live ? [{ name: f.name, Live: f.Live }] : []));

/** The navigation this user may use, in order. */
export function navFor(user: CurrentUser): NavEntry[] {
  return staffFeatures.flatMap((f) => f.nav).filter((entry) => allows(user, entry.ability));
}

/** Where someone lands after signing in: the first page of their navigation. */
export function homePath(user: CurrentUser): string {
  return navFor(user)[0]?.to ?? '/app/account';
}
