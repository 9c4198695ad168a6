import type { ConvertLeadRequest, FormAnswer } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { customers, leads, requestForms } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { loadVersion } from '../forms/index.js';
import { answerText, leadPolicy, requestSummary } from '../leads/index.js';
import { once } from './ops.js';
import { checkAssignment, detailOf, insertWorkItem, windowOf, workOrgOf } from './service.js';

const isAddress = (v: unknown): v is FormAnswer =>
  typeof v === 'object' && v !== null && !Array.isArray(v) && 'line1' in v;

/**
 * Turns a lead into a scheduled work order: its answers become the description, the address the
 * customer gave (else their service address) its place, and the lead is `converted` — all in one
 * transaction with `lead.status_changed`, `lead.converted` and `work_item.created`. The customer's
 * chat about the lead gets the booking line ("Technician booked for Tue 9–12").
 */
export async function convertLead(
  ctx: ServiceContext<StaffActor>,
  leadId: string,
  input: z.output<typeof ConvertLeadRequest>,
) {
  const { actor } = ctx;
  const orgId = workOrgOf(actor);
  if (!leadPolicy.change(actor)) throw forbidden();
  return once(ctx, orgId, input.opId, 201, async (tx) => {
    const [row] = await tx.db
      .select({ lead: leads, formName: requestForms.name, customer: customers })
      .from(leads)
      .innerJoin(requestForms, eq(requestForms.id, leads.formId))
      .innerJoin(customers, eq(customers.id, leads.customerId))
      .where(and(eq(leads.id, leadId), eq(leads.orgId, orgId)))
      .for('update', { of: leads });
    if (!row) throw notFound('Lead');
    const { lead } = row;
    if (lead.status === 'converted' || lead.status === 'lost') {
      throw new AppError('illegal_transition', `A lead that is ${lead.status} is not converted`, {
        from: lead.status,
        to: 'converted',
        allowed: [],
      });
    }
    await checkAssignment(tx.db, orgId, input.assigneeId, input.teamId);
    const answers = lead.answers as Record<string, FormAnswer>;
    const definition = await loadVersion(tx.db, lead.formId, lead.formVersion);
    const given = Object.values(answers).find(isAddress);
    const serviceAddress = row.customer.serviceAddress as unknown;
    const address =
      input.address ?? (given ? answerText(given) : isAddress(serviceAddress) ? answerText(serviceAddress) : '');
    const item = await insertWorkItem(tx, orgId, {
      kind: 'work_order',
      title: input.title ?? `${row.formName} — ${row.customer.name}`.slice(0, 200),
      description: definition ? requestSummary(row.formName, definition, answers) : '',
      priority: 'normal',
      assigneeId: input.assigneeId ?? null,
      teamId: input.teamId ?? null,
      dueAt: null,
      window: windowOf(input.window),
      roomId: null,
      address,
      conversationId: lead.conversationId,
      stayId: null,
      leadId: lead.id,
      customerId: lead.customerId,
      checklist: [],
    });
    await tx.db.update(leads).set({ status: 'converted', updatedAt: new Date() }).where(eq(leads.id, lead.id));
    await tx.record({
      type: 'lead.status_changed',
      orgId,
      stream: `customer:${lead.customerId}`,
      data: {
        leadId: lead.id,
        customerId: lead.customerId,
        from: lead.status,
        to: 'converted',
        lostReason: null,
        byUserId: actor.userId,
      },
    });
    await tx.record({
      type: 'lead.converted',
      orgId,
      stream: `customer:${lead.customerId}`,
      data: { leadId: lead.id, customerId: lead.customerId, workItemId: item.id, byUserId: actor.userId },
    });
    await recordAudit(tx, {
      orgId,
      action: 'lead.status_changed',
      targetType: 'lead',
      targetId: lead.id,
      details: { from: lead.status, to: 'converted', workItemId: item.id },
    });
    return { leadId: lead.id, workItem: await detailOf(tx.db, item.id) };
  });
}
