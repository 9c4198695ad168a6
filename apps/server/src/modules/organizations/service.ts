import type { ConversationVisibility, Language } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import { hasChanges } from '../../platform/patch.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { forgetFiles, removeStoredFiles } from '../files/index.js';
import { organizationPolicy } from './policy.js';

export type OrgRow = typeof organizations.$inferSelect;

export async function loadOrganization(db: Db, id: string): Promise<OrgRow> {
  const [org] = await db.select().from(organizations).where(eq(organizations.id, id));
  if (!org) throw notFound('Organization');
  return org;
}

export async function getOwnOrganization({ db, actor }: ServiceContext<StaffActor>): Promise<OrgRow> {
  if (!organizationPolicy.view(actor)) throw forbidden();
  return loadOrganization(db, actorOrgId(actor));
}

/** The organization whose public entry link and QR the actor may show: reception and admins only. */
export async function getPublicEntryOrganization(ctx: ServiceContext<StaffActor>): Promise<OrgRow> {
  if (!organizationPolicy.viewPublicEntry(ctx.actor)) throw forbidden('Only reception and admins see the public entry');
  return getOwnOrganization(ctx);
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
  workReminderMinutes?: number;
  retentionDays?: number | null;
  conversationVisibility?: ConversationVisibility;
}

/**
 * Admins edit their organization's settings. A typed `logoUrl` (or null) takes the place of an
 * uploaded logo, whose file is deleted.
 */
export async function updateOrganizationSettings(ctx: ServiceContext<StaffActor>, changes: OrganizationSettings) {
  const { actor } = ctx;
  if (!organizationPolicy.edit(actor)) throw forbidden('Only admins can change organization settings');
  const orgId = actorOrgId(actor);
  const { org, released } = await ctx.transact(async (tx) => {
    const [before] = await tx.db.select().from(organizations).where(eq(organizations.id, orgId)).for('update');
    if (!before) throw notFound('Organization');
    if (!hasChanges(changes)) return { org: before, released: null };
    const replacesUpload = changes.logoUrl !== undefined && before.logoFileId !== null;
    const [after] = await tx.db
      .update(organizations)
      .set({ ...changes, ...(replacesUpload ? { logoFileId: null } : {}), updatedAt: new Date() })
      .where(eq(organizations.id, orgId))
      .returning();
    const changed = Object.fromEntries(
      Object.entries(changes).filter(([key, value]) => before[key as keyof OrgRow] !== value),
    );
    if (replacesUpload) await forgetFiles(tx.db, [before.logoFileId]);
    // agents' sockets hear other conversations from now on (realtime/revalidate.ts refreshStaffSockets)
    if ('conversationVisibility' in changed) tx.announce({ type: 'staff.access_changed', orgId });
    // its admins are told by e-mail (mail module)
    if (Object.keys(changed).length || replacesUpload)
      await tx.record({
        type: 'organization.updated',
        orgId,
        stream: `organization:${orgId}`,
        data: { changed: Object.keys(changed), byUserId: actor.userId },
      });
    await recordAudit(tx, {
      orgId,
      action: 'organization.updated',
      targetType: 'organization',
      targetId: orgId,
      details: replacesUpload ? { changed, removedLogoFileId: before.logoFileId } : { changed },
    });
    return { org: after ?? before, released: replacesUpload ? before.logoFileId : null };
  });
  await removeStoredFiles(ctx.files, [released]);
  return org;
}
