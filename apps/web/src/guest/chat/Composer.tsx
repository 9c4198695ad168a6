import { type AttachmentLimits, attachmentAccept } from '@frontdesk/protocol';
import { type FormEvent, type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AttachButton, ChosenFiles, LeftOutFiles } from '../../chat/Attachments';
import { EmojiButton } from '../../chat/EmojiButton';
import { fitFiles } from '../../chat/file-limits';
import { measureMessage } from '../../chat/message-length';
import type { GuestChatStore } from './chat-store';

const MAX_HEIGHT_PX = 160;

/**
 * The message box: Enter sends, Shift+Enter starts a new line; grows with the text up to a few lines.
 * Text over the limit is kept whole (never cut: the guest would lose the end without noticing) and
 * Send stays disabled until it is short enough — the same rule as the staff composer. Files are
 * fitted to the server's `limits` (from the session) as they are chosen.
 */
export function Composer({ store, limits }: { store: GuestChatStore; limits: AttachmentLimits }) {
  const { t, i18n } = useTranslation('guest');
  const [text, setText] = useState('');
  const [files, setFiles] = useState<File[]>([]);
  const [leftOut, setLeftOut] = useState<ReturnType<typeof fitFiles>['leftOut']>([]);
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    element.style.height = 'auto';
    // empty, it stays one line: a placeholder wrapping on a narrow phone would take the thread's room
    if (text) element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  const send = () => {
    const measured = measureMessage(text);
    if ((measured.empty && !files.length) || measured.tooLong) return;
    store.send(text.trim(), files);
    setText('');
    setFiles([]);
    setLeftOut([]);
    box.current?.focus();
  };
  // the chooser's and the camera's files go into one message: they share its limits
  const addFiles = (chosen: File[]) => {
    const fitted = fitFiles(files, chosen, limits);
    setFiles(fitted.files);
    setLeftOut(fitted.leftOut);
  };
  const full = files.length >= limits.maxPerMessage;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    send();
  };
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.nativeEvent.isComposing) {
      event.preventDefault();
      send();
    }
  };

  const number = new Intl.NumberFormat(i18n.language);
  const { length, max, empty, tooLong } = measureMessage(text);
  return (
    <form className="g-composer" onSubmit={onSubmit}>
      <ChosenFiles files={files} onChange={setFiles} />
      <LeftOutFiles leftOut={leftOut} limits={limits} />
      <label className="fd-visually-hidden" htmlFor={id}>
        {t('chat.composerLabel')}
      </label>
      <textarea
        id={id}
        ref={box}
        className="g-composer-input"
        rows={1}
        value={text}
        placeholder={t('chat.placeholder')}
        enterKeyHint="send"
        aria-describedby={`${id}-counter`}
        aria-invalid={tooLong || undefined}
        onChange={(event) => {
          setText(event.target.value);
          store.noteTyping();
        }}
        onKeyDown={onKeyDown}
      />
      {/* a chooser (PDFs, documents, photos and videos already on the phone) and the camera:
          an input with `capture` opens only the camera on a phone */}
      <AttachButton onAdd={addFiles} full={full} accept={attachmentAccept} className="fd-attach g-attach" />
      <AttachButton
        onAdd={addFiles}
        full={full}
        accept="image/*"
        capture
        label={t('chat.takePhoto')}
        className="fd-attach g-attach"
      />
      <EmojiButton input={box} onInsert={setText} className="g-emoji" />
      <button
        className="g-send"
        type="submit"
        disabled={(empty && !files.length) || tooLong}
        aria-label={t('chat.send')}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path d="M3 20.5l18-8.5L3 3.5v6.6l12.5 1.9L3 13.9z" fill="currentColor" />
        </svg>
      </button>
      <p
        id={`${id}-counter`}
        className={tooLong ? 'g-counter g-counter-limit' : 'g-counter'}
        aria-live={tooLong ? 'polite' : 'off'}
      >
        {tooLong
          ? t('chat.tooLong', { max: number.format(max), length: number.format(length) })
          : length > 0
            ? t('chat.counter', { length: number.format(length), max: number.format(max) })
            : ''}
      </p>
    </form>
  );
}
