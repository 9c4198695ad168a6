import {
  type CreateWebhookRequest,
  MAX_WEBHOOKS_PER_ORGANIZATION,
  type UpdateWebhookRequest,
  type WebhookDeliveryListQuery,
} from '@frontdesk/protocol';
import { and, asc, count, desc, eq, lt } from 'drizzle-orm';
import { webhookDeliveries, webhookEndpoints } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { hostOf, publicAddresses, RefusedAddressError } from '../../platform/address-guard.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { webhookPolicy } from './policy.js';
import type { WebhookDeliveryRow, WebhookEndpointRow } from './present.js';
import { newWebhookSecret } from './signature.js';

/** How long the previous secret still signs after a rotation. */
export const ROTATION_GRACE_MS = 24 * 3600_000;

type Ctx = ServiceContext<StaffActor>;

function adminOrg(actor: StaffActor): string {
  if (!webhookPolicy.manage(actor) || !actor.orgId) throw forbidden('Only admins manage webhooks');
  return actor.orgId;
}

/**
 * Refuses a URL that is not http(s), does not resolve, or resolves (any of its addresses) to the
 * installation's own networks — unless the operator allows that (WEBHOOK_ALLOW_PRIVATE).
 * Checked again at every delivery, after DNS, since DNS answers change.
 */
async function checkUrl(ctx: Ctx, url: string): Promise<void> {
  const target = new URL(url);
  if (target.username || target.password)
    throw new AppError('webhook_url_refused', 'Put no user name or password in the address; use the signature instead');
  try {
    await publicAddresses(hostOf(target), ctx.config.webhooks.allowPrivate);
  } catch (err) {
    const why =
      err instanceof RefusedAddressError
        ? `${err.message}`
        : `${target.hostname} could not be found (${(err as { code?: string }).code ?? 'no address'})`;
    throw new AppError('webhook_url_refused', `This address cannot receive webhooks: ${why}`, { url });
  }
}

export async function listWebhooks(ctx: Ctx): Promise<WebhookEndpointRow[]> {
  const orgId = adminOrg(ctx.actor);
  return ctx.db
    .select()
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.orgId, orgId))
    .orderBy(asc(webhookEndpoints.createdAt), asc(webhookEndpoints.id));
}

async function loadWebhook(ctx: Ctx, orgId: string, id: string): Promise<WebhookEndpointRow> {
  const [row] = await ctx.db
    .select()
    .from(webhookEndpoints)
    .where(and(eq(webhookEndpoints.id, id), eq(webhookEndpoints.orgId, orgId)));
  if (!row) throw notFound('Webhook');
  return row;
}

export async function getWebhook(ctx: Ctx, id: string): Promise<WebhookEndpointRow> {
  return loadWebhook(ctx, adminOrg(ctx.actor), id);
}

/** A new endpoint with a new secret (returned once: the caller shows it, then only the server has it). */
export async function createWebhook(ctx: Ctx, input: CreateWebhookRequest): Promise<WebhookEndpointRow> {
  const orgId = adminOrg(ctx.actor);
  await checkUrl(ctx, input.url);
  const [{ n } = { n: 0 }] = await ctx.db
    .select({ n: count() })
    .from(webhookEndpoints)
    .where(eq(webhookEndpoints.orgId, orgId));
  if (n >= MAX_WEBHOOKS_PER_ORGANIZATION)
    throw new AppError('too_many_webhooks', `An organization keeps at most ${MAX_WEBHOOKS_PER_ORGANIZATION} webhooks`);
  const [row] = await ctx.db
    .insert(webhookEndpoints)
    .values({
      orgId,
      url: input.url,
      description: input.description,
      eventTypes: input.eventTypes,
      enabled: input.enabled,
      secret: newWebhookSecret(),
      createdBy: ctx.actor.userId,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}

/** Changes what was given; switching an endpoint on again forgets the failures that switched it off. */
export async function updateWebhook(ctx: Ctx, id: string, changes: UpdateWebhookRequest): Promise<WebhookEndpointRow> {
  const orgId = adminOrg(ctx.actor);
  const row = await loadWebhook(ctx, orgId, id);
  if (Object.values(changes).every((v) => v === undefined)) return row;
  if (changes.url !== undefined && changes.url !== row.url) await checkUrl(ctx, changes.url);
  const switchedOn = changes.enabled === true && !row.enabled;
  const [updated] = await ctx.db
    .update(webhookEndpoints)
    .set({
      url: changes.url,
      description: changes.description,
      eventTypes: changes.eventTypes,
      enabled: changes.enabled,
      ...(switchedOn || changes.enabled === false ? { disabledReason: null } : {}),
      ...(switchedOn ? { failuresInARow: 0 } : {}),
      updatedAt: new Date(),
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  return updated ?? row;
}

/** Removes the endpoint and its deliveries (what was still waiting is not sent). */
export async function removeWebhook(ctx: Ctx, id: string): Promise<void> {
  const orgId = adminOrg(ctx.actor);
  await loadWebhook(ctx, orgId, id);
  await ctx.db.delete(webhookEndpoints).where(eq(webhookEndpoints.id, id));
}

/**
 * A new secret; the old one keeps signing beside it (a second `v1=`) for a day, so the receiver can
 * be switched over without refusing a delivery. Rotating again ends the old one's grace at once.
 */
export async function rotateWebhookSecret(ctx: Ctx, id: string): Promise<WebhookEndpointRow> {
  const orgId = adminOrg(ctx.actor);
  const row = await loadWebhook(ctx, orgId, id);
  const now = new Date();
  const [updated] = await ctx.db
    .update(webhookEndpoints)
    .set({
      secret: newWebhookSecret(),
      previousSecret: row.secret,
      previousSecretExpiresAt: new Date(now.getTime() + ROTATION_GRACE_MS),
      secretRotatedAt: now,
      updatedAt: now,
    })
    .where(eq(webhookEndpoints.id, id))
    .returning();
  if (!updated) throw notFound('Webhook');
  return updated;
}

export async function listWebhookDeliveries(
  ctx: Ctx,
  id: string,
  query: WebhookDeliveryListQuery,
): Promise<WebhookDeliveryRow[]> {
  const orgId = adminOrg(ctx.actor);
  await loadWebhook(ctx, orgId, id);
  return ctx.db
    .select()
    .from(webhookDeliveries)
    .where(
      and(
        eq(webhookDeliveries.endpointId, id),
        query.status ? eq(webhookDeliveries.status, query.status) : undefined,
        query.before ? lt(webhookDeliveries.createdAt, new Date(query.before)) : undefined,
      ),
    )
    .orderBy(desc(webhookDeliveries.createdAt), desc(webhookDeliveries.seq))
    .limit(query.limit);
}

export async function getWebhookDelivery(ctx: Ctx, id: string, deliveryId: string): Promise<WebhookDeliveryRow> {
  const orgId = adminOrg(ctx.actor);
  await loadWebhook(ctx, orgId, id);
  const [row] = await ctx.db
    .select()
    .from(webhookDeliveries)
    .where(and(eq(webhookDeliveries.id, deliveryId), eq(webhookDeliveries.endpointId, id)));
  if (!row) throw notFound('Delivery');
  return row;
}

/** A new delivery of the same event (same body and event id), sent at once, outside its stream's order. */
export async function replayWebhookDelivery(ctx: Ctx, id: string, deliveryId: string): Promise<WebhookDeliveryRow> {
  const original = await getWebhookDelivery(ctx, id, deliveryId);
  const endpoint = await loadWebhook(ctx, original.orgId, id);
  if (!endpoint.enabled) throw new AppError('conflict', 'Switch the webhook on before replaying a delivery');
  const [row] = await ctx.db
    .insert(webhookDeliveries)
    .values({
      orgId: original.orgId,
      endpointId: id,
      eventId: original.eventId,
      eventType: original.eventType,
      stream: original.stream,
      body: original.body,
      replayOf: original.id,
    })
    .returning();
  if (!row) throw new Error('insert returned nothing');
  return row;
}
