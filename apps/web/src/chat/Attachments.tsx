import { type Attachment, type AttachmentLimits, attachmentPath } from '@frontdesk/protocol';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { LeftOutReason } from './file-limits';
import './attachments.css';

/** A size as people read it: 840 KB, 3.2 MB. */
export function formatSize(bytes: number, language: string): string {
  const units = ['byte', 'kilobyte', 'megabyte', 'gigabyte'] as const;
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < units.length - 1) {
    value /= 1000;
    unit++;
  }
  return new Intl.NumberFormat(language, {
    style: 'unit',
    unit: units[unit],
    unitDisplay: 'short',
    maximumFractionDigits: unit === 0 ? 0 : 1,
  }).format(value);
}

/**
 * The files of a message, shared by the guest chat and the desk: pictures as thumbnails that open
 * full size in a dialog, videos in a player, PDFs and documents as a download with their name and
 * size. Every address is the authenticated one of the reader's side (cookie session): nothing here
 * works for anyone who does not see the conversation.
 */
export function MessageAttachments({
  attachments,
  side,
  pathOf = (id, thumbnail) => attachmentPath(side, id, thumbnail),
}: {
  attachments: readonly Attachment[];
  side: 'guest' | 'staff';
  /** Where a file is served, when not the chat's address (a lead's photos have their own). */
  pathOf?: (id: string, thumbnail?: boolean) => string;
}) {
  const { t, i18n } = useTranslation('common');
  const [viewing, setViewing] = useState<Attachment | null>(null);
  const dialog = useRef<HTMLDialogElement>(null);
  const open = (a: Attachment) => {
    setViewing(a);
    dialog.current?.showModal();
  };
  return (
    <div className="fd-attachments">
      {attachments.map((a) =>
        a.kind === 'image' ? (
          <button key={a.id} type="button" className="fd-attachment-image" onClick={() => open(a)}>
            <img
              src={pathOf(a.id, a.thumbnail)}
              alt={t('attachments.open', { name: a.name })}
              width={a.width ?? undefined}
              height={a.height ?? undefined}
              loading="lazy"
            />
          </button>
        ) : a.kind === 'video' ? (
          // biome-ignore lint/a11y/useMediaCaption: guests' and staff's own short videos come without captions
          <video
            key={a.id}
            className="fd-attachment-video"
            src={pathOf(a.id)}
            controls
            preload="metadata"
            aria-label={t('attachments.video', { name: a.name })}
          />
        ) : (
          <a key={a.id} className="fd-attachment-file" href={pathOf(a.id)} download={a.name}>
            <span className="fd-attachment-icon" aria-hidden="true">
              {a.kind === 'pdf' ? 'PDF' : 'DOC'}
            </span>
            <span className="fd-attachment-name">{a.name}</span>
            <span className="fd-attachment-size">{formatSize(a.size, i18n.language)}</span>
            <span className="fd-visually-hidden">
              {t('attachments.download', { name: a.name, size: formatSize(a.size, i18n.language) })}
            </span>
          </a>
        ),
      )}
      <dialog
        ref={dialog}
        className="fd-lightbox"
        aria-label={viewing ? t('attachments.viewer', { name: viewing.name }) : undefined}
        onClose={() => setViewing(null)}
        onClick={(event) => {
          if (event.target === dialog.current) dialog.current?.close();
        }}
        onKeyDown={() => undefined}
      >
        {viewing ? <img src={pathOf(viewing.id)} alt={viewing.name} /> : null}
        <form method="dialog">
          <button type="submit" className="fd-lightbox-close">
            {t('close')}
          </button>
        </form>
      </dialog>
    </div>
  );
}

/**
 * A button that opens the device's file chooser, for both composers: `onAdd` hears the files
 * chosen (the composer fits them to the server's limits, see fitFiles); `full` when the message
 * takes no more. The accepted types are what the server takes. `capture` makes it the camera
 * button instead: a phone opens its camera straight away (and offers nothing else), so a composer
 * that has one also keeps a plain chooser beside it for PDFs, documents and photos already taken.
 */
export function AttachButton({
  onAdd,
  full,
  capture,
  className,
  accept,
  label,
}: {
  onAdd: (chosen: File[]) => void;
  full: boolean;
  capture?: boolean;
  className?: string;
  accept: string;
  /** The button's name, when not "Attach a photo or file". */
  label?: string;
}) {
  const { t } = useTranslation('common');
  const input = useRef<HTMLInputElement>(null);
  const name = label ?? t('attachments.attach');
  return (
    <>
      <button
        type="button"
        className={className ?? 'fd-attach'}
        aria-label={name}
        title={name}
        onClick={() => input.current?.click()}
        disabled={full}
      >
        <svg viewBox="0 0 24 24" width="22" height="22" aria-hidden="true" focusable="false">
          {capture ? (
            <>
              <path
                d="M4 7.5h3.2L9 5h6l1.8 2.5H20a1 1 0 011 1V18a1 1 0 01-1 1H4a1 1 0 01-1-1V8.5a1 1 0 011-1z"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.8"
                strokeLinejoin="round"
              />
              <circle cx="12" cy="13" r="3.5" fill="none" stroke="currentColor" strokeWidth="1.8" />
            </>
          ) : (
            <path
              d="M16.5 6.5v10a4.5 4.5 0 01-9 0V5a3 3 0 016 0v10.5a1.5 1.5 0 01-3 0V6.5"
              fill="none"
              stroke="currentColor"
              strokeWidth="1.8"
              strokeLinecap="round"
            />
          )}
        </svg>
      </button>
      <input
        ref={input}
        type="file"
        className="fd-visually-hidden"
        tabIndex={-1}
        aria-hidden="true"
        data-testid="attach-input"
        accept={accept}
        multiple
        {...(capture ? { capture: 'environment' } : {})}
        onChange={(event) => {
          onAdd([...(event.target.files ?? [])]);
          event.target.value = '';
        }}
      />
    </>
  );
}

/** The files chosen for the next message, each with a button to take it out again. */
export function ChosenFiles({ files, onChange }: { files: readonly File[]; onChange: (files: File[]) => void }) {
  const { t, i18n } = useTranslation('common');
  if (!files.length) return null;
  return (
    <ul className="fd-chosen" aria-label={t('attachments.chosen')}>
      {files.map((file, index) => (
        <li key={`${file.name}-${file.size}-${file.lastModified}`}>
          <span className="fd-chosen-name">{file.name}</span>
          <span className="fd-chosen-size">{formatSize(file.size, i18n.language)}</span>
          <button
            type="button"
            aria-label={t('attachments.remove', { name: file.name })}
            onClick={() => onChange(files.filter((_, i) => i !== index))}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}

/**
 * What the composer says of the files it left out of the message, one sentence per file: too
 * large, too large with the others, or one too many — before anything is uploaded.
 */
export function LeftOutFiles({
  leftOut,
  limits,
}: {
  leftOut: readonly { file: File; reason: LeftOutReason }[];
  limits: AttachmentLimits;
}) {
  const { t, i18n } = useTranslation('common');
  const size = (bytes: number) => formatSize(bytes, i18n.language);
  // always there, empty or not: a live region added with its text is not always read out
  return (
    <div className="fd-left-out" role="status">
      {leftOut.map(({ file, reason }) => (
        <p key={`${file.name}-${file.size}-${file.lastModified}`}>
          {reason === 'tooMany'
            ? t('attachments.leftOutTooMany', { name: file.name, max: limits.maxPerMessage })
            : reason === 'tooLarge'
              ? t('attachments.leftOutTooLarge', { name: file.name, max: size(limits.maxBytes) })
              : t('attachments.leftOutTogether', { name: file.name, max: size(limits.maxMessageBytes) })}
        </p>
      ))}
    </div>
  );
}
