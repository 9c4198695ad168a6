import { type Attachment, attachmentPath, type FormField, MAX_PHOTOS_PER_FIELD } from '@frontdesk/protocol';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError } from '../api/errors';

interface Props {
  id: string;
  field: FormField;
  value: string[];
  onChange: (value: string[] | undefined) => void;
  describedBy?: string;
  mark: ReactNode;
  help: ReactNode;
  error: ReactNode;
}

/**
 * A photo question: the phone's camera (or its gallery) through a file input, each photo uploaded
 * at once as a chat attachment is (the server reads, re-encodes and previews it); the answer is the
 * uploads' ids, which the request then sends. Each photo can be taken out again before sending.
 */
export function PhotoInput({ id, field, value, onChange, describedBy, mark, help, error }: Props) {
  const { t } = useTranslation('requestForm');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const room = MAX_PHOTOS_PER_FIELD - value.length;

  const add = async (files: FileList | null) => {
    const chosen = [...(files ?? [])].slice(0, room);
    if (!chosen.length) return;
    setBusy(true);
    setProblem(null);
    const added: string[] = [];
    try {
      for (const file of chosen) {
        const name = encodeURIComponent(file.name || 'photo.jpg');
        added.push((await api<Attachment>(`/api/v1/guest/attachments?name=${name}`, { file })).id);
      }
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : t('photoFailed'));
    } finally {
      setBusy(false);
      if (added.length) onChange([...value, ...added]);
    }
  };
  const remove = (photo: string) => {
    const rest = value.filter((v) => v !== photo);
    onChange(rest.length ? rest : undefined);
  };

  return (
    <fieldset className="rf-field rf-fieldset" aria-describedby={describedBy}>
      <legend className="rf-label">
        {field.label}
        {mark}
      </legend>
      {help}
      {value.length ? (
        <ul className="rf-photos" aria-label={t('photosAdded', { count: value.length })}>
          {value.map((photo, i) => (
            <li key={photo} className="rf-photo">
              <img src={attachmentPath('guest', photo, true)} alt={t('photoN', { n: i + 1 })} />
              <button type="button" className="rf-button rf-secondary rf-small" onClick={() => remove(photo)}>
                {t('photoRemove', { n: i + 1 })}
              </button>
            </li>
          ))}
        </ul>
      ) : null}
      {room > 0 ? (
        <label className="rf-button rf-secondary rf-photo-add" htmlFor={id}>
          {busy ? t('photoUploading') : value.length ? t('photoAnother') : t('photoTake')}
          <input
            id={id}
            className="rf-sr"
            type="file"
            accept="image/*"
            capture="environment"
            multiple
            disabled={busy}
            aria-describedby={describedBy}
            onChange={(e) => {
              void add(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </label>
      ) : (
        <p className="rf-muted">{t('photoLimit', { max: MAX_PHOTOS_PER_FIELD })}</p>
      )}
      {problem ? (
        <p className="rf-field-error" role="alert">
          {problem}
        </p>
      ) : null}
      {error}
    </fieldset>
  );
}
