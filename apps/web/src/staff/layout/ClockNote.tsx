import { Text, Tooltip } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { zoneLabel } from '../../i18n/time-zone';
import { useTimeZone } from '../auth/session';
import { useNow } from '../useNow';

/** Says which clock every time on the staff pages is on: the organization's zone, named. */
export function ClockNote() {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const now = useNow(60_000);
  if (!timeZone) return null;
  const zone = zoneLabel(timeZone, i18n.language, now);
  const time = new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone }).format(now);
  return (
    <Tooltip label={t('clock.now', { zone, time })}>
      <Text size="xs" c="dimmed" className="fd-clock-note" data-testid="clock-note" truncate maw={230}>
        {t('clock.times', { zone })}
      </Text>
    </Tooltip>
  );
}
