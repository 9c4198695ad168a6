import { useTranslation } from 'react-i18next';
import type { DeskStatus } from '../../api/types';
import { formatOpening } from '../format';

/**
 * Outside the desk's hours: the away message and when the desk opens, on the hotel's clock. The
 * composer stays below it: the guest can still write, and the message waits in the queue.
 */
export function AwayNotice({ desk }: { desk: DeskStatus }) {
  const { t, i18n } = useTranslation('guest');
  if (desk.open) return null;
  return (
    <section className="g-away" role="status" aria-labelledby="g-away-title">
      <h2 id="g-away-title">
        {desk.opensAt
          ? t('away.backAt', { when: formatOpening(desk.opensAt, i18n.language, desk.timezone) })
          : t('away.title')}
      </h2>
      {desk.awayMessage ? <p>{desk.awayMessage}</p> : null}
    </section>
  );
}
