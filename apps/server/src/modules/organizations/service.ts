import type { Language } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { recordAudit } from '../audit/service.js';
import { organizationPolicy } from '../staff/policy.js';

export type OrgRow = typeof organizations.$inferSelect;

export async function loadOrganization(db: Db, id: string): Promise<OrgRow> {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!org) throw notFound('Organization');
  return org;
}

export async function getOwnOrganization(db: Db, actor: StaffActor): Promise<OrgRow> {
  if (!organizationPolicy.view(actor)) throw forbidden();
  return loadOrganization(db, actorOrgId(actor));
}

export interface OrganizationSettings {
  name?: string;
  motto?: string;
  logoUrl?: string | null;
  timezone?: string;
  language?: Language;
  publicEntryEnabled?: boolean;
  guestGraceHours?: number;
  reopenMinutes?: number;
}

export async function updateOrganizationSettings(db: Db, actor: StaffActor, changes: OrganizationSettings) {
  if (!organizationPolicy.edit(actor)) throw forbidden('Only admins can change organization settings');
  const orgId = actorOrgId(actor);
  return db.transaction(async (tx) => {
    const before = await loadOrganization(tx, orgId);
    const [after] = await tx
      .update(organizations)
      .set({ ...changes, updatedAt: new Date() })
      .where(eq(organizations.id, orgId))
      .returning();
    const changed = Object.fromEntries(
      Object.entries(changes).filter(([key, value]) => before[key as keyof OrgRow] !== value),
    );
    await recordAudit(tx, actor, {
      orgId,
      action: 'organization.updated',
      targetType: 'organization',
      targetId: orgId,
      details: { changed },
    });
    return after ?? before;
  });
}
