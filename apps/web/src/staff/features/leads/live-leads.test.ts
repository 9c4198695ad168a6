import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { type LeadFilter, type LeadRow, leadKeys } from './api';
import { applyLiveLead, type LeadPage, matchesFilter, placeLead } from './live-leads';

const lead = (id: string, createdAt: string, over: Partial<LeadRow> = {}): LeadRow =>
  ({
    id,
    status: 'new',
    lostReason: null,
    customer: { id: `c-${id}`, name: `Customer ${id}` },
    form: { id: 'boiler', name: 'Boiler service', version: 1 },
    answers: [],
    source: { labelId: null, labelCode: null, batchId: null, campaign: '' },
    conversationId: null,
    createdAt,
    updatedAt: createdAt,
    ...over,
  }) as LeadRow;

const fresh: LeadFilter = { status: 'new', formId: '', q: '' };
const data = (...pages: LeadRow[][]) => ({
  pages: pages.map((leads) => ({ leads })),
  pageParams: pages.map(() => undefined),
});
const ids = (d: { pages: LeadPage[] }) => d.pages.map((p) => p.leads.map((l) => l.id));

describe('live leads in the cached lists', () => {
  it('knows which list a lead belongs to: status, form, part of the name', () => {
    const l = lead('a', '2026-11-02T10:00:00Z', { customer: { id: 'c', name: 'Jan Kowalski' } });
    expect(matchesFilter(l, fresh)).toBe(true);
    expect(matchesFilter(l, { ...fresh, status: 'contacted' })).toBe(false);
    expect(matchesFilter(l, { ...fresh, formId: 'repair' })).toBe(false);
    expect(matchesFilter(l, { ...fresh, q: ' KOWAL ' })).toBe(true);
    expect(matchesFilter(l, { ...fresh, q: 'nowak' })).toBe(false);
  });

  it('puts a new lead first, in its place by time, and keeps the pages’ “more to load”', () => {
    const list = data([lead('c', '2026-11-03T00:00:00Z'), lead('a', '2026-11-01T00:00:00Z')]);
    const newest = placeLead(list, lead('d', '2026-11-04T00:00:00Z'), fresh, 2);
    expect(ids(newest)).toEqual([['d', 'c', 'a']]);
    // the page had a full page's worth: more follow, as before the insert
    expect(newest.pages[0]?.more).toBe(true);
    const between = placeLead(list, lead('b', '2026-11-02T00:00:00Z'), fresh, 50);
    expect(ids(between)).toEqual([['c', 'b', 'a']]);
    expect(between.pages[0]?.more).toBe(false);
  });

  it('moves a lead that changed status out of one tab and into the other', () => {
    const moved = lead('a', '2026-11-01T00:00:00Z', { status: 'contacted' });
    const newTab = data([lead('b', '2026-11-02T00:00:00Z'), lead('a', '2026-11-01T00:00:00Z')]);
    expect(ids(placeLead(newTab, moved, fresh, 50))).toEqual([['b']]);
    const contactedTab = data([lead('z', '2026-11-05T00:00:00Z')]);
    expect(ids(placeLead(contactedTab, moved, { ...fresh, status: 'contacted' }, 50))).toEqual([['z', 'a']]);
    expect(ids(placeLead(data([]), moved, { ...fresh, status: 'contacted' }, 50))).toEqual([['a']]);
  });

  it('leaves a lead older than all loaded to the pages not loaded yet', () => {
    const full = data([lead('b', '2026-11-02T00:00:00Z'), lead('c', '2026-11-03T00:00:00Z')].reverse());
    expect(ids(placeLead(full, lead('a', '2026-11-01T00:00:00Z'), fresh, 2))).toEqual([['c', 'b']]);
  });

  it('updates every cached list and the lead’s own page; after a reconnect, reloads them', async () => {
    const client = new QueryClient();
    const before = lead('a', '2026-11-01T00:00:00Z');
    client.setQueryData(leadKeys.list(fresh), data([before]));
    client.setQueryData(leadKeys.list({ ...fresh, status: 'converted' }), data([]));
    client.setQueryData(leadKeys.one('a'), before);
    const converted = { ...before, status: 'converted' as const };
    applyLiveLead(client, converted, 50);
    expect(ids(client.getQueryData(leadKeys.list(fresh)) as { pages: LeadPage[] })).toEqual([[]]);
    expect(ids(client.getQueryData(leadKeys.list({ ...fresh, status: 'converted' })) as { pages: LeadPage[] })).toEqual(
      [['a']],
    );
    expect(client.getQueryData<LeadRow>(leadKeys.one('a'))?.status).toBe('converted');
    // a lead nobody opened is not cached for its page
    applyLiveLead(client, lead('x', '2026-11-09T00:00:00Z'), 50);
    expect(client.getQueryData(leadKeys.one('x'))).toBeUndefined();
    applyLiveLead(client, null, 50);
    expect(client.getQueryState(leadKeys.list(fresh))?.isInvalidated).toBe(true);
  });
});
