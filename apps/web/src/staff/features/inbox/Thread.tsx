import type { Note } from '@frontdesk/protocol';
import { Button, Loader, Text } from '@mantine/core';
import { Fragment, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useCurrentUser, useTimeZone } from '../../auth/session';
import { useDesk, useDeskStore } from '../../desk/desk-context';
import { dayKey } from '../../format';
import type { Conversation } from '../../types';
import { MessageItem, PendingItem, TypingLine } from './MessageItem';
import { NoteItem } from './NoteItem';
import { useReadMarker } from './use-read-marker';

const NEAR_BOTTOM_PX = 80;

/**
 * The history of one conversation: older pages load when the top scrolls into view, new messages
 * keep the view at the bottom (unless the reader scrolled up), and what is on screen is marked read.
 */
export function Thread({ conversation }: { conversation: Conversation }) {
  const { t, i18n } = useTranslation('staff');
  const store = useDeskStore();
  const desk = useDesk();
  const me = useCurrentUser();
  const thread = desk?.threads.get(conversation.id);
  const pending = (desk?.pending ?? []).filter((p) => p.conversationId === conversation.id);
  const typing = desk?.typing.get(conversation.id) ?? [];
  const messages = thread?.messages ?? [];
  const notes = desk?.notes.get(conversation.id) ?? [];
  const scroller = useRef<HTMLDivElement>(null);
  const top = useRef<HTMLDivElement>(null);
  const atBottom = useRef(true);
  const fromBottom = useRef(0);
  const [unseenBelow, setUnseenBelow] = useState(false);
  const firstSeq = messages[0]?.seq;
  const lastSeq = messages.at(-1)?.seq;
  const markRead = useReadMarker(conversation.id);
  const timeZone = useTimeZone();
  const [params] = useSearchParams();
  const jumpTo = params.get('m');

  // opened from a search result: bring that message into view and mark it (again once the thread loads)
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the thread's end changes too
  useEffect(() => {
    const el = jumpTo ? scroller.current?.querySelector<HTMLElement>(`[data-seq="${CSS.escape(jumpTo)}"]`) : null;
    if (!el) return;
    atBottom.current = false;
    el.scrollIntoView({ block: 'center' });
    el.setAttribute('data-jumped', 'true');
    return () => el.removeAttribute('data-jumped');
  }, [jumpTo, lastSeq]);

  const onScroll = () => {
    const el = scroller.current;
    if (!el) return;
    fromBottom.current = el.scrollHeight - el.scrollTop - el.clientHeight;
    atBottom.current = fromBottom.current < NEAR_BOTTOM_PX;
    if (atBottom.current) setUnseenBelow(false);
  };

  // older messages above: keep what the reader looks at in place
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the first message changes
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el || atBottom.current) return;
    el.scrollTop = el.scrollHeight - el.clientHeight - fromBottom.current;
  }, [firstSeq]);

  // new messages, sends and typing below: follow them if the reader is at the bottom
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs when the end of the thread changes
  useLayoutEffect(() => {
    const el = scroller.current;
    if (!el) return;
    if (atBottom.current) el.scrollTop = el.scrollHeight;
    else if (lastSeq !== undefined) setUnseenBelow(true);
  }, [lastSeq, pending.length, typing.length, thread?.state, notes.length]);

  // the top of the list in view: load the page above
  useEffect(() => {
    const el = top.current;
    if (!el || !store || !thread?.hasMore) return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((e) => e.isIntersecting)) void store.loadOlder(conversation.id);
      },
      { root: scroller.current, rootMargin: '200px 0px 0px 0px' },
    );
    observer.observe(el);
    return () => observer.disconnect();
  }, [store, conversation.id, thread?.hasMore]);

  if (!thread || (thread.state === 'loading' && !messages.length)) {
    return (
      <div className="fd-thread">
        <LoadingState />
      </div>
    );
  }
  if (thread.state === 'error' && !messages.length) {
    return (
      <div className="fd-thread">
        <ErrorState error={thread.error} onRetry={() => store?.openThread(conversation.id)} />
      </div>
    );
  }

  // each note after the message the thread had reached when it was written; those before the first
  // message held show once the top of the thread is loaded, those past the last at the end
  const notesAfter = new Map<number, Note[]>();
  const before: Note[] = [];
  const after: Note[] = [];
  for (const n of notes) {
    if (firstSeq === undefined || n.afterSeq > (lastSeq ?? 0)) after.push(n);
    else if (n.afterSeq < firstSeq) {
      if (!thread.hasMore) before.push(n);
    } else notesAfter.set(n.afterSeq, [...(notesAfter.get(n.afterSeq) ?? []), n]);
  }
  const lastOwn = [...messages].reverse().find((m) => m.sender.type === 'staff' && m.sender.id === me.id)?.seq;
  let previousDay = '';
  let previousSender = '';
  return (
    <div className="fd-thread-wrap">
      <div
        className="fd-thread"
        ref={scroller}
        onScroll={onScroll}
        role="log"
        aria-live="polite"
        aria-label={t('inbox.messages')}
        // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrollable region must take focus so the keyboard can scroll it
        tabIndex={0}
      >
        <div ref={top} className="fd-thread-top">
          {thread.loadingOlder ? (
            <Loader size="sm" />
          ) : thread.hasMore ? (
            <Button variant="subtle" size="xs" onClick={() => void store?.loadOlder(conversation.id)}>
              {t('inbox.olderMessages')}
            </Button>
          ) : (
            <Text size="xs" c="dimmed">
              {t('inbox.threadStart')}
            </Text>
          )}
        </div>
        {before.map((n) => (
          <NoteItem key={n.id} note={n} />
        ))}
        {messages.map((m) => {
          const day = dayKey(m.createdAt, timeZone);
          const separator = day !== previousDay;
          const sender = m.sender.type === 'system' ? '' : `${m.sender.type}:${m.sender.id ?? ''}`;
          const firstOfRun = separator || sender !== previousSender;
          previousDay = day;
          previousSender = sender;
          return (
            <Fragment key={m.seq}>
              {separator ? (
                <div className="fd-day">
                  {new Intl.DateTimeFormat(i18n.language, {
                    weekday: 'long',
                    day: 'numeric',
                    month: 'long',
                    timeZone,
                  }).format(new Date(m.createdAt))}
                </div>
              ) : null}
              <MessageItem
                message={m}
                conversation={conversation}
                me={me.id}
                showName={firstOfRun}
                showReceipt={m.seq === lastOwn}
                observe={markRead}
              />
              {notesAfter.get(m.seq)?.map((n) => (
                <NoteItem key={n.id} note={n} />
              ))}
            </Fragment>
          );
        })}
        {after.map((n) => (
          <NoteItem key={n.id} note={n} />
        ))}
        {pending.map((p) => (
          <PendingItem key={p.clientId} pending={p} offline={desk?.connection !== 'online'} />
        ))}
        {typing.length ? <TypingLine people={typing} /> : null}
      </div>
      {unseenBelow ? (
        <Button
          className="fd-new-below"
          size="xs"
          radius="xl"
          onClick={() => {
            const el = scroller.current;
            if (el) el.scrollTop = el.scrollHeight;
            setUnseenBelow(false);
          }}
        >
          {t('inbox.newBelow')}
        </Button>
      ) : null}
    </div>
  );
}
