import { ActionIcon, Group, Tooltip } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  askNotificationPermission,
  beep,
  type NotificationState,
  notificationState,
  setSoundPreference,
  soundPreference,
  unlockAudio,
} from '../desk/alerts';
import { BellIcon, MuteIcon, SoundIcon } from '../ui/icons';

/** Sound on/off for new requests, and a button that asks for desktop-notification permission (a user gesture). */
export function AlertControls() {
  const { t } = useTranslation('staff');
  const [sound, setSound] = useState(soundPreference);
  const [permission, setPermission] = useState<NotificationState>(notificationState);
  const toggleSound = () => {
    const next = !sound;
    setSound(next);
    setSoundPreference(next);
    if (next) {
      unlockAudio();
      beep();
    }
  };
  const notificationLabel =
    permission === 'granted'
      ? t('alerts.notificationsOn')
      : permission === 'denied'
        ? t('alerts.notificationsBlocked')
        : permission === 'unsupported'
          ? t('alerts.notificationsUnsupported')
          : t('alerts.enableNotifications');
  return (
    <Group gap={4} wrap="nowrap">
      <Tooltip label={sound ? t('alerts.soundOn') : t('alerts.soundOff')}>
        <ActionIcon
          variant="subtle"
          color={sound ? 'blue' : 'gray'}
          size="lg"
          onClick={toggleSound}
          aria-pressed={sound}
          aria-label={t('alerts.sound')}
        >
          {sound ? <SoundIcon /> : <MuteIcon />}
        </ActionIcon>
      </Tooltip>
      <Tooltip label={notificationLabel}>
        <ActionIcon
          variant={permission === 'default' ? 'light' : 'subtle'}
          color={permission === 'granted' ? 'blue' : permission === 'default' ? 'orange' : 'gray'}
          size="lg"
          aria-label={notificationLabel}
          onClick={() => {
            unlockAudio();
            if (permission === 'default') void askNotificationPermission().then(setPermission);
          }}
        >
          <BellIcon />
        </ActionIcon>
      </Tooltip>
    </Group>
  );
}
