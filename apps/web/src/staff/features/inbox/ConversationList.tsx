import { Badge, Button, Checkbox, Group, SegmentedControl, Tabs, Text } from '@mantine/core';
import { useNotifications } from '@mantine/notifications';
import { type KeyboardEvent, useEffect, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useDesk, useDeskStore } from '../../desk/desk-context';
import { replyDueAt } from '../../desk/reply-due';
import type { Conversation, InboxTab } from '../../types';
import { DownloadCsv } from '../../ui/DownloadCsv';
import { useNow } from '../../useNow';
import { useTeams } from '../../useTeams';
import { BulkBar } from './BulkBar';
import { BulkResultNotice } from './BulkResultNotice';
import { ConversationCard, useContactName } from './ConversationCard';
import { conversationsCsvPath } from './download-paths';
import { TagFilter } from './TagFilter';
import { useBulkSelection } from './use-bulk-selection';

interface Props {
  tab: InboxTab;
  conversations: Conversation[];
  selected: string | null;
  onTab: (tab: InboxTab) => void;
  onSelect: (conversationId: string) => void;
  /** The tag the list is filtered by, if any. */
  tagId: string | null;
  onTag: (tagId: string | null) => void;
}

type TopTab = 'queued' | 'open' | 'resolved';

/**
 * The inbox column: Queued / Open (mine or all) / Resolved with live counts, a tag filter, and the
 * cards of the tab, each with a checkbox for bulk actions (shift for a range, Esc clears).
 */
export function ConversationList({ tab, conversations, selected, onTab, onSelect, tagId, onTag }: Props) {
  const { t } = useTranslation('staff');
  const store = useDeskStore();
  const desk = useDesk();
  const now = useNow();
  const teams = useTeams();
  const slaOf = new Map((teams.data ?? []).map((team) => [team.id, team.sla]));
  const counts = desk?.counts;
  const top: TopTab = tab === 'mine' ? 'open' : tab;
  const state = desk?.tabs[tab];
  const sentinel = useRef<HTMLDivElement>(null);
  // toasts show over the bottom of this column: while one does, the list can scroll its last card clear
  const toasts = useNotifications().notifications.length;
  const contactName = useContactName();
  const shown = useMemo(() => conversations.map((c) => c.id), [conversations]);
  const bulk = useBulkSelection(shown);
  const picked = bulk.selected.size;
  // Esc inside the column clears the selection (menus are portalled, so their own Esc stays theirs)
  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (event.key === 'Escape' && picked && event.currentTarget.contains(event.target as Node)) bulk.clear();
  };

  // the next page loads when the end of the list scrolls into view
  useEffect(() => {
    const element = sentinel.current;
    if (!element || !store || state?.nextBefore === null) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((e) => e.isIntersecting)) void store.loadMore(tab);
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [store, tab, state?.nextBefore]);

  const count = (value: number | undefined, color: string) =>
    value ? (
      <Badge size="sm" variant={color === 'gray' ? 'light' : 'filled'} color={color} ml={4}>
        {value}
      </Badge>
    ) : null;

  return (
    <section className="fd-inbox-list" aria-label={t('inbox.listLabel')} onKeyDown={onKeyDown}>
      <Tabs
        value={top}
        onChange={(value) => value && onTab(value === 'open' ? 'mine' : (value as TopTab))}
        keepMounted={false}
      >
        <Tabs.List grow>
          <Tabs.Tab value="queued">
            {t('inbox.tabs.queued')}
            {count(counts?.queued, 'red')}
          </Tabs.Tab>
          <Tabs.Tab value="open">
            {t('inbox.tabs.open')}
            {count(counts?.open, 'blue')}
          </Tabs.Tab>
          <Tabs.Tab value="resolved">
            {t('inbox.tabs.resolved')}
            {count(counts?.resolved, 'gray')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      {top === 'open' ? (
        <Group px="sm" pt="xs">
          <SegmentedControl
            size="xs"
            fullWidth
            style={{ flex: 1 }}
            aria-label={t('inbox.scope')}
            value={tab}
            onChange={(value) => onTab(value as InboxTab)}
            data={[
              { value: 'mine', label: `${t('inbox.tabs.mine')} (${counts?.mine ?? 0})` },
              { value: 'open', label: `${t('inbox.tabs.all')} (${counts?.open ?? 0})` },
            ]}
          />
        </Group>
      ) : null}
      <div className="fd-inbox-tools">
        <TagFilter value={tagId} onChange={onTag} />
        <DownloadCsv href={conversationsCsvPath(tab, tagId)} label={t('inbox.downloadList')} />
        {conversations.length ? (
          <Checkbox
            size="xs"
            label={t('inbox.bulk.selectAll')}
            checked={picked > 0 && picked === conversations.length}
            indeterminate={picked > 0 && picked < conversations.length}
            onChange={bulk.toggleAll}
          />
        ) : null}
        {picked ? <BulkBar count={picked} busy={bulk.busy} onAction={bulk.run} onClear={bulk.clear} /> : null}
        {bulk.summary ? <BulkResultNotice summary={bulk.summary} onDismiss={bulk.dismiss} /> : null}
      </div>
      <div className="fd-inbox-cards" data-toasts={toasts > 0 || undefined}>
        {!state || state.state === 'idle' || (state.state === 'loading' && !conversations.length) ? (
          <LoadingState />
        ) : state.state === 'error' && !conversations.length ? (
          <ErrorState error={state.error} onRetry={() => void store?.loadTab(tab)} />
        ) : conversations.length === 0 ? (
          <EmptyState title={t(`inbox.empty.${tab}.title`)}>{t(`inbox.empty.${tab}.body`)}</EmptyState>
        ) : (
          <ul className="fd-card-list">
            {conversations.map((c) => (
              <li key={c.id} className="fd-card-row">
                <Checkbox
                  size="sm"
                  aria-label={t('inbox.bulk.select', {
                    name: c.stay ? `${contactName(c)}, ${c.stay.roomNumber}` : contactName(c),
                  })}
                  checked={bulk.selected.has(c.id)}
                  onChange={() => {}}
                  onClick={(event) => bulk.toggle(c.id, event.shiftKey)}
                />
                <ConversationCard
                  conversation={c}
                  selected={c.id === selected}
                  now={now}
                  replyDue={replyDueAt(c, c.team ? slaOf.get(c.team.id) : undefined)}
                  typing={(desk?.typing.get(c.id) ?? []).some((p) => p.type !== 'staff')}
                  onSelect={() => onSelect(c.id)}
                />
              </li>
            ))}
          </ul>
        )}
        {state?.nextBefore ? (
          <div ref={sentinel} className="fd-inbox-more">
            <Button variant="subtle" size="xs" loading={state.loadingMore} onClick={() => void store?.loadMore(tab)}>
              {t('inbox.loadMore')}
            </Button>
          </div>
        ) : conversations.length > 0 ? (
          <Text size="xs" c="dimmed" ta="center" py="sm">
            {t('inbox.end')}
          </Text>
        ) : null}
      </div>
    </section>
  );
}
