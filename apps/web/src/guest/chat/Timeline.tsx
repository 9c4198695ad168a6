import { Fragment, useEffect, useLayoutEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation, Message } from '../../api/types';
import { EmptyState } from '../../ui/states';
import { formatWhen } from '../format';
import { useHotelTimeZone } from '../hotel-clock';
import type { ChatSnapshot, GuestChatStore } from './chat-store';
import { MessageBubble, PendingBubble, SystemLine } from './MessageBubble';
import { RatingCard } from './RatingCard';
import { useReadReceipts } from './use-read-receipts';

const STICK_DISTANCE_PX = 120;

/**
 * Every request of the stay in one thread, oldest first, as a guest expects a chat with the hotel to
 * look; a resolved request is followed by its rating card. Stays scrolled to the newest message
 * unless the guest has scrolled up to read.
 */
export function Timeline({ store, chat, readOnly }: { store: GuestChatStore; chat: ChatSnapshot; readOnly: boolean }) {
  const { t, i18n } = useTranslation('guest');
  const timeZone = useHotelTimeZone();
  const scroller = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const observe = useReadReceipts(store);
  const several = chat.conversations.length > 1;

  useLayoutEffect(() => {
    const element = scroller.current;
    if (element && stick.current) element.scrollTop = element.scrollHeight;
  });
  useEffect(() => {
    // the thread shrinks when something above it opens (the quick requests): the newest message stays in view
    const element = scroller.current;
    if (!element || typeof ResizeObserver === 'undefined') return;
    const keep = new ResizeObserver(() => {
      if (stick.current) element.scrollTop = element.scrollHeight;
    });
    keep.observe(element);
    return () => keep.disconnect();
  }, []);

  const react = (m: Message, emoji: string, reacted: boolean) => {
    store.react(m.conversationId, m.id, emoji, reacted).catch(() => {});
  };
  const empty = chat.conversations.length === 0 && chat.pending.length === 0;
  return (
    <div
      className="g-timeline"
      ref={scroller}
      // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus so the keyboard can scroll it
      tabIndex={0}
      onScroll={(event) => {
        const el = event.currentTarget;
        stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < STICK_DISTANCE_PX;
      }}
    >
      {empty && chat.synced && !readOnly ? (
        <EmptyState title={t('chat.emptyTitle')}>{t('chat.emptyBody')}</EmptyState>
      ) : null}
      <ol className="g-messages" aria-label={t('chat.messagesLabel')} aria-live="polite" aria-relevant="additions">
        {chat.conversations.map((c) => (
          <Fragment key={c.id}>
            {several ? (
              <li className="g-divider" id={`request-${c.id}`}>
                <span>{t('requests.request', { time: formatWhen(c.createdAt, i18n.language, timeZone) })}</span>
                <span className={`g-status g-status-${c.status}`}>{t(`requests.status.${c.status}`)}</span>
              </li>
            ) : (
              <li className="g-anchor" id={`request-${c.id}`} aria-hidden="true" />
            )}
            {(chat.messages.get(c.id) ?? []).map((m) =>
              renderMessage(m, c, observe, readOnly ? undefined : (emoji, reacted) => react(m, emoji, reacted)),
            )}
            {c.status === 'resolved' ? (
              <li className="g-rating-item">
                <RatingCard conversation={c} onRate={(rating, comment) => store.rate(c.id, rating, comment)} />
              </li>
            ) : null}
          </Fragment>
        ))}
        {chat.pending.map((p) => (
          <PendingBubble key={p.clientId} pending={p} onDismiss={() => store.dismiss(p.clientId)} />
        ))}
      </ol>
      {chat.typing && !readOnly ? (
        <p className="g-typing" role="status">
          <span className="g-typing-dots" aria-hidden="true">
            <span />
            <span />
            <span />
          </span>
          {chat.typing.name ? t('chat.typing', { name: chat.typing.name }) : t('chat.receptionTyping')}
        </p>
      ) : null}
    </div>
  );
}

function renderMessage(
  m: Message,
  c: Conversation,
  observe: (element: HTMLElement | null) => (() => void) | undefined,
  onReact?: (emoji: string, reacted: boolean) => void,
) {
  const own = m.sender.type === 'guest' || m.sender.type === 'visitor';
  if (m.sender.type === 'system') return <SystemLine key={m.id} message={m} observe={observe} />;
  return (
    <MessageBubble
      key={m.id}
      message={m}
      own={own}
      receipts={c.receipts}
      observe={own ? undefined : observe}
      onReact={onReact}
    />
  );
}
