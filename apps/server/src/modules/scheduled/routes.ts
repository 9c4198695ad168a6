import {
  ConversationIdParams,
  EditScheduledMessageRequest,
  ScheduledMessage,
  ScheduledMessageList,
  ScheduledMessageParams,
  ScheduleMessageRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { cancelScheduled, editScheduled, listScheduled, scheduleMessage } from './service.js';

/** Send later: schedule, list, edit and cancel a reply of a conversation. */
export function registerScheduledRoutes(app: Api): void {
  const tags = ['conversations'];
  const security = staffSecurity;

  app.get(
    '/api/v1/conversations/:id/scheduled-messages',
    {
      schema: {
        tags,
        security,
        summary: 'Replies scheduled in the request that have not gone yet (and those that failed, with why)',
        params: ConversationIdParams,
        response: { 200: ScheduledMessageList, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({ scheduled: await listScheduled(req.asStaff(), req.params.id) }),
  );

  app.post(
    '/api/v1/conversations/:id/scheduled-messages',
    {
      schema: {
        tags,
        security,
        summary: 'Schedule a reply: it is sent at `sendAt` as you, as if you sent it then',
        params: ConversationIdParams,
        body: ScheduleMessageRequest,
        response: { 201: ScheduledMessage, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => reply.status(201).send(await scheduleMessage(req.asStaff(), req.params.id, req.body)),
  );

  app.patch(
    '/api/v1/conversations/:id/scheduled-messages/:scheduledId',
    {
      schema: {
        tags,
        security,
        summary: 'Change the text or the time of a scheduled reply before it goes (its author, or an admin)',
        params: ScheduledMessageParams,
        body: EditScheduledMessageRequest,
        response: { 200: ScheduledMessage, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => editScheduled(req.asStaff(), req.params.id, req.params.scheduledId, req.body),
  );

  app.delete(
    '/api/v1/conversations/:id/scheduled-messages/:scheduledId',
    {
      schema: {
        tags,
        security,
        summary: 'Cancel a scheduled reply before it goes (its author, or an admin)',
        params: ScheduledMessageParams,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req, reply) => {
      await cancelScheduled(req.asStaff(), req.params.id, req.params.scheduledId);
      return reply.status(204).send();
    },
  );
}
