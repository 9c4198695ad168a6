import { apiKeyScopes } from '@frontdesk/protocol';
import { Alert, Badge, Button, Checkbox, Group, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { zoneLabel } from '../../../i18n/time-zone';
import { useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import { ConfirmModal, FormModal } from '../../ui/FormModal';
import { DataTable, QueryBlock } from '../../ui/QueryTable';
import { ShownOnceModal } from '../../ui/ShownOnceModal';
import { type ApiKey, type ApiKeyScope, type ApiKeyWithSecret, apiKeysApi, apiKeysKeys } from './api';

/** The label of each scope (i18n keys cannot hold the scope's ':'). */
const scopeLabel = {
  'conversations:read': 'apiKeys.scope.conversations_read',
  'messages:send': 'apiKeys.scope.messages_send',
  'stays:manage': 'apiKeys.scope.stays_manage',
  'customers:manage': 'apiKeys.scope.customers_manage',
  'reports:read': 'apiKeys.scope.reports_read',
} as const satisfies Record<ApiKeyScope, string>;

/** Times as the organization reads them, with its zone named in the column headers. */
function useWhen() {
  const { i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  return {
    when: (iso: string) => formatDateTime(iso, i18n.language, timeZone),
    zone: timeZone ? zoneLabel(timeZone, i18n.language) : '',
  };
}

/** `/app/api-keys` (admins): the organization's API keys; create one (shown once), see its last use, revoke it. */
export function ApiKeysPage() {
  const { t } = useTranslation('staff');
  const { zone } = useWhen();
  const list = useQuery({ queryKey: apiKeysKeys.list, queryFn: apiKeysApi.list });
  const [creating, setCreating] = useState(false);
  const [created, setCreated] = useState<ApiKeyWithSecret | null>(null);
  return (
    <div className="fd-page">
      <div className="fd-page-inner">
        <Stack gap="md">
          <Group justify="space-between" align="flex-start">
            <div>
              <Title order={1} size="h2">
                {t('apiKeys.title')}
              </Title>
              <Text c="dimmed" size="sm" maw={640}>
                {t('apiKeys.intro')}
              </Text>
            </div>
            <Button onClick={() => setCreating(true)}>{t('apiKeys.add')}</Button>
          </Group>
          <QueryBlock query={list} empty={<Text c="dimmed">{t('apiKeys.empty')}</Text>}>
            {(rows) => (
              <DataTable
                label={t('apiKeys.title')}
                columns={[
                  t('apiKeys.name'),
                  t('apiKeys.scopes'),
                  t('apiKeys.created', { zone }),
                  t('apiKeys.lastUsed', { zone }),
                  t('apiKeys.status'),
                ]}
              >
                {rows.map((key) => (
                  <KeyRow key={key.id} apiKey={key} />
                ))}
              </DataTable>
            )}
          </QueryBlock>
        </Stack>
      </div>
      {creating ? (
        <CreateModal
          onClose={() => setCreating(false)}
          onCreated={(key) => {
            setCreating(false);
            setCreated(key);
          }}
        />
      ) : null}
      {created ? <SecretModal apiKey={created} onClose={() => setCreated(null)} /> : null}
    </div>
  );
}

function KeyRow({ apiKey }: { apiKey: ApiKey }) {
  const { t } = useTranslation('staff');
  const { when } = useWhen();
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const revoke = useMutation({
    mutationFn: () => apiKeysApi.revoke(apiKey.id),
    onSuccess: () => {
      setConfirming(false);
      notifications.show({ message: t('apiKeys.revoked') });
      return client.invalidateQueries({ queryKey: apiKeysKeys.list });
    },
  });
  const name = apiKey.name;
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {name}
        </Text>
        <Text size="xs" c="dimmed" ff="monospace">
          fdk_{apiKey.prefix}_…
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="xs">{apiKey.scopes.map((scope) => t(scopeLabel[scope])).join(', ')}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{when(apiKey.createdAt)}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{apiKey.lastUsedAt ? when(apiKey.lastUsedAt) : t('apiKeys.never')}</Text>
      </Table.Td>
      <Table.Td>
        {apiKey.revokedAt ? (
          <Badge color="gray" variant="light">
            {t('apiKeys.revokedAt', { when: when(apiKey.revokedAt) })}
          </Badge>
        ) : (
          <Badge color="green" variant="light">
            {t('apiKeys.active')}
          </Badge>
        )}
      </Table.Td>
      <Table.Td>
        {apiKey.revokedAt ? null : (
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={() => setConfirming(true)}
            aria-label={t('apiKeys.revoke', { name })}
          >
            {t('apiKeys.revokeShort')}
          </Button>
        )}
        {confirming ? (
          <ConfirmModal
            title={t('apiKeys.revoke', { name })}
            body={t('apiKeys.revokeConfirm')}
            confirmLabel={t('apiKeys.revokeShort')}
            onConfirm={() => revoke.mutate()}
            onClose={() => setConfirming(false)}
            pending={revoke.isPending}
            error={revoke.error}
          />
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** Creates a key with a name and scopes; the caller then shows it once. */
function CreateModal({ onClose, onCreated }: { onClose: () => void; onCreated: (key: ApiKeyWithSecret) => void }) {
  const { t } = useTranslation('staff');
  const client = useQueryClient();
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<string[]>([]);
  const save = useMutation({
    mutationFn: () => apiKeysApi.create({ name: name.trim(), scopes: scopes as ApiKeyScope[] }),
    onSuccess: async (key) => {
      await client.invalidateQueries({ queryKey: apiKeysKeys.list });
      onCreated(key);
    },
  });
  return (
    <FormModal
      title={t('apiKeys.add')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('apiKeys.create')}
      pending={save.isPending}
      error={save.error}
      errorLabels={{ name: t('apiKeys.name'), scopes: t('apiKeys.scopes') }}
      ready={!!name.trim() && scopes.length > 0}
    >
      <TextInput
        label={t('apiKeys.name')}
        description={t('apiKeys.nameHelp')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        maxLength={100}
        required
        data-autofocus
      />
      <Checkbox.Group
        label={t('apiKeys.scopes')}
        description={t('apiKeys.scopesHelp')}
        value={scopes}
        onChange={setScopes}
        required
      >
        <Stack gap={6} mt={6}>
          {apiKeyScopes.map((scope) => (
            <Checkbox key={scope} value={scope} label={t(scopeLabel[scope])} />
          ))}
        </Stack>
      </Checkbox.Group>
    </FormModal>
  );
}

/** The new key, once, with a copy button. */
function SecretModal({ apiKey, onClose }: { apiKey: ApiKeyWithSecret; onClose: () => void }) {
  const { t } = useTranslation('staff');
  return (
    <ShownOnceModal
      title={t('apiKeys.secretTitle')}
      intro={<Alert color="yellow">{t('apiKeys.secretOnce')}</Alert>}
      label={t('apiKeys.key')}
      value={apiKey.key}
      onClose={onClose}
    />
  );
}
