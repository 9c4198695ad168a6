import { type Attachment, attachmentPath, type FormField, photoLimitOf } from '@frontdesk/protocol';
import { createContext, type ReactNode, useContext, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError } from '../api/errors';

/** Where a photo question keeps the photos it is given, and where it shows them from. */
export interface PhotoStore {
  /** Keeps the photo; the answer names it by the id this gives. */
  add: (file: File) => Promise<string>;
  src: (id: string) => string;
  /** The photo was taken out again. */
  drop?: (id: string) => void;
}

/** The customer's form: each photo is uploaded at once as their own attachment, sent with the request. */
export const customerUploads: PhotoStore = {
  add: async (file) => {
    const name = encodeURIComponent(file.name || 'photo.jpg');
    return (await api<Attachment>(`/api/v1/guest/attachments?name=${name}`, { file })).id;
  },
  src: (id) => attachmentPath('guest', id, true),
};

/** The photo store of the form around a photo question (RequestFormFill's `photos`). */
export const PhotoStoreContext = createContext<PhotoStore>(customerUploads);

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
 * uploads' ids, which the request then sends. Each photo can be taken out again before sending. It
 * takes as many photos as its designer chose (`maxPhotos`, else 5), and says so.
 */
export function PhotoInput({ id, field, value, onChange, describedBy, mark, help, error }: Props) {
  const { t } = useTranslation('requestForm');
  const [busy, setBusy] = useState(false);
  const [problem, setProblem] = useState<string | null>(null);
  const store = useContext(PhotoStoreContext);
  const max = photoLimitOf(field);
  const room = max - value.length;

  const add = async (files: FileList | null) => {
    const chosen = [...(files ?? [])].slice(0, room);
    if (!chosen.length) return;
    setBusy(true);
    setProblem(null);
    const added: string[] = [];
    try {
      for (const file of chosen) added.push(await store.add(file));
    } catch (err) {
      setProblem(err instanceof ApiError ? err.message : t('photoFailed'));
    } finally {
      setBusy(false);
      if (added.length) onChange([...value, ...added]);
    }
  };
  const remove = (photo: string) => {
    store.drop?.(photo);
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
      <p className="rf-muted" id={`${id}-max`}>
        {t('photoMax', { max })}
      </p>
      {value.length ? (
        <ul className="rf-photos" aria-label={t('photosAdded', { count: value.length })}>
          {value.map((photo, i) => (
            <li key={photo} className="rf-photo">
              <img src={store.src(photo)} alt={t('photoN', { n: i + 1 })} />
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
            aria-describedby={[describedBy, `${id}-max`].filter(Boolean).join(' ')}
            onChange={(e) => {
              void add(e.currentTarget.files);
              e.currentTarget.value = '';
            }}
          />
        </label>
      ) : (
        <p className="rf-muted">{t('photoLimit', { max })}</p>
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
