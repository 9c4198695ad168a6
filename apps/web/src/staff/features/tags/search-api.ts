import type { SearchResult } from '@frontdesk/protocol';
import { api } from '../../../api/client';
import { query } from '../../api-url';
import { zonedToInstant } from '../../format';

export interface SearchFilters {
  q: string;
  status?: string;
  teamId?: string;
  assigneeId?: string;
  tagId?: string;
  from?: string;
  to?: string;
}

/** `YYYY-MM-DD` of the day after `day` (calendar arithmetic, no time zone involved). */
const nextDay = (day: string) => {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/**
 * The instants a search's days span on the organization's clock: from the first day's midnight
 * to the midnight after the last day (both days included). A day left empty bounds nothing.
 */
export function searchRange(
  days: { from?: string | undefined; to?: string | undefined },
  timeZone: string,
): { from?: string; to?: string } {
  const valid = (day: string | undefined): day is string => Boolean(day && /^\d{4}-\d{2}-\d{2}$/.test(day));
  return {
    ...(valid(days.from) ? { from: zonedToInstant(`${days.from}T00:00`, timeZone).toISOString() } : {}),
    ...(valid(days.to) ? { to: zonedToInstant(`${nextDay(days.to)}T00:00`, timeZone).toISOString() } : {}),
  };
}

export const searchApi = {
  search: (f: SearchFilters) => api<SearchResult>(`/api/v1/search${query({ ...f, limit: 30 })}`),
};
