import type { SsoSettings, SsoSignUpRole, UpdateSsoSettingsRequest } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, ssoSettings } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { hostOf, publicAddresses, RefusedAddressError } from '../../platform/address-guard.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { hasChanges } from '../../platform/patch.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { ssoPolicy } from './policy.js';
import { ALLOW_PRIVATE_ISSUER_SETTING, discoveryCache, type ProviderSettings, ssoCallbackUrl } from './provider.js';

export type SsoSettingsRow = typeof ssoSettings.$inferSelect;

/** The organization's settings row, or undefined when its admins never set single sign-on up. */
export async function loadSsoSettings(db: Db, orgId: string): Promise<SsoSettingsRow | undefined> {
  const [row] = await db.select().from(ssoSettings).where(eq(ssoSettings.orgId, orgId));
  return row;
}

/** The provider to send the organization's staff to, or undefined while single sign-on is off or incomplete. */
export function usableProvider(row: SsoSettingsRow | undefined): ProviderSettings | undefined {
  if (!row?.enabled || !row.issuer || !row.clientId || !row.clientSecret) return undefined;
  return { issuer: row.issuer, clientId: row.clientId, clientSecret: row.clientSecret };
}

/** What a cached discovery was made from: any change of the settings (on any node) changes it. */
export function settingsFingerprint(row: SsoSettingsRow): string {
  return [row.issuer, row.clientId, row.updatedAt.getTime()].join('\n');
}

/**
 * Refuses an issuer that does not resolve, or resolves (any of its addresses) to the installation's
 * own networks, unless the operator allows that (SSO_ALLOW_PRIVATE_ISSUER): the server fetches the
 * issuer's discovery document, so an admin could otherwise make it request internal addresses.
 * Checked again at every request to the provider, since DNS answers change.
 */
async function checkIssuer(ctx: ServiceContext<StaffActor>, issuer: string): Promise<void> {
  const target = new URL(issuer);
  try {
    await publicAddresses(hostOf(target), ctx.config.sso.allowPrivateIssuer, ALLOW_PRIVATE_ISSUER_SETTING);
  } catch (err) {
    const why =
      err instanceof RefusedAddressError
        ? err.message
        : `${target.hostname} could not be found (${(err as { code?: string }).code ?? 'no address'})`;
    throw new AppError('sso_issuer_refused', `This issuer cannot be used: ${why}`, { issuer });
  }
}

function present(row: SsoSettingsRow | undefined, publicUrl: string): SsoSettings {
  return {
    enabled: row?.enabled ?? false,
    issuer: row?.issuer ?? null,
    clientId: row?.clientId ?? null,
    clientSecretSet: Boolean(row?.clientSecret),
    allowSignUp: row?.allowSignUp ?? false,
    signUpRole: (row?.signUpRole ?? 'agent') as SsoSignUpRole,
    passwordSignInDisabled: row?.passwordSignInDisabled ?? false,
    redirectUri: ssoCallbackUrl(publicUrl),
    updatedAt: row ? row.updatedAt.toISOString() : null,
  };
}

function mayManage(actor: StaffActor): string {
  const orgId = actorOrgId(actor);
  if (!ssoPolicy.manage(actor)) throw forbidden('Only admins set up single sign-on');
  return orgId;
}

/** The organization whose settings change: the admin's own, or any for the platform super admin (`orgId`). */
async function orgToChange(ctx: ServiceContext<StaffActor>, orgId: string | undefined): Promise<string> {
  if (orgId === undefined) return mayManage(ctx.actor);
  if (!ctx.actor.superadmin) throw forbidden();
  const [org] = await ctx.db.select({ id: organizations.id }).from(organizations).where(eq(organizations.id, orgId));
  if (!org) throw notFound('Organization');
  return org.id;
}

/** The organization's single sign-on settings (admins); the client secret is only said to be set. */
export async function getSsoSettings(ctx: ServiceContext<StaffActor>): Promise<SsoSettings> {
  return present(await loadSsoSettings(ctx.db, mayManage(ctx.actor)), ctx.config.publicUrl);
}

/**
 * Changes the single sign-on settings (admins; the platform super admin for any organization with
 * `forOrgId`: the break-glass that switches password sign-in back on when the provider is down). Switching it on needs an issuer, a client id and a
 * secret; switching password sign-in off needs single sign-on on, so nobody is locked out by a
 * half-made set-up (the super admin still signs in with a password).
 */
export async function updateSsoSettings(
  ctx: ServiceContext<StaffActor>,
  changes: UpdateSsoSettingsRequest,
  forOrgId?: string,
): Promise<SsoSettings> {
  const orgId = await orgToChange(ctx, forOrgId);
  if (!hasChanges(changes)) return present(await loadSsoSettings(ctx.db, orgId), ctx.config.publicUrl);
  if (changes.issuer !== undefined) await checkIssuer(ctx, changes.issuer);
  const saved = await ctx.transact(async (tx) => {
    await tx.db.insert(ssoSettings).values({ orgId }).onConflictDoNothing();
    const [current] = await tx.db.select().from(ssoSettings).where(eq(ssoSettings.orgId, orgId)).for('update');
    if (!current) throw new AppError('not_found', 'No such organization');
    const next = {
      enabled: changes.enabled ?? current.enabled,
      issuer: changes.issuer ?? current.issuer,
      clientId: changes.clientId ?? current.clientId,
      clientSecret: changes.clientSecret ?? current.clientSecret,
      allowSignUp: changes.allowSignUp ?? current.allowSignUp,
      signUpRole: changes.signUpRole ?? current.signUpRole,
      passwordSignInDisabled: changes.passwordSignInDisabled ?? current.passwordSignInDisabled,
    };
    if (next.enabled && !usableProvider({ ...current, ...next }))
      throw new AppError('conflict', 'Give the issuer, client id and client secret before switching single sign-on on');
    if (next.passwordSignInDisabled && !next.enabled)
      throw new AppError('conflict', 'Switch single sign-on on before switching password sign-in off');
    const [updated] = await tx.db
      .update(ssoSettings)
      .set({ ...next, updatedAt: new Date() })
      .where(eq(ssoSettings.orgId, orgId))
      .returning();
    await recordAudit(tx, {
      orgId,
      action: 'sso_settings.updated',
      targetType: 'organization',
      targetId: orgId,
      // the secret is never written to the log: only that it changed
      details: { changed: Object.keys(changes).filter((k) => changes[k as keyof typeof changes] !== undefined) },
    });
    return present(updated, ctx.config.publicUrl);
  });
  // other nodes see the change by the settings' fingerprint; this one lets go of the old provider now
  discoveryCache(ctx.config).forget(orgId);
  return saved;
}
