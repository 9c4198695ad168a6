import type { DomainEventOf } from '@frontdesk/protocol';
import { and, asc, eq, inArray, isNotNull, isNull } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { Db } from '../../db/connection.js';
import { conversations, messages, stayGuests, workItems } from '../../db/schema.js';
import type { MailRequest } from './queue.js';

const FIRST_LINE_MAX = 120;

/**
 * After a stay ends (checked out, or its check-out time passed), each of its guests who asked for it
 * on their page (README "Stay summary e-mail") gets one e-mail: every request of theirs — when, the
 * first line they wrote, resolved or still open, their rating, the tasks done for it — in their
 * language. Only what the guest could read goes in: their own words, outcomes and task titles, never
 * a staff note. Keyed by stay and guest, so the stay's end seen twice (redelivery, or a second
 * check-out) still sends one.
 */
export async function staySummaries(db: Db, event: DomainEventOf<'stay.ended'>): Promise<MailRequest[]> {
  const guests = await db
    .select()
    .from(stayGuests)
    .where(and(eq(stayGuests.stayId, event.data.stayId), isNotNull(stayGuests.summaryEmail)));
  if (!guests.length) return [];
  const threads = await db
    .select()
    .from(conversations)
    .where(
      and(
        eq(conversations.stayId, event.data.stayId),
        inArray(
          conversations.guestId,
          guests.map((g) => g.id),
        ),
        // a request merged into another is told by the one it went into
        isNull(conversations.mergedIntoId),
      ),
    )
    .orderBy(asc(conversations.createdAt));
  const ids = threads.map((c) => c.id);
  const firstWords = new Map<string, string>();
  const done = new Map<string, string[]>();
  if (ids.length) {
    const said = await db
      .select({ conversationId: messages.conversationId, body: messages.body })
      .from(messages)
      .where(and(inArray(messages.conversationId, ids), eq(messages.senderType, 'guest'), isNull(messages.event)))
      .orderBy(asc(messages.seq));
    for (const m of said) if (!firstWords.has(m.conversationId)) firstWords.set(m.conversationId, firstLine(m.body));
    const tasks = await db
      .select({ conversationId: workItems.conversationId, title: workItems.title })
      .from(workItems)
      .where(and(inArray(workItems.conversationId, ids), eq(workItems.status, 'done')))
      .orderBy(asc(workItems.createdAt));
    for (const t of tasks)
      if (t.conversationId) done.set(t.conversationId, [...(done.get(t.conversationId) ?? []), t.title]);
  }
  const requests: MailRequest[] = [];
  for (const guest of guests) {
    const theirs = threads.filter((c) => c.guestId === guest.id);
    const address = guest.summaryEmail;
    if (!address || !theirs.length) continue;
    requests.push({
      key: `stay-summary:${event.data.stayId}:${guest.id}`,
      orgId: event.orgId,
      template: 'stay_summary',
      to: { address, name: guest.name, language: guest.language },
      params: (language, org) => ({
        name: guest.name,
        requests: theirs.map((c) => ({
          when: DateTime.fromJSDate(c.createdAt, { zone: org?.timezone ?? 'UTC' })
            .setLocale(language)
            .toFormat('ccc d LLL, HH:mm'),
          firstLine: firstWords.get(c.id) ?? '…',
          resolved: c.status === 'resolved',
          rating: c.rating,
          done: done.get(c.id) ?? [],
        })),
      }),
    } as MailRequest<'stay_summary'>);
  }
  return requests;
}

function firstLine(text: string): string {
  const line = text.trim().split('\n')[0]?.trim() ?? '';
  return line.length > FIRST_LINE_MAX ? `${line.slice(0, FIRST_LINE_MAX - 1)}…` : line || '…';
}
