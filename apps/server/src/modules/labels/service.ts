import type { CreateLabelBatchRequest, LabelListQuery, LabelStatus } from '@frontdesk/protocol';
import { and, asc, count, desc, eq, inArray, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { customers, labelBatches, labelEvents, labels, users } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { customerOf } from '../customers/index.js';
import { newLabelCode, newLabelToken } from './codes.js';
import { labelPolicy } from './policy.js';

export type LabelRow = typeof labels.$inferSelect;
export type BatchRow = typeof labelBatches.$inferSelect;

/** A label with the names it shows: its customer, who assigned it, its batch's campaign. */
export interface LabelView {
  label: LabelRow;
  customerName: string | null;
  assignedByName: string | null;
  campaign: string;
}

function orgOf(actor: StaffActor, allowed: (a: StaffActor) => boolean, refusal?: string): string {
  if (!allowed(actor)) throw forbidden(refusal);
  return actorOrgId(actor);
}

const assigner = alias(users, 'assigner');
const viewColumns = {
  label: labels,
  customerName: customers.name,
  assignedByName: assigner.name,
  campaign: labelBatches.campaign,
};
const views = (db: Db) =>
  db
    .select(viewColumns)
    .from(labels)
    .innerJoin(labelBatches, eq(labelBatches.id, labels.batchId))
    .leftJoin(customers, eq(customers.id, labels.customerId))
    .leftJoin(assigner, eq(assigner.id, labels.assignedBy));

/**
 * Creates a batch of `size` blank labels, each with an unguessable token and a short code unique
 * in the organization (a rare clash of codes is drawn again).
 */
export async function createBatch(
  ctx: ServiceContext<StaffActor>,
  input: z.output<typeof CreateLabelBatchRequest>,
): Promise<BatchRow> {
  const orgId = orgOf(ctx.actor, labelPolicy.manage, 'Only admins create labels');
  return ctx.transact(async (tx) => {
    const [batch] = await tx.db
      .insert(labelBatches)
      .values({ orgId, name: input.name, campaign: input.campaign, size: input.size, createdBy: ctx.actor.userId })
      .returning();
    if (!batch) throw new Error('insert returned nothing');
    let missing = input.size;
    for (let round = 0; missing > 0; round++) {
      if (round > 5) throw new Error('could not draw unique label codes');
      const codes = [...new Set(Array.from({ length: missing }, newLabelCode))];
      const made = await tx.db
        .insert(labels)
        .values(codes.map((code) => ({ orgId, batchId: batch.id, code, token: newLabelToken() })))
        .onConflictDoNothing()
        .returning({ id: labels.id });
      missing -= made.length;
    }
    await recordAudit(tx, {
      orgId,
      action: 'label_batch.created',
      targetType: 'label_batch',
      targetId: batch.id,
      details: { name: batch.name, size: batch.size, campaign: batch.campaign },
    });
    return batch;
  });
}

export async function listBatches(ctx: ServiceContext<StaffActor>) {
  const orgId = orgOf(ctx.actor, labelPolicy.view);
  const batches = await ctx.db
    .select({ batch: labelBatches, createdByName: users.name })
    .from(labelBatches)
    .leftJoin(users, eq(users.id, labelBatches.createdBy))
    .where(eq(labelBatches.orgId, orgId))
    .orderBy(desc(labelBatches.createdAt))
    .limit(500);
  const counts = batches.length
    ? await ctx.db
        .select({ batchId: labels.batchId, status: labels.status, n: count() })
        .from(labels)
        .where(
          inArray(
            labels.batchId,
            batches.map((b) => b.batch.id),
          ),
        )
        .groupBy(labels.batchId, labels.status)
    : [];
  return batches.map((b) => {
    const byStatus = { blank: 0, assigned: 0, retired: 0 } satisfies Record<LabelStatus, number>;
    for (const c of counts) if (c.batchId === b.batch.id) byStatus[c.status] = Number(c.n);
    return { ...b, counts: byStatus };
  });
}

export async function loadBatch(ctx: ServiceContext<StaffActor>, id: string): Promise<BatchRow> {
  const orgId = orgOf(ctx.actor, labelPolicy.view);
  const [batch] = await ctx.db
    .select()
    .from(labelBatches)
    .where(and(eq(labelBatches.id, id), eq(labelBatches.orgId, orgId)));
  if (!batch) throw notFound('Label batch');
  return batch;
}

export async function listLabels(
  ctx: ServiceContext<StaffActor>,
  query: z.output<typeof LabelListQuery>,
): Promise<LabelView[]> {
  const orgId = orgOf(ctx.actor, labelPolicy.view);
  return views(ctx.db)
    .where(
      and(
        eq(labels.orgId, orgId),
        query.batchId ? eq(labels.batchId, query.batchId) : undefined,
        query.customerId ? eq(labels.customerId, query.customerId) : undefined,
        query.mine ? eq(labels.assignedBy, ctx.actor.userId) : undefined,
        query.status ? eq(labels.status, query.status) : undefined,
      ),
    )
    .orderBy(query.mine ? desc(labels.assignedAt) : asc(labels.code))
    .limit(query.limit);
}

/** A label of the organization by its printed code or its link's token (a technician's scan). */
export async function findLabel(ctx: ServiceContext<StaffActor>, by: { code?: string; token?: string }) {
  const orgId = orgOf(ctx.actor, labelPolicy.view);
  const [view] = await views(ctx.db).where(
    and(eq(labels.orgId, orgId), by.code ? eq(labels.code, by.code) : eq(labels.token, by.token ?? '')),
  );
  if (!view) throw notFound('Label');
  return view;
}

export async function getLabel(ctx: ServiceContext<StaffActor>, id: string) {
  const orgId = orgOf(ctx.actor, labelPolicy.view);
  const [view] = await views(ctx.db).where(and(eq(labels.orgId, orgId), eq(labels.id, id)));
  if (!view) throw notFound('Label');
  const by = alias(users, 'by');
  const history = await ctx.db
    .select({ event: labelEvents, customerName: customers.name, byName: by.name })
    .from(labelEvents)
    .leftJoin(customers, eq(customers.id, labelEvents.customerId))
    .leftJoin(by, eq(by.id, labelEvents.byUserId))
    .where(eq(labelEvents.labelId, id))
    .orderBy(asc(labelEvents.createdAt), asc(sql`${labelEvents.id}`));
  return { view, history };
}

/**
 * Gives a label to a customer: a blank one by anyone at the company, one of another customer only
 * by admins and dispatchers (a reassignment), a retired one never.
 */
export async function assignLabel(ctx: ServiceContext<StaffActor>, id: string, customerId: string): Promise<void> {
  const { actor } = ctx;
  const orgId = orgOf(actor, labelPolicy.assign);
  await ctx.transact(async (tx) => {
    const [label] = await tx.db
      .select()
      .from(labels)
      .where(and(eq(labels.id, id), eq(labels.orgId, orgId)))
      .for('update');
    if (!label) throw notFound('Label');
    if (label.status === 'retired') throw new AppError('label_retired', 'This label is retired: use another one');
    if (label.customerId === customerId) return;
    const change = label.status === 'assigned' ? 'reassigned' : 'assigned';
    if (change === 'reassigned' && !labelPolicy.reassign(actor)) {
      throw new AppError('label_taken', 'This label already belongs to another customer: ask the office to move it');
    }
    if (!(await customerOf(tx.db, orgId, customerId))) throw notFound('Customer');
    await tx.db
      .update(labels)
      .set({ status: 'assigned', customerId, assignedBy: actor.userId, assignedAt: new Date(), updatedAt: new Date() })
      .where(eq(labels.id, id));
    await recordChange(tx, label, change, customerId);
  });
}

/** Takes a label out of use for good (admins): a scan then says so politely. */
export async function retireLabel(ctx: ServiceContext<StaffActor>, id: string): Promise<void> {
  const orgId = orgOf(ctx.actor, labelPolicy.manage, 'Only admins retire labels');
  await ctx.transact(async (tx) => {
    const [label] = await tx.db
      .select()
      .from(labels)
      .where(and(eq(labels.id, id), eq(labels.orgId, orgId)))
      .for('update');
    if (!label) throw notFound('Label');
    if (label.status === 'retired') return;
    await tx.db.update(labels).set({ status: 'retired', updatedAt: new Date() }).where(eq(labels.id, id));
    await recordChange(tx, label, 'retired', label.customerId);
  });
}

async function recordChange(
  tx: ServiceContext<StaffActor>,
  label: LabelRow,
  change: 'assigned' | 'reassigned' | 'retired',
  customerId: string | null,
) {
  await tx.db
    .insert(labelEvents)
    .values({ orgId: label.orgId, labelId: label.id, change, customerId, byUserId: tx.actor.userId });
  await tx.record({
    type: 'label.changed',
    orgId: label.orgId,
    stream: `label:${label.id}`,
    data: { labelId: label.id, batchId: label.batchId, change, customerId, byUserId: tx.actor.userId },
  });
  await recordAudit(tx, {
    orgId: label.orgId,
    action: `label.${change}`,
    targetType: 'label',
    targetId: label.id,
    details: { code: label.code, customerId, previousCustomerId: label.customerId },
  });
}
