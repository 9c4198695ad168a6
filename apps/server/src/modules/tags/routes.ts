import {
  Conversation,
  ConversationTagParams,
  CreateTagRequest,
  Tag,
  TagIdParams,
  TagList,
  UpdateTagRequest,
} from '@frontdesk/protocol';
import { z } from 'zod';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { presentStaffView } from '../conversations/index.js';
import { presentTag } from './present.js';
import { createTag, listTags, removeTag, tagConversation, untagConversation, updateTag } from './service.js';

export function registerTagRoutes(app: Api): void {
  const tags = ['tags'];
  const security = staffSecurity;

  app.get(
    '/api/v1/tags',
    {
      schema: {
        tags,
        security,
        summary: 'The organization’s tags, by name, with how many conversations carry each (reception, admins)',
        response: { 200: TagList, ...errors(401, 403) },
      },
    },
    async (req) => ({ tags: (await listTags(req.asStaff())).map((r) => presentTag(r.tag, r.conversations)) }),
  );

  app.post(
    '/api/v1/tags',
    {
      schema: {
        tags,
        security,
        summary: 'Add a tag with a colour (admins); names are unique in the organization, case aside',
        body: CreateTagRequest,
        response: { 201: Tag, ...errors(400, 401, 403, 409) },
      },
    },
    async (req, reply) => reply.status(201).send(presentTag(await createTag(req.asStaff(), req.body))),
  );

  app.patch(
    '/api/v1/tags/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Rename a tag or change its colour (admins)',
        params: TagIdParams,
        body: UpdateTagRequest,
        response: { 200: Tag, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => presentTag(await updateTag(req.asStaff(), req.params.id, req.body)),
  );

  app.delete(
    '/api/v1/tags/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Remove a tag, and take it off every conversation (admins)',
        params: TagIdParams,
        response: { 204: z.undefined(), ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      await removeTag(req.asStaff(), req.params.id);
      return reply.status(204).send();
    },
  );

  app.put(
    '/api/v1/conversations/:id/tags/:tagId',
    {
      schema: {
        tags,
        security,
        summary: 'Tag a conversation (the desk that sees it); tagging it again changes nothing',
        params: ConversationTagParams,
        response: { 200: Conversation, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await tagConversation(staff, req.params.id, req.params.tagId);
      return presentStaffView(staff.db, req.params.id);
    },
  );

  app.delete(
    '/api/v1/conversations/:id/tags/:tagId',
    {
      schema: {
        tags,
        security,
        summary: 'Take a tag off a conversation (the desk that sees it)',
        params: ConversationTagParams,
        response: { 200: Conversation, ...errors(400, 401, 403, 404, 409) },
      },
    },
    async (req) => {
      const staff = req.asStaff();
      await untagConversation(staff, req.params.id, req.params.tagId);
      return presentStaffView(staff.db, req.params.id);
    },
  );
}
