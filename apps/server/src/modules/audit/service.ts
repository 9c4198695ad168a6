import { and, desc, eq, lt } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { auditLog } from '../../db/schema.js';
import type { Actor } from '../../platform/actor.js';

export interface AuditRecord {
  orgId: string | null;
  action: string;
  targetType?: string;
  targetId?: string;
  details?: Record<string, unknown>;
}

/** Records who did what; call it inside the transaction that made the change. */
export async function recordAudit(db: Db, actor: Actor | null, entry: AuditRecord): Promise<void> {
  await db.insert(auditLog).values({
    orgId: entry.orgId,
    actorId: actor?.userId ?? null,
    actorEmail: actor?.email ?? null,
    action: entry.action,
    targetType: entry.targetType ?? null,
    targetId: entry.targetId ?? null,
    details: entry.details ?? {},
    ip: actor?.ip ?? null,
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
