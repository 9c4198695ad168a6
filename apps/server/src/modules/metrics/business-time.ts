import { inArray } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { teams } from '../../db/schema.js';
import { openMsBetween } from '../teams/index.js';
import type { Delta } from './fold.js';

// Durations in business hours: the store works them out from the teams' hours when it counts.

type BusinessHours = Pick<typeof teams.$inferSelect, 'weeklyHours' | 'holidays'>;

/** The weekly hours and holidays of the teams a batch counts durations for, as they are now. */
export async function businessHoursOf(db: Db, teamIds: readonly string[]): Promise<Map<string, BusinessHours>> {
  if (!teamIds.length) return new Map();
  const rows = await db
    .select({ id: teams.id, weeklyHours: teams.weeklyHours, holidays: teams.holidays })
    .from(teams)
    .where(inArray(teams.id, [...new Set(teamIds)]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** A span's time in its team's business hours; a request of no team (or a team gone) counts all of it. */
export function openMs(d: Delta, hours: BusinessHours | undefined, timezone: string): number {
  const { from, to } = d.span as { from: Date; to: Date };
  if (!hours) return Math.max(0, to.getTime() - from.getTime());
  return openMsBetween(hours.weeklyHours, hours.holidays, timezone, from, to);
}
