import type { MessageTranslation } from '@frontdesk/protocol';
import { Button, Text } from '@mantine/core';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { MessageAttachments } from '../../../chat/Attachments';
import { Reactions } from '../../../chat/Reactions';
import { useErrorMessage } from '../../../i18n/error-message';
import { useTimeZone } from '../../auth/session';
import { useDeskStore } from '../../desk/desk-context';
import type { PendingSend, TypingPerson } from '../../desk/desk-store';
import { formatWhen } from '../../format';
import type { Conversation, Message } from '../../types';
import { CheckIcon, DoubleCheckIcon } from '../../ui/icons';
import { useTaskStart } from './task-start';

/** One message of a thread: the guest's on the left, staff on the right with the guest's receipt, events centred. */
export function MessageItem({
  message: m,
  conversation,
  me,
  showName,
  showReceipt,
  observe,
}: {
  message: Message;
  conversation: Conversation;
  me: string;
  showName: boolean;
  showReceipt: boolean;
  observe: (element: HTMLElement | null) => (() => void) | undefined;
}) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const store = useDeskStore();
  const startTask = useTaskStart();
  const [flipped, setFlipped] = useState(false);
  if (m.sender.type === 'system') {
    return (
      <div className="fd-system" data-seq={m.seq} ref={observe}>
        {systemText(t, m)} · {formatWhen(m.createdAt, i18n.language, timeZone)}
      </div>
    );
  }
  const fromGuest = m.sender.type === 'guest' || m.sender.type === 'visitor';
  // a guest's message shows in the desk's language first; staff's own words first, the guest's reading a click away
  const translated = m.translation?.text ?? null;
  const shown = translated && fromGuest !== flipped ? translated : m.text;
  const own = m.sender.type === 'staff' && m.sender.id === me;
  const read = conversation.receipts.guestReadSeq >= m.seq;
  const delivered = conversation.receipts.guestDeliveredSeq >= m.seq;
  const receipt = read ? t('inbox.receipt.read') : delivered ? t('inbox.receipt.delivered') : t('inbox.receipt.sent');
  return (
    <div className="fd-msg" data-side={fromGuest ? 'guest' : 'staff'} data-seq={m.seq} ref={observe}>
      {!own && showName ? (
        <div className="fd-msg-name">{m.sender.name ?? (fromGuest ? t('inbox.guest') : t('inbox.colleague'))}</div>
      ) : null}
      {m.attachments?.length ? <MessageAttachments attachments={m.attachments} side="staff" /> : null}
      {m.text ? (
        <div className="fd-bubble" lang={shown !== m.text ? m.translation?.language : undefined}>
          {shown}
        </div>
      ) : null}
      {m.text && m.translation ? (
        <TranslationLine
          translation={m.translation}
          fromGuest={fromGuest}
          flipped={flipped}
          onFlip={() => setFlipped(!flipped)}
        />
      ) : null}
      <div className="fd-msg-meta">
        <span>{formatWhen(m.createdAt, i18n.language, timeZone)}</span>
        {!fromGuest ? (
          <span className="fd-receipt" data-read={read} title={receipt}>
            <span role="img" aria-label={receipt} className="fd-receipt-icon">
              {delivered ? <DoubleCheckIcon size={14} /> : <CheckIcon size={14} />}
            </span>
            {showReceipt ? <span aria-hidden="true">{receipt}</span> : null}
          </span>
        ) : null}
        {fromGuest && startTask && m.text.trim() ? (
          <Button size="compact-xs" variant="subtle" onClick={() => startTask(m)}>
            {t('tasks.fromMessage')}
          </Button>
        ) : null}
      </div>
      <Reactions
        reactions={m.reactions ?? []}
        onToggle={(emoji, reacted) => {
          store?.react(m.conversationId, m.id, emoji, reacted).catch(() => {});
        }}
      />
    </div>
  );
}

/**
 * Under a translated message: where the translation is from (or for), and the one click to the
 * other text; or that it could not be translated, so the desk knows it reads the original.
 */
function TranslationLine({
  translation,
  fromGuest,
  flipped,
  onFlip,
}: {
  translation: MessageTranslation;
  fromGuest: boolean;
  flipped: boolean;
  onFlip: () => void;
}) {
  const { t, i18n } = useTranslation('staff');
  if (translation.status === 'failed')
    return <div className="fd-msg-meta fd-translation">{t('translation.notTranslated')}</div>;
  return (
    <div className="fd-msg-meta fd-translation">
      <span>
        {fromGuest
          ? t('translation.translated')
          : t('translation.guestReads', { language: languageName(translation.language, i18n.language) })}
      </span>
      <Button size="compact-xs" variant="subtle" onClick={onFlip}>
        {fromGuest
          ? t(flipped ? 'translation.showTranslation' : 'translation.showOriginal')
          : t(flipped ? 'translation.showYours' : 'translation.showGuestReads')}
      </Button>
    </div>
  );
}

/** A language's name in the reader's language (`pl` → Polish), or its code when the browser does not know it. */
function languageName(code: string, reader: string): string {
  try {
    return new Intl.DisplayNames([reader], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

export function PendingItem({ pending, offline }: { pending: PendingSend; offline: boolean }) {
  const { t } = useTranslation(['staff', 'common']);
  const store = useDeskStore();
  const errorMessage = useErrorMessage();
  return (
    <div className="fd-msg" data-side="staff" data-pending={pending.state}>
      {pending.files?.length ? <div className="fd-msg-files">📎 {pending.files.join(', ')}</div> : null}
      {pending.text ? <div className="fd-bubble">{pending.text}</div> : null}
      <div className="fd-msg-meta">
        {pending.state === 'failed' ? (
          <>
            <Text span size="xs" c="red">
              {t('inbox.notSent', { reason: errorMessage(pending.error) })}
            </Text>
            <Button size="compact-xs" variant="subtle" onClick={() => store?.dismissFailed(pending.clientId)}>
              {t('inbox.dismiss')}
            </Button>
          </>
        ) : (
          <span>
            {pending.state === 'uploading'
              ? t('common:attachments.uploading', { percent: Math.round((pending.progress ?? 0) * 100) })
              : offline
                ? t('inbox.waitingForConnection')
                : t('inbox.sending')}
          </span>
        )}
      </div>
    </div>
  );
}

export function TypingLine({ people }: { people: readonly TypingPerson[] }) {
  const { t } = useTranslation('staff');
  const names = people.map((p) =>
    p.type === 'staff' ? (p.name ?? t('inbox.colleague')) : (p.name ?? t('inbox.guest')),
  );
  return (
    <div className="fd-typing" aria-live="polite">
      <span className="fd-typing-dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </span>
      {people.some((p) => p.type !== 'staff') && people.length === 1
        ? t('inbox.guestTyping')
        : t('inbox.someoneTyping', { names: names.join(', ') })}
    </div>
  );
}

/** System events in the reader's language; the server's English text when the event is unknown. */
export function systemText(t: TFunction<'staff'>, m: Message): string {
  const name = m.sender.name ?? t('inbox.colleague');
  switch (m.event) {
    case 'taken':
      return t('system.taken', { name });
    case 'assigned':
    case 'transferred': {
      // the target's name is only in the server's text ("… handed the request to Maria")
      const target = /handed the request to (.+)$/.exec(m.text)?.[1];
      return target ? t('system.handed', { name, target }) : m.text;
    }
    case 'resolved':
      return t('system.resolved', { name });
    case 'reopened':
      return t('system.reopened');
    case 'rated':
      return t('system.rated');
    case 'merged':
      return t('system.merged', { name });
    case 'unmerged':
      return t('system.unmerged', { name });
    default:
      return m.text;
  }
}
