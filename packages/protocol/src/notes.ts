import { z } from 'zod';
import { MAX_ATTACHMENTS_PER_MESSAGE } from './attachment-types.js';
import { Attachment } from './attachments.js';
import { ClientId, Conversation } from './chat.js';
import { Id, IsoDate, Language } from './common.js';

export const MAX_NOTE_LENGTH = 4000;

/**
 * An internal note: written by staff inside a conversation, seen by the staff who see the
 * conversation, never by its guest (not live, not in sync, history or any export). `afterSeq`
 * places it in the thread, after the message of that seq.
 */
export const Note = z
  .object({
    id: Id,
    conversationId: Id,
    afterSeq: z.number().int().min(0),
    clientId: z.string(),
    author: z.object({ id: Id.nullable(), name: z.string() }),
    text: z.string(),
    mentioned: z.array(z.object({ id: Id, name: z.string() })).describe('The staff the note named with @name'),
    createdAt: IsoDate,
  })
  .meta({ id: 'Note' });
export type Note = z.infer<typeof Note>;

export const CreateNoteRequest = z.strictObject({
  clientId: ClientId,
  text: z
    .string()
    .trim()
    .min(1, 'Type a note')
    .max(MAX_NOTE_LENGTH, `At most ${MAX_NOTE_LENGTH} characters`)
    .describe(
      '`@Full Name` of a colleague who may see the conversation mentions them: they are told at once and find it in their mentions',
    ),
});
export type CreateNoteRequest = z.infer<typeof CreateNoteRequest>;

export const NoteList = z.object({ notes: z.array(Note).describe('Oldest first; at most the latest 500') });

/** Someone named the staff member in a note. */
export const Mention = z
  .object({
    id: Id,
    conversationId: Id,
    noteId: Id,
    by: z.object({ id: Id.nullable(), name: z.string() }),
    snippet: z.string().describe('The start of the note'),
    contactName: z.string().nullable(),
    roomNumber: z.string().nullable(),
    read: z.boolean(),
    createdAt: IsoDate,
  })
  .meta({ id: 'Mention' });
export type Mention = z.infer<typeof Mention>;

export const MentionsQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  before: IsoDate.optional().describe('Mentions older than this (the last createdAt of the page before)'),
  unread: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional()
    .describe('Only unread ones'),
});
export const MentionPage = z.object({
  mentions: z.array(Mention).describe('Newest first'),
  unread: z.number().int().describe('How many of all the mentions are unread'),
  nextBefore: IsoDate.nullable(),
});
export type MentionPage = z.infer<typeof MentionPage>;
export const MentionIdParams = z.object({ id: Id });
export const MarkMentionsReadRequest = z.strictObject({
  ids: z.array(Id).min(1).max(100).optional().describe('These mentions; all of them when left out'),
});
export const MarkMentionsReadResult = z.object({ unread: z.number().int() });

/** Server → staff socket: a note in a conversation they see. */
export const NoteNotice = z.object({ note: Note });
/** Server → the mentioned staff member's sockets. */
export const MentionNotice = z.object({ mention: Mention, unread: z.number().int() });

// ---- canned responses ----

export const CANNED_VARIABLES = ['guest.name', 'room', 'agent.name', 'org.name'] as const;

export const CannedShortcut = z
  .string()
  .trim()
  .toLowerCase()
  .min(1)
  .max(32)
  .regex(/^[^\s/]+$/, 'One word, without spaces or /');
const CannedText = z.string().trim().min(1).max(MAX_NOTE_LENGTH);
const CannedVariants = z
  .partialRecord(Language, CannedText)
  .describe('The text in other languages: the guest’s language is used when there is one');

export const CannedScope = z.enum(['shared', 'personal']);
export type CannedScope = z.infer<typeof CannedScope>;

export const CannedResponse = z
  .object({
    id: Id,
    scope: CannedScope.describe('shared: the organization’s, kept by admins; personal: the staff member’s own'),
    shortcut: z.string(),
    title: z.string(),
    text: z.string(),
    variants: z.record(z.string(), z.string()),
    filled: z
      .string()
      .nullable()
      .describe(
        'With `conversationId`: the text in the guest’s language, with {{guest.name}}, {{room}}, {{agent.name}} and {{org.name}} filled in',
      ),
    attachments: z
      .array(Attachment)
      .describe(
        'Files that go with it: using it copies them into uploads of my own for the message (…/attachments/copies)',
      ),
    canEdit: z.boolean(),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'CannedResponse' });
export type CannedResponse = z.infer<typeof CannedResponse>;

const CannedAttachmentIds = z
  .array(Id)
  .max(MAX_ATTACHMENTS_PER_MESSAGE, `At most ${MAX_ATTACHMENTS_PER_MESSAGE} files`)
  .refine((ids) => new Set(ids).size === ids.length, 'Each file once')
  .describe(
    'All of its files, in order: ones it has already, and my own uploads (POST /api/v1/attachments) not sent yet; one left out is removed',
  );

export const CreateCannedResponseRequest = z.strictObject({
  scope: CannedScope.default('personal'),
  shortcut: CannedShortcut,
  title: z.string().trim().min(1).max(100),
  text: CannedText,
  variants: CannedVariants.default({}),
  attachmentIds: CannedAttachmentIds.default([]),
});
export type CreateCannedResponseRequest = z.input<typeof CreateCannedResponseRequest>;
export const UpdateCannedResponseRequest = z.strictObject({
  shortcut: CannedShortcut.optional(),
  title: z.string().trim().min(1).max(100).optional(),
  text: CannedText.optional(),
  variants: CannedVariants.optional(),
  attachmentIds: CannedAttachmentIds.optional(),
});
export type UpdateCannedResponseRequest = z.input<typeof UpdateCannedResponseRequest>;
export const CannedResponseIdParams = z.object({ id: Id });
export const CannedResponsesQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Matches the shortcut (from its start) or the title and text'),
  scope: CannedScope.optional(),
  conversationId: Id.optional().describe('Fill in the variables for this conversation'),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export const CannedResponseList = z.object({ cannedResponses: z.array(CannedResponse) });
/** A canned response's files copied as my own uploads: the ids a send names in `attachmentIds`. */
export const CannedAttachmentCopies = z
  .object({ attachments: z.array(Attachment) })
  .meta({ id: 'CannedAttachmentCopies' });

/** How many internal notes a conversation has, and its newest (shortened), for the contact's history beside a request. */
export const NotesSummary = z
  .object({
    count: z.number().int().min(0),
    latest: z
      .object({
        authorName: z.string(),
        text: z.string().describe('Its first 280 characters'),
        createdAt: IsoDate,
      })
      .nullable(),
  })
  .meta({ id: 'NotesSummary' });
export type NotesSummary = z.infer<typeof NotesSummary>;

/**
 * One of the contact's other requests as the desk sees it beside the current one: the request
 * (with its tags and rating) and its notes at a glance. Staff only: no guest route answers it.
 */
export const PastConversation = Conversation.extend({ notes: NotesSummary }).meta({ id: 'PastConversation' });
export type PastConversation = z.infer<typeof PastConversation>;

/** A visitor's (a service company's customer's) requests, newest first. */
export const VisitorHistory = z.object({ conversations: z.array(PastConversation) }).meta({ id: 'VisitorHistory' });
export type VisitorHistory = z.infer<typeof VisitorHistory>;
export const VisitorIdParams = z.object({ id: Id });
