import { lazy, Suspense, useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';

// the picker and its data are a chunk of their own, fetched the first time someone opens one
const EmojiPicker = lazy(() => import('./EmojiPicker'));

/**
 * The emoji picker as a small dialog next to the button that opened it: Escape or a pick closes it
 * and gives the focus back to `returnFocus`; a click outside closes it too.
 */
export function LazyEmojiPicker({
  onPick,
  onClose,
  returnFocus,
  className,
}: {
  onPick: (emoji: string) => void;
  onClose: () => void;
  returnFocus?: HTMLElement | null;
  className?: string;
}) {
  const { t } = useTranslation('common');
  const box = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const outside = (event: PointerEvent) => {
      if (box.current && !box.current.contains(event.target as Node)) onClose();
    };
    document.addEventListener('pointerdown', outside);
    return () => document.removeEventListener('pointerdown', outside);
  }, [onClose]);
  useEffect(() => () => returnFocus?.focus(), [returnFocus]);
  return (
    <div
      ref={box}
      role="dialog"
      aria-label={t('emoji.picker')}
      className={className ? `fd-emoji-popover ${className}` : 'fd-emoji-popover'}
      onKeyDown={(event) => {
        if (event.key === 'Escape') {
          event.stopPropagation();
          onClose();
        }
      }}
    >
      <Suspense fallback={<p className="fd-emoji-wait">{t('emoji.loading')}</p>}>
        <EmojiPicker onPick={onPick} onClose={onClose} />
      </Suspense>
    </div>
  );
}
