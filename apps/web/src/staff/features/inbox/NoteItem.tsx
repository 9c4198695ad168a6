import type { Note } from '@frontdesk/protocol';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../../auth/session';
import { formatWhen } from '../../format';

/** An internal note in the thread: yellow, labelled, across the thread's width; guests never see it. */
export function NoteItem({ note }: { note: Note }) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  return (
    <aside className="fd-note" aria-label={t('notes.by', { name: note.author.name })} data-note-id={note.id}>
      <div className="fd-note-head">
        <span className="fd-note-label">{t('notes.label')}</span>
        <span>
          {note.author.name} · {formatWhen(note.createdAt, i18n.language, timeZone)}
        </span>
      </div>
      <div className="fd-note-text">{note.text}</div>
      {note.mentioned.length ? (
        <div className="fd-note-told">{t('notes.told', { names: note.mentioned.map((m) => m.name).join(', ') })}</div>
      ) : null}
    </aside>
  );
}
