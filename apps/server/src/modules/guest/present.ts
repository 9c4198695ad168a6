import type { Language } from '@frontdesk/protocol';
import type { organizations } from '../../db/schema.js';
import { logoUrlOf } from '../organizations/index.js';
import type { describeGuestSession } from './service.js';

export function presentPublicOrganization(org: typeof organizations.$inferSelect) {
  return {
    slug: org.slug,
    name: org.name,
    motto: org.motto,
    logoUrl: logoUrlOf(org),
    language: org.language as Language,
    timezone: org.timezone,
    publicEntryEnabled: org.publicEntryEnabled,
    contactPhone: org.contactPhone,
    contactEmail: org.contactEmail,
  };
}

export function presentGuestSession(info: Awaited<ReturnType<typeof describeGuestSession>>) {
  return {
    kind: info.kind,
    access: info.access,
    organization: presentPublicOrganization(info.org),
    guest: { id: info.person.id, name: info.person.name, language: info.person.language as Language | null },
    stay: info.stay
      ? {
          id: info.stay.id,
          roomNumber: info.stay.roomNumber,
          checkOutAt: info.stay.checkOutAt.toISOString(),
          endedAt: info.stay.endedAt?.toISOString() ?? null,
        }
      : null,
    readOnlyUntil: info.readOnlyUntil?.toISOString() ?? null,
    desk: info.desk,
    attachmentLimits: info.attachmentLimits,
  };
}
