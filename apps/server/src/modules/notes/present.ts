import type { Mention, Note } from '@frontdesk/protocol';
import type { conversationNotes } from '../../db/schema.js';

export type NoteRow = typeof conversationNotes.$inferSelect;

export function presentNote(note: NoteRow, mentioned: { id: string; name: string }[]): Note {
  return {
    id: note.id,
    conversationId: note.conversationId,
    afterSeq: note.afterSeq,
    clientId: note.clientId,
    author: { id: note.authorId, name: note.authorName },
    text: note.body,
    mentioned,
    createdAt: note.createdAt.toISOString(),
  };
}

const SNIPPET_LENGTH = 140;

export interface MentionRow {
  id: string;
  conversationId: string;
  noteId: string;
  readAt: Date | null;
  createdAt: Date;
  authorId: string | null;
  authorName: string;
  body: string;
  guestName: string | null;
  visitorName: string | null;
  roomNumber: string | null;
}

export function presentMention(m: MentionRow): Mention {
  return {
    id: m.id,
    conversationId: m.conversationId,
    noteId: m.noteId,
    by: { id: m.authorId, name: m.authorName },
    snippet: m.body.length > SNIPPET_LENGTH ? `${m.body.slice(0, SNIPPET_LENGTH - 1)}…` : m.body,
    contactName: m.guestName ?? m.visitorName,
    roomNumber: m.roomNumber,
    read: m.readAt !== null,
    createdAt: m.createdAt.toISOString(),
  };
}
