import { lazy, Suspense, useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestSession, PublicOrganization } from '../../api/types';
import { LoadingState } from '../../ui/states';
import { takeFirstMessage } from '../first-message';
import { formatDay } from '../format';
import { useGuestDesk } from '../queries';
import { AwayNotice } from './AwayNotice';
import { ChatHeader } from './ChatHeader';
import { Composer } from './Composer';
import type { GuestChatStore } from './chat-store';
import { QueueNotice } from './QueueNotice';
import { RequestList } from './RequestList';
import { Timeline } from './Timeline';
import { useChatSnapshot, useDelayed, useGuestChatStore } from './use-chat-store';

// a customer's request forms and a guest's quick requests load after the first paint (the first load stays small)
const ChatExtras = lazy(async () => ({ default: (await import('../extras')).ChatExtras }));
// the stay summary e-mail's button and dialog: a chunk of its own, most guests never open it
const StaySummaryEntry = lazy(async () => ({
  default: (await import('../summary/StaySummaryEntry')).StaySummaryEntry,
}));

interface Props {
  session: GuestSession;
  org: PublicOrganization;
  /** The server ended the session (check-out): the page reloads it and shows what is left. */
  onSessionEnded: () => void;
}

/** The guest's chat with reception: live while the stay lasts, read-only (history and rating) after it. */
export function GuestChat(props: Props) {
  const store = useGuestChatStore(`${props.session.guest.id}:${props.session.access}`);
  return store ? <ChatScreen store={store} {...props} /> : <LoadingState />;
}

function ChatScreen({ store, session, org, onSessionEnded }: Props & { store: GuestChatStore }) {
  const { t, i18n } = useTranslation('guest');
  const chat = useChatSnapshot(store);
  const readOnly = session.access === 'read_only' || chat.ended !== null;
  const showConnecting = useDelayed(chat.connection === 'connecting', 1500);

  useEffect(() => {
    if (chat.ended) onSessionEnded();
  }, [chat.ended, onSessionEnded]);
  useEffect(() => {
    // a visitor's topic from the entry form opens the conversation
    if (!chat.synced || readOnly) return;
    const first = takeFirstMessage(org.slug);
    if (first && chat.conversations.length === 0) store.send(first);
  }, [chat.synced, chat.conversations.length, readOnly, store, org.slug]);

  const current = chat.conversations.at(-1);
  const place = !readOnly && current?.status === 'queued' ? chat.queue.get(current.id) : undefined;
  const unresolved = chat.conversations.filter((c) => c.status !== 'resolved').at(-1);
  const watchDesk = useCallback((changed: () => void) => store.onDeskChanged(changed), [store]);
  const desk = useGuestDesk(session, unresolved?.id ?? null, watchDesk);
  return (
    <main className="g-chat">
      <ChatHeader
        org={org}
        reception={readOnly ? null : chat.reception}
        assignee={readOnly ? null : (current?.assignee ?? null)}
        actions={
          readOnly || session.kind !== 'guest' ? null : (
            <Suspense fallback={null}>
              <StaySummaryEntry />
            </Suspense>
          )
        }
      />
      {!readOnly && chat.connection === 'offline' ? (
        <p className="g-banner g-banner-offline" role="status">
          {t('chat.offline')}
        </p>
      ) : null}
      {!readOnly && showConnecting ? (
        <p className="g-banner" role="status">
          {t('chat.connecting')}
        </p>
      ) : null}
      {place ? <QueueNotice place={place} /> : null}
      {readOnly ? null : <AwayNotice desk={desk} />}
      {readOnly ? null : (
        <Suspense fallback={null}>
          <ChatExtras session={session} org={org} />
        </Suspense>
      )}
      <RequestList conversations={chat.conversations} />
      <Timeline store={store} chat={chat} readOnly={readOnly} />
      {readOnly ? (
        <section className="g-readonly" aria-labelledby="g-readonly-title">
          <h2 id="g-readonly-title">{t('readOnly.title')}</h2>
          <p>{t('readOnly.body')}</p>
          {session.readOnlyUntil ? (
            <p>{t('readOnly.until', { date: formatDay(session.readOnlyUntil, i18n.language, org.timezone) })}</p>
          ) : null}
        </section>
      ) : (
        <Composer store={store} limits={session.attachmentLimits} />
      )}
    </main>
  );
}
