import { Alert, Paper, Stack, Switch, Text, Title } from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import {
  currentSubscription,
  pushSupported,
  resyncDevice,
  subscribeDevice,
  unsubscribeDevice,
} from '../../../push/device';

type State = 'unsupported' | 'loading' | 'on' | 'off' | 'denied';

/**
 * "Notifications on this device": a new request for the staff member's teams, a message in their
 * conversation, a mention, an alert — pushed while the app is closed (README "Push notifications").
 */
export function PushToggle() {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const [state, setState] = useState<State>(pushSupported() ? 'loading' : 'unsupported');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    if (!pushSupported()) return;
    let live = true;
    currentSubscription()
      .then((found) => {
        if (found) void resyncDevice('staff', found);
        if (!live) return;
        setState(Notification.permission === 'denied' ? 'denied' : found ? 'on' : 'off');
      })
      .catch(() => live && setState('off'));
    return () => {
      live = false;
    };
  }, []);

  const change = async (on: boolean) => {
    setBusy(true);
    setError(null);
    try {
      if (on) setState((await subscribeDevice('staff')) === 'subscribed' ? 'on' : 'denied');
      else {
        await unsubscribeDevice('staff');
        setState('off');
      }
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('account.pushTitle')}
        </Title>
        <Text size="sm" c="dimmed">
          {t('account.pushHelp')}
        </Text>
        {state === 'unsupported' ? (
          <Text size="sm">{t('account.pushUnsupported')}</Text>
        ) : (
          <Switch
            label={t('account.pushSwitch')}
            checked={state === 'on'}
            disabled={state === 'loading' || state === 'denied' || busy}
            onChange={(e) => void change(e.currentTarget.checked)}
          />
        )}
        {state === 'denied' ? (
          <Alert color="yellow" role="status">
            {t('account.pushDenied')}
          </Alert>
        ) : null}
        {error ? (
          <Alert color="red" role="alert">
            {errorMessage(error)}
          </Alert>
        ) : null}
      </Stack>
    </Paper>
  );
}
