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

/** The routing query: for each request of a batch, what routing reads (a visitor has no stay). */
function buildRoutingQuery(db: Db) {
  const input = db
    .$with('input', { idx: sql<number>`idx` })
    .as(
      sql`select * from jsonb_to_recordset(${sql.placeholder('requests')}::jsonb) as i(idx int, org_id uuid, guest_id uuid)`,
    );
  const rulesInOrder = sql<RuleJson[]>`coalesce((
      select jsonb_agg(to_jsonb(x) order by x.position, x.created_at, x.id)
      from (select r.*, t.name as team_name, t.weekly_hours as team_weekly_hours, t.holidays as team_holidays
            from ${routingRules} r
            join ${teams} t on t.id = r.team_id and t.removed_at is null
            where r.org_id = ${organizations.id}) x
    ), '[]'::jsonb)`;
  return db
    .with(input)
    .select({
      idx: sql<number>`${input}.idx`,
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
    .from(input)
    .innerJoin(organizations, sql`${organizations.id} = ${input}.org_id`)
    .leftJoin(teams, and(eq(teams.id, organizations.defaultTeamId), isNull(teams.removedAt)))
    .leftJoin(stayGuests, sql`${stayGuests.id} = ${input}.guest_id`)
    .leftJoin(stays, eq(stays.id, stayGuests.stayId))
    .leftJoin(rooms, eq(rooms.id, stays.roomId))
    .prepare('frontdesk_routing');
}

const routingQueries = new WeakMap<Db, Map<'all', ReturnType<typeof buildRoutingQuery>>>();

/** A request to route: whose first message it is, and its text. */
export interface NewRequest {
  guest: GuestActor;
  text: string;
}

/**
 * Routes the request a guest's (or visitor's) first message opens: `routeNewRequests` for one.
 */
export async function routeNewRequest(db: Db, guest: GuestActor, text: string, now = new Date()): Promise<Routed> {
  const [routed] = await routeNewRequests(db, [{ guest, text }], now);
  if (!routed) throw new Error('routing answered nothing');
  return routed;
}

/**
 * Routes the requests first messages open, with one query for all of them: each organization's
 * rules in order (those of removed teams left out, with their team's business hours), its default
 * team and clock, and each guest's language, VIP flag and room. Read when the requests are opened
 * rather than cached, so every node routes by the rules as they are. `now` is the moment they come
 * in, for rules that route only while their team is open (tests move it).
 */
export async function routeNewRequests(db: Db, requests: readonly NewRequest[], now = new Date()): Promise<Routed[]> {
  const rows = await preparedOnce(routingQueries, db, 'all', buildRoutingQuery).execute({
    requests: JSON.stringify(
      requests.map(({ guest }, idx) => ({
        idx,
        org_id: guest.orgId,
        guest_id: guest.kind === 'guest' ? guest.guestId : null,
      })),
    ),
  });
  const byIdx = new Map(rows.map((row) => [row.idx, row]));
  return requests.map(({ guest, text }, idx) => {
    const row = byIdx.get(idx);
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
