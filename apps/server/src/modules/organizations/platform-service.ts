import { type CreateOrganizationRequest, plans, type UpdatePlanRequest } from '@frontdesk/protocol';
import { asc, count, eq, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { organizations, sessions, users } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, isUniqueViolation } from '../../platform/errors.js';
import { hasChanges } from '../../platform/patch.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { issuePasswordLink } from '../auth/index.js';
import { recordStaffAdded } from '../staff/index.js';
import { loadOrganization } from './service.js';

function assertSuperadmin(actor: StaffActor): void {
  if (!actor.superadmin) throw forbidden('Only a platform super admin can do this');
}

/** Every organization with its staff counts, for the platform owner. */
export async function listOrganizations({ db, actor }: ServiceContext<StaffActor>) {
  assertSuperadmin(actor);
  return db
    .select({
      org: organizations,
      staffCount: sql<number>`count(${users.id})::int`,
      activeStaffCount: sql<number>`(count(${users.id}) filter (where ${users.active}))::int`,
    })
    .from(organizations)
    .leftJoin(users, eq(users.orgId, organizations.id))
    .groupBy(organizations.id)
    .orderBy(asc(organizations.name));
}

export async function organizationStats(db: Db, orgId: string) {
  const [row] = await db
    .select({
      staffCount: count(),
      activeStaffCount: sql<number>`count(*) filter (where ${users.active})::int`,
    })
    .from(users)
    .where(eq(users.orgId, orgId));
  return { staffCount: row?.staffCount ?? 0, activeStaffCount: row?.activeStaffCount ?? 0 };
}

/** Creates an organization and its first admin, who gets a one-time set-password link. */
export async function createOrganization(
  ctx: ServiceContext<StaffActor>,
  input: z.output<typeof CreateOrganizationRequest>,
) {
  assertSuperadmin(ctx.actor);
  try {
    return await ctx.transact(async (tx) => {
      const [org] = await tx.db
        .insert(organizations)
        .values({
          slug: input.slug,
          kind: input.kind,
          name: input.name,
          motto: input.motto ?? '',
          timezone: input.timezone,
          language: input.language,
          plan: input.plan,
          seatLimit: plans[input.plan],
        })
        .returning();
      if (!org) throw new Error('insert returned nothing');
      const [admin] = await tx.db
        .insert(users)
        .values({ orgId: org.id, email: input.admin.email, name: input.admin.name, role: 'admin' })
        .returning();
      if (!admin) throw new Error('insert returned nothing');
      const invite = await issuePasswordLink(tx.db, ctx.config.publicUrl, admin.id);
      await recordStaffAdded(tx, { orgId: org.id, userId: admin.id, role: 'admin' });
      await recordAudit(tx, {
        orgId: org.id,
        action: 'organization.created',
        targetType: 'organization',
        targetId: org.id,
        details: { slug: org.slug, kind: org.kind, adminEmail: admin.email },
      });
      return { org, admin, invite };
    });
  } catch (err) {
    if (isUniqueViolation(err)) {
      const detail = String(
        (err as { detail?: string; cause?: { detail?: string } }).cause?.detail ??
          (err as { detail?: string }).detail ??
          '',
      );
      if (detail.includes('slug')) throw new AppError('slug_taken', 'Another organization already uses this slug');
      throw new AppError('email_taken', 'A staff account with this email already exists');
    }
    throw err;
  }
}

/** Plan, seat limit and on/off switch. Deactivating signs every member out at once. */
export async function updateOrganizationPlan(
  ctx: ServiceContext<StaffActor>,
  orgId: string,
  changes: z.output<typeof UpdatePlanRequest>,
) {
  assertSuperadmin(ctx.actor);
  return ctx.transact(async (tx) => {
    const before = await loadOrganization(tx.db, orgId);
    if (!hasChanges(changes)) return before;
    const seatLimit = changes.seatLimit ?? (changes.plan ? plans[changes.plan] : undefined);
    const [after] = await tx.db
      .update(organizations)
      .set({ ...changes, ...(seatLimit ? { seatLimit } : {}), updatedAt: new Date() })
      .where(eq(organizations.id, orgId))
      .returning();
    if (changes.active === false) {
      await tx.db
        .delete(sessions)
        .where(sql`${sessions.userId} in (select ${users.id} from ${users} where ${users.orgId} = ${orgId})`);
    }
    // its admins are told by e-mail (mail module)
    const changed = Object.keys(changes).filter(
      (key) => key !== 'active' && before[key as keyof typeof before] !== changes[key as keyof typeof changes],
    );
    if (changes.active === false && before.active)
      await tx.record({
        type: 'organization.deactivated',
        orgId,
        stream: `organization:${orgId}`,
        data: { byUserId: ctx.actor.userId },
      });
    else if (changed.length)
      await tx.record({
        type: 'organization.updated',
        orgId,
        stream: `organization:${orgId}`,
        data: { changed, byUserId: ctx.actor.userId },
      });
    await recordAudit(tx, {
      orgId,
      action: 'organization.plan_changed',
      targetType: 'organization',
      targetId: orgId,
      details: { from: { plan: before.plan, seatLimit: before.seatLimit, active: before.active }, to: changes },
    });
    return after ?? before;
  });
}
