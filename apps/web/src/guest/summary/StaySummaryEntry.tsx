import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addTranslations } from '../../i18n';
import { StaySummaryForm } from './StaySummaryForm';
import { useStaySummary } from './stay-summary-api';
import { summaryStrings } from './strings';
import './summary.css';

addTranslations('guest', summaryStrings);

/**
 * The chat header's "Stay summary" button and the small dialog it opens (README "Stay summary
 * e-mail"). Nothing shows unless the route answers (a live hotel stay). It sits in the header, not
 * above the thread, so it never pushes the newest message out of view (the guest's read receipts
 * go only for messages on screen). A lazy chunk of its own, with its words.
 */
export function StaySummaryEntry() {
  const { t } = useTranslation('guest');
  const current = useStaySummary();
  const [open, setOpen] = useState(false);
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    // back to the button once the dialog is gone (while it is open, the page behind is inert)
    if (open) wasOpen.current = true;
    else if (wasOpen.current) opener.current?.focus();
  }, [open]);
  if (!current.data) return null;
  const label = t('staySummary.entry');
  return (
    <>
      {/* an icon only: a word beside the hotel's name would wrap the header onto more lines, and
          every line the header takes is one less of the thread */}
      <button
        ref={opener}
        type="button"
        className="g-summary-entry"
        aria-haspopup="dialog"
        aria-label={label}
        title={label}
        onClick={() => setOpen(true)}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          <path
            d="M3.5 6h17v12h-17z M3.5 6.5l8.5 6.5 8.5-6.5"
            fill="none"
            stroke="currentColor"
            strokeWidth="2"
            strokeLinejoin="round"
          />
        </svg>
        {current.data.email ? <span className="g-summary-entry-on" aria-hidden="true" /> : null}
      </button>
      {open ? <StaySummaryDialog email={current.data.email} onClose={() => setOpen(false)} /> : null}
    </>
  );
}

function StaySummaryDialog({ email, onClose }: { email: string | null; onClose: () => void }) {
  const { t } = useTranslation('guest');
  const id = useId();
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    // modal: the page behind is inert (focus stays inside) and Escape cancels
    const node = dialog.current;
    if (node && !node.open) node.showModal();
    return () => node?.close();
  }, []);
  return (
    <dialog
      ref={dialog}
      className="g-summary-dialog"
      aria-labelledby={`${id}-title`}
      onCancel={(event) => {
        event.preventDefault();
        onClose();
      }}
    >
      <div className="g-summary-dialog-bar">
        <h2 id={`${id}-title`}>{t('staySummary.open')}</h2>
        <button type="button" className="g-summary-close" onClick={onClose}>
          {t('staySummary.close')}
        </button>
      </div>
      <StaySummaryForm email={email} />
    </dialog>
  );
}
