import type { RatedConversationsPage, RatedConversationsQuery } from '@frontdesk/protocol';
import { and, desc, eq, isNotNull, type SQL, sql } from 'drizzle-orm';
import { alias } from 'drizzle-orm/pg-core';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import { conversations, rooms, stayGuests, stays, teams, users, visitors } from '../../db/schema.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { type ReportReader, reportScope } from './scope.js';

const micros = (t: SQL) => sql<string>`(extract(epoch from ${t}) * 1000000)::bigint::text`;
const fromMicros = (m: string) => sql`(timestamptz 'epoch' + ${m}::bigint * interval '1 microsecond')`;
const resolver = alias(users, 'resolver');

/**
 * The rated requests of a range of days on the organization's clock (the day the guest rated), the
 * newest rating first, a page at a time: whatever their number, and reopened ones too. The cursor is
 * the last row's (rating time in microseconds, id), unique where the time alone is not.
 */
export async function ratedConversations(
  ctx: ServiceContext<ReportReader>,
  query: z.output<typeof RatedConversationsQuery>,
): Promise<RatedConversationsPage> {
  const { db } = ctx;
  const { orgId, teamId, agentId, timezone } = await reportScope(ctx, query);
  const start = DateTime.fromISO(query.from, { zone: timezone }).startOf('day');
  const end = DateTime.fromISO(query.to, { zone: timezone }).plus({ days: 1 }).startOf('day');
  const [beforeMicros, beforeId] = query.before?.split('_') ?? [];
  const rows = await db
    .select({
      id: conversations.id,
      rating: conversations.rating,
      comment: conversations.ratingComment,
      ratedAt: conversations.ratedAt,
      cursorMicros: micros(sql`${conversations.ratedAt}`),
      guestName: sql<string | null>`coalesce(${stayGuests.name}, ${visitors.name})`,
      roomNumber: rooms.number,
      teamId: teams.id,
      teamName: teams.name,
      resolverId: resolver.id,
      resolverName: resolver.name,
    })
    .from(conversations)
    .leftJoin(stayGuests, eq(stayGuests.id, conversations.guestId))
    .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(stays, eq(stays.id, conversations.stayId))
    .leftJoin(rooms, eq(rooms.id, stays.roomId))
    .leftJoin(teams, eq(teams.id, conversations.teamId))
    .leftJoin(resolver, eq(resolver.id, conversations.resolvedBy))
    .where(
      and(
        eq(conversations.orgId, orgId),
        isNotNull(conversations.ratedAt),
        sql`${conversations.ratedAt} >= ${start.toUTC().toISO()}::timestamptz`,
        sql`${conversations.ratedAt} < ${end.toUTC().toISO()}::timestamptz`,
        teamId ? eq(conversations.teamId, teamId) : undefined,
        agentId ? eq(conversations.resolvedBy, agentId) : undefined,
        beforeMicros && beforeId
          ? sql`(${conversations.ratedAt}, ${conversations.id}) < (${fromMicros(beforeMicros)}, ${beforeId}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(conversations.ratedAt), desc(conversations.id))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    timezone,
    ratings: page.map((r) => ({
      conversationId: r.id,
      rating: r.rating ?? 0,
      comment: r.comment,
      ratedAt: (r.ratedAt as Date).toISOString(),
      guestName: r.guestName,
      roomNumber: r.roomNumber,
      team: r.teamId && r.teamName !== null ? { id: r.teamId, name: r.teamName } : null,
      resolvedBy: r.resolverId && r.resolverName !== null ? { id: r.resolverId, name: r.resolverName } : null,
    })),
    nextBefore: rows.length > query.limit && last ? `${last.cursorMicros}_${last.id}` : null,
  };
}
