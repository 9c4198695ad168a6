import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../api/types';
import { formatWhen } from '../format';
import { useHotelTimeZone } from '../hotel-clock';

/** This stay's requests with their status; choosing one scrolls the chat to it. */
export function RequestList({ conversations }: { conversations: Conversation[] }) {
  const { t, i18n } = useTranslation('guest');
  const timeZone = useHotelTimeZone();
  if (conversations.length === 0) return null;
  return (
    <details className="g-requests">
      <summary>{t('requests.title', { n: conversations.length })}</summary>
      <ul>
        {[...conversations].reverse().map((c) => (
          <li key={c.id}>
            <a
              href={`#request-${c.id}`}
              onClick={(event) => {
                event.preventDefault();
                document.getElementById(`request-${c.id}`)?.scrollIntoView({ behavior: 'smooth', block: 'start' });
              }}
            >
              <span className="g-request-when">
                {t('requests.request', { time: formatWhen(c.createdAt, i18n.language, timeZone) })}
              </span>
              <span className={`g-status g-status-${c.status}`}>{t(`requests.status.${c.status}`)}</span>
              {c.preview ? <span className="g-request-preview">{c.preview}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </details>
  );
}
