import {
  CreateQuickActionRequest,
  GuestQuickActionList,
  QuickAction,
  QuickActionIdParams,
  QuickActionList,
  QuickActionRequested,
  RequestQuickActionRequest,
  UpdateQuickActionRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { acceptedLanguages } from '../../platform/i18n.js';
import { guestQuickActions, requestQuickAction } from './guest.js';
import {
  createQuickAction,
  deleteQuickAction,
  getQuickAction,
  listQuickActions,
  updateQuickAction,
} from './service.js';

const guestSecurity: { [scheme: string]: string[] }[] = [{ guestCookie: [] }, { bearerAuth: [] }];

export function registerQuickActionRoutes(app: Api): void {
  const tags = ['quick-actions'];
  const security = staffSecurity;
  const params = QuickActionIdParams;

  app.get(
    '/api/v1/quick-actions',
    {
      schema: {
        tags,
        security,
        summary: 'The organization’s quick actions for guests, in order, enabled or not (admins)',
        response: { 200: QuickActionList, ...errors(401, 403) },
      },
    },
    async (req) => ({ actions: await listQuickActions(req.asStaff()) }),
  );

  app.post(
    '/api/v1/quick-actions',
    {
      schema: {
        tags,
        security,
        summary:
          'Add a quick action: its title per guest language, icon, the fields a guest fills in, and optionally a task created at once for a team (admins)',
        body: CreateQuickActionRequest,
        response: { 201: QuickAction, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(await createQuickAction(req.asStaff(), req.body)),
  );

  app.get(
    '/api/v1/quick-actions/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One quick action (admins)',
        params,
        response: { 200: QuickAction, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => getQuickAction(req.asStaff(), req.params.id),
  );

  app.patch(
    '/api/v1/quick-actions/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change a quick action: titles, icon, fields, place, on or off, its task (admins)',
        params,
        body: UpdateQuickActionRequest,
        response: { 200: QuickAction, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => updateQuickAction(req.asStaff(), req.params.id, req.body),
  );

  app.delete(
    '/api/v1/quick-actions/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a quick action (admins); the requests and tasks it made stay',
        params,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await deleteQuickAction(req.asStaff(), req.params.id);
      return reply.status(204).send();
    },
  );

  const guestTags = ['guest', ...tags];
  app.get(
    '/api/v1/guest/quick-actions',
    {
      schema: {
        tags: guestTags,
        security: guestSecurity,
        summary: 'The hotel’s quick actions for this guest, titled in their language',
        response: { 200: GuestQuickActionList, ...errors(401, 403, 410) },
      },
    },
    async (req) => guestQuickActions(req.asGuest(), acceptedLanguages(req.headers['accept-language'])),
  );

  app.post(
    '/api/v1/guest/quick-actions/:id/request',
    {
      schema: {
        tags: guestTags,
        security: guestSecurity,
        summary:
          'Tap a quick action with its fields: one request message in the guest’s chat and, where set up, the task for its team at once. Sending the same clientId again answers the first request',
        params,
        body: RequestQuickActionRequest,
        response: { 200: QuickActionRequested, 201: QuickActionRequested, ...errors(400, 401, 403, 404, 410, 429) },
      },
    },
    async (req, reply) => {
      const answer = await requestQuickAction(
        req.asGuest(),
        req.params.id,
        req.body,
        acceptedLanguages(req.headers['accept-language']),
      );
      return reply.status(answer.duplicate ? 200 : 201).send(answer);
    },
  );
}
