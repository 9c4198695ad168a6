import type { Holiday, WeeklyHours } from '@frontdesk/protocol';
import { and, eq, isNull, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { preparedOnce } from '../../db/prepared.js';
import { organizations, rooms, routingRules, stayGuests, stays, teams } from '../../db/schema.js';
import type { GuestActor } from '../../platform/actor.js';
import { openState } from '../teams/index.js';
import { type Routed, type RuleToMatch, routeRequest } from './match.js';

/** A rule as the routing query returns it: `to_jsonb` of the row with its team's name. */
interface RuleJson {
  id: string;
  name: string;
  entry: RuleToMatch['entry'];
  room_ids: string[];
  priority_rooms_only: boolean;
  open_hours_only: boolean;
  languages: string[];
  keywords: string[];
  team_id: string;
  team_name: string;
  team_weekly_hours: WeeklyHours | null;
  team_holidays: Holiday[];
  priority: RuleToMatch['priority'];
}

/** The routing query, prepared once per database and kind of contact (a visitor has no stay). */
function buildRoutingQuery(db: Db, kind: GuestActor['kind']) {
  const rulesInOrder = sql<RuleJson[]>`coalesce((
      select jsonb_agg(to_jsonb(x) order by x.position, x.created_at, x.id)
      from (select r.*, t.name as team_name, t.weekly_hours as team_weekly_hours, t.holidays as team_holidays
            from ${routingRules} r
            join ${teams} t on t.id = r.team_id and t.removed_at is null
            where r.org_id = ${organizations.id}) x
    ), '[]'::jsonb)`;
  return db
    .select({
      defaultTeamId: teams.id,
      defaultTeamName: teams.name,
      language: stayGuests.language,
      vip: stayGuests.vip,
      roomId: rooms.id,
      roomNumber: rooms.number,
      roomPriority: rooms.priority,
      timezone: organizations.timezone,
      rules: rulesInOrder,
    })
    .from(organizations)
    .leftJoin(teams, and(eq(teams.id, organizations.defaultTeamId), isNull(teams.removedAt)))
    .leftJoin(stayGuests, kind === 'guest' ? eq(stayGuests.id, sql.placeholder('guestId')) : sql`false`)
    .leftJoin(stays, eq(stays.id, stayGuests.stayId))
    .leftJoin(rooms, eq(rooms.id, stays.roomId))
    .where(eq(organizations.id, sql.placeholder('orgId')))
    .prepare(`frontdesk_routing_${kind}`);
}

const routingQueries = new WeakMap<Db, Map<GuestActor['kind'], ReturnType<typeof buildRoutingQuery>>>();

/**
 * Routes the request a guest's (or visitor's) first message opens, with one query: the
 * organization's rules in order (those of removed teams left out, with their team's business hours),
 * its default team and clock, and the guest's language, VIP flag and room. Read when the request is
 * opened rather than cached, so every node routes by the rules as they are. `now` is the moment the
 * request comes in, for rules that route only while their team is open (tests move it).
 */
export async function routeNewRequest(db: Db, guest: GuestActor, text: string, now = new Date()): Promise<Routed> {
  const [row] = await preparedOnce(routingQueries, db, guest.kind, buildRoutingQuery).execute({
    orgId: guest.orgId,
    guestId: guest.kind === 'guest' ? guest.guestId : null,
  });
  const rules: RuleToMatch[] = (row?.rules ?? []).map((r) => ({
    id: r.id,
    name: r.name,
    entry: r.entry,
    roomIds: r.room_ids,
    priorityRoomsOnly: r.priority_rooms_only,
    openHoursOnly: r.open_hours_only,
    teamOpen: r.open_hours_only
      ? openState(r.team_weekly_hours, r.team_holidays ?? [], row?.timezone ?? 'UTC', now).open
      : true,
    languages: r.languages,
    keywords: r.keywords,
    teamId: r.team_id,
    teamName: r.team_name,
    priority: r.priority,
  }));
  const defaultTeam =
    row?.defaultTeamId && row.defaultTeamName ? { id: row.defaultTeamId, name: row.defaultTeamName } : null;
  return routeRequest(rules, defaultTeam, {
    entry: guest.kind === 'guest' ? 'room' : 'public_entry',
    roomId: row?.roomId ?? null,
    roomNumber: row?.roomNumber ?? null,
    roomPriority: Boolean(row?.roomPriority),
    language: row?.language ?? null,
    vip: Boolean(row?.vip),
    text,
  });
}

/** The `conversation.routed` event of a request just opened. */
export function routedEvent(conversation: { id: string; orgId: string }, routed: Routed) {
  return {
    type: 'conversation.routed' as const,
    orgId: conversation.orgId,
    stream: `conversation:${conversation.id}`,
    data: routedEventData(conversation.id, routed),
  };
}

export function routedEventData(conversationId: string, routed: Routed) {
  return {
    conversationId,
    teamId: routed.teamId,
    priority: routed.priority,
    ruleId: routed.routedBy.ruleId,
    reason: routed.routedBy.reason,
  };
}
