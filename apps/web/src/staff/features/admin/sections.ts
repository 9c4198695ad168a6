import type { Abilities } from '../../types';

/** The admin page's tabs, each shown to whom the server grants its ability. */
export const adminSections = [
  { name: 'staff', ability: 'manageStaff' },
  { name: 'teams', ability: 'manageTeams' },
  { name: 'routing', ability: 'manageTeams' },
  { name: 'organization', ability: 'manageOrganization' },
  { name: 'rooms', ability: 'manageRooms' },
  { name: 'fields', ability: 'manageCustomerFields' },
  { name: 'forms', ability: 'manageForms' },
  { name: 'quickActions', ability: 'manageOrganization' },
  { name: 'audit', ability: 'viewAudit' },
] as const satisfies readonly { name: string; ability: keyof Abilities }[];

/** Any of these opens the admin page. */
export const adminAbilities = [...new Set(adminSections.map((s) => s.ability))];
