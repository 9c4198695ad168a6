import type { WebhookDeliveryStatus } from '@frontdesk/protocol';
import { Alert, Badge, Button, Code, Group, Modal, Stack, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { zoneLabel } from '../../../i18n/time-zone';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import { DataTable, QueryBlock } from '../../ui/QueryTable';
import { type WebhookDelivery, type WebhookEndpoint, webhooksApi, webhooksKeys } from './api';

const statusColor: Record<WebhookDeliveryStatus, string> = {
  pending: 'yellow',
  sending: 'blue',
  delivered: 'green',
  failed: 'orange',
  given_up: 'red',
};

function useWhen() {
  const { i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  return {
    when: (iso: string) => formatDateTime(iso, i18n.language, timeZone),
    zone: timeZone ? zoneLabel(timeZone, i18n.language) : '',
  };
}

/** A webhook's deliveries, newest first, refreshed while some are on their way; one opens in detail. */
export function DeliveriesModal({ endpoint, onClose }: { endpoint: WebhookEndpoint; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const { when, zone } = useWhen();
  const [open, setOpen] = useState<WebhookDelivery | null>(null);
  const list = useQuery({
    queryKey: webhooksKeys.deliveries(endpoint.id),
    queryFn: () => webhooksApi.deliveries(endpoint.id),
    refetchInterval: (q) =>
      q.state.data?.some((d) => d.status === 'pending' || d.status === 'sending' || d.status === 'failed')
        ? 5_000
        : false,
  });
  return (
    <Modal opened onClose={onClose} title={t('webhooks.deliveriesOf', { url: endpoint.url })} size="xl">
      <QueryBlock query={list} empty={<Text c="dimmed">{t('webhooks.noDeliveries')}</Text>}>
        {(rows) => (
          <DataTable
            label={t('webhooks.deliveries')}
            framed={false}
            columns={[t('webhooks.when', { zone }), t('webhooks.event'), t('webhooks.status'), t('webhooks.answer')]}
          >
            {rows.map((d) => (
              <Table.Tr key={d.id}>
                <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(d.createdAt)}</Table.Td>
                <Table.Td>
                  <Text size="sm">{d.eventType}</Text>
                  {d.replayOf ? (
                    <Text size="xs" c="dimmed">
                      {t('webhooks.replayOf')}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Badge color={statusColor[d.status]} variant="light">
                    {t(`webhooks.statuses.${d.status}`)}
                  </Badge>
                  <Text size="xs" c="dimmed">
                    {t('webhooks.tries')}: {d.attempts}
                  </Text>
                  {d.nextAttemptAt && d.status === 'failed' ? (
                    <Text size="xs" c="dimmed">
                      {t('webhooks.nextTry', { when: when(d.nextAttemptAt) })}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {d.responseStatus ?? t('webhooks.noAnswer')}
                    {d.durationMs !== null ? ` · ${t('webhooks.duration', { ms: d.durationMs })}` : ''}
                  </Text>
                  {d.lastError && d.status !== 'delivered' ? (
                    <Text size="xs" c="red.8">
                      {d.lastError}
                    </Text>
                  ) : null}
                </Table.Td>
                <Table.Td>
                  <Button
                    size="compact-sm"
                    variant="default"
                    onClick={() => setOpen(d)}
                    aria-label={t('webhooks.open', { event: d.eventType })}
                  >
                    ↗
                  </Button>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryBlock>
      {open ? <DeliveryDetail endpoint={endpoint} delivery={open} onClose={() => setOpen(null)} /> : null}
    </Modal>
  );
}

/** One delivery: the request as sent, the answer as received, and a button to send it again. */
function DeliveryDetail({
  endpoint,
  delivery,
  onClose,
}: {
  endpoint: WebhookEndpoint;
  delivery: WebhookDelivery;
  onClose: () => void;
}) {
  const { t } = useTranslation('staff');
  const { when } = useWhen();
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const detail = useQuery({
    queryKey: webhooksKeys.delivery(endpoint.id, delivery.id),
    queryFn: () => webhooksApi.delivery(endpoint.id, delivery.id),
  });
  const replay = useMutation({
    mutationFn: () => webhooksApi.replay(endpoint.id, delivery.id),
    onSuccess: () => {
      notifications.show({ message: t('webhooks.replayed') });
      onClose();
      return client.invalidateQueries({ queryKey: webhooksKeys.deliveries(endpoint.id) });
    },
    onError: (err) => notifications.show({ color: 'red', message: errorMessage(err) }),
  });
  return (
    <Modal opened onClose={onClose} title={delivery.eventType} size="xl">
      {detail.isPending ? (
        <LoadingState />
      ) : detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <Stack gap="sm">
          <Group gap="xs">
            <Badge color={statusColor[detail.data.status]} variant="light">
              {t(`webhooks.statuses.${detail.data.status}`)}
            </Badge>
            <Text size="sm" c="dimmed">
              {t('webhooks.tries')}: {detail.data.attempts}
              {detail.data.deliveredAt
                ? ` · ${t('webhooks.deliveredAt', { when: when(detail.data.deliveredAt) })}`
                : ''}
              {detail.data.nextAttemptAt && detail.data.status === 'failed'
                ? ` · ${t('webhooks.nextTry', { when: when(detail.data.nextAttemptAt) })}`
                : ''}
            </Text>
          </Group>
          {detail.data.lastError && detail.data.status !== 'delivered' ? (
            <Alert color="red">{detail.data.lastError}</Alert>
          ) : null}
          <Title order={3} size="h5">
            {t('webhooks.request')}
          </Title>
          <Text size="xs" fw={500}>
            {t('webhooks.headers')}
          </Text>
          <Code block>
            {Object.entries(detail.data.requestHeaders ?? {})
              .map(([name, value]) => `${name}: ${value}`)
              .join('\n')}
          </Code>
          <Text size="xs" fw={500}>
            {t('webhooks.body')}
          </Text>
          <Code block>{pretty(detail.data.requestBody)}</Code>
          <Title order={3} size="h5">
            {t('webhooks.response')}: {detail.data.responseStatus ?? t('webhooks.noAnswer')}
            {detail.data.durationMs !== null ? ` · ${t('webhooks.duration', { ms: detail.data.durationMs })}` : ''}
          </Title>
          {detail.data.responseBody ? <Code block>{detail.data.responseBody}</Code> : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('shared.done')}
            </Button>
            <Button onClick={() => replay.mutate()} loading={replay.isPending} disabled={!endpoint.enabled}>
              {t('webhooks.replay')}
            </Button>
          </Group>
        </Stack>
      )}
    </Modal>
  );
}

function pretty(body: string): string {
  try {
    return JSON.stringify(JSON.parse(body), null, 2);
  } catch {
    return body;
  }
}
