import type { CustomerField, PutCustomerFieldsRequest } from '@frontdesk/protocol';
import { asc, eq } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { customerFields } from '../../db/schema.js';
import { actorOrgId, orgIdOf, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { type CustomerActor, customerPolicy } from './policy.js';

type Value = string | number | boolean;

export async function loadCustomerFields(db: Db, orgId: string): Promise<CustomerField[]> {
  const rows = await db
    .select()
    .from(customerFields)
    .where(eq(customerFields.orgId, orgId))
    .orderBy(asc(customerFields.position));
  return rows.map((r) => ({ key: r.key, label: r.label, type: r.type, options: r.options }));
}

export async function listCustomerFields(ctx: ServiceContext<CustomerActor>): Promise<CustomerField[]> {
  if (!customerPolicy.view(ctx.actor)) throw forbidden();
  return loadCustomerFields(ctx.db, orgIdOf(ctx.actor));
}

/** Replaces the organization's extra fields; values of removed fields stay on records, unshown. */
export async function putCustomerFields(
  ctx: ServiceContext<StaffActor>,
  input: z.output<typeof PutCustomerFieldsRequest>,
): Promise<CustomerField[]> {
  if (!customerPolicy.manageFields(ctx.actor)) throw forbidden('Only admins choose the customer fields');
  const orgId = actorOrgId(ctx.actor);
  const keys = input.fields.map((f) => f.key);
  const twice = keys.find((k, i) => keys.indexOf(k) !== i);
  if (twice) throw new AppError('validation_failed', `Two fields have the key “${twice}”`, { key: twice });
  const choiceless = input.fields.find((f) => f.type === 'choice' && f.options.length === 0);
  if (choiceless) throw new AppError('validation_failed', `Give “${choiceless.label}” at least one choice`);
  return ctx.transact(async (tx) => {
    await tx.db.delete(customerFields).where(eq(customerFields.orgId, orgId));
    if (input.fields.length) {
      await tx.db.insert(customerFields).values(
        input.fields.map((f, position) => ({
          orgId,
          key: f.key,
          label: f.label,
          type: f.type,
          options: f.type === 'choice' ? f.options : [],
          position,
        })),
      );
    }
    await recordAudit(tx, { orgId, action: 'customer_fields.changed', details: { keys } });
    return loadCustomerFields(tx.db, orgId);
  });
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));

/** Whether `value` is what a field of this kind holds; the message says what it expected. */
function problemWith(field: CustomerField, value: Value): string | null {
  switch (field.type) {
    case 'text':
      return typeof value === 'string' ? null : 'text';
    case 'number':
      return typeof value === 'number' ? null : 'a number';
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'yes or no';
    case 'date':
      return typeof value === 'string' && isDate(value) ? null : 'a date (YYYY-MM-DD)';
    case 'choice':
      return typeof value === 'string' && field.options.includes(value) ? null : `one of: ${field.options.join(', ')}`;
  }
}

/**
 * The record's field values after `changes`: each named field must be one of the organization's,
 * holding a value of its kind; null removes a value.
 */
export function applyFieldValues(
  definitions: readonly CustomerField[],
  current: Record<string, Value>,
  changes: Record<string, Value | null>,
): Record<string, Value> {
  const next = { ...current };
  for (const [key, value] of Object.entries(changes)) {
    const field = definitions.find((f) => f.key === key);
    if (!field) throw new AppError('validation_failed', `There is no customer field “${key}”`, { field: key });
    if (value === null || value === '') {
      delete next[key];
      continue;
    }
    const expected = problemWith(field, value);
    if (expected) throw new AppError('validation_failed', `“${field.label}” takes ${expected}`, { field: key });
    next[key] = value;
  }
  return next;
}
