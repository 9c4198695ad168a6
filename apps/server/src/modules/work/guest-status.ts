import { eq } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations } from '../../db/schema.js';
import { languageOf } from '../../platform/i18n.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { appendMessage, messageCreated } from '../conversations/index.js';
import type { WorkItemRow } from './present.js';
import { guestStatusStrings } from './strings.js';
import { clockTime, dueText, windowText } from './times.js';

export type GuestNotice = 'created' | 'scheduled' | 'rescheduled' | 'in_progress' | 'done' | 'cancelled';

/** The organization's clock and language, which the guest's status lines are written in. */
export async function orgLocale(db: Db, orgId: string) {
  const [org] = await db
    .select({ timeZone: organizations.timezone, language: organizations.language })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return { timeZone: org?.timeZone ?? 'UTC', language: languageOf(org?.language) };
}

/** The line the guest reads for a move of the item, or null when the move is nothing to tell them. */
export function guestLine(
  item: WorkItemRow,
  notice: GuestNotice,
  locale: Awaited<ReturnType<typeof orgLocale>>,
): string | null {
  const s = guestStatusStrings[locale.language];
  const when =
    item.windowStart && item.windowEnd
      ? windowText(item.windowStart, item.windowEnd, locale.timeZone, locale.language)
      : item.dueAt
        ? dueText(item.dueAt, locale.timeZone, locale.language)
        : null;
  switch (notice) {
    case 'created':
      return item.status === 'scheduled' && when ? guestLine(item, 'scheduled', locale) : s.created;
    case 'scheduled':
      if (!when) return null;
      return item.kind === 'work_order' ? s.bookedVisit(when) : s.planned(when);
    case 'rescheduled':
      if (!when || item.status === 'done' || item.status === 'cancelled') return null;
      return item.kind === 'work_order' ? s.rescheduledVisit(when) : s.planned(when);
    case 'in_progress':
      return s.onItsWay;
    case 'done':
      return s.doneAt(clockTime(item.doneAt ?? new Date(), locale.timeZone));
    case 'cancelled':
      return s.cancelled;
  }
}

/**
 * Tells the contact of the item's conversation how their request stands, as a system line of their
 * chat written in the caller's transaction: the status only, never notes, checklist or names.
 */
export async function tellGuest(tx: ServiceContext, item: WorkItemRow, notice: GuestNotice): Promise<void> {
  if (!item.conversationId) return;
  const text = guestLine(item, notice, await orgLocale(tx.db, item.orgId));
  if (!text) return;
  const { message } = await appendMessage(tx.db, item.conversationId, {
    senderType: 'system',
    senderId: null,
    senderName: null,
    senderKey: null,
    clientId: null,
    body: text,
    event: 'work_status',
  });
  tx.announce(messageCreated(message));
}
