import { Anchor, Badge, Button, Group, Paper, SegmentedControl, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useErrorMessage } from '../../../i18n/error-message';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useTimeZone } from '../../auth/session';
import { formatWhen } from '../../format';
import { DownloadCsv } from '../../ui/DownloadCsv';
import { type Alert, alertsApi, alertsKeys } from './api';
import { alertSentence } from './sentence';

type Status = 'open' | 'acknowledged' | 'all';

const kindColor: Record<Alert['kind'], string> = {
  low_rating: 'orange',
  alarming_word: 'red',
  negative_mood: 'grape',
  sla_breach: 'yellow',
};

/**
 * `/app/alerts`: the alerts the caller sees (all of the organization for admins, their teams' for
 * duty managers), newest first, live; each links to its conversation and can be acknowledged.
 */
export function AlertsPage() {
  const { t } = useTranslation('staff');
  const timeZone = useTimeZone();
  const [status, setStatus] = useState<Status>('open');
  const list = useQuery({ queryKey: alertsKeys.list(status), queryFn: () => alertsApi.list(status) });
  return (
    <div className="fd-page">
      <div className="fd-page-inner">
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              {t('liveAlerts.title')}
            </Title>
            <Text c="dimmed" size="sm" maw={680}>
              {t('liveAlerts.intro')}
            </Text>
          </div>
          <Group justify="space-between" align="center">
            <SegmentedControl
              aria-label={t('liveAlerts.show')}
              value={status}
              onChange={(value) => setStatus(value as Status)}
              data={[
                { value: 'open', label: t('liveAlerts.open') },
                { value: 'acknowledged', label: t('liveAlerts.acknowledged') },
                { value: 'all', label: t('liveAlerts.all') },
              ]}
            />
            <Group gap="sm" align="center">
              <Text size="xs" c="dimmed">
                {t('liveAlerts.times', { zone: timeZone ?? 'UTC' })}
              </Text>
              <DownloadCsv href={alertsApi.csvPath(status)} label={t('liveAlerts.downloadList')} />
            </Group>
          </Group>
          {list.isPending ? (
            <LoadingState />
          ) : list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data.alerts.length === 0 ? (
            <Text c="dimmed">{t('liveAlerts.empty')}</Text>
          ) : (
            <ul aria-label={t('liveAlerts.title')} style={{ listStyle: 'none', padding: 0, margin: 0 }}>
              {list.data.alerts.map((alert) => (
                <li key={alert.id} style={{ marginBottom: 'var(--mantine-spacing-sm)' }}>
                  <AlertCard alert={alert} />
                </li>
              ))}
            </ul>
          )}
        </Stack>
      </div>
    </div>
  );
}

function AlertCard({ alert }: { alert: Alert }) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const sentence = alertSentence(t, alert);
  const acknowledge = useMutation({
    mutationFn: () => alertsApi.acknowledge(alert.id),
    onSuccess: () => {
      notifications.show({ message: t('liveAlerts.acknowledgedToast') });
      return client.invalidateQueries({ queryKey: alertsKeys.all });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  const when = (iso: string) => formatWhen(iso, i18n.language, timeZone);
  return (
    <Paper withBorder p="sm" radius="md" data-alert-id={alert.id}>
      <Group justify="space-between" align="flex-start" wrap="wrap" gap="sm">
        <Stack gap={4}>
          <Group gap="xs">
            <Badge color={kindColor[alert.kind]} variant="light" aria-hidden>
              !
            </Badge>
            <Text fw={600}>{sentence}</Text>
          </Group>
          <Text size="sm" c="dimmed">
            {[
              alert.contactName && alert.roomNumber ? alert.contactName : null,
              alert.teamName ? t('liveAlerts.team', { team: alert.teamName }) : null,
              t('liveAlerts.raised', { when: when(alert.raisedAt) }),
            ]
              .filter(Boolean)
              .join(' · ')}
          </Text>
          {alert.acknowledgedAt && alert.acknowledgedBy ? (
            <Text size="sm" c="teal.8">
              {t('liveAlerts.ackedBy', { name: alert.acknowledgedBy.name, when: when(alert.acknowledgedAt) })}
            </Text>
          ) : null}
        </Stack>
        <Group gap="sm">
          <Anchor component={Link} to={`/app?c=${encodeURIComponent(alert.conversationId)}`} size="sm">
            {t('liveAlerts.openConversation')}
          </Anchor>
          {alert.acknowledgedAt ? null : (
            <Button
              size="xs"
              onClick={() => acknowledge.mutate()}
              loading={acknowledge.isPending}
              aria-label={t('liveAlerts.acknowledgeLabel', { what: sentence })}
            >
              {t('liveAlerts.acknowledge')}
            </Button>
          )}
        </Group>
      </Group>
    </Paper>
  );
}
