import { filePath, type Organization } from '@frontdesk/protocol';
import type { organizations } from '../../db/schema.js';
import { featuresOf } from './plan.js';

type OrgRow = typeof organizations.$inferSelect;

/** The uploaded logo's path on this server, else the address an admin typed, else none. */
export function logoUrlOf(org: Pick<OrgRow, 'logoFileId' | 'logoUrl'>): string | null {
  return org.logoFileId ? filePath(org.logoFileId) : org.logoUrl;
}

export function presentOrganization(org: OrgRow): Organization {
  return {
    id: org.id,
    slug: org.slug,
    kind: org.kind,
    name: org.name,
    motto: org.motto,
    logoUrl: logoUrlOf(org),
    timezone: org.timezone,
    language: org.language as Organization['language'],
    plan: org.plan as Organization['plan'],
    features: featuresOf(org.plan),
    seatLimit: org.seatLimit,
    active: org.active,
    publicEntryEnabled: org.publicEntryEnabled,
    guestGraceHours: org.guestGraceHours,
    reopenMinutes: org.reopenMinutes,
    workReminderMinutes: org.workReminderMinutes,
    retentionDays: org.retentionDays,
    conversationVisibility: org.conversationVisibility as Organization['conversationVisibility'],
    contactPhone: org.contactPhone,
    contactEmail: org.contactEmail,
    createdAt: org.createdAt.toISOString(),
  };
}
