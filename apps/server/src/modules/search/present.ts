import type { ConversationHit, ConversationStatus, MessageHit, SnippetPart, TagChip } from '@frontdesk/protocol';

/** The marks the database puts around hits (control characters, taken out of the text before). */
export const HIT_START = '\u0001';
export const HIT_END = '\u0002';
/** What stands in for `<` while the database cuts the snippet: its parser would drop anything like a tag. */
export const LESS_THAN = '\u0003';

/**
 * A snippet the database marked, as plain parts: the hits between the marks. Nothing here is HTML,
 * and nothing the writer typed can pass for a mark (the marks were taken out of the text first).
 */
export function snippetParts(marked: string): SnippetPart[] {
  const text = marked.replaceAll(LESS_THAN, '<');
  const parts: SnippetPart[] = [];
  let hit = false;
  // biome-ignore lint/suspicious/noControlCharactersInRegex: the marks are control characters on purpose
  for (const piece of text.split(/([\u0001\u0002])/)) {
    if (piece === HIT_START) hit = true;
    else if (piece === HIT_END) hit = false;
    else if (piece) {
      const last = parts.at(-1);
      if (last && last.hit === hit) last.text += piece;
      else parts.push({ text: piece, hit });
    }
  }
  return parts;
}

interface ConversationFields {
  id: string;
  status: string;
  guestName: string | null;
  visitorName: string | null;
  roomNumber: string | null;
  teamId: string | null;
  teamName: string | null;
  assigneeId: string | null;
  assigneeName: string | null;
  tags: TagChip[];
}

function presentConversationOf(r: ConversationFields) {
  return {
    id: r.id,
    status: r.status as ConversationStatus,
    contactName: r.guestName ?? r.visitorName,
    roomNumber: r.roomNumber,
    team: r.teamId && r.teamName ? { id: r.teamId, name: r.teamName } : null,
    assignee: r.assigneeId && r.assigneeName ? { id: r.assigneeId, name: r.assigneeName } : null,
    tags: r.tags ?? [],
  };
}

export function presentMessageHit(
  r: ConversationFields & {
    messageId: string;
    seq: number;
    senderType: string;
    senderName: string | null;
    createdAt: Date;
    snippet: string;
  },
): MessageHit {
  return {
    messageId: r.messageId,
    seq: r.seq,
    sender: { type: r.senderType, name: r.senderName },
    createdAt: r.createdAt.toISOString(),
    snippet: snippetParts(r.snippet),
    conversation: presentConversationOf(r),
  };
}

export function presentConversationHit(
  r: ConversationFields & { lastMessageAt: Date; byContact: boolean; byRoom: boolean },
): ConversationHit {
  return {
    ...presentConversationOf(r),
    matched: r.byContact ? 'contact' : r.byRoom ? 'room' : 'tag',
    lastMessageAt: r.lastMessageAt.toISOString(),
  };
}
