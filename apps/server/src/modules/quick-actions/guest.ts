import {
  type GuestQuickAction,
  type Language,
  planIncludes,
  type RequestQuickActionRequest,
} from '@frontdesk/protocol';
import { and, asc, eq, isNull } from 'drizzle-orm';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { organizations, quickActionRequests, quickActions, rooms, stayGuests, stays, teams } from '../../db/schema.js';
import { type GuestActor, type StayGuestActor, senderKeyOf } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { languageOf } from '../../platform/i18n.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { findByClientId, presentMessage, sendAsGuest, stayReadOnly } from '../conversations/index.js';
import { insertWorkItem, nextClockTime } from '../work/index.js';
import { quickActionPolicy } from './policy.js';
import { presentForGuest, type QuickActionRow, titleIn } from './present.js';
import { quickActionStrings } from './strings.js';

type GuestCtx = ServiceContext<GuestActor>;

function stayGuestOf(actor: GuestActor): StayGuestActor {
  if (!quickActionPolicy.use(actor) || actor.kind !== 'guest') throw forbidden('Quick actions are for hotel guests');
  return actor;
}

/** The guest's language (their own, the page's, the organization's) and their room. */
async function guestContext(db: Db, guest: StayGuestActor, preferred: string[]) {
  const [row] = await db
    .select({
      own: stayGuests.language,
      org: organizations.language,
      plan: organizations.plan,
      timezone: organizations.timezone,
      roomNumber: rooms.number,
      roomId: stays.roomId,
    })
    .from(stayGuests)
    .innerJoin(stays, eq(stays.id, stayGuests.stayId))
    .innerJoin(organizations, eq(organizations.id, stayGuests.orgId))
    .leftJoin(rooms, eq(rooms.id, stays.roomId))
    .where(and(eq(stayGuests.id, guest.guestId), eq(stayGuests.orgId, guest.orgId)));
  if (!row) throw notFound('Guest');
  return {
    language: languageOf(row.own, ...preferred, row.org),
    orgLanguage: languageOf(row.org),
    roomNumber: row.roomNumber,
    roomId: row.roomId,
    // a plan without tasks keeps the request in the chat and creates no task
    tasks: planIncludes(row.plan, 'tasks'),
    timezone: row.timezone,
  };
}

/** The enabled quick actions of the guest's own organization, in order, titled in their language. */
export async function guestQuickActions(
  ctx: GuestCtx,
  preferred: string[],
): Promise<{ language: Language; actions: GuestQuickAction[] }> {
  const guest = stayGuestOf(ctx.actor);
  const { language, orgLanguage } = await guestContext(ctx.db, guest, preferred);
  const rows = await ctx.db
    .select()
    .from(quickActions)
    .where(and(eq(quickActions.orgId, guest.orgId), eq(quickActions.enabled, true)))
    .orderBy(asc(quickActions.position), asc(quickActions.createdAt), asc(quickActions.id));
  return { language, actions: rows.map((r) => presentForGuest(r, language, orgLanguage)) };
}

const invalid = (field: string, message: string) =>
  new AppError('validation_failed', message, { issues: [{ in: 'body', path: field, message, code: 'custom' }] });

/** What the guest sent, checked against the action's own fields: nothing more, nothing out of range. */
function checkFields(action: QuickActionRow, input: z.output<typeof RequestQuickActionRequest>) {
  const f = action.fields;
  if (f.count) {
    if (input.count === undefined) throw invalid('count', 'Say how many');
    if (input.count < f.count.min || input.count > f.count.max) {
      throw invalid('count', `Between ${f.count.min} and ${f.count.max}`);
    }
  } else if (input.count !== undefined) throw invalid('count', 'This request asks no number');
  if (f.time) {
    if (!input.time) throw invalid('time', 'Say what time');
  } else if (input.time !== undefined) throw invalid('time', 'This request asks no time');
  if (!f.note && input.note) throw invalid('note', 'This request takes no note');
  if (!f.photo && input.photoId) throw invalid('photoId', 'This request takes no photo');
}

/** "Extra towels — how many: 2, at 14:30" and the guest's note on the next line. */
function requestText(title: string, language: Language, input: z.output<typeof RequestQuickActionRequest>) {
  const s = quickActionStrings[language];
  const parts = [
    input.count !== undefined ? s.count(input.count) : null,
    input.time ? s.time(input.time) : null,
  ].filter(Boolean);
  const head = parts.length ? `${title} — ${parts.join(', ')}` : title;
  return input.note ? `${head}\n${input.note}` : head;
}

export interface QuickActionAnswer {
  conversationId: string;
  message: ReturnType<typeof presentMessage>;
  workItemId: string | null;
  duplicate: boolean;
}

/** The first answer to a tap sent again with the same client id. */
async function earlierAnswer(db: Db, guest: GuestActor, clientId: string): Promise<QuickActionAnswer | null> {
  const message = await findByClientId(db, senderKeyOf(guest), clientId);
  if (!message) return null;
  const [req] = await db
    .select({ workItemId: quickActionRequests.workItemId })
    .from(quickActionRequests)
    .where(eq(quickActionRequests.messageId, message.id));
  return {
    conversationId: message.conversationId,
    message: presentMessage(message),
    workItemId: req?.workItemId ?? null,
    duplicate: true,
  };
}

/**
 * A guest's tap: one request message in their conversation and, where the action is set up for it,
 * the task for its team, linked to the conversation, stay and room, in one transaction, so the guest
 * follows its status in the chat. Once per client id: a double tap or an offline retry answers the
 * first request.
 */
export async function requestQuickAction(
  ctx: GuestCtx,
  id: string,
  input: z.output<typeof RequestQuickActionRequest>,
  preferred: string[],
): Promise<QuickActionAnswer> {
  const guest = stayGuestOf(ctx.actor);
  const earlier = await earlierAnswer(ctx.db, guest, input.clientId);
  if (earlier) return earlier;
  if (guest.access !== 'active') throw stayReadOnly();
  await ctx.limits.guest.quickActionsPerGuest.consume(senderKeyOf(guest));
  const [action] = await ctx.db
    .select()
    .from(quickActions)
    .where(and(eq(quickActions.id, id), eq(quickActions.orgId, guest.orgId), eq(quickActions.enabled, true)));
  if (!action) throw notFound('Quick action');
  checkFields(action, input);
  const place = await guestContext(ctx.db, guest, preferred);
  const text = requestText(titleIn(action, place.language, place.orgLanguage), place.language, input);
  try {
    return await ctx.transact(async (tx) => {
      const sent = await sendAsGuest(tx, {
        clientId: input.clientId,
        text,
        attachmentIds: input.photoId ? [input.photoId] : undefined,
      });
      if (sent.duplicate) {
        const first = await earlierAnswer(tx.db, guest, input.clientId);
        if (first) return first;
      }
      const [team] =
        action.taskTeamId && place.tasks
          ? await tx.db
              .select({ id: teams.id })
              .from(teams)
              .where(and(eq(teams.id, action.taskTeamId), eq(teams.orgId, guest.orgId), isNull(teams.removedAt)))
          : [];
      const s = quickActionStrings[place.orgLanguage];
      const item = team
        ? await insertWorkItem(tx, guest.orgId, {
            kind: 'task',
            title: [
              titleIn(action, place.orgLanguage),
              input.count !== undefined ? `×${input.count}` : null,
              input.time ? s.time(input.time) : null,
            ]
              .filter(Boolean)
              .join(' ')
              .concat(place.roomNumber ? ` — ${s.room(place.roomNumber)}` : ''),
            description: text,
            priority: action.taskPriority,
            assigneeId: null,
            teamId: team.id,
            // "what time" is when the guest wants it: the task is due then, on the organization's clock
            dueAt: input.time ? nextClockTime(input.time, place.timezone) : null,
            window: null,
            roomId: place.roomId,
            address: '',
            conversationId: sent.conversationId,
            stayId: guest.stayId,
            leadId: null,
            customerId: null,
            checklist: [],
          })
        : null;
      await tx.db.insert(quickActionRequests).values({
        messageId: sent.message.id,
        orgId: guest.orgId,
        quickActionId: action.id,
        workItemId: item?.id ?? null,
      });
      await tx.record({
        type: 'quick_action.requested',
        orgId: guest.orgId,
        stream: `conversation:${sent.conversationId}`,
        data: {
          quickActionId: action.id,
          conversationId: sent.conversationId,
          messageId: sent.message.id,
          stayId: guest.stayId,
          workItemId: item?.id ?? null,
        },
      });
      return {
        conversationId: sent.conversationId,
        message: presentMessage(sent.message),
        workItemId: item?.id ?? null,
        duplicate: false,
      };
    });
  } catch (err) {
    // a concurrent double tap lost the race for the client id (inside this transaction, which it
    // aborted): the winner's request is the answer
    const first = await earlierAnswer(ctx.db, guest, input.clientId);
    if (first) return first;
    throw err;
  }
}
