import type { CreateCustomerRequest, CustomerListQuery, UpdateCustomerRequest } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { guestSessions, organizations, visitors } from '../../db/schema.js';
import { changedBy, orgIdOf, type StaffActor } from '../../platform/actor.js';
import { forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { builtinStore } from './builtin-store.js';
import { changedKeys } from './changes.js';
import { applyFieldValues, loadCustomerFields } from './fields.js';
import { type CustomerActor, customerPolicy } from './policy.js';
import type { CustomerRow, CustomerStore, Duplicate } from './store.js';

/** The CRM driver: only the built-in one exists (see store.ts). */
const store: CustomerStore = builtinStore;

function orgOf(actor: CustomerActor): string {
  if (!customerPolicy.view(actor)) {
    throw forbidden(actor.kind === 'api_client' ? 'Only service companies have customers' : undefined);
  }
  return orgIdOf(actor);
}

export async function listCustomers(ctx: ServiceContext<CustomerActor>, query: z.output<typeof CustomerListQuery>) {
  const { actor } = ctx;
  const orgId = orgOf(actor);
  // a key adds customers as nobody: it has none of its own
  if (query.mine && actor.kind === 'api_client') return { rows: [], next: null };
  return store.list(ctx.db, orgId, {
    q: query.q || undefined,
    createdBy: query.mine && actor.kind === 'staff' ? actor.userId : undefined,
    limit: query.limit,
    after: query.after,
  });
}

export async function getCustomer(ctx: ServiceContext<CustomerActor>, id: string) {
  const orgId = orgOf(ctx.actor);
  const row = await store.get(ctx.db, orgId, id);
  if (!row) throw notFound('Customer');
  const duplicates = await store.duplicates(ctx.db, orgId, { phones: row.phones, emails: row.emails, except: id });
  return { row, duplicates };
}

export async function findDuplicates(
  ctx: ServiceContext<CustomerActor>,
  match: { phone?: string; email?: string; except?: string },
): Promise<Duplicate[]> {
  const orgId = orgOf(ctx.actor);
  return store.duplicates(ctx.db, orgId, {
    phones: match.phone ? [match.phone] : [],
    emails: match.email ? [match.email] : [],
    except: match.except,
  });
}

/** Adds a customer; the answer names others with the same phone or e-mail (a hint, never a refusal). */
export async function createCustomer(
  ctx: ServiceContext<CustomerActor>,
  input: z.output<typeof CreateCustomerRequest> & { externalId?: string },
): Promise<{ row: CustomerRow; duplicates: Duplicate[] }> {
  const { actor } = ctx;
  const orgId = orgOf(actor);
  if (!customerPolicy.create(actor)) throw forbidden();
  return ctx.transact(async (tx) => {
    const fields = applyFieldValues(await loadCustomerFields(tx.db, orgId), {}, input.fields);
    const language = input.language ?? (await orgLanguage(tx, orgId));
    const row = await store.insert(tx.db, orgId, {
      ...input,
      fields,
      language,
      createdBy: actor.kind === 'staff' ? actor.userId : null,
    });
    await tx.record({
      type: 'customer.changed',
      orgId,
      stream: `customer:${row.id}`,
      data: { customerId: row.id, change: 'created', fields: [], ...changedBy(actor) },
    });
    await recordAudit(tx, { orgId, action: 'customer.created', targetType: 'customer', targetId: row.id });
    const duplicates = await store.duplicates(tx.db, orgId, { phones: row.phones, emails: row.emails, except: row.id });
    return { row, duplicates };
  });
}

async function orgLanguage(ctx: ServiceContext, orgId: string): Promise<string> {
  const [org] = await ctx.db
    .select({ language: organizations.language })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org?.language ?? 'en';
}

export async function updateCustomer(
  ctx: ServiceContext<CustomerActor>,
  id: string,
  input: z.output<typeof UpdateCustomerRequest>,
): Promise<CustomerRow> {
  const { actor } = ctx;
  const orgId = orgOf(actor);
  return ctx.transact(async (tx) => {
    const before = await store.lock(tx.db, orgId, id);
    if (!before) throw notFound('Customer');
    if (!customerPolicy.edit(actor, before)) throw forbidden('Field staff change only the customers they added');
    const { fields: fieldChanges, ...rest } = input;
    const fields = fieldChanges
      ? applyFieldValues(await loadCustomerFields(tx.db, orgId), before.fields, fieldChanges)
      : undefined;
    const changed = changedKeys(before, { ...rest, fields });
    if (!changed.length) return before;
    const row = await store.update(tx.db, orgId, id, { ...rest, ...(fields ? { fields } : {}) });
    await tx.record({
      type: 'customer.changed',
      orgId,
      stream: `customer:${id}`,
      data: { customerId: id, change: 'updated', fields: changed, ...changedBy(actor) },
    });
    await recordAudit(tx, {
      orgId,
      action: 'customer.updated',
      targetType: 'customer',
      targetId: id,
      details: { fields: changed },
    });
    return row;
  });
}

/** Takes a customer off the lists (admins, API keys); what was done for them keeps its history. */
export async function archiveCustomer(ctx: ServiceContext<CustomerActor>, id: string): Promise<void> {
  const { actor } = ctx;
  const orgId = orgOf(actor);
  if (!customerPolicy.archive(actor)) throw forbidden('Only admins remove customers');
  await ctx.transact(async (tx) => {
    const before = await store.lock(tx.db, orgId, id);
    if (!before) throw notFound('Customer');
    await store.archive(tx.db, orgId, id);
    await tx.record({
      type: 'customer.changed',
      orgId,
      stream: `customer:${id}`,
      data: { customerId: id, change: 'archived', fields: [], ...changedBy(actor) },
    });
    await recordAudit(tx, { orgId, action: 'customer.archived', targetType: 'customer', targetId: id });
  });
}

/** A live customer of the organization (for other modules: labels, leads), or null. */
export async function customerOf(db: ServiceContext['db'], orgId: string, id: string): Promise<CustomerRow | null> {
  return store.get(db, orgId, id);
}

/** Signs the customer out on every device they verified on (admins and dispatchers). */
export async function signOutCustomer(ctx: ServiceContext<StaffActor>, id: string): Promise<number> {
  const { actor } = ctx;
  const orgId = orgOf(actor);
  if (!customerPolicy.signOut(actor)) throw forbidden();
  return ctx.transact(async (tx) => {
    if (!(await store.lock(tx.db, orgId, id))) throw notFound('Customer');
    const [visitor] = await tx.db
      .select({ id: visitors.id })
      .from(visitors)
      .where(and(eq(visitors.orgId, orgId), eq(visitors.customerId, id)));
    const ended = visitor
      ? await tx.db
          .delete(guestSessions)
          .where(eq(guestSessions.visitorId, visitor.id))
          .returning({ id: guestSessions.id })
      : [];
    await tx.record({
      type: 'customer.signed_out',
      orgId,
      stream: `customer:${id}`,
      data: { customerId: id, visitorId: visitor?.id ?? null, sessions: ended.length, byUserId: actor.userId },
    });
    await recordAudit(tx, {
      orgId,
      action: 'customer.signed_out',
      targetType: 'customer',
      targetId: id,
      details: { sessions: ended.length },
    });
    return ended.length;
  });
}
