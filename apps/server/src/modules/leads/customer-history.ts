import type { CustomerHistory } from '@frontdesk/protocol';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { conversations, leads, requestForms, visitors } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { visibleToStaff } from '../conversations/index.js';
import { customerOf } from '../customers/index.js';
import { leadPolicy } from './policy.js';

const HISTORY_LIMIT = 50;

/**
 * A customer's requests and chats, newest first (at most 50 of each), for the desk that works
 * them: the chats are those the caller may open, by the conversations' own visibility rule.
 */
export async function customerHistory(ctx: ServiceContext<StaffActor>, customerId: string): Promise<CustomerHistory> {
  const { actor } = ctx;
  if (!leadPolicy.view(actor)) throw forbidden();
  const orgId = actorOrgId(actor);
  if (!(await customerOf(ctx.db, orgId, customerId))) throw notFound('Customer');
  const [leadRows, conversationRows] = await Promise.all([
    ctx.db
      .select({
        id: leads.id,
        formName: requestForms.name,
        status: leads.status,
        conversationId: leads.conversationId,
        createdAt: leads.createdAt,
      })
      .from(leads)
      .innerJoin(requestForms, eq(requestForms.id, leads.formId))
      .where(and(eq(leads.orgId, orgId), eq(leads.customerId, customerId)))
      .orderBy(desc(leads.createdAt), desc(leads.id))
      .limit(HISTORY_LIMIT),
    ctx.db
      .select({
        id: conversations.id,
        status: conversations.status,
        preview: conversations.preview,
        createdAt: conversations.createdAt,
        lastMessageAt: conversations.lastMessageAt,
      })
      .from(conversations)
      .innerJoin(visitors, eq(visitors.id, conversations.visitorId))
      .where(
        and(
          eq(visitors.customerId, customerId),
          eq(conversations.orgId, orgId),
          isNull(conversations.mergedIntoId),
          visibleToStaff(actor),
        ),
      )
      .orderBy(desc(conversations.createdAt), desc(conversations.id))
      .limit(HISTORY_LIMIT),
  ]);
  return {
    leads: leadRows.map((l) => ({ ...l, createdAt: l.createdAt.toISOString() })),
    conversations: conversationRows.map((c) => ({
      ...c,
      status: c.status as CustomerHistory['conversations'][number]['status'],
      createdAt: c.createdAt.toISOString(),
      lastMessageAt: c.lastMessageAt.toISOString(),
    })),
  };
}
