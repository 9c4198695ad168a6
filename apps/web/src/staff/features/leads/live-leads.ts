import type { InfiniteData, QueryClient } from '@tanstack/react-query';
import { type LeadFilter, type LeadRow, leadKeys } from './api';

/** A page of the leads list as the cache keeps it; `more` is set once a live change edited the page. */
export interface LeadPage {
  leads: LeadRow[];
  more?: boolean;
}

/** Whether another page follows this one, as the server said when it sent it. */
export const hasMore = (page: LeadPage, pageSize: number) => page.more ?? page.leads.length === pageSize;

/** Whether a lead belongs in a list: its status tab, its form (if one is chosen), its customer's name. */
export function matchesFilter(lead: LeadRow, filter: LeadFilter): boolean {
  const q = filter.q.trim().toLowerCase();
  return (
    lead.status === filter.status &&
    (!filter.formId || lead.form.id === filter.formId) &&
    (!q || lead.customer.name.toLowerCase().includes(q))
  );
}

/**
 * The list's loaded pages with the lead where it now belongs (newest first) and nowhere else: out
 * when it left the list's status, in when it arrived or joined it. One older than everything loaded
 * while more pages remain is left for those pages to bring.
 */
export function placeLead(
  data: InfiniteData<LeadPage, string | undefined>,
  lead: LeadRow,
  filter: LeadFilter,
  pageSize: number,
): InfiniteData<LeadPage, string | undefined> {
  const pages = data.pages.map((page) => ({
    leads: page.leads.filter((l) => l.id !== lead.id),
    more: hasMore(page, pageSize),
  }));
  if (matchesFilter(lead, filter)) {
    const newer = (other: LeadRow) =>
      other.createdAt > lead.createdAt || (other.createdAt === lead.createdAt && other.id > lead.id);
    const at = pages.findIndex((page) => page.leads.some((l) => !newer(l)));
    const last = pages.at(-1);
    if (at >= 0) {
      const page = pages[at] as LeadPage;
      const index = page.leads.findIndex((l) => !newer(l));
      page.leads.splice(index, 0, lead);
    } else if (last && !last.more) {
      last.leads.push(lead);
    }
  }
  return { ...data, pages };
}

/** Applies a lead the desk heard to every cached list and to the lead's own page; null reloads them all. */
export function applyLiveLead(queryClient: QueryClient, lead: LeadRow | null, pageSize: number): void {
  if (!lead) {
    void queryClient.invalidateQueries({ queryKey: leadKeys.all });
    return;
  }
  queryClient.setQueryData<LeadRow>(leadKeys.one(lead.id), (before) => (before ? lead : before));
  for (const [key, data] of queryClient.getQueriesData<InfiniteData<LeadPage, string | undefined>>({
    queryKey: [...leadKeys.all, 'list'],
  })) {
    const filter = key[3] as LeadFilter | undefined;
    if (data && filter) queryClient.setQueryData(key, placeLead(data, lead, filter, pageSize));
  }
  // the report counts it too: whoever has it open sees it again
  void queryClient.invalidateQueries({ queryKey: [...leadKeys.all, 'report'] });
}
