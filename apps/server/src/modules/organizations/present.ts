import type { Organization } from '@frontdesk/protocol';
import type { organizations } from '../../db/schema.js';

type OrgRow = typeof organizations.$inferSelect;

export function presentOrganization(org: OrgRow): Organization {
  return {
    id: org.id,
    slug: org.slug,
    name: org.name,
    motto: org.motto,
    logoUrl: org.logoUrl,
    timezone: org.timezone,
    language: org.language as Organization['language'],
    plan: org.plan as Organization['plan'],
    seatLimit: org.seatLimit,
    active: org.active,
    publicEntryEnabled: org.publicEntryEnabled,
    guestGraceHours: org.guestGraceHours,
    reopenMinutes: org.reopenMinutes,
    createdAt: org.createdAt.toISOString(),
  };
}
