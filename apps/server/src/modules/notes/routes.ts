import {
  ConversationIdParams,
  CreateNoteRequest,
  MarkMentionsReadRequest,
  MarkMentionsReadResult,
  MentionPage,
  MentionsQuery,
  Note,
  NoteList,
} from '@frontdesk/protocol';
import { type Api, errors, staffSecurity } from '../../platform/api.js';
import { presentMention, presentNote } from './present.js';
import { createNote, listMentions, listNotes, markMentionsRead } from './service.js';

export function registerNoteRoutes(app: Api): void {
  const tags = ['notes'];
  const security = staffSecurity;

  app.get(
    '/api/v1/conversations/:id/notes',
    {
      schema: {
        tags,
        security,
        summary: 'The internal notes of a conversation (staff only; never shown to the guest)',
        params: ConversationIdParams,
        response: { 200: NoteList, ...errors(400, 401, 403, 404) },
      },
    },
    async (req) => {
      const { notes, mentioned } = await listNotes(req.asStaff(), req.params.id);
      return { notes: notes.map((n) => presentNote(n, mentioned.get(n.id) ?? [])) };
    },
  );

  app.post(
    '/api/v1/conversations/:id/notes',
    {
      schema: {
        tags,
        security,
        summary:
          'Write an internal note: the desk sees it, the guest never does; `@Full Name` tells that colleague (reception, admins)',
        params: ConversationIdParams,
        body: CreateNoteRequest,
        response: { 200: Note, 201: Note, ...errors(400, 401, 403, 404) },
      },
    },
    async (req, reply) => {
      const created = await createNote(req.asStaff(), req.params.id, req.body);
      return reply.status(created.duplicate ? 200 : 201).send(presentNote(created.note, created.mentioned));
    },
  );

  app.get(
    '/api/v1/me/mentions',
    {
      schema: {
        tags,
        security,
        summary: 'Where colleagues mentioned me in notes, newest first, with how many are unread',
        querystring: MentionsQuery,
        response: { 200: MentionPage, ...errors(400, 401, 403) },
      },
    },
    async (req) => {
      const page = await listMentions(req.asStaff(), req.query);
      return { mentions: page.mentions.map(presentMention), unread: page.unread, nextBefore: page.nextBefore };
    },
  );

  app.post(
    '/api/v1/me/mentions/read',
    {
      schema: {
        tags,
        security,
        summary: 'Mark some of my mentions read (all without `ids`)',
        body: MarkMentionsReadRequest,
        response: { 200: MarkMentionsReadResult, ...errors(400, 401, 403) },
      },
    },
    async (req) => ({ unread: await markMentionsRead(req.asStaff(), req.body.ids) }),
  );
}
