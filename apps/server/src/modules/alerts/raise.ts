import type { AlertKind, DomainEvent, DomainEventType } from '@frontdesk/protocol';
import { and, desc, eq, gt, inArray, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { type AlertDetail, alerts, messages, organizations, stayGuests, teams, users } from '../../db/schema.js';
import type { SystemActor } from '../../platform/actor.js';
import { languageOf } from '../../platform/i18n.js';
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

/** What an event should raise under the organization's rules (before the cool-down). */
export async function alertsOf(db: Db, event: DomainEvent, rules: AlertRules): Promise<Candidate[]> {
  switch (event.type) {
    case 'conversation.rated':
      return rules.ratingThreshold > 0 && event.data.rating <= rules.ratingThreshold
        ? [{ kind: 'low_rating', detail: { rating: event.data.rating } }]
        : [];
    case 'conversation.sla_breached':
      return [{ kind: 'sla_breach', detail: { targetMinutes: event.data.targetMinutes } }];
    case 'message.created': {
      if (!fromGuestSide(event.data.sender.type) || event.data.event) return [];
      const found: Candidate[] = [];
      const word = findAlertWord(event.data.text, rules.words);
      if (word) found.push({ kind: 'alarming_word', detail: { word } });
      if (rules.sentiment && event.orgId) {
        const score = await moodOf(db, event.orgId, event.data.conversationId, event.data.seq, event.data.text);
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
 * language (else the organization's) when it is clearly negative and this message is itself
 * negative — the mood turned now; else null.
 */
async function moodOf(db: Db, orgId: string, conversationId: string, seq: number, text: string) {
  const [where] = await db
    .select({ guest: stayGuests.language, org: organizations.language })
    .from(organizations)
    .leftJoin(stayGuests, sql`${stayGuests.id} = (select guest_id from conversations where id = ${conversationId})`)
    .where(eq(organizations.id, orgId));
  const language = languageOf(where?.guest, where?.org);
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
export async function raiseAlerts(ctx: ServiceContext<SystemActor>, event: DomainEvent): Promise<number> {
  const orgId = event.orgId;
  if (!orgId || !alertCauses.includes(event.type)) return 0;
  // most messages are the desk's: they cost no query
  if (event.type === 'message.created' && (!fromGuestSide(event.data.sender.type) || event.data.event)) return 0;
  const rules = await loadAlertRules(ctx.db, orgId);
  const candidates = await alertsOf(ctx.db, event, rules);
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
