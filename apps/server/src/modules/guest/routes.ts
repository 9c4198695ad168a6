import {
  DeskStatus,
  GuestLoginRequest,
  GuestLoginResponse,
  GuestSessionInfo,
  OrgSlugParams,
  PublicOrganization,
  VisitorRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors } from '../../platform/api.js';
import { clearSessionCookie, GUEST_COOKIE, requireGuest } from '../../platform/auth.js';
import type { AppContext } from '../../platform/context.js';
import { acceptedLanguages } from '../../platform/i18n.js';
import { beginGuestSession } from './begin.js';
import { presentGuestSession, presentPublicOrganization } from './present.js';
import { describeGuestDesk, describeGuestSession, guestLogin, loadPublicOrganization, startVisit } from './service.js';
import { revokeGuestSession } from './sessions.js';

const guestSecurity: { [scheme: string]: string[] }[] = [{ guestCookie: [] }, { bearerAuth: [] }];

/** The guest side: no account, just an access code (or the public entry form) and a session cookie. */
export function registerGuestRoutes(app: Api, ctx: AppContext): void {
  const { db } = ctx;
  const tags = ['guest'];

  app.get(
    '/api/v1/public/organizations/:slug',
    {
      schema: {
        tags,
        summary: 'Name, motto, logo and language of an organization, for its guest login page',
        params: OrgSlugParams,
        response: { 200: PublicOrganization, ...errors(400, 404) },
      },
    },
    async (req) => presentPublicOrganization(await loadPublicOrganization(db, req.params.slug)),
  );

  app.post(
    '/api/v1/guest/:slug/login',
    {
      schema: {
        tags,
        summary: 'Sign a guest in with the access code from their key card or QR link',
        params: OrgSlugParams,
        body: GuestLoginRequest,
        response: { 200: GuestLoginResponse, ...errors(400, 401, 403, 404, 410, 429) },
      },
    },
    async (req, reply) =>
      beginGuestSession(ctx, req, reply, await guestLogin(req.asAnonymous(), req.params.slug, req.body.code)),
  );

  app.post(
    '/api/v1/guest/:slug/visit',
    {
      schema: {
        tags,
        summary: 'Start an anonymous visitor chat from the public entry point (when the organization has it on)',
        params: OrgSlugParams,
        body: VisitorRequest,
        response: { 200: GuestLoginResponse, ...errors(400, 403, 404, 429) },
      },
    },
    async (req, reply) =>
      beginGuestSession(ctx, req, reply, await startVisit(req.asAnonymous(), req.params.slug, req.body)),
  );

  app.get(
    '/api/v1/guest/session',
    {
      schema: {
        tags,
        security: guestSecurity,
        summary: 'The signed-in guest or visitor: organization, stay, and whether access is active or read-only',
        response: { 200: GuestSessionInfo, ...errors(401, 410) },
      },
    },
    async (req) =>
      presentGuestSession(await describeGuestSession(req.asGuest(), acceptedLanguages(req.headers['accept-language']))),
  );

  app.get(
    '/api/v1/guest/desk',
    {
      schema: {
        tags,
        security: guestSecurity,
        summary:
          'Whether the desk answering this guest is open now; closed, when it opens (on the organization’s clock) and the away message. Guests can always write: their message waits in the queue',
        response: { 200: DeskStatus, ...errors(401, 410) },
      },
    },
    async (req) => describeGuestDesk(req.asGuest(), acceptedLanguages(req.headers['accept-language'])),
  );

  app.post(
    '/api/v1/guest/logout',
    {
      schema: {
        tags,
        security: guestSecurity,
        summary: 'End the guest session on this device',
        response: { 204: z.undefined(), ...errors(401, 403, 410) },
      },
    },
    async (req, reply) => {
      await revokeGuestSession(db, requireGuest(req).sessionId);
      clearSessionCookie(reply, GUEST_COOKIE);
      return reply.status(204).send();
    },
  );
}
