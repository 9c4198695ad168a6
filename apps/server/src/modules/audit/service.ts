import type { AuditActorKind } from '@frontdesk/protocol';
import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { auditLog } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';
import type { ServiceContext } from '../../platform/service-context.js';

export interface AuditRecord {
  orgId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** The audit log's name for an actor: the staff member or API client, or what part of Frontdesk acted. */
function whoActed(actor: Actor): { actorKind: AuditActorKind; actorId: string | null; actorEmail: string | null } {
  switch (actor.kind) {
    case 'staff':
      return { actorKind: 'staff', actorId: actor.userId, actorEmail: actor.email };
    case 'api_client':
      return { actorKind: 'api_client', actorId: actor.clientId, actorEmail: null };
    case 'system':
      return { actorKind: 'system', actorId: null, actorEmail: null };
    default:
      return { actorKind: actor.kind, actorId: null, actorEmail: null };
  }
}

/**
 * Records who did what, from where (address, browser, request id): call it with the context of
 * the transaction that made the change, so the entry commits or rolls back with it.
 */
export async function recordAudit(ctx: ServiceContext, entry: AuditRecord): Promise<void> {
  await ctx.db.insert(auditLog).values({
    orgId: entry.orgId,
    ...whoActed(ctx.actor),
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
    ip: ctx.request.ip,
    userAgent: ctx.request.userAgent,
    requestId: ctx.request.requestId,
  });
}

/** Newest first, keyset-paginated by id. */
export async function listAudit(db: Db, orgId: string, page: { limit: number; before?: number }) {
  const rows = await db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.orgId, orgId), page.before ? lt(auditLog.id, page.before) : undefined))
    .orderBy(desc(auditLog.id))
    .limit(page.limit + 1);
  const entries = rows.slice(0, page.limit);
  const last = entries.at(-1);
  return { entries, nextBefore: rows.length > page.limit && last ? last.id : null };
}
