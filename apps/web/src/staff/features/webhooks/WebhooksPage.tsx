import { domainEventTypes } from '@frontdesk/protocol';
import { Alert, Button, Group, MultiSelect, Stack, Switch, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { ConfirmModal, FormModal } from '../../ui/FormModal';
import { DataTable, QueryBlock } from '../../ui/QueryTable';
import { ShownOnceModal } from '../../ui/ShownOnceModal';
import { type WebhookEndpoint, type WebhookEndpointWithSecret, webhooksApi, webhooksKeys } from './api';
import { DeliveriesModal } from './DeliveriesModal';

const eventOptions = domainEventTypes.map((type) => ({ value: type, label: type }));

/** `/app/webhooks` (admins): the organization's webhooks; add, edit, switch, rotate, remove, and their deliveries. */
export function WebhooksPage() {
  const { t } = useTranslation('staff');
  const list = useQuery({ queryKey: webhooksKeys.list, queryFn: webhooksApi.list });
  const [editing, setEditing] = useState<WebhookEndpoint | 'new' | null>(null);
  const [secret, setSecret] = useState<WebhookEndpointWithSecret | null>(null);
  const [deliveriesOf, setDeliveriesOf] = useState<WebhookEndpoint | null>(null);
  return (
    <div className="fd-page">
      <div className="fd-page-inner">
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={1} size="h2">
                {t('webhooks.title')}
              </Title>
              <Text c="dimmed" size="sm" maw={640}>
                {t('webhooks.intro')}
              </Text>
            </div>
            <Button onClick={() => setEditing('new')}>{t('webhooks.add')}</Button>
          </Group>
          <QueryBlock query={list} empty={<Text c="dimmed">{t('webhooks.empty')}</Text>}>
            {(rows) => (
              <DataTable
                label={t('webhooks.title')}
                columns={[t('webhooks.url'), t('webhooks.events'), t('webhooks.status')]}
              >
                {rows.map((endpoint) => (
                  <EndpointRow
                    key={endpoint.id}
                    endpoint={endpoint}
                    onEdit={() => setEditing(endpoint)}
                    onSecret={setSecret}
                    onDeliveries={() => setDeliveriesOf(endpoint)}
                  />
                ))}
              </DataTable>
            )}
          </QueryBlock>
        </Stack>
      </div>
      {editing ? (
        <EndpointModal
          endpoint={editing === 'new' ? null : editing}
          onClose={() => setEditing(null)}
          onCreated={(created) => {
            setEditing(null);
            setSecret(created);
          }}
        />
      ) : null}
      {secret ? <SecretModal endpoint={secret} onClose={() => setSecret(null)} /> : null}
      {deliveriesOf ? <DeliveriesModal endpoint={deliveriesOf} onClose={() => setDeliveriesOf(null)} /> : null}
    </div>
  );
}

function EndpointRow({
  endpoint,
  onEdit,
  onSecret,
  onDeliveries,
}: {
  endpoint: WebhookEndpoint;
  onEdit: () => void;
  onSecret: (e: WebhookEndpointWithSecret) => void;
  onDeliveries: () => void;
}) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [confirm, setConfirm] = useState<'remove' | 'rotate' | null>(null);
  const refresh = () => client.invalidateQueries({ queryKey: webhooksKeys.list });
  const onError = (err: unknown) => notifications.show({ color: 'red', message: errorMessage(err) });
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => webhooksApi.update(endpoint.id, { enabled }),
    onSuccess: refresh,
    onError,
  });
  const remove = useMutation({
    mutationFn: () => webhooksApi.remove(endpoint.id),
    onSuccess: () => {
      setConfirm(null);
      notifications.show({ message: t('webhooks.removed') });
      return refresh();
    },
  });
  const rotate = useMutation({
    mutationFn: () => webhooksApi.rotate(endpoint.id),
    onSuccess: (rotated) => {
      setConfirm(null);
      onSecret(rotated);
      return refresh();
    },
  });
  const url = endpoint.url;
  return (
    <Table.Tr>
      <Table.Td style={{ wordBreak: 'break-all' }}>
        <Text size="sm" fw={500}>
          {url}
        </Text>
        {endpoint.description ? (
          <Text size="xs" c="dimmed">
            {endpoint.description}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Text size="xs">{endpoint.eventTypes.join(', ')}</Text>
      </Table.Td>
      <Table.Td>
        <Switch
          checked={endpoint.enabled}
          onChange={(e) => toggle.mutate(e.currentTarget.checked)}
          label={endpoint.enabled ? t('webhooks.on') : t('webhooks.off')}
          aria-label={endpoint.enabled ? t('webhooks.switchOff', { url }) : t('webhooks.switchOn', { url })}
          disabled={toggle.isPending}
        />
        {endpoint.disabledReason ? (
          <Text size="xs" c="red.8" mt={4}>
            {t('webhooks.switchedOff')}: {endpoint.disabledReason}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Button
            size="compact-sm"
            variant="default"
            onClick={onDeliveries}
            aria-label={t('webhooks.showDeliveries', { url })}
          >
            {t('webhooks.deliveries')}
          </Button>
          <Button size="compact-sm" variant="default" onClick={onEdit} aria-label={t('webhooks.edit', { url })}>
            ✎
          </Button>
          <Button
            size="compact-sm"
            variant="default"
            onClick={() => setConfirm('rotate')}
            aria-label={t('webhooks.rotate', { url })}
          >
            🔑
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={() => setConfirm('remove')}
            aria-label={t('webhooks.remove', { url })}
          >
            ✕
          </Button>
        </Group>
        {confirm === 'remove' ? (
          <ConfirmModal
            title={t('webhooks.remove', { url })}
            body={t('webhooks.removeConfirm')}
            confirmLabel={t('webhooks.removeShort')}
            onConfirm={() => remove.mutate()}
            onClose={() => setConfirm(null)}
            pending={remove.isPending}
            error={remove.error}
          />
        ) : null}
        {confirm === 'rotate' ? (
          <ConfirmModal
            title={t('webhooks.rotate', { url })}
            body={t('webhooks.rotateConfirm')}
            confirmLabel={t('webhooks.rotateShort')}
            onConfirm={() => rotate.mutate()}
            onClose={() => setConfirm(null)}
            pending={rotate.isPending}
            error={rotate.error}
          />
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** Adds a webhook (then shows its secret once) or edits one. */
function EndpointModal({
  endpoint,
  onClose,
  onCreated,
}: {
  endpoint: WebhookEndpoint | null;
  onClose: () => void;
  onCreated: (created: WebhookEndpointWithSecret) => void;
}) {
  const { t } = useTranslation('staff');
  const client = useQueryClient();
  const [url, setUrl] = useState(endpoint?.url ?? '');
  const [description, setDescription] = useState(endpoint?.description ?? '');
  const [eventTypes, setEventTypes] = useState<string[]>(endpoint?.eventTypes ?? []);
  const save = useMutation({
    mutationFn: async (): Promise<WebhookEndpointWithSecret | null> => {
      const body = { url: url.trim(), description, eventTypes: eventTypes as WebhookEndpoint['eventTypes'] };
      if (!endpoint) return webhooksApi.create(body);
      await webhooksApi.update(endpoint.id, body);
      return null;
    },
    onSuccess: async (created) => {
      await client.invalidateQueries({ queryKey: webhooksKeys.list });
      if (created) onCreated(created);
      else {
        notifications.show({ message: t('webhooks.saved') });
        onClose();
      }
    },
  });
  return (
    <FormModal
      title={endpoint ? t('webhooks.editTitle') : t('webhooks.add')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={endpoint ? t('webhooks.save') : t('webhooks.create')}
      pending={save.isPending}
      error={save.error}
      errorLabels={{ url: t('webhooks.url'), eventTypes: t('webhooks.events'), description: t('webhooks.description') }}
      ready={!!url.trim() && eventTypes.length > 0}
      size="lg"
    >
      <TextInput
        label={t('webhooks.url')}
        description={t('webhooks.urlHelp')}
        value={url}
        onChange={(e) => setUrl(e.currentTarget.value)}
        placeholder="https://"
        type="url"
        required
        data-autofocus
      />
      <MultiSelect
        label={t('webhooks.events')}
        description={t('webhooks.eventsHelp')}
        data={eventOptions}
        value={eventTypes}
        onChange={setEventTypes}
        searchable
        required
      />
      <TextInput
        label={t('webhooks.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        maxLength={200}
      />
    </FormModal>
  );
}

/** The signing secret, once: after a creation or a rotation. */
function SecretModal({ endpoint, onClose }: { endpoint: WebhookEndpointWithSecret; onClose: () => void }) {
  const { t } = useTranslation('staff');
  return (
    <ShownOnceModal
      title={t('webhooks.secretTitle')}
      intro={<Alert color="yellow">{t('webhooks.secretOnce')}</Alert>}
      label={t('webhooks.secret')}
      value={endpoint.secret}
      onClose={onClose}
    />
  );
}
