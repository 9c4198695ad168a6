import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyEmojiPicker } from './LazyEmojiPicker';
import './reactions.css';

/**
 * The composer's emoji button: opens the (lazily loaded) picker above it; a pick is inserted where
 * the cursor was in `input`, which gets the focus back.
 */
export function EmojiButton({
  input,
  onInsert,
  className,
}: {
  input: React.RefObject<HTMLTextAreaElement | null>;
  onInsert: (text: string) => void;
  className?: string;
}) {
  const { t } = useTranslation('common');
  const [open, setOpen] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const insert = (emoji: string) => {
    const box = input.current;
    const value = box?.value ?? '';
    const start = box?.selectionStart ?? value.length;
    const end = box?.selectionEnd ?? value.length;
    onInsert(value.slice(0, start) + emoji + value.slice(end));
    setOpen(false);
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(start + emoji.length, start + emoji.length);
    });
  };
  return (
    <span className="fd-reaction-add-wrap">
      <button
        ref={button}
        type="button"
        className={className}
        aria-label={t('emoji.open')}
        title={t('emoji.open')}
        aria-expanded={open}
        onClick={() => setOpen(!open)}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
          <circle cx="9" cy="10" r="1.2" fill="currentColor" />
          <circle cx="15" cy="10" r="1.2" fill="currentColor" />
          <path d="M8.5 14.5c1.8 2 5.2 2 7 0" fill="none" stroke="currentColor" strokeWidth="1.8" />
        </svg>
      </button>
      {open ? <LazyEmojiPicker onPick={insert} onClose={() => setOpen(false)} /> : null}
    </span>
  );
}
