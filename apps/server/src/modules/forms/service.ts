import type { CreateRequestFormRequest, FormDefinition, UpdateRequestFormRequest } from '@frontdesk/protocol';
import { and, asc, eq, isNull, type SQL } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { requestForms, requestFormVersions } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { checkDefinition } from './definition.js';
import { formPolicy } from './policy.js';

export type FormRow = typeof requestForms.$inferSelect;
export interface FormWithPublished {
  form: FormRow;
  published: FormDefinition | null;
}

function orgOf(actor: StaffActor, allowed: (a: StaffActor) => boolean): string {
  if (!allowed(actor)) throw forbidden();
  return actorOrgId(actor);
}

/** Live forms with the definition of their published version (null before the first), in one query. */
async function formsWithPublished(db: Db, where: SQL | undefined): Promise<FormWithPublished[]> {
  const rows = await db
    .select({ form: requestForms, published: requestFormVersions.definition })
    .from(requestForms)
    .leftJoin(
      requestFormVersions,
      and(
        eq(requestFormVersions.formId, requestForms.id),
        eq(requestFormVersions.version, requestForms.publishedVersion),
      ),
    )
    .where(and(isNull(requestForms.archivedAt), where))
    .orderBy(asc(requestForms.name));
  return rows.map((r) => ({ form: r.form, published: (r.published as FormDefinition | null) ?? null }));
}

/** A version of a form as it was published, or null. */
export async function loadVersion(db: Db, formId: string, version: number): Promise<FormDefinition | null> {
  const [row] = await db
    .select({ definition: requestFormVersions.definition })
    .from(requestFormVersions)
    .where(and(eq(requestFormVersions.formId, formId), eq(requestFormVersions.version, version)));
  return (row?.definition as FormDefinition | undefined) ?? null;
}

export async function listForms(ctx: ServiceContext<StaffActor>): Promise<FormWithPublished[]> {
  const orgId = orgOf(ctx.actor, formPolicy.view);
  return formsWithPublished(ctx.db, eq(requestForms.orgId, orgId));
}

async function lockForm(db: Db, orgId: string, id: string): Promise<FormRow> {
  const [form] = await db
    .select()
    .from(requestForms)
    .where(and(eq(requestForms.id, id), eq(requestForms.orgId, orgId), isNull(requestForms.archivedAt)))
    .for('update');
  if (!form) throw notFound('Form');
  return form;
}

export async function getForm(ctx: ServiceContext<StaffActor>, id: string): Promise<FormWithPublished> {
  const orgId = orgOf(ctx.actor, formPolicy.view);
  const [found] = await formsWithPublished(ctx.db, and(eq(requestForms.id, id), eq(requestForms.orgId, orgId)));
  if (!found) throw notFound('Form');
  return found;
}

export async function createForm(
  ctx: ServiceContext<StaffActor>,
  input: z.output<typeof CreateRequestFormRequest>,
): Promise<FormRow> {
  const orgId = orgOf(ctx.actor, formPolicy.manage);
  checkDefinition(input.draft);
  return ctx.transact(async (tx) => {
    const [form] = await tx.db
      .insert(requestForms)
      .values({ orgId, ...input })
      .returning();
    if (!form) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      orgId,
      action: 'form.created',
      targetType: 'form',
      targetId: form.id,
      details: { name: form.name },
    });
    return form;
  });
}

/** Changes the form's name, description or draft; customers go on seeing the published version. */
export async function updateForm(
  ctx: ServiceContext<StaffActor>,
  id: string,
  input: z.output<typeof UpdateRequestFormRequest>,
): Promise<FormRow> {
  const orgId = orgOf(ctx.actor, formPolicy.manage);
  if (input.draft) checkDefinition(input.draft);
  return ctx.transact(async (tx) => {
    const before = await lockForm(tx.db, orgId, id);
    if (!Object.keys(input).length) return before;
    const [form] = await tx.db
      .update(requestForms)
      .set({ ...input, updatedAt: new Date() })
      .where(eq(requestForms.id, id))
      .returning();
    await recordAudit(tx, {
      orgId,
      action: 'form.updated',
      targetType: 'form',
      targetId: id,
      details: { fields: Object.keys(input) },
    });
    return form ?? before;
  });
}

/** Publishes the draft as the next version: customers fill it from now on; past leads keep theirs. */
export async function publishForm(ctx: ServiceContext<StaffActor>, id: string): Promise<FormRow> {
  const orgId = orgOf(ctx.actor, formPolicy.manage);
  return ctx.transact(async (tx) => {
    const before = await lockForm(tx.db, orgId, id);
    const current = before.publishedVersion ? await loadVersion(tx.db, id, before.publishedVersion) : null;
    if (current && JSON.stringify(current) === JSON.stringify(before.draft)) {
      throw new AppError('conflict', 'This version is already published: change the draft first');
    }
    const version = (before.publishedVersion ?? 0) + 1;
    await tx.db
      .insert(requestFormVersions)
      .values({ formId: id, version, definition: before.draft, publishedBy: ctx.actor.userId });
    const [form] = await tx.db
      .update(requestForms)
      .set({ publishedVersion: version, updatedAt: new Date() })
      .where(eq(requestForms.id, id))
      .returning();
    await recordAudit(tx, { orgId, action: 'form.published', targetType: 'form', targetId: id, details: { version } });
    return form ?? before;
  });
}

export async function archiveForm(ctx: ServiceContext<StaffActor>, id: string): Promise<void> {
  const orgId = orgOf(ctx.actor, formPolicy.manage);
  await ctx.transact(async (tx) => {
    await lockForm(tx.db, orgId, id);
    await tx.db
      .update(requestForms)
      .set({ archivedAt: new Date(), updatedAt: new Date() })
      .where(eq(requestForms.id, id));
    await recordAudit(tx, { orgId, action: 'form.archived', targetType: 'form', targetId: id });
  });
}

/** The published forms of an organization, as its customers pick them. */
export async function publishedForms(db: Db, orgId: string) {
  const forms = await formsWithPublished(db, eq(requestForms.orgId, orgId));
  return forms.flatMap(({ form, published }) =>
    published && form.publishedVersion ? [{ form, version: form.publishedVersion, definition: published }] : [],
  );
}
