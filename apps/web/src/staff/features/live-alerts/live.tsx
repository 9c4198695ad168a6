import { Badge } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { beep, notify, soundPreference } from '../../desk/alerts';
import { useDeskStore } from '../../desk/desk-context';
import { alertsApi, alertsKeys } from './api';
import { alertSentence } from './sentence';

/** Beside the Alerts link: how many alerts wait for an acknowledgement, kept fresh by the socket. */
export function OpenAlertsBadge() {
  const { t } = useTranslation('staff');
  const { abilities } = useCurrentUser();
  const open = useQuery({
    queryKey: alertsKeys.open,
    queryFn: () => alertsApi.list('open', 1),
    enabled: abilities.manageOrganization,
  });
  const count = open.data?.unacknowledged ?? 0;
  if (!count) return null;
  return (
    <Badge size="sm" color="red" circle={count < 10} ml={6} aria-label={t('liveAlerts.badge', { count })}>
      {count}
    </Badge>
  );
}

/**
 * Alerts as they come (admins and duty managers): a notice that opens the conversation, a sound when
 * sounds are on, and the lists and badge loaded again; an acknowledgement by someone else refreshes them.
 */
export function LiveAlerts() {
  const { t } = useTranslation('staff');
  const store = useDeskStore();
  const navigate = useNavigate();
  const client = useQueryClient();
  useEffect(() => {
    if (!store) return;
    return store.onAlert(({ alert, change }) => {
      void client.invalidateQueries({ queryKey: alertsKeys.all });
      if (change !== 'raised') return;
      const message = alertSentence(t, alert);
      const open = () => navigate(`/app?c=${alert.conversationId}`);
      if (soundPreference()) beep();
      notify(t('liveAlerts.newAlert'), message, `alert-${alert.id}`, open);
      notifications.show({
        id: `alert-${alert.id}`,
        title: t('liveAlerts.newAlert'),
        message,
        color: 'red',
        autoClose: 15_000,
        onClick: open,
        style: { cursor: 'pointer' },
      });
    });
  }, [store, client, navigate, t]);
  return null;
}
