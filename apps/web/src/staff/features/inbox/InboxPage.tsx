import { useHotkeys } from '@mantine/hooks';
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState, LoadingState } from '../../../ui/states';
import { useDesk, useDeskStore } from '../../desk/desk-context';
import type { InboxTab } from '../../types';
import { ConversationList } from './ConversationList';
import { ConversationPane } from './ConversationPane';
import { GuestPanel } from './GuestPanel';
import './inbox.css';

const tabs: readonly InboxTab[] = ['queued', 'mine', 'open', 'resolved'];

/** `/app`: the live inbox — tabs with counts, the open conversation, and the guest beside it. */
export function InboxPage() {
  const { t } = useTranslation('staff');
  const store = useDeskStore();
  const desk = useDesk();
  const [params, setParams] = useSearchParams();
  const tabParam = params.get('tab') as InboxTab | null;
  const tab: InboxTab = tabParam && tabs.includes(tabParam) ? tabParam : 'queued';
  const selected = params.get('c');
  const tagId = params.get('tag');

  const select = useCallback(
    (next: { tab?: InboxTab; conversationId?: string | null; tagId?: string | null }) => {
      setParams(
        (current) => {
          const updated = new URLSearchParams(current);
          if (next.tab) updated.set('tab', next.tab);
          if (next.tagId === null) updated.delete('tag');
          else if (next.tagId) updated.set('tag', next.tagId);
          if (next.conversationId === null) updated.delete('c');
          else if (next.conversationId) updated.set('c', next.conversationId);
          return updated;
        },
        { replace: !next.conversationId },
      );
    },
    [setParams],
  );

  // the desk lists (and counts) only the tag's requests while the inbox is filtered by one
  useEffect(() => {
    store?.setTagFilter(tagId);
  }, [store, tagId]);
  useEffect(() => () => store?.setTagFilter(null), [store]);

  const list = useMemo(() => (store && desk ? store.list(desk, tab) : []), [store, desk, tab]);
  const step = (by: 1 | -1) => {
    if (!list.length) return;
    const index = list.findIndex((c) => c.id === selected);
    const next = list[index === -1 ? 0 : Math.min(list.length - 1, Math.max(0, index + by))];
    if (next) select({ conversationId: next.id });
  };
  useHotkeys(
    [
      ['alt+ArrowDown', () => step(1)],
      ['alt+ArrowUp', () => step(-1)],
    ],
    [],
  );

  // the open request was merged into another: follow it there
  const survivor = selected && store ? store.mergedInto(selected) : undefined;
  useEffect(() => {
    if (survivor) select({ conversationId: survivor });
  }, [survivor, select]);

  if (!store || !desk) return <LoadingState />;
  const conversation = selected ? desk.conversations.get(selected) : undefined;

  return (
    <div className="fd-inbox" data-with-panel={conversation ? 'true' : 'false'}>
      <h1 className="fd-visually-hidden">{t('nav.inbox')}</h1>
      <ConversationList
        tab={tab}
        conversations={list}
        selected={selected}
        onTab={(next) => select({ tab: next })}
        onSelect={(id) => select({ conversationId: id })}
        tagId={tagId}
        onTag={(next) => select({ tagId: next })}
      />
      {selected ? (
        <ConversationPane
          key={selected}
          conversationId={selected}
          onMoved={(next) => select({ tab: next, conversationId: selected })}
          onOpen={(id) => select({ conversationId: id })}
        />
      ) : (
        <section className="fd-pane fd-pane-empty" aria-label={t('inbox.conversation')}>
          <EmptyState title={t('inbox.pickTitle')}>{t('inbox.pickBody')}</EmptyState>
        </section>
      )}
      {conversation ? (
        <GuestPanel conversation={conversation} onOpen={(id, status) => select({ tab: status, conversationId: id })} />
      ) : null}
    </div>
  );
}
