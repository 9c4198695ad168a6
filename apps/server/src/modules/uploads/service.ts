import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, users } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { forgetFiles, processImage, removeStoredFiles, saveImage } from '../files/index.js';
import type { OrgRow } from '../organizations/index.js';
import { filePolicy } from './policy.js';

type UserRow = typeof users.$inferSelect;

async function lockOrganization(tx: Db, orgId: string): Promise<OrgRow> {
  const [org] = await tx.select().from(organizations).where(eq(organizations.id, orgId)).for('update');
  if (!org) throw notFound('Organization');
  return org;
}

async function lockUser(tx: Db, userId: string): Promise<UserRow> {
  const [user] = await tx.select().from(users).where(eq(users.id, userId)).for('update');
  if (!user) throw notFound('Account');
  return user;
}

/** Admins: the uploaded image becomes the organization's logo, in place of the previous one (deleted). */
export async function uploadOrganizationLogo(ctx: ServiceContext<StaffActor>, bytes: Uint8Array): Promise<OrgRow> {
  const { actor } = ctx;
  if (!filePolicy.changeLogo(actor)) throw forbidden('Only admins can change the logo');
  const orgId = actorOrgId(actor);
  const image = await processImage(bytes, 'logo', ctx.config.filesMaxBytes);
  return saveImage(ctx, { orgId, purpose: 'logo' }, image, async (tx, file) => {
    const before = await lockOrganization(tx.db, orgId);
    const [after] = await tx.db
      .update(organizations)
      .set({ logoFileId: file.id, logoUrl: null, updatedAt: new Date() })
      .where(eq(organizations.id, orgId))
      .returning();
    await recordAudit(tx, {
      orgId,
      action: 'organization.logo_uploaded',
      targetType: 'organization',
      targetId: orgId,
      details: { fileId: file.id, replacedFileId: before.logoFileId, replacedLogoUrl: before.logoUrl },
    });
    return { result: after ?? before, released: [before.logoFileId] };
  });
}

/** Admins: the organization has no logo any more, uploaded or typed. */
export async function removeOrganizationLogo(ctx: ServiceContext<StaffActor>) {
  const { actor } = ctx;
  if (!filePolicy.changeLogo(actor)) throw forbidden('Only admins can change the logo');
  const orgId = actorOrgId(actor);
  const { org, released } = await ctx.transact(async (tx) => {
    const before = await lockOrganization(tx.db, orgId);
    if (!before.logoFileId && !before.logoUrl) return { org: before, released: null };
    const [after] = await tx.db
      .update(organizations)
      .set({ logoFileId: null, logoUrl: null, updatedAt: new Date() })
      .where(eq(organizations.id, orgId))
      .returning();
    await forgetFiles(tx.db, [before.logoFileId]);
    await recordAudit(tx, {
      orgId,
      action: 'organization.logo_removed',
      targetType: 'organization',
      targetId: orgId,
      details: { fileId: before.logoFileId, logoUrl: before.logoUrl },
    });
    return { org: after ?? before, released: before.logoFileId };
  });
  await removeStoredFiles(ctx.files, [released]);
  return org;
}

/** Any staff member of an organization: the uploaded image becomes their photo, in place of the previous one. */
export async function uploadOwnPhoto(ctx: ServiceContext<StaffActor>, bytes: Uint8Array): Promise<UserRow> {
  const { actor } = ctx;
  if (!filePolicy.changeOwnPhoto(actor)) throw forbidden('Only staff of an organization have a photo');
  const orgId = actorOrgId(actor);
  const image = await processImage(bytes, 'photo', ctx.config.filesMaxBytes);
  return saveImage(ctx, { orgId, purpose: 'photo' }, image, async (tx, file) => {
    const before = await lockUser(tx.db, actor.userId);
    const [after] = await tx.db
      .update(users)
      .set({ photoFileId: file.id, updatedAt: new Date() })
      .where(eq(users.id, actor.userId))
      .returning();
    await recordAudit(tx, {
      orgId,
      action: 'account.photo_uploaded',
      targetType: 'user',
      targetId: actor.userId,
      details: { fileId: file.id, replacedFileId: before.photoFileId },
    });
    return { result: after ?? before, released: [before.photoFileId] };
  });
}

/** The staff member's photo is removed; guests see their initial again. */
export async function removeOwnPhoto(ctx: ServiceContext<StaffActor>): Promise<UserRow> {
  const { actor } = ctx;
  if (!filePolicy.changeOwnPhoto(actor)) throw forbidden('Only staff of an organization have a photo');
  const orgId = actorOrgId(actor);
  const { user, released } = await ctx.transact(async (tx) => {
    const before = await lockUser(tx.db, actor.userId);
    if (!before.photoFileId) return { user: before, released: null };
    const [after] = await tx.db
      .update(users)
      .set({ photoFileId: null, updatedAt: new Date() })
      .where(eq(users.id, actor.userId))
      .returning();
    await forgetFiles(tx.db, [before.photoFileId]);
    await recordAudit(tx, {
      orgId,
      action: 'account.photo_removed',
      targetType: 'user',
      targetId: actor.userId,
      details: { fileId: before.photoFileId },
    });
    return { user: after ?? before, released: before.photoFileId };
  });
  await removeStoredFiles(ctx.files, [released]);
  return user;
}
