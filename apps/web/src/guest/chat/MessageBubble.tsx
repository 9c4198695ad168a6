import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Conversation, Message } from '../../api/types';
import { MessageAttachments } from '../../chat/Attachments';
import { Reactions } from '../../chat/Reactions';
import { useErrorMessage } from '../../i18n/error-message';
import { formatTime } from '../format';
import { useHotelTimeZone } from '../hotel-clock';
import type { PendingSend } from './chat-store';

type Observe = (element: HTMLElement | null) => (() => void) | undefined;

interface BubbleProps {
  message: Message;
  own: boolean;
  receipts: Conversation['receipts'];
  /** Adds or takes back one of the guest's reactions; absent where the guest may not react (read-only). */
  onReact?: (emoji: string, reacted: boolean) => void;
  /** Registers reception's messages for read receipts. */
  observe?: Observe;
}

export function MessageBubble({ message, own, receipts, observe, onReact }: BubbleProps) {
  const { t, i18n } = useTranslation('guest');
  const timeZone = useHotelTimeZone();
  const time = formatTime(message.createdAt, i18n.language, timeZone);
  // the desk's reply in the guest's language, the original one tap away
  const [original, setOriginal] = useState(false);
  const shown = original ? null : message.translation?.text;
  return (
    <li
      className={own ? 'g-msg g-msg-own' : 'g-msg'}
      ref={observe}
      data-conversation={message.conversationId}
      data-seq={message.seq}
    >
      {!own ? <p className="g-msg-author">{message.sender.name ?? t('chat.receptionName')}</p> : null}
      {message.attachments?.length ? <MessageAttachments attachments={message.attachments} side="guest" /> : null}
      {message.text ? (
        <p className="g-msg-text" lang={shown ? message.translation?.language : undefined}>
          <span className="fd-visually-hidden">{own ? `${t('chat.you')}: ` : ''}</span>
          {shown ?? message.text}
        </p>
      ) : null}
      {message.text && message.translation ? (
        message.translation.text ? (
          <button type="button" className="g-msg-original" onClick={() => setOriginal(!original)}>
            {t(original ? 'chat.translated' : 'chat.original')}
          </button>
        ) : (
          <p className="g-msg-meta">{t('chat.notTranslated')}</p>
        )
      ) : null}
      <p className="g-msg-meta">
        <time dateTime={message.createdAt}>{time}</time>
        {own ? <Ticks seq={message.seq} receipts={receipts} /> : null}
      </p>
      {onReact || message.reactions?.length ? (
        <Reactions reactions={message.reactions ?? []} onToggle={(e, r) => onReact?.(e, r)} disabled={!onReact} />
      ) : null}
    </li>
  );
}

/** One tick: stored; two: on a receptionist's screen; two blue: read. */
function Ticks({ seq, receipts }: { seq: number; receipts: Conversation['receipts'] }) {
  const { t } = useTranslation('guest');
  const state = receipts.staffReadSeq >= seq ? 'read' : receipts.staffDeliveredSeq >= seq ? 'delivered' : 'sent';
  const label = t(`chat.ticks.${state}`);
  return (
    <span className={`g-ticks g-ticks-${state}`} role="img" aria-label={label} title={label}>
      <svg viewBox="0 0 20 14" width="18" height="13" aria-hidden="true" focusable="false">
        {state === 'sent' ? (
          <path d="M3 7.5l3.5 3.5L14 3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
        ) : (
          <>
            <path d="M1 7.5l3.5 3.5L12 3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
            <path d="M8.5 11L16 3.5" fill="none" stroke="currentColor" strokeWidth="1.8" strokeLinecap="round" />
          </>
        )}
      </svg>
    </span>
  );
}

export function SystemLine({ message, observe }: { message: Message; observe: Observe }) {
  const { t } = useTranslation('guest');
  const name = message.sender.name ?? t('chat.receptionName');
  // a work item's status line is written by the server in the organization's language, with its times
  const text =
    message.event && message.event !== 'work_status' ? t(`chat.system.${message.event}`, { name }) : message.text;
  return (
    <li className="g-system" ref={observe} data-conversation={message.conversationId} data-seq={message.seq}>
      {text}
    </li>
  );
}

export function PendingBubble({ pending, onDismiss }: { pending: PendingSend; onDismiss: () => void }) {
  const { t } = useTranslation(['guest', 'common']);
  const message = useErrorMessage();
  return (
    <li className={`g-msg g-msg-own g-msg-${pending.state}`}>
      {pending.files?.length ? <p className="g-msg-files">📎 {pending.files.join(', ')}</p> : null}
      {pending.text ? <p className="g-msg-text">{pending.text}</p> : null}
      <p className="g-msg-meta">
        {pending.state === 'failed' ? (
          <>
            <span role="alert">{t('chat.notSent', { reason: message(pending.error) })}</span>
            <button type="button" className="g-msg-dismiss" onClick={onDismiss} aria-label={t('common:close')}>
              ×
            </button>
          </>
        ) : (
          <span>
            {pending.state === 'uploading'
              ? t('common:attachments.uploading', { percent: Math.round((pending.progress ?? 0) * 100) })
              : pending.state === 'sending'
                ? t('chat.sending')
                : t('chat.waiting')}
          </span>
        )}
      </p>
    </li>
  );
}
