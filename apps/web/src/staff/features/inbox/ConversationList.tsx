import { Badge, Button, Group, SegmentedControl, Tabs, Text } from '@mantine/core';
import { useNotifications } from '@mantine/notifications';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useDesk, useDeskStore } from '../../desk/desk-context';
import { replyDueAt } from '../../desk/reply-due';
import type { Conversation, InboxTab } from '../../types';
import { useNow } from '../../useNow';
import { useTeams } from '../../useTeams';
import { ConversationCard } from './ConversationCard';

interface Props {
  tab: InboxTab;
  conversations: Conversation[];
  selected: string | null;
  onTab: (tab: InboxTab) => void;
  onSelect: (conversationId: string) => void;
}

type TopTab = 'queued' | 'open' | 'resolved';

/** The inbox column: Queued / Open (mine or all) / Resolved with live counts, and the cards of the tab. */
export function ConversationList({ tab, conversations, selected, onTab, onSelect }: Props) {
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
    <section className="fd-inbox-list" aria-label={t('inbox.listLabel')}>
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
              <li key={c.id}>
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
