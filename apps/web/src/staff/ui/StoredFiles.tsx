import type { Attachment } from '@frontdesk/protocol';
import { useTranslation } from 'react-i18next';
import { formatSize } from '../../chat/Attachments';

/** Files already uploaded (a canned response's, a reply's copies of them), each with a button to let it go. */
export function StoredFiles({
  files,
  label,
  onChange,
}: {
  files: readonly Attachment[];
  label: string;
  onChange: (files: Attachment[]) => void;
}) {
  const { t, i18n } = useTranslation('staff');
  if (!files.length) return null;
  return (
    <ul className="fd-chosen" aria-label={label}>
      {files.map((file) => (
        <li key={file.id}>
          <span className="fd-chosen-name">📎 {file.name}</span>
          <span className="fd-chosen-size">{formatSize(file.size, i18n.language)}</span>
          <button
            type="button"
            aria-label={t('canned.removeFile', { name: file.name })}
            onClick={() => onChange(files.filter((f) => f.id !== file.id))}
          >
            ×
          </button>
        </li>
      ))}
    </ul>
  );
}
