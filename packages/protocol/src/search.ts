import { z } from 'zod';
import { ConversationStatus } from './chat.js';
import { Id, IsoDate } from './common.js';
import { TagChip } from './tags.js';

export const SearchQuery = z.object({
  q: z.string().trim().min(1, 'Type something to search for').max(200),
  status: ConversationStatus.optional(),
  teamId: Id.optional(),
  assigneeId: Id.optional(),
  tagId: Id.optional(),
  from: IsoDate.optional().describe('Messages written at or after this time'),
  to: IsoDate.optional().describe('Messages written before this time'),
  limit: z.coerce.number().int().min(1).max(50).default(20),
});
export type SearchQuery = z.infer<typeof SearchQuery>;

/**
 * A stretch of text: `hit` parts matched the search. Plain text, never HTML: clients render the
 * hits (e.g. as <mark>) themselves.
 */
export const SnippetPart = z.object({ text: z.string(), hit: z.boolean() });
export type SnippetPart = z.infer<typeof SnippetPart>;

const SearchConversation = z.object({
  id: Id,
  status: ConversationStatus,
  contactName: z.string().nullable(),
  roomNumber: z.string().nullable(),
  team: z.object({ id: Id, name: z.string() }).nullable(),
  assignee: z.object({ id: Id, name: z.string() }).nullable(),
  tags: z.array(TagChip),
});

export const MessageHit = z
  .object({
    messageId: Id,
    seq: z.number().int().describe('Open the conversation at this message'),
    sender: z.object({ type: z.string(), name: z.string().nullable() }),
    createdAt: IsoDate,
    snippet: z.array(SnippetPart),
    conversation: SearchConversation,
  })
  .meta({ id: 'MessageHit' });
export type MessageHit = z.infer<typeof MessageHit>;

export const ConversationHit = SearchConversation.extend({
  matched: z.enum(['contact', 'room', 'tag']).describe('What matched: the guest’s name, the room or a tag'),
  lastMessageAt: IsoDate,
}).meta({ id: 'ConversationHit' });
export type ConversationHit = z.infer<typeof ConversationHit>;

export const SearchResult = z.object({
  messages: z.array(MessageHit).describe('Newest first'),
  conversations: z.array(ConversationHit).describe('Conversations whose guest, room or tag matched; newest first'),
});
export type SearchResult = z.infer<typeof SearchResult>;
