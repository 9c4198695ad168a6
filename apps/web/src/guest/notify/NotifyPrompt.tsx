import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addTranslations } from '../../i18n';
import './notify.css';
import { currentSubscription, pushSupported, resyncDevice, subscribeDevice } from '../../push/device';
import { notifyStrings } from './strings';

addTranslations('guest', notifyStrings);

/** Where "not now" is remembered: per stay (or visit), so a later stay asks again. */
const dismissedKey = (stayKey: string) => `fd-notify-dismissed:${stayKey}`;

/**
 * "Notify me of replies": the staff's replies pushed to this device while the page is closed
 * (README "Push notifications"). Offered only where the browser can, the guest has not answered
 * the browser's permission prompt yet and has not said "not now" during this stay; the permission is
 * asked only after their tap. One short bar: on a phone the thread below needs the room.
 */
export function NotifyPrompt({ stayKey }: { stayKey: string }) {
  const { t } = useTranslation('guest');
  const [state, setState] = useState<'hidden' | 'ask' | 'busy' | 'on' | 'failed'>('hidden');

  useEffect(() => {
    if (!pushSupported() || Notification.permission === 'denied') return;
    let live = true;
    currentSubscription()
      .then((found) => {
        if (found) void resyncDevice('guest', found);
        else if (live && !localStorage.getItem(dismissedKey(stayKey))) setState('ask');
      })
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [stayKey]);

  if (state === 'hidden') return null;
  if (state === 'on')
    return (
      <p className="g-banner g-notify" role="status">
        {t('notify.on')}
      </p>
    );
  const yes = async () => {
    setState('busy');
    try {
      setState((await subscribeDevice('guest')) === 'subscribed' ? 'on' : 'hidden');
    } catch {
      setState('failed');
    }
  };
  const no = () => {
    localStorage.setItem(dismissedKey(stayKey), '1');
    setState('hidden');
  };
  return (
    <section className="g-banner g-notify" aria-label={t('notify.yes')} aria-describedby="g-notify-ask">
      <p id="g-notify-ask" className={state === 'failed' ? undefined : 'g-notify-ask'}>
        {state === 'failed' ? t('notify.failed') : t('notify.ask')}
      </p>
      <div className="g-notify-buttons">
        <button type="button" className="g-notify-yes" onClick={() => void yes()} disabled={state === 'busy'}>
          {t('notify.yes')}
        </button>
        <button type="button" className="g-notify-no" onClick={no}>
          {t('notify.no')}
        </button>
      </div>
    </section>
  );
}
