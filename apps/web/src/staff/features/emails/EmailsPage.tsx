import { type EmailStatus, type EmailSummary, emailStatuses } from '@frontdesk/protocol';
import { Alert, Badge, Button, Group, Modal, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import { DataTable } from '../../ui/QueryTable';
import { type EmailScope, emailsApi, emailsKeys } from './api';

const statusColor: Record<EmailStatus, string> = {
  queued: 'yellow',
  sending: 'blue',
  sent: 'green',
  failed: 'red',
  kept: 'gray',
  opted_out: 'gray',
};

/** `/app/emails` (admins) and `/app/platform/emails` (platform owner): the e-mail log, with failures in plain words. */
export function EmailsPage({ scope }: { scope: EmailScope }) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const [status, setStatus] = useState<EmailStatus | undefined>();
  const [open, setOpen] = useState<EmailSummary | null>(null);
  const list = useQuery({ queryKey: emailsKeys.list(scope, status), queryFn: () => emailsApi.list(scope, status) });
  const when = (iso: string) => formatDateTime(iso, i18n.language, timeZone);
  return (
    <div className="fd-page">
      <div className="fd-page-inner">
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              {scope === 'all' ? t('emails.platformTitle') : t('emails.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('emails.intro')}
            </Text>
          </div>
          {list.data?.delivery === 'kept' ? <Alert color="blue">{t('emails.kept')}</Alert> : null}
          <Select
            label={t('emails.filter')}
            w={260}
            value={status ?? 'any'}
            onChange={(value) => setStatus(value && value !== 'any' ? (value as EmailStatus) : undefined)}
            allowDeselect={false}
            data={[
              { value: 'any', label: t('emails.any') },
              ...emailStatuses.map((s) => ({ value: s, label: t(`emails.statuses.${s}`) })),
            ]}
          />
          {list.isPending ? (
            <LoadingState />
          ) : list.isError ? (
            <ErrorState error={list.error} onRetry={() => void list.refetch()} />
          ) : list.data.emails.length === 0 ? (
            <Text c="dimmed">{t('emails.empty')}</Text>
          ) : (
            <DataTable
              label={t('emails.title')}
              columns={[t('emails.when'), t('emails.to'), t('emails.subject'), t('emails.status')]}
            >
              {list.data.emails.map((e) => (
                <Table.Tr key={e.id}>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{when(e.createdAt)}</Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.toName ? `${e.toName} <${e.to}>` : e.to}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{e.subject}</Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge color={statusColor[e.status]} variant="light">
                      {t(`emails.statuses.${e.status}`)}
                    </Badge>
                    {e.lastError && e.status !== 'sent' ? (
                      <Text size="xs" c={e.status === 'failed' ? 'red.8' : 'dimmed'} mt={4}>
                        {e.lastError}
                      </Text>
                    ) : null}
                    {e.nextAttemptAt ? (
                      <Text size="xs" c="dimmed">
                        {t('emails.retryAt', { when: when(e.nextAttemptAt) })}
                      </Text>
                    ) : null}
                  </Table.Td>
                  <Table.Td>
                    <Button size="xs" variant="default" onClick={() => setOpen(e)}>
                      <span aria-hidden>↗</span>
                      <span className="fd-visually-hidden">{t('emails.open', { subject: e.subject })}</span>
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </Stack>
      </div>
      {open ? <EmailModal email={open} onClose={() => setOpen(null)} /> : null}
    </div>
  );
}

function EmailModal({ email, onClose }: { email: EmailSummary; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const detail = useQuery({ queryKey: emailsKeys.one(email.id), queryFn: () => emailsApi.get(email.id) });
  return (
    <Modal opened onClose={onClose} title={email.subject} size="lg">
      <Stack gap="xs">
        <Group gap="xs">
          <Text size="sm">{email.toName ? `${email.toName} <${email.to}>` : email.to}</Text>
          <Badge color={statusColor[email.status]} variant="light">
            {t(`emails.statuses.${email.status}`)}
          </Badge>
        </Group>
        <Text size="xs" c="dimmed">
          {t('emails.tries', { count: email.attempts })}
          {email.essential ? ` · ${t('emails.essential')}` : ''}
        </Text>
        {email.lastError ? <Alert color={email.status === 'failed' ? 'red' : 'yellow'}>{email.lastError}</Alert> : null}
        {detail.isPending ? (
          <LoadingState />
        ) : detail.isError ? (
          <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
        ) : (
          <Text component="pre" size="sm" style={{ whiteSpace: 'pre-wrap', fontFamily: 'inherit' }}>
            {detail.data.text}
          </Text>
        )}
      </Stack>
    </Modal>
  );
}
