import { z } from 'zod';
import { Slug } from './accounts.js';
import { HttpUrl } from './common.js';

/** The roles an account made on its first single sign-on may get: admins are only ever made by hand. */
export const ssoSignUpRoles = ['agent', 'field'] as const;
export const SsoSignUpRole = z.enum(ssoSignUpRoles);
export type SsoSignUpRole = z.infer<typeof SsoSignUpRole>;

/** Plain http only for a provider on the same machine (a developer's, a test's): anything else needs https. */
export function isAllowedSsoIssuer(issuer: string): boolean {
  // zod runs refinements after a failed check too: an address that is no URL is refused, not thrown on
  if (!URL.canParse(issuer)) return false;
  const url = new URL(issuer);
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ['localhost', '127.0.0.1', '[::1]'].includes(url.hostname);
}

export const SsoIssuer = HttpUrl.refine(isAllowedSsoIssuer, {
  message: 'The issuer must be an https address',
}).describe('The provider’s issuer URL, https (plain http only on localhost)');

/** An organization's single sign-on (OpenID Connect) settings, as admins see them: the secret never leaves. */
export const SsoSettings = z
  .object({
    enabled: z.boolean().describe('Whether staff may sign in through the provider'),
    issuer: z.string().nullable().describe('The provider’s issuer URL (its discovery document is under it)'),
    clientId: z.string().nullable(),
    clientSecretSet: z.boolean().describe('Whether a client secret is stored; the secret itself is never shown'),
    allowSignUp: z.boolean().describe('Whether a verified e-mail without an account gets one on first sign-in'),
    signUpRole: SsoSignUpRole.describe('The role of accounts made on first sign-in'),
    passwordSignInDisabled: z
      .boolean()
      .describe('Whether the organization’s staff may only sign in through the provider (the super admin still may)'),
    redirectUri: z.string().describe('The address to register at the provider as the redirect (callback) URI'),
    updatedAt: z.string().nullable(),
  })
  .meta({ id: 'SsoSettings' });
export type SsoSettings = z.infer<typeof SsoSettings>;

export const UpdateSsoSettingsRequest = z.strictObject({
  enabled: z.boolean().optional(),
  issuer: SsoIssuer.optional(),
  clientId: z.string().trim().min(1).max(300).optional(),
  clientSecret: z.string().min(1).max(1000).optional().describe('Replaces the stored secret'),
  allowSignUp: z.boolean().optional(),
  signUpRole: SsoSignUpRole.optional(),
  passwordSignInDisabled: z.boolean().optional(),
});
export type UpdateSsoSettingsRequest = z.infer<typeof UpdateSsoSettingsRequest>;

export const SsoStartParams = z.object({ slug: Slug });

/** What the provider sends the browser back with: a code and our state, or an error. */
export const SsoCallbackQuery = z.object({
  state: z.string().max(200).optional(),
  code: z.string().max(4000).optional(),
  error: z.string().max(200).optional(),
  error_description: z.string().max(2000).optional(),
  iss: z.string().max(2048).optional(),
  session_state: z.string().max(2000).optional(),
});
