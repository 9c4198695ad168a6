import { MAX_MESSAGE_LENGTH } from '@frontdesk/protocol';
import { type FormEvent, type KeyboardEvent, useId, useLayoutEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { GuestChatStore } from './chat-store';

const MAX_HEIGHT_PX = 160;

/** The message box: Enter sends, Shift+Enter starts a new line; grows with the text up to a few lines. */
export function Composer({ store }: { store: GuestChatStore }) {
  const { t, i18n } = useTranslation('guest');
  const [text, setText] = useState('');
  const box = useRef<HTMLTextAreaElement>(null);
  const id = useId();

  useLayoutEffect(() => {
    const element = box.current;
    if (!element) return;
    void text;
    element.style.height = 'auto';
    element.style.height = `${Math.min(element.scrollHeight, MAX_HEIGHT_PX)}px`;
  }, [text]);

  const send = () => {
    const trimmed = text.trim();
    if (!trimmed) return;
    store.send(trimmed);
    setText('');
    box.current?.focus();
  };
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
  const atLimit = text.length >= MAX_MESSAGE_LENGTH;
  return (
    <form className="g-composer" onSubmit={onSubmit}>
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
        maxLength={MAX_MESSAGE_LENGTH}
        enterKeyHint="send"
        aria-describedby={`${id}-counter`}
        onChange={(event) => {
          setText(event.target.value);
          store.noteTyping();
        }}
        onKeyDown={onKeyDown}
      />
      <button className="g-send" type="submit" disabled={!text.trim()} aria-label={t('chat.send')}>
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path d="M3 20.5l18-8.5L3 3.5v6.6l12.5 1.9L3 13.9z" fill="currentColor" />
        </svg>
      </button>
      <p
        id={`${id}-counter`}
        className={atLimit ? 'g-counter g-counter-limit' : 'g-counter'}
        aria-live={atLimit ? 'polite' : 'off'}
      >
        {atLimit
          ? t('chat.tooLong', { max: number.format(MAX_MESSAGE_LENGTH) })
          : text.length > 0
            ? t('chat.counter', { length: number.format(text.length), max: number.format(MAX_MESSAGE_LENGTH) })
            : ''}
      </p>
    </form>
  );
}
