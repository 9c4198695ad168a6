import { and, eq, gt, isNotNull, isNull, lt, notExists, or, sql } from 'drizzle-orm';
import { conversations, customers, organizations, stays, visitors } from '../../db/schema.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { eraseSubject } from './erase.js';
import { loadSubject } from './subject.js';

const DAY_MS = 24 * 3600_000;

/**
 * Erases what an organization keeps no longer (its `retentionDays`): the stays that ended that
 * many days ago, and the customers with no change and no message for that long. A batch per run;
 * one that fails is logged and tried again on the next run.
 */
export async function eraseExpiredData(ctx: ServiceContext, batch = 50): Promise<number> {
  const orgs = await ctx.db
    .select({ id: organizations.id, days: organizations.retentionDays })
    .from(organizations)
    .where(and(isNotNull(organizations.retentionDays), gt(organizations.retentionDays, 0)));
  let erased = 0;
  for (const org of orgs) {
    const before = new Date(Date.now() - (org.days ?? 0) * DAY_MS);
    const endedStays = await ctx.db
      .select({ id: stays.id })
      .from(stays)
      .where(
        and(
          eq(stays.orgId, org.id),
          isNull(stays.erasedAt),
          or(lt(stays.endedAt, before), and(isNull(stays.endedAt), lt(stays.checkOutAt, before))),
        ),
      )
      .limit(batch);
    const recentMessage = ctx.db
      .select({ one: sql`1` })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(and(eq(visitors.customerId, customers.id), gt(conversations.lastMessageAt, before)));
    const inactive = await ctx.db
      .select({ id: customers.id })
      .from(customers)
      .where(
        and(
          eq(customers.orgId, org.id),
          isNull(customers.erasedAt),
          lt(customers.updatedAt, before),
          notExists(recentMessage),
        ),
      )
      .limit(batch);
    const due = [
      ...endedStays.map((s) => ({ kind: 'stay' as const, id: s.id })),
      ...inactive.map((c) => ({ kind: 'customer' as const, id: c.id })),
    ];
    for (const { kind, id } of due) {
      try {
        await eraseSubject(ctx, await loadSubject(ctx.db, org.id, kind, id), 'retention');
        erased++;
      } catch (err) {
        ctx.log.warn(
          { err, orgId: org.id, kind, id },
          'could not erase past the retention period; next run tries again',
        );
      }
    }
  }
  return erased;
}
