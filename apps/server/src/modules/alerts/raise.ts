import type { AlertKind, DomainEvent, DomainEventOf, DomainEventType } from '@frontdesk/protocol';
import { and, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import {
  type AlertDetail,
  alerts,
  conversations,
  messages,
  organizations,
  stayGuests,
  teams,
  users,
} from '../../db/schema.js';
import type { SystemActor } from '../../platform/actor.js';
import { type Language, languageOf } from '../../platform/i18n.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { loadConversationView } from '../conversations/index.js';
import { MOOD_MESSAGES, moodScore, NEGATIVE_MOOD_AT } from './sentiment.js';
import { type AlertRules, loadAlertRules } from './settings.js';
import { findAlertWord } from './words.js';

/** The events the alerts consumer reads. */
export const alertCauses: DomainEventType[] = ['message.created', 'conversation.rated', 'conversation.sla_breached'];

interface Candidate {
  kind: AlertKind;
  detail: Omit<AlertDetail, 'contactName' | 'roomNumber' | 'teamName'>;
}

const fromGuestSide = (type: string) => type === 'guest' || type === 'visitor';

/**
 * What raising alerts reads besides the event: an organization's rules and a conversation's
 * language, each read once for a whole batch of events (the consumer reads every guest message).
 */
export class AlertLookups {
  private readonly rules = new Map<string, Promise<AlertRules>>();
  private readonly languages = new Map<string, Language>();

  constructor(private readonly db: Db) {}

  rulesOf(orgId: string): Promise<AlertRules> {
    let rules = this.rules.get(orgId);
    if (!rules) {
      rules = loadAlertRules(this.db, orgId);
      this.rules.set(orgId, rules);
    }
    return rules;
  }

  /** The language the guest of a conversation writes: the guest's own, else the organization's. */
  async languageOf(conversationId: string): Promise<Language> {
    const known = this.languages.get(conversationId);
    if (known) return known;
    await this.loadLanguages([conversationId]);
    return this.languages.get(conversationId) ?? languageOf();
  }

  /** Reads, in one query, the languages of the conversations whose guest messages may be scored. */
  async prepare(events: readonly DomainEvent[]): Promise<void> {
    const scored: string[] = [];
    for (const event of events) {
      if (!event.orgId || !fromGuestMessage(event)) continue;
      if ((await this.rulesOf(event.orgId)).sentiment) scored.push(event.data.conversationId);
    }
    await this.loadLanguages(scored.filter((id) => !this.languages.has(id)));
  }

  private async loadLanguages(conversationIds: string[]): Promise<void> {
    if (!conversationIds.length) return;
    const rows = await this.db
      .select({ id: conversations.id, guest: stayGuests.language, org: organizations.language })
      .from(conversations)
      .innerJoin(organizations, eq(organizations.id, conversations.orgId))
      .leftJoin(stayGuests, eq(stayGuests.id, conversations.guestId))
      .where(inArray(conversations.id, [...new Set(conversationIds)]));
    for (const row of rows) this.languages.set(row.id, languageOf(row.guest, row.org));
  }
}

/** A message the guest (or visitor) wrote, not an event line. */
function fromGuestMessage(event: DomainEvent): event is DomainEventOf<'message.created'> {
  return event.type === 'message.created' && fromGuestSide(event.data.sender.type) && !event.data.event;
}

/** What an event should raise under the organization's rules (before the cool-down). */
async function alertsOf(db: Db, event: DomainEvent, rules: AlertRules, lookups: AlertLookups): Promise<Candidate[]> {
  switch (event.type) {
    case 'conversation.rated':
      return rules.ratingThreshold > 0 && event.data.rating <= rules.ratingThreshold
        ? [{ kind: 'low_rating', detail: { rating: event.data.rating } }]
        : [];
    case 'conversation.sla_breached':
      return [{ kind: 'sla_breach', detail: { targetMinutes: event.data.targetMinutes } }];
    case 'message.created': {
      if (!fromGuestMessage(event)) return [];
      const found: Candidate[] = [];
      const word = findAlertWord(event.data.text, rules.words);
      if (word) found.push({ kind: 'alarming_word', detail: { word } });
      if (rules.sentiment) {
        const language = await lookups.languageOf(event.data.conversationId);
        const score = await moodOf(db, language, event.data.conversationId, event.data.seq, event.data.text);
        if (score !== null) found.push({ kind: 'negative_mood', detail: { score } });
      }
      return found;
    }
    default:
      return [];
  }
}

/**
 * The score of the guest's latest messages (up to MOOD_MESSAGES, this one included) in the guest's
 * language when it is clearly negative and this message is itself negative — the mood turned now;
 * else null.
 */
async function moodOf(db: Db, language: Language, conversationId: string, seq: number, text: string) {
  const latest = moodScore(text, language);
  if (latest >= 0) return null;
  const earlier = await db
    .select({ body: messages.body })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        sql`${messages.seq} < ${seq}`,
        inArray(messages.senderType, ['guest', 'visitor']),
        sql`${messages.event} is null`,
      ),
    )
    .orderBy(desc(messages.seq))
    .limit(MOOD_MESSAGES - 1);
  let score = latest;
  for (const m of earlier) score += moodScore(m.body, language);
  return score <= NEGATIVE_MOOD_AT ? score : null;
}

/** Who is told of an alert: the active admins, and the active duty manager of the request's team. */
async function recipientsOf(db: Db, orgId: string, teamId: string | null): Promise<string[]> {
  const admins = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.orgId, orgId), eq(users.role, 'admin'), eq(users.active, true)))
    .orderBy(users.id);
  const ids = admins.map((a) => a.id);
  if (teamId) {
    const [manager] = await db
      .select({ id: users.id })
      .from(teams)
      .innerJoin(users, eq(users.id, teams.dutyManagerId))
      .where(and(eq(teams.id, teamId), eq(teams.orgId, orgId), eq(users.active, true)));
    if (manager && !ids.includes(manager.id)) ids.push(manager.id);
  }
  return ids;
}

/**
 * Raises the alerts an event calls for, each in a transaction with its `alert.raised`: none twice for
 * one event (the unique (event, kind) index; a redelivered event finds its alerts), none of a kind
 * for a conversation that had one within the cool-down before the event happened.
 */
export async function raiseAlerts(
  ctx: ServiceContext<SystemActor>,
  event: DomainEvent,
  lookups = new AlertLookups(ctx.db),
): Promise<number> {
  const orgId = event.orgId;
  if (!orgId || !alertCauses.includes(event.type)) return 0;
  // most messages are the desk's: they cost no query
  if (event.type === 'message.created' && !fromGuestMessage(event)) return 0;
  const rules = await lookups.rulesOf(orgId);
  const candidates = await alertsOf(ctx.db, event, rules, lookups);
  if (!candidates.length) return 0;
  const conversationId = (event.data as { conversationId: string }).conversationId;
  const at = new Date(event.occurredAt);
  let raised = 0;
  for (const candidate of candidates) {
    const done = await ctx.transact(async (tx) => {
      const view = await loadConversationView(tx.db, conversationId);
      if (!view || view.c.orgId !== orgId) return false;
      const [recent] = await tx.db
        .select({ id: alerts.id })
        .from(alerts)
        .where(
          and(
            eq(alerts.conversationId, conversationId),
            eq(alerts.kind, candidate.kind),
            gt(alerts.raisedAt, new Date(at.getTime() - rules.cooldownMinutes * 60_000)),
            lte(alerts.raisedAt, new Date(at.getTime() + rules.cooldownMinutes * 60_000)),
          ),
        )
        .limit(1);
      if (recent) return false;
      const [alert] = await tx.db
        .insert(alerts)
        .values({
          orgId,
          conversationId,
          teamId: view.c.teamId,
          kind: candidate.kind,
          detail: {
            ...candidate.detail,
            contactName: view.guestName ?? view.visitorName ?? null,
            roomNumber: view.roomNumber ?? null,
            teamName: view.teamName ?? null,
          },
          eventId: event.id,
          raisedAt: at,
        })
        .onConflictDoNothing()
        .returning({ id: alerts.id });
      if (!alert) return false;
      await tx.record({
        type: 'alert.raised',
        orgId,
        stream: `conversation:${conversationId}`,
        data: {
          alertId: alert.id,
          conversationId,
          kind: candidate.kind,
          teamId: view.c.teamId,
          causeEventId: event.id,
          notifiedUserIds: await recipientsOf(tx.db, orgId, view.c.teamId),
        },
      });
      return true;
    });
    if (done) raised++;
  }
  return raised;
}
