import type { Message, MessageTranslation } from '@frontdesk/protocol';
import { and, desc, inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { messageTranslations } from '../../db/schema.js';
import type { ApiClientActor, GuestActor, StaffActor } from '../../platform/actor.js';
import { withReactions } from './reactions.js';
import { type MessageRow, presentMessage } from './views.js';

type Reader = StaffActor | GuestActor | ApiClientActor;

const isContact = (reader: Reader) => reader.kind === 'guest' || reader.kind === 'visitor';

/**
 * The machine translations of some messages for a reader's side (README "Translation"), in one
 * query: the desk sees every translation (of what the guest wrote, and of what the guest reads of
 * its replies); a guest only those of the desk's messages, into their language. Cached `same` rows
 * (nothing to translate) are left out.
 */
export async function translationsOf(
  db: Db,
  rows: MessageRow[],
  reader: Reader,
): Promise<Map<string, MessageTranslation>> {
  const found = new Map<string, MessageTranslation>();
  const ids = rows
    .filter((m) => m.event === null && (isContact(reader) ? m.senderType === 'staff' : true))
    .map((m) => m.id);
  if (!ids.length) return found;
  const cached = await db
    .select({
      messageId: messageTranslations.messageId,
      language: messageTranslations.language,
      status: messageTranslations.status,
      text: messageTranslations.text,
    })
    .from(messageTranslations)
    .where(
      and(inArray(messageTranslations.messageId, ids), inArray(messageTranslations.status, ['translated', 'failed'])),
    )
    .orderBy(desc(messageTranslations.createdAt));
  for (const t of cached)
    if (!found.has(t.messageId) && t.status !== 'same')
      found.set(t.messageId, { language: t.language, status: t.status, text: t.text });
  return found;
}

/**
 * A page of history or a sync answer as `reader` sees it: with reactions, and with translations
 * when translation is on (`translated`). One query each, none for an empty page.
 */
export async function presentShown(
  db: Db,
  rows: MessageRow[],
  reader: Reader,
  translated: boolean,
): Promise<Message[]> {
  const [shown, translations] = await Promise.all([
    withReactions(db, rows, reader),
    translated ? translationsOf(db, rows, reader) : new Map<string, MessageTranslation>(),
  ]);
  return shown.map((m) => presentMessage(m.row, m.reactions, translations.get(m.row.id)));
}
