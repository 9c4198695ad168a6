import { and, eq, lt, sql } from 'drizzle-orm';
import { organizations, ssoSignIns, users } from '../../db/schema.js';
import type { AnonymousActor } from '../../platform/actor.js';
import { AppError, isUniqueViolation } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { recordAudit } from '../audit/index.js';
import { openSession, staffActorOf } from '../auth/index.js';
import { addStaffOnFirstSignIn } from '../staff/index.js';
import { discoverProvider, discoveryCache, oidc, ssoCallbackUrl } from './provider.js';
import { loadSsoSettings, settingsFingerprint, usableProvider } from './settings.js';

/** How long a browser may spend at the provider before the sign-in it started is forgotten. */
export const SSO_SIGN_IN_TTL_SECONDS = 600;

const notConfigured = () =>
  new AppError('sso_not_configured', 'This organization does not sign in through an identity provider');
const failed = (why: string) => new AppError('sso_failed', why);

async function providerOf(ctx: ServiceContext<AnonymousActor>, orgId: string) {
  const settings = await loadSsoSettings(ctx.db, orgId);
  const provider = usableProvider(settings);
  if (!settings || !provider) throw notConfigured();
  try {
    const config = await discoveryCache(ctx.config).get(orgId, settingsFingerprint(settings), () =>
      discoverProvider(provider, { allowPrivate: ctx.config.sso.allowPrivateIssuer }),
    );
    return { settings, provider, config };
  } catch (err) {
    ctx.log.warn({ err, orgId, issuer: provider.issuer }, 'single sign-on: the provider could not be discovered');
    throw failed('The identity provider could not be reached. Please try again later.');
  }
}

/**
 * Starts a single sign-on for the organization with this address (slug): keeps the PKCE verifier
 * and nonce under a fresh `state`, and returns the provider's authorization URL to send the browser
 * to, with the state (which the browser also keeps in a cookie, so the answer must come back to it).
 * Each start counts against the caller's address like a password attempt.
 */
export async function startSsoSignIn(ctx: ServiceContext<AnonymousActor>, slug: string) {
  await ctx.limits.login.perIp.consume(ctx.request.ip ?? 'unknown');
  const [org] = await ctx.db
    .select({ id: organizations.id, active: organizations.active })
    .from(organizations)
    .where(eq(organizations.slug, slug));
  if (!org?.active) throw notConfigured();
  const { config } = await providerOf(ctx, org.id);
  const state = oidc.randomState();
  const nonce = oidc.randomNonce();
  const codeVerifier = oidc.randomPKCECodeVerifier();
  await ctx.db.delete(ssoSignIns).where(lt(ssoSignIns.expiresAt, new Date()));
  await ctx.db.insert(ssoSignIns).values({
    state,
    orgId: org.id,
    codeVerifier,
    nonce,
    expiresAt: new Date(Date.now() + SSO_SIGN_IN_TTL_SECONDS * 1000),
  });
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: ssoCallbackUrl(ctx.config.publicUrl),
    scope: 'openid email profile',
    response_type: 'code',
    code_challenge: await oidc.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: 'S256',
    state,
    nonce,
  });
  return { url: url.href, state };
}

/**
 * Whether the provider says the e-mail is verified: the standard `email_verified`, or where a
 * provider does not send it, Microsoft Entra ID's optional `xms_edov` claim (the e-mail's domain
 * is one the user's tenant has verified it owns). Undefined: the provider said neither. A provider
 * that says `email_verified: false` is believed whatever else it says.
 */
export function verifiedEmailSaid(claims: Record<string, unknown>): boolean | undefined {
  if (typeof claims.email_verified === 'boolean') return claims.email_verified;
  if (typeof claims.xms_edov === 'boolean') return claims.xms_edov;
  return undefined;
}

export interface SsoCallback {
  /** The query string the provider sent the browser back with (`?code=…&state=…`). */
  search: string;
  state: string | undefined;
  /** The state this browser's cookie holds: the answer must come back to the browser that started. */
  cookieState: string | undefined;
}

/**
 * Finishes a single sign-on: the state must be one this browser started and not used yet; the code
 * is exchanged (with the PKCE verifier) and the ID token checked (signature, issuer, audience,
 * nonce) by openid-client; the e-mail must be verified by the provider. The account is the one of
 * that e-mail in the organization, or a new one when the organization allows it (taking a seat).
 * Starts a normal staff session and logs the sign-in in the organization's audit log.
 */
export async function finishSsoSignIn(ctx: ServiceContext<AnonymousActor>, callback: SsoCallback) {
  const { state, cookieState } = callback;
  if (!state || !cookieState || state !== cookieState)
    throw failed('This sign-in was not started in this browser, or it was already used. Please try again.');
  const [pending] = await ctx.db.delete(ssoSignIns).where(eq(ssoSignIns.state, state)).returning();
  if (!pending || pending.expiresAt < new Date()) throw failed('This sign-in took too long. Please try again.');
  const { settings, config, provider } = await providerOf(ctx, pending.orgId);

  const currentUrl = new URL(ssoCallbackUrl(ctx.config.publicUrl));
  currentUrl.search = callback.search;
  let claims: Record<string, unknown> | undefined;
  try {
    const tokens = await oidc.authorizationCodeGrant(config, currentUrl, {
      pkceCodeVerifier: pending.codeVerifier,
      expectedState: state,
      expectedNonce: pending.nonce,
      idTokenExpected: true,
    });
    const idToken = tokens.claims();
    claims = idToken;
    // some providers put the e-mail in the ID token, others only behind the userinfo endpoint
    if (idToken && (idToken.email === undefined || verifiedEmailSaid(idToken) === undefined))
      claims = { ...(await oidc.fetchUserInfo(config, tokens.access_token, idToken.sub)), ...idToken };
  } catch {
    throw failed('The identity provider’s answer could not be verified. Please try again.');
  }
  const email = typeof claims?.email === 'string' ? claims.email.trim().toLowerCase() : '';
  const refuse = async (error: AppError) => {
    await recordAudit(ctx, {
      orgId: pending.orgId,
      action: 'staff.sign_in_refused',
      details: { via: 'single_sign_on', reason: error.code, email: email || null, issuer: provider.issuer },
    });
    return error;
  };
  if (!email || verifiedEmailSaid(claims ?? {}) !== true)
    throw await refuse(
      new AppError('sso_email_unverified', 'Your identity provider has not verified your e-mail address'),
    );

  let [user] = await ctx.db
    .select()
    .from(users)
    .where(and(eq(users.orgId, pending.orgId), sql`lower(${users.email}) = ${email}`))
    .limit(1);
  if (!user) {
    if (!settings.allowSignUp)
      throw await refuse(
        new AppError('sso_no_account', 'There is no account for this e-mail: ask your admin to add you'),
      );
    const name = typeof claims?.name === 'string' && claims.name.trim() ? claims.name.trim().slice(0, 100) : email;
    try {
      user = await ctx.transact((tx) =>
        addStaffOnFirstSignIn(tx, {
          orgId: pending.orgId,
          email,
          name,
          role: settings.signUpRole as 'agent' | 'field',
        }),
      );
    } catch (err) {
      if (err instanceof AppError) throw await refuse(err);
      // the same person finishing two sign-ins at once: the other made the account
      if (!isUniqueViolation(err)) throw err;
      [user] = await ctx.db
        .select()
        .from(users)
        .where(and(eq(users.orgId, pending.orgId), sql`lower(${users.email}) = ${email}`));
      if (!user) throw err;
    }
  }
  const session = await openSession(ctx, user);
  const actor = await staffActorOf(ctx.db, user.id, session.sessionId);
  if (actor) {
    await recordAudit(ctx.as(actor), {
      orgId: pending.orgId,
      action: 'staff.signed_in',
      targetType: 'user',
      targetId: user.id,
      details: { via: 'single_sign_on', issuer: provider.issuer },
    });
  }
  return session;
}
