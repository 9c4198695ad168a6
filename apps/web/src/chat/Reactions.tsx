import type { ReactionSummary } from '@frontdesk/protocol';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LazyEmojiPicker } from './LazyEmojiPicker';
import { QUICK_REACTIONS } from './reactions';
import './reactions.css';

/**
 * A message's reactions as toggle buttons (pressed: one of them is yours), and a button to add
 * one: five quick ones at hand, the full picker behind "more". Shared by the guest chat and the desk.
 */
export function Reactions({
  reactions,
  onToggle,
  disabled,
}: {
  reactions: readonly ReactionSummary[];
  onToggle: (emoji: string, reacted: boolean) => void;
  disabled?: boolean;
}) {
  const { t } = useTranslation('common');
  const [open, setOpen] = useState<'quick' | 'picker' | null>(null);
  const addButton = useRef<HTMLButtonElement>(null);
  const mine = new Set(reactions.filter((r) => r.mine).map((r) => r.emoji));
  const pick = (emoji: string) => {
    setOpen(null);
    if (!mine.has(emoji)) onToggle(emoji, true);
  };
  return (
    <div className="fd-reactions">
      {reactions.map((r) => (
        <button
          key={r.emoji}
          type="button"
          className="fd-reaction"
          aria-pressed={r.mine}
          disabled={disabled}
          aria-label={t(r.mine ? 'emoji.reactionMine' : 'emoji.reaction', { emoji: r.emoji, count: r.count })}
          onClick={() => onToggle(r.emoji, !r.mine)}
        >
          <span aria-hidden="true">{r.emoji}</span> <span aria-hidden="true">{r.count}</span>
        </button>
      ))}
      {disabled ? null : (
        <span className="fd-reaction-add-wrap">
          <button
            ref={addButton}
            type="button"
            className="fd-reaction-add"
            aria-label={t('emoji.react')}
            title={t('emoji.react')}
            aria-expanded={open !== null}
            onClick={() => setOpen(open ? null : 'quick')}
          >
            <svg viewBox="0 0 24 24" width="16" height="16" aria-hidden="true" focusable="false">
              <circle cx="12" cy="12" r="9" fill="none" stroke="currentColor" strokeWidth="1.8" />
              <circle cx="9" cy="10" r="1.2" fill="currentColor" />
              <circle cx="15" cy="10" r="1.2" fill="currentColor" />
              <path d="M8.5 14.5c1.8 2 5.2 2 7 0" fill="none" stroke="currentColor" strokeWidth="1.8" />
            </svg>
          </button>
          {open === 'quick' ? (
            // biome-ignore lint/a11y/useSemanticElements: a toolbar of buttons, not a form group
            <span
              className="fd-reaction-quick"
              role="group"
              aria-label={t('emoji.react')}
              onKeyDown={(event) => {
                if (event.key === 'Escape') {
                  setOpen(null);
                  addButton.current?.focus();
                }
              }}
            >
              {QUICK_REACTIONS.map((emoji) => (
                <button
                  key={emoji}
                  type="button"
                  className="fd-reaction-choice"
                  aria-label={t('emoji.reactWith', { emoji })}
                  onClick={() => pick(emoji)}
                >
                  {emoji}
                </button>
              ))}
              <button
                type="button"
                className="fd-reaction-choice"
                aria-label={t('emoji.open')}
                onClick={() => setOpen('picker')}
              >
                …
              </button>
            </span>
          ) : null}
          {open === 'picker' ? (
            <LazyEmojiPicker onPick={pick} onClose={() => setOpen(null)} returnFocus={addButton.current} />
          ) : null}
        </span>
      )}
    </div>
  );
}
