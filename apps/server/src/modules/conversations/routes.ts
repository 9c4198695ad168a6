import {
  ApiSendMessageRequest,
  ApiSendMessageResult,
  AssignRequest,
  Conversation,
  ConversationIdParams,
  ConversationListQuery,
  ConversationPage,
  GuestHistory,
  HandOverRequest,
  HandOverResult,
  MessagePage,
  MessagesQuery,
  PastConversation,
  RateRequest,
  SetPriorityRequest,
  StaffIdParams,
  StayGuestParams,
  StayIdParams,
  TransferRequest,
  VisitorHistory,
  VisitorIdParams,
} from '@frontdesk/protocol';
import { z } from 'zod';
import type { ApiClientActor, StaffActor } from '../../platform/actor.js';
import { type Api, errors, staffOrKeySecurity, staffSecurity } from '../../platform/api.js';
import type { AppContext } from '../../platform/context.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { registerConversationExportRoutes } from './export-routes.js';
import { registerMergeRoutes } from './merge-routes.js';
import {
  earlierStaysOf,
  getForGuest,
  getForStaff,
  guestConversations,
  history,
  listForStaff,
  stayConversations,
  visitorHistory,
} from './queries.js';
import { sendAsApiClient, sendAsStaff } from './send.js';
import {
  assignConversation,
  rateConversation,
  resolveConversation,
  setConversationPriority,
  takeConversation,
} from './service.js';
import { presentShown } from './shown.js';
import { handOverAll, transferConversation } from './transfer.js';
import { presentConversation, presentMessage, presentPastConversation, presentStaffView } from './views.js';

const guestSecurity: { [scheme: string]: string[] }[] = [{ guestCookie: [] }, { bearerAuth: [] }];

/** REST doors to the same services the socket handlers call. */
export function registerConversationRoutes(app: Api, ctx: AppContext): void {
  const { db } = ctx;
  const tags = ['conversations'];
  const security = staffSecurity;
  const staffView = (id: string) => presentStaffView(db, id);
  const readSecurity = staffOrKeySecurity('conversations:read');

  app.get(
    '/api/v1/conversations',
    {
      schema: {
        tags,
        security: readSecurity,
        summary: 'The inbox: queued, open (mine or all) or resolved, newest activity first, with counts',
        querystring: ConversationListQuery,
        response: { 200: ConversationPage, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const page = await listForStaff(req.asStaffOrApiClient('conversations:read'), req.query);
      return {
        conversations: page.views.map((v) => presentConversation(v, 'staff')),
        counts: page.counts,
        nextBefore: page.nextBefore,
      };
    },
  );

  app.get(
    '/api/v1/conversations/:id',
    {
      schema: {
        tags,
        security: readSecurity,
        summary: 'One conversation',
        params: ConversationIdParams,
        response: { 200: Conversation, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) =>
      presentConversation(await getForStaff(req.asStaffOrApiClient('conversations:read'), req.params.id), 'staff'),
  );

  app.get(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags,
        security: readSecurity,
        summary: 'History by sequence number: `after` to catch up (the REST twin of `sync`), `before` to scroll up',
        params: ConversationIdParams,
        querystring: MessagesQuery,
        response: { 200: MessagePage, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const reader = req.asStaffOrApiClient('conversations:read');
      await getForStaff(reader, req.params.id);
      const page = await history(db, req.params.id, req.query);
      const shown = await presentShown(db, page.messages, reader.actor, !!ctx.config.translation);
      return { messages: shown, hasMore: page.hasMore };
    },
  );

  app.post(
    '/api/v1/conversations/:id/messages',
    {
      schema: {
        tags,
        security: staffOrKeySecurity('messages:send'),
        summary:
          'Send a message (the REST twin of the socket `send`): a retry with the same `clientId` stores nothing new and answers 200 with the first message. With an API key it is signed with the organization’s name',
        params: ConversationIdParams,
        body: ApiSendMessageRequest,
        response: { 200: ApiSendMessageResult, 201: ApiSendMessageResult, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (req, reply) => {
      const sender = req.asStaffOrApiClient('messages:send');
      const input = { ...req.body, conversationId: req.params.id };
      const sent =
        sender.actor.kind === 'api_client'
          ? await sendAsApiClient(sender as ServiceContext<ApiClientActor>, input)
          : await sendAsStaff(sender as ServiceContext<StaffActor>, input);
      return reply.status(sent.duplicate ? 200 : 201).send({
        message: presentMessage(sent.message),
        conversation: sent.view ? presentConversation(sent.view, 'staff') : await staffView(sent.conversationId),
        duplicate: sent.duplicate,
      });
    },
  );

  for (const action of ['take', 'resolve'] as const) {
    app.post(
      `/api/v1/conversations/:id/${action}`,
      {
        schema: {
          tags,
          security,
          summary:
            action === 'take' ? 'Take a queued request (one of two racing staff wins)' : 'Mark the request resolved',
          params: ConversationIdParams,
          response: { 200: Conversation, ...errors(400, 401, 403, 404, 409) },
        },
      },
      async (req) =>
        action === 'take'
          ? presentConversation(await takeConversation(req.asStaff(), req.params.id), 'staff')
          : staffView((await resolveConversation(req.asStaff(), req.params.id)).id),
    );
  }

  app.post(
    '/api/v1/conversations/:id/assign',
    {
      schema: {
        tags,
        security,
        summary: 'Hand the request to a colleague (admins; or the assignee)',
        params: ConversationIdParams,
        body: AssignRequest,
        response: { 200: Conversation, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => staffView((await assignConversation(req.asStaff(), req.params.id, req.body.userId)).id),
  );

  app.post(
    '/api/v1/conversations/:id/transfer',
    {
      schema: {
        tags,
        security,
        summary:
          'Transfer the request to a colleague, a team’s queue, or a colleague in a team, with a note for them (admins; the assignee; anyone at the desk for a request nobody took)',
        params: ConversationIdParams,
        body: TransferRequest,
        response: { 200: Conversation, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => staffView((await transferConversation(req.asStaff(), req.params.id, req.body)).id),
  );

  app.post(
    '/api/v1/me/handover',
    {
      schema: {
        tags,
        security,
        summary:
          'End a shift: hand over all my open requests, each back to its team’s queue (automatic teams give them out at once) or to one colleague',
        body: HandOverRequest,
        response: { 200: HandOverResult, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      return { handedOver: await handOverAll(staff, staff.actor.userId, req.body) };
    },
  );

  app.post(
    '/api/v1/staff/:id/handover',
    {
      schema: {
        tags,
        security,
        summary: 'Hand over all open requests of a staff member, back to their queues or to one colleague (admins)',
        params: StaffIdParams,
        body: HandOverRequest,
        response: { 200: HandOverResult, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({ handedOver: await handOverAll(req.asStaff(), req.params.id, req.body) }),
  );

  app.put(
    '/api/v1/conversations/:id/priority',
    {
      schema: {
        tags,
        security,
        summary: 'Set how urgent the request is: the queue shows the most urgent first (reception, admins)',
        params: ConversationIdParams,
        body: SetPriorityRequest,
        response: { 200: Conversation, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => staffView((await setConversationPriority(req.asStaff(), req.params.id, req.body.priority)).id),
  );

  app.get(
    '/api/v1/stays/:id/conversations',
    {
      schema: {
        tags,
        security,
        summary: 'Every request of a stay',
        params: StayIdParams,
        response: { 200: z.array(Conversation), ...errors(400, 401, 403) },
      },
    },
    async (req) => (await stayConversations(req.asStaff(), req.params.id)).map((v) => presentConversation(v, 'staff')),
  );

  app.get(
    '/api/v1/stays/:id/guests/:guestId/history',
    {
      schema: {
        tags,
        security,
        summary:
          'The guest’s requests from earlier stays, newest first (at most 50), with their tags and notes at a glance: the same person by e-mail, else by phone',
        params: StayGuestParams,
        response: {
          200: GuestHistory.extend({ conversations: z.array(PastConversation) }),
          ...errors(400, 401, 403, 404),
        },
      },
    },
    async (req) => {
      const { matchedBy, stays, views } = await earlierStaysOf(req.asStaff(), req.params.id, req.params.guestId);
      return { matchedBy, stays, conversations: views.map(presentPastConversation) };
    },
  );

  app.get(
    '/api/v1/visitors/:id/history',
    {
      schema: {
        tags,
        security,
        summary:
          'A visitor’s (a customer’s) requests, newest first (at most 50), with their tags and notes at a glance',
        params: VisitorIdParams,
        response: { 200: VisitorHistory, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => ({
      conversations: (await visitorHistory(req.asStaff(), req.params.id)).map(presentPastConversation),
    }),
  );

  const guestTags = ['guest'];
  app.get(
    '/api/v1/guest/conversations',
    {
      schema: {
        tags: guestTags,
        security: guestSecurity,
        summary: 'The guest’s requests of this stay',
        response: { 200: z.array(Conversation), ...errors(401, 410) },
      },
    },
    async (req) => (await guestConversations(req.asGuest())).map((v) => presentConversation(v, 'guest')),
  );

  app.get(
    '/api/v1/guest/conversations/:id/messages',
    {
      schema: {
        tags: guestTags,
        security: guestSecurity,
        summary: 'History of one of the guest’s requests',
        params: ConversationIdParams,
        querystring: MessagesQuery,
        response: { 200: MessagePage, ...errors(400, 401, 404, 410) },
      },
    },
    async (req) => {
      const guest = req.asGuest();
      await getForGuest(guest, req.params.id);
      const page = await history(db, req.params.id, req.query);
      const shown = await presentShown(db, page.messages, guest.actor, !!ctx.config.translation);
      return { messages: shown, hasMore: page.hasMore };
    },
  );

  app.post(
    '/api/v1/guest/conversations/:id/rating',
    {
      schema: {
        tags: guestTags,
        security: guestSecurity,
        summary: 'Rate a resolved request, 1–5 stars with an optional comment, once',
        params: ConversationIdParams,
        body: RateRequest,
        response: { 200: Conversation, ...errors(400, 401, 403, 404, 409, 410) },
      },
    },
    async (req) => {
      const guest = req.asGuest();
      const rated = await rateConversation(guest, req.params.id, req.body);
      return presentConversation(await getForGuest(guest, rated.id), 'guest');
    },
  );

  registerMergeRoutes(app, ctx);
  registerConversationExportRoutes(app);
}
