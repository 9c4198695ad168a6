import { useTranslation } from 'react-i18next';
import type { QueuePosition } from '../../api/types';

/** While the request waits: the guest's place in line and, once the desk has a pace, the wait to expect. */
export function QueueNotice({ place }: { place: QueuePosition }) {
  const { t } = useTranslation('guest');
  const where = place.position === 1 ? t('queue.next') : t('queue.position', { position: place.position });
  const seconds = place.estimatedWaitSeconds;
  const wait =
    seconds === null
      ? t('queue.soon')
      : seconds < 60
        ? t('queue.underAMinute')
        : t('queue.minutes', { minutes: Math.round(seconds / 60) });
  return (
    <p className="g-banner g-queue" role="status" aria-live="polite">
      {where} · {wait}
    </p>
  );
}
