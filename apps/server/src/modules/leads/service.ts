import type {
  ChangeLeadRequest,
  FormAnswer,
  FormDefinition,
  LeadListQuery,
  SubmitLeadRequest,
} from '@frontdesk/protocol';
import { and, desc, eq, ilike, inArray, lt, ne, sql } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { attachments, customers, labels, leads, requestForms, visitors, workItems } from '../../db/schema.js';
import { changedBy, type GuestActor, orgIdOf, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { sendAsGuest } from '../conversations/index.js';
import { checkAnswers, loadVersion, photoIdsOf } from '../forms/index.js';
import { labelOfCustomer } from '../labels/index.js';
import { type LeadActor, leadPolicy } from './policy.js';
import { requestSummary } from './summary.js';

export type LeadRow = typeof leads.$inferSelect;
type AttachmentRow = typeof attachments.$inferSelect;
export interface LeadView {
  lead: LeadRow;
  customerName: string;
  formName: string;
  labelCode: string | null;
  /** The work order it was converted to, if any. */
  workItemId: string | null;
  definition: FormDefinition | null;
  /** The photos its answers name that are still stored, in the form's order. */
  photos: AttachmentRow[];
}

/** The customer a guest session belongs to: only customers verified at a label fill request forms. */
export async function customerOfGuest(db: Db, guest: GuestActor): Promise<string> {
  if (guest.kind !== 'visitor') throw forbidden('Request forms are for a service company’s customers');
  const [row] = await db
    .select({ customerId: visitors.customerId })
    .from(visitors)
    .where(eq(visitors.id, guest.visitorId));
  if (!row?.customerId) throw forbidden('Scan your label and confirm it is you first');
  return row.customerId;
}

/**
 * A customer's request: the answers are checked against the form's published version and kept
 * with that version's number; the request opens (or continues) their chat with a summary of it, and
 * the lead links to that conversation. `lead.created` is recorded in the same transaction.
 */
export async function submitLead(ctx: ServiceContext<GuestActor>, input: z.output<typeof SubmitLeadRequest>) {
  const { actor } = ctx;
  const customerId = await customerOfGuest(ctx.db, actor);
  const [form] = await ctx.db
    .select()
    .from(requestForms)
    .where(and(eq(requestForms.id, input.formId), eq(requestForms.orgId, actor.orgId)));
  if (!form || form.archivedAt || !form.publishedVersion) throw notFound('Form');
  const definition = await loadVersion(ctx.db, form.id, form.publishedVersion);
  if (!definition) throw notFound('Form');
  const answers = checkAnswers(definition, input.answers as Record<string, FormAnswer>);
  const source = input.labelToken ? await labelOfCustomer(ctx.db, actor.orgId, customerId, input.labelToken) : null;
  // the photos go with the summary message: the send takes only the customer's own uploads
  // not sent yet (refusing the lead otherwise), and the chat then shows them to both sides
  const photoIds = photoIdsOf(definition, answers);
  if (photoIds.length) {
    const notPhotos = await ctx.db
      .select({ id: attachments.id })
      .from(attachments)
      .where(and(inArray(attachments.id, photoIds), eq(attachments.orgId, actor.orgId), ne(attachments.kind, 'image')));
    if (notPhotos.length)
      throw new AppError('validation_failed', 'Only photos can answer a photo question', {
        notPhotos: notPhotos.map((p) => p.id),
      });
  }
  return ctx.transact(async (tx) => {
    const sent = await sendAsGuest(tx, {
      clientId: `lead-${form.id}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`,
      text: requestSummary(form.name, definition, answers),
      ...(photoIds.length ? { attachmentIds: photoIds, filesAllowed: photoIds.length } : {}),
    });
    const [lead] = await tx.db
      .insert(leads)
      .values({
        orgId: actor.orgId,
        customerId,
        formId: form.id,
        formVersion: form.publishedVersion as number,
        answers,
        labelId: source?.id ?? null,
        batchId: source?.batchId ?? null,
        campaign: source?.campaign ?? '',
        conversationId: sent.conversationId,
      })
      .returning();
    if (!lead) throw new Error('insert returned nothing');
    await tx.record({
      type: 'lead.created',
      orgId: actor.orgId,
      stream: `customer:${customerId}`,
      data: {
        leadId: lead.id,
        customerId,
        formId: form.id,
        formVersion: lead.formVersion,
        labelId: lead.labelId,
        batchId: lead.batchId,
        campaign: lead.campaign,
        conversationId: lead.conversationId,
      },
    });
    return { lead, formName: form.name, photos: sent.message.attachments ?? [] };
  });
}

const viewColumns = {
  lead: leads,
  customerName: customers.name,
  formName: requestForms.name,
  labelCode: labels.code,
  // the work order the conversion created (the first, should staff have added more for the lead)
  workItemId: sql<
    string | null
  >`(select ${workItems.id}::text from ${workItems} where ${workItems.leadId} = ${leads.id} and ${workItems.kind} = 'work_order' order by ${workItems.createdAt} limit 1)`,
};
const views = (db: Db) =>
  db
    .select(viewColumns)
    .from(leads)
    .innerJoin(customers, eq(customers.id, leads.customerId))
    .innerJoin(requestForms, eq(requestForms.id, leads.formId))
    .leftJoin(labels, eq(labels.id, leads.labelId));

/**
 * Each lead with the definition of the version it was filled with (loaded once per version) and
 * the photos its answers name (in one query for all of them).
 */
async function withDefinitions(db: Db, rows: Omit<LeadView, 'definition' | 'photos'>[]): Promise<LeadView[]> {
  const cache = new Map<string, Promise<FormDefinition | null>>();
  const defined = await Promise.all(
    rows.map(async (row) => {
      const key = `${row.lead.formId}:${row.lead.formVersion}`;
      if (!cache.has(key)) cache.set(key, loadVersion(db, row.lead.formId, row.lead.formVersion));
      const definition = (await cache.get(key)) ?? null;
      const photoIds = definition ? photoIdsOf(definition, row.lead.answers as Record<string, FormAnswer>) : [];
      return { ...row, definition, photoIds };
    }),
  );
  const wanted = defined.flatMap((row) => row.photoIds);
  const stored = wanted.length
    ? await db
        .select()
        .from(attachments)
        .where(and(inArray(attachments.id, wanted), eq(attachments.orgId, rows[0]?.lead.orgId ?? '')))
    : [];
  const byId = new Map(stored.map((row) => [row.id, row]));
  return defined.map(({ photoIds, ...row }) => ({
    ...row,
    photos: photoIds.flatMap((id) => {
      const photo = byId.get(id);
      // sent with the lead's first message; its row goes when that conversation is erased and swept
      return photo && photo.attachedAt !== null ? [photo] : [];
    }),
  }));
}

/**
 * One photo of a lead (or its thumbnail), for staff who may see the lead: only a photo its answers
 * name is served through it; anything else is answered as if it did not exist.
 */
export async function leadPhoto(ctx: ServiceContext<StaffActor>, id: string, photoId: string): Promise<AttachmentRow> {
  const view = await getLead(ctx, id);
  const photo = view.photos.find((p) => p.id === photoId);
  if (!photo) throw notFound('Photo');
  return photo;
}

function orgOf(actor: LeadActor): string {
  if (!leadPolicy.view(actor)) {
    throw forbidden(actor.kind === 'api_client' ? 'Only service companies have leads' : undefined);
  }
  return orgIdOf(actor);
}

/** `afterId`: the last lead of the page before (newest first, ties by id), for reading every page of a download. */
export async function listLeads(
  ctx: ServiceContext<LeadActor>,
  query: z.output<typeof LeadListQuery> & { afterId?: string },
) {
  const orgId = orgOf(ctx.actor);
  const escaped = query.q?.replace(/[\\%_]/g, (c) => `\\${c}`);
  const rows = await views(ctx.db)
    .where(
      and(
        eq(leads.orgId, orgId),
        query.status ? eq(leads.status, query.status) : undefined,
        query.formId ? eq(leads.formId, query.formId) : undefined,
        query.campaign ? eq(leads.campaign, query.campaign) : undefined,
        escaped ? ilike(customers.name, `%${escaped}%`) : undefined,
        query.before ? lt(leads.createdAt, new Date(query.before)) : undefined,
        // the cursor's own row gives its time to the microsecond (a JavaScript date holds milliseconds)
        query.afterId
          ? sql`(${leads.createdAt}, ${leads.id}) < (select l.created_at, l.id from ${leads} l where l.id = ${query.afterId}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(leads.createdAt), desc(leads.id))
    .limit(query.limit);
  return withDefinitions(ctx.db, rows);
}

export async function getLead(ctx: ServiceContext<LeadActor>, id: string): Promise<LeadView> {
  const view = await loadLeadView(ctx.db, orgOf(ctx.actor), id);
  if (!view) throw notFound('Lead');
  return view;
}

/** A lead of the organization as staff see it, without asking who may (for the realtime fan-out). */
export async function loadLeadView(db: Db, orgId: string, id: string): Promise<LeadView | null> {
  const [row] = await views(db).where(and(eq(leads.orgId, orgId), eq(leads.id, id)));
  return row ? ((await withDefinitions(db, [row]))[0] ?? null) : null;
}

/** Moves a lead along (`lost` needs a reason); `lead.status_changed` is recorded with it. */
export async function changeLead(
  ctx: ServiceContext<LeadActor>,
  id: string,
  input: z.output<typeof ChangeLeadRequest>,
) {
  const { actor } = ctx;
  const orgId = orgOf(actor);
  if (!leadPolicy.change(actor)) throw forbidden();
  await ctx.transact(async (tx) => {
    const [before] = await tx.db
      .select()
      .from(leads)
      .where(and(eq(leads.id, id), eq(leads.orgId, orgId)))
      .for('update');
    if (!before) throw notFound('Lead');
    const lostReason = input.status === 'lost' ? (input.lostReason ?? null) : null;
    if (before.status === input.status && before.lostReason === lostReason) return;
    const now = new Date();
    const contacted = input.status === 'contacted' || input.status === 'converted';
    await tx.db
      .update(leads)
      .set({
        status: input.status,
        lostReason,
        updatedAt: now,
        ...(contacted && !before.firstContactedAt ? { firstContactedAt: now } : {}),
      })
      .where(eq(leads.id, id));
    await tx.record({
      type: 'lead.status_changed',
      orgId,
      stream: `customer:${before.customerId}`,
      data: {
        leadId: id,
        customerId: before.customerId,
        from: before.status,
        to: input.status,
        lostReason,
        ...changedBy(actor),
      },
    });
    await recordAudit(tx, {
      orgId,
      action: 'lead.status_changed',
      targetType: 'lead',
      targetId: id,
      details: { from: before.status, to: input.status, lostReason },
    });
  });
}

/** The customer's own requests, newest first. */
export async function ownLeads(ctx: ServiceContext<GuestActor>) {
  const customerId = await customerOfGuest(ctx.db, ctx.actor);
  const rows = await views(ctx.db)
    .where(and(eq(leads.orgId, ctx.actor.orgId), eq(leads.customerId, customerId)))
    .orderBy(desc(leads.createdAt))
    .limit(100);
  return withDefinitions(ctx.db, rows);
}
