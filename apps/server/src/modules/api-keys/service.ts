import { type CreateApiKeyRequest, MAX_API_KEYS_PER_ORGANIZATION } from '@frontdesk/protocol';
import { and, count, desc, eq, isNull, lt, or } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { apiKeys, organizations } from '../../db/schema.js';
import type { ApiClientActor, StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { apiKeyPolicy } from './policy.js';
import type { ApiKeyRow } from './present.js';
import { hashApiKey, newApiKey, prefixOf, sameHash } from './secret.js';

type Ctx = ServiceContext<StaffActor>;

/** `last_used_at` is written at most this often per key: a busy integration costs no write per request. */
export const LAST_USED_PRECISION_MS = 60_000;

function adminOrg(actor: StaffActor): string {
  if (!apiKeyPolicy.manage(actor) || !actor.orgId) throw forbidden('Only admins manage API keys');
  return actor.orgId;
}

/** The organization's keys, newest first, revoked ones included (their last use stays visible). */
export async function listApiKeys(ctx: Ctx): Promise<ApiKeyRow[]> {
  const orgId = adminOrg(ctx.actor);
  return ctx.db
    .select()
    .from(apiKeys)
    .where(eq(apiKeys.orgId, orgId))
    .orderBy(desc(apiKeys.createdAt), desc(apiKeys.id));
}

/** A new key; the caller shows `key` once: only its hash is stored. */
export async function createApiKey(ctx: Ctx, input: CreateApiKeyRequest): Promise<{ row: ApiKeyRow; key: string }> {
  const orgId = adminOrg(ctx.actor);
  const { key, prefix, hash } = newApiKey();
  return ctx.transact(async (tx) => {
    const [{ n } = { n: 0 }] = await tx.db
      .select({ n: count() })
      .from(apiKeys)
      .where(and(eq(apiKeys.orgId, orgId), isNull(apiKeys.revokedAt)));
    if (n >= MAX_API_KEYS_PER_ORGANIZATION)
      throw new AppError(
        'too_many_api_keys',
        `An organization keeps at most ${MAX_API_KEYS_PER_ORGANIZATION} keys in use; revoke one first`,
      );
    const [row] = await tx.db
      .insert(apiKeys)
      .values({ orgId, name: input.name, scopes: input.scopes, prefix, secretHash: hash, createdBy: ctx.actor.userId })
      .returning();
    if (!row) throw new Error('insert returned nothing');
    await recordAudit(tx, {
      orgId,
      action: 'api_key.created',
      targetType: 'api_key',
      targetId: row.id,
      details: { name: row.name, scopes: row.scopes, prefix },
    });
    return { row, key };
  });
}

/** Revokes a key at once: its next request is refused. Revoking a revoked key changes nothing. */
export async function revokeApiKey(ctx: Ctx, id: string): Promise<ApiKeyRow> {
  const orgId = adminOrg(ctx.actor);
  return ctx.transact(async (tx) => {
    const [row] = await tx.db
      .select()
      .from(apiKeys)
      .where(and(eq(apiKeys.id, id), eq(apiKeys.orgId, orgId)));
    if (!row) throw notFound('API key');
    if (row.revokedAt) return row;
    const [revoked] = await tx.db.update(apiKeys).set({ revokedAt: new Date() }).where(eq(apiKeys.id, id)).returning();
    await recordAudit(tx, {
      orgId,
      action: 'api_key.revoked',
      targetType: 'api_key',
      targetId: id,
      details: { name: row.name, prefix: row.prefix },
    });
    return revoked ?? row;
  });
}

/**
 * The API client a presented key acts as, or null for a malformed, unknown or revoked key, or one
 * of an organization that is switched off. Notes the use (at most once a minute per key).
 */
export async function resolveApiKey(db: Db, key: string): Promise<ApiClientActor | null> {
  const prefix = prefixOf(key);
  if (!prefix) return null;
  const [found] = await db
    .select({
      key: apiKeys,
      orgName: organizations.name,
      orgSlug: organizations.slug,
      orgKind: organizations.kind,
      orgActive: organizations.active,
    })
    .from(apiKeys)
    .innerJoin(organizations, eq(organizations.id, apiKeys.orgId))
    .where(eq(apiKeys.prefix, prefix));
  if (!found || found.key.revokedAt || !found.orgActive || !sameHash(found.key.secretHash, hashApiKey(key)))
    return null;
  const row = found.key;
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() >= LAST_USED_PRECISION_MS) {
    const stale = new Date(now - LAST_USED_PRECISION_MS);
    await db
      .update(apiKeys)
      .set({ lastUsedAt: new Date(now) })
      .where(and(eq(apiKeys.id, row.id), or(isNull(apiKeys.lastUsedAt), lt(apiKeys.lastUsedAt, stale))));
  }
  return {
    kind: 'api_client',
    orgId: row.orgId,
    clientId: row.id,
    name: row.name,
    scopes: row.scopes as ApiClientActor['scopes'],
    orgName: found.orgName,
    orgSlug: found.orgSlug,
    orgKind: found.orgKind,
  };
}
