import {
  CannedAttachmentCopies,
  CannedResponse,
  CannedResponseIdParams,
  CannedResponseList,
  CannedResponsesQuery,
  CreateCannedResponseRequest,
  UpdateCannedResponseRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { presentCanned } from './present.js';
import { copyCannedFiles, createCanned, getCanned, listCanned, removeCanned, updateCanned } from './service.js';

export function registerCannedRoutes(app: Api): void {
  const tags = ['canned responses'];
  const security = staffSecurity;

  app.get(
    '/api/v1/canned-responses',
    {
      schema: {
        tags,
        security,
        summary:
          'The shared canned responses and my own, searched by shortcut and text; with `conversationId`, filled in for its guest',
        querystring: CannedResponsesQuery,
        response: { 200: CannedResponseList, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      const { rows, filled } = await listCanned(staff, req.query);
      return { cannedResponses: rows.map((r) => presentCanned(r, staff.actor, filled.get(r.id) ?? null)) };
    },
  );

  app.post(
    '/api/v1/canned-responses',
    {
      schema: {
        tags,
        security,
        summary: 'Add a canned response: a shared one (admins) or one of my own, with files I uploaded',
        body: CreateCannedResponseRequest,
        response: { 201: CannedResponse, ...errors(400, 401, 403, 409, 413) },
      },
    },
    async (req, reply) => {
      const staff = req.asStaff();
      return reply.status(201).send(presentCanned(await createCanned(staff, req.body), staff.actor));
    },
  );

  app.get(
    '/api/v1/canned-responses/:id',
    {
      schema: {
        tags,
        security,
        summary: 'One canned response (shared, or my own)',
        params: CannedResponseIdParams,
        response: { 200: CannedResponse, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      return presentCanned(await getCanned(staff, req.params.id), staff.actor);
    },
  );

  app.post(
    '/api/v1/canned-responses/:id/attachments/copies',
    {
      schema: {
        tags,
        security,
        summary:
          'Copy a canned response’s files as uploads of my own, for the message I am writing with it: send names them in `attachmentIds`',
        params: CannedResponseIdParams,
        response: { 201: CannedAttachmentCopies, ...errors(400, 401, 403, 404, 409, 429) },
      },
    },
    async (req, reply) => reply.status(201).send({ attachments: await copyCannedFiles(req.asStaff(), req.params.id) }),
  );

  app.patch(
    '/api/v1/canned-responses/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Change a canned response: shared ones admins, my own me',
        params: CannedResponseIdParams,
        body: UpdateCannedResponseRequest,
        response: { 200: CannedResponse, ...errors(400, 401, 403, 404, 409, 413) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      return presentCanned(await updateCanned(staff, req.params.id, req.body), staff.actor);
    },
  );

  app.delete(
    '/api/v1/canned-responses/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a canned response: shared ones admins, my own me',
        params: CannedResponseIdParams,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeCanned(req.asStaff(), req.params.id);
      return reply.status(204).send();
    },
  );
}
