import type { CreateCustomerRequest } from '@frontdesk/protocol';
import { and, eq } from 'drizzle-orm';
import type { z } from 'zod';
import { customers } from '../../db/schema.js';
import { orgIdOf } from '../../platform/actor.js';
import { AppError, forbidden, isUniqueViolation } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { type CustomerActor, customerPolicy } from './policy.js';
import { createCustomer, getCustomer, updateCustomer } from './service.js';
import type { CustomerRow, Duplicate } from './store.js';

async function customerByExternalId(ctx: ServiceContext<CustomerActor>, orgId: string, externalId: string) {
  const [row] = await ctx.db
    .select({ id: customers.id, archivedAt: customers.archivedAt })
    .from(customers)
    .where(and(eq(customers.orgId, orgId), eq(customers.externalId, externalId)));
  return row ?? null;
}

/**
 * A CRM's customer by its own id (README "PMS integration"): created on the first push, brought
 * in line with the body on the next ones (only what differs changes and is recorded). A customer
 * an admin removed is not brought back by a push.
 */
export async function pushCustomer(
  ctx: ServiceContext<CustomerActor>,
  externalId: string,
  input: z.output<typeof CreateCustomerRequest>,
): Promise<{ row: CustomerRow; duplicates: Duplicate[]; created: boolean }> {
  if (!customerPolicy.view(ctx.actor) || !customerPolicy.create(ctx.actor)) throw forbidden();
  const orgId = orgIdOf(ctx.actor);
  let known = await customerByExternalId(ctx, orgId, externalId);
  if (!known) {
    try {
      return { ...(await createCustomer(ctx, { ...input, externalId })), created: true };
    } catch (err) {
      // two pushes at once: the other one created it
      known = isUniqueViolation(err) ? await customerByExternalId(ctx, orgId, externalId) : null;
      if (!known) throw err;
    }
  }
  if (known.archivedAt) {
    throw new AppError('conflict', 'This customer was removed in Frontdesk; a push does not bring them back', {
      customerId: known.id,
    });
  }
  await updateCustomer(ctx, known.id, input);
  const { row, duplicates } = await getCustomer(ctx, known.id);
  return { row, duplicates, created: false };
}
