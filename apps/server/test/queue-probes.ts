import { and, eq } from 'drizzle-orm';
import type { Db } from '../src/db/connection.js';
import { domainEvents } from '../src/db/schema.js';
import type { ApiClient } from './client.js';

/** What an assignment event says: to whom, and their load and capacity when it was given. */
export interface AssignmentData {
  conversationId: string;
  assigneeId: string;
  load: number;
  capacity: number;
}

/** Every event of one type in `orgId`, in the order recorded (the assignment tests' record of who got what). */
export async function assignmentEvents(
  db: Db,
  orgId: string,
  type: 'conversation.auto_assigned' | 'conversation.taken' = 'conversation.auto_assigned',
): Promise<AssignmentData[]> {
  const rows = await db
    .select({ data: domainEvents.data })
    .from(domainEvents)
    .where(and(eq(domainEvents.orgId, orgId), eq(domainEvents.type, type)))
    .orderBy(domainEvents.position);
  return rows.map((r) => r.data as unknown as AssignmentData);
}

/** The queue as the desk sees it (most urgent, then longest waiting, first), every page of it. */
export async function queuedIds(admin: ApiClient): Promise<string[]> {
  const ids: string[] = [];
  let before: string | undefined;
  for (;;) {
    const page = await admin.get(`/api/v1/conversations?status=queued&limit=100${before ? `&before=${before}` : ''}`);
    ids.push(...page.body.conversations.map((c: { id: string }) => c.id));
    before = page.body.nextBefore;
    if (!before) return ids;
  }
}
