import {
  OrgIdParams,
  SsoCallbackQuery,
  SsoSettings,
  SsoStartParams,
  UpdateSsoSettingsRequest,
} from '@frontdesk/protocol';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { setSessionCookie } from '../../platform/auth.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import { getSsoSettings, updateSsoSettings } from './settings.js';
import { finishSsoSignIn, SSO_SIGN_IN_TTL_SECONDS, startSsoSignIn } from './sign-in.js';

/** Holds the state of the sign-in this browser started, only on the way to the provider and back. */
const STATE_COOKIE = 'fd_sso_state';
const COOKIE_PATH = '/api/v1/auth/sso';

/** Sign-ins end on the staff app: signed in, or back on the sign-in page with the refusal's code. */
function backToSignIn(reply: FastifyReply, err: unknown) {
  reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
  if (!(err instanceof AppError)) throw err;
  return reply.redirect(`/app/login?reason=${encodeURIComponent(err.code)}`, 303);
}

function stateCookie(req: FastifyRequest): string | undefined {
  const raw = req.cookies[STATE_COOKIE];
  if (!raw) return undefined;
  const unsigned = req.unsignCookie(raw);
  return unsigned.valid && unsigned.value ? unsigned.value : undefined;
}

export function registerSsoRoutes(app: Api, ctx: AppContext): void {
  const tags = ['single sign-on'];
  const redirect = { 303: z.null().describe('To the provider, or back to the staff app') };

  app.get(
    '/api/v1/sso-settings',
    {
      schema: {
        tags,
        security: staffSecurity,
        summary:
          'The organization’s single sign-on (OpenID Connect) settings; the client secret is never shown (admins)',
        response: { 200: SsoSettings, ...errors(401, 403) },
      },
    },
    async (req) => getSsoSettings(req.asStaff()),
  );

  app.patch(
    '/api/v1/sso-settings',
    {
      schema: {
        tags,
        security: staffSecurity,
        summary:
          'Set the provider (issuer, client id and secret), switch single sign-on on or off, allow accounts on first sign-in, or switch password sign-in off (admins). An issuer on a private address is refused (422 sso_issuer_refused) unless the operator allows it',
        body: UpdateSsoSettingsRequest,
        response: { 200: SsoSettings, ...errors(400, 401, 403, 409, 422) },
      },
    },
    async (req) => updateSsoSettings(req.asStaff(), req.body),
  );

  app.patch(
    '/api/v1/platform/organizations/:id/sso-settings',
    {
      schema: {
        tags: ['platform'],
        security: staffSecurity,
        summary:
          'Change an organization’s single sign-on settings (platform super admin): the break-glass, e.g. switching password sign-in back on when its provider is down',
        params: OrgIdParams,
        body: UpdateSsoSettingsRequest,
        response: { 200: SsoSettings, ...errors(400, 401, 403, 404, 409, 422) },
      },
    },
    async (req) => updateSsoSettings(req.asStaff(), req.body, req.params.id),
  );

  app.get(
    '/api/v1/auth/sso/:slug/start',
    {
      schema: {
        tags,
        summary:
          'Sign in through the identity provider of the organization with this address: redirects to the provider (PKCE, state and nonce); a refusal redirects to /app/login?reason=<code>',
        params: SsoStartParams,
        response: { ...redirect, ...errors(400) },
      },
    },
    async (req, reply) => {
      try {
        const { url, state } = await startSsoSignIn(req.asAnonymous(), req.params.slug);
        reply.setCookie(STATE_COOKIE, state, {
          path: COOKIE_PATH,
          httpOnly: true,
          // the provider sends the browser back with a top-level GET from its own site
          sameSite: 'lax',
          secure: ctx.config.publicUrl.startsWith('https:'),
          signed: true,
          maxAge: SSO_SIGN_IN_TTL_SECONDS,
        });
        return reply.redirect(url, 303);
      } catch (err) {
        return backToSignIn(reply, err);
      }
    },
  );

  app.get(
    '/api/v1/auth/sso/callback',
    {
      schema: {
        tags,
        summary:
          'Where the identity provider sends the browser back: checks state, nonce and code, starts the session and redirects to /app; a refusal redirects to /app/login?reason=<code>',
        querystring: SsoCallbackQuery,
        response: { ...redirect, ...errors(400) },
      },
    },
    async (req, reply) => {
      try {
        const session = await finishSsoSignIn(req.asAnonymous(), {
          search: new URL(req.url, 'http://x').search,
          state: req.query.state,
          cookieState: stateCookie(req),
        });
        reply.clearCookie(STATE_COOKIE, { path: COOKIE_PATH });
        setSessionCookie(reply, ctx, session.token, session.expiresAt);
        return reply.redirect('/app', 303);
      } catch (err) {
        return backToSignIn(reply, err);
      }
    },
  );
}
