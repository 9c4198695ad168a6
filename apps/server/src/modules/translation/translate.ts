import type { DomainEvent } from '@frontdesk/protocol';
import { and, eq, inArray, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import {
  conversations,
  customers,
  messages,
  messageTranslations,
  organizations,
  stayGuests,
  visitors,
} from '../../db/schema.js';
import type { LocalEvent } from '../../platform/events.js';
import { MAX_TEXTS_PER_CALL, type Translated, TranslationFailed, type Translator } from './providers.js';

/** A language code as the cache keeps it: its base, in lower case (`pt-BR` → `pt`). */
export const baseLanguage = (code: string | null | undefined): string | null =>
  code?.trim().toLowerCase().split(/[-_]/)[0] || null;

/** One message waiting for its translation, with what the fan-out needs. */
interface Wanted {
  messageId: string;
  orgId: string;
  text: string;
  target: string;
  forGuest: boolean;
  conversation: MessageTranslatedEvent['conversation'];
  conversationId: string;
}

type MessageTranslatedEvent = Extract<LocalEvent, { type: 'message.translated' }>;

/**
 * After a provider failure, further calls are not made for this long: the messages of an outage
 * are marked untranslated at once instead of each waiting out the timeout.
 */
export const PAUSE_AFTER_FAILURE_MS = 30_000;

/**
 * Translates what people wrote, off the send path, for the other side: a guest's (or visitor's)
 * message into the organization's language, a staff message into the guest's, when the two differ.
 * The original is never changed. Each (message, language) is translated once: what the cache holds
 * is not asked again (a redelivered event costs no provider call). A provider that fails or times
 * out leaves a `failed` row — the message is shown untranslated and marked — and the consumer goes
 * on: nothing waits for the provider, and no event is parked for it.
 */
export class MessageTranslator {
  private pausedUntil = 0;

  constructor(
    private readonly db: Db,
    private readonly translator: Translator,
    private readonly announce: (event: MessageTranslatedEvent) => void,
    private readonly onFailure: (err: unknown) => void = () => {},
  ) {}

  async handle(events: readonly DomainEvent[]): Promise<void> {
    const ids = events.flatMap((e) =>
      e.type === 'message.created' && e.data.event === null && e.data.sender.type !== 'system' && e.data.text.trim()
        ? [e.data.messageId]
        : [],
    );
    const wanted = await this.wanted(ids);
    const byLanguage = new Map<string, Wanted[]>();
    for (const w of wanted) byLanguage.set(w.target, [...(byLanguage.get(w.target) ?? []), w]);
    // languages side by side, so that a batch of the consumer (100 events) takes at most two
    // provider calls' time, well within the consumer's lease even when the provider is slow
    await Promise.all(
      [...byLanguage].map(async ([target, group]) => {
        for (let i = 0; i < group.length; i += MAX_TEXTS_PER_CALL) {
          const chunk = group.slice(i, i + MAX_TEXTS_PER_CALL);
          await this.store(chunk, await this.translate(chunk, target));
        }
      }),
    );
  }

  /** The provider's answers, or null when it failed (or is paused after a failure). */
  private async translate(chunk: Wanted[], target: string): Promise<Translated[] | null> {
    if (Date.now() < this.pausedUntil) return null;
    try {
      return await this.translator.translate(
        chunk.map((w) => w.text),
        target,
      );
    } catch (err) {
      if (!(err instanceof TranslationFailed)) throw err;
      this.pausedUntil = Date.now() + PAUSE_AFTER_FAILURE_MS;
      this.onFailure(err);
      return null;
    }
  }

  /** Caches the chunk's outcome and tells both sides of what was written now (not of what another delivery wrote). */
  private async store(chunk: Wanted[], answers: Translated[] | null): Promise<void> {
    const rows = chunk.map((w, i) => {
      const answer = answers?.[i];
      const status: 'translated' | 'failed' | 'same' = !answer
        ? 'failed'
        : answer.detected === w.target || answer.text.trim() === w.text.trim()
          ? 'same'
          : 'translated';
      return {
        orgId: w.orgId,
        messageId: w.messageId,
        language: w.target,
        status,
        text: status === 'translated' ? (answer?.text ?? null) : null,
        provider: this.translator.name,
      };
    });
    const written = await this.db
      .insert(messageTranslations)
      .values(rows)
      .onConflictDoNothing()
      .returning({ messageId: messageTranslations.messageId });
    const fresh = new Set(written.map((r) => r.messageId));
    for (const [i, w] of chunk.entries()) {
      const row = rows[i];
      if (!row || row.status === 'same' || !fresh.has(w.messageId)) continue;
      this.announce({
        type: 'message.translated',
        orgId: w.orgId,
        conversation: w.conversation,
        forGuest: w.forGuest,
        notice: {
          conversationId: w.conversationId,
          messageId: w.messageId,
          translation: { language: w.target, status: row.status, text: row.text },
        },
      });
    }
  }

  /**
   * The messages among `ids` that need a translation not cached yet: each with the language of the
   * other side. A guest's language is their stay's, a verified customer's their record's; an anonymous
   * visitor's is unknown, so nothing of theirs is translated.
   */
  private async wanted(ids: string[]): Promise<Wanted[]> {
    if (!ids.length) return [];
    const rows = await this.db
      .select({
        messageId: messages.id,
        orgId: messages.orgId,
        senderType: messages.senderType,
        text: messages.body,
        conversationId: conversations.id,
        teamId: conversations.teamId,
        assigneeId: conversations.assigneeId,
        guestId: conversations.guestId,
        visitorId: conversations.visitorId,
        desk: organizations.language,
        guest: sql<string | null>`coalesce(${stayGuests.language}, ${customers.language})`,
        cached: sql<
          string[]
        >`array(select ${messageTranslations.language} from ${messageTranslations} where ${messageTranslations.messageId} = ${messages.id})`,
      })
      .from(messages)
      .innerJoin(conversations, eq(conversations.id, messages.conversationId))
      .innerJoin(organizations, eq(organizations.id, messages.orgId))
      .leftJoin(stayGuests, eq(stayGuests.id, conversations.guestId))
      .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
      .leftJoin(customers, eq(customers.id, visitors.customerId))
      .where(and(inArray(messages.id, ids), isNull(messages.event)));
    return rows.flatMap((r) => {
      const guest = baseLanguage(r.guest);
      const desk = baseLanguage(r.desk);
      if (!guest || !desk || guest === desk) return [];
      const forGuest = r.senderType === 'staff';
      const target = forGuest ? guest : desk;
      if (r.cached.includes(target)) return [];
      return [
        {
          messageId: r.messageId,
          orgId: r.orgId,
          text: r.text,
          target,
          forGuest,
          conversationId: r.conversationId,
          conversation: {
            orgId: r.orgId,
            teamId: r.teamId,
            assigneeId: r.assigneeId,
            guestId: r.guestId,
            visitorId: r.visitorId,
          },
        },
      ];
    });
  }
}
