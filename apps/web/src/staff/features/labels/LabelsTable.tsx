import { Badge, Menu, Modal, Stack, Table, Text, Timeline } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { zoneLabel } from '../../../i18n/time-zone';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useCurrentUser, useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import { ConfirmModal } from '../../ui/FormModal';
import { DataTable } from '../../ui/QueryTable';
import { RowMenu } from '../../ui/RowMenu';
import { type Label, labelKeys, labelsApi } from './api';

const statusColor = { blank: 'gray', assigned: 'green', retired: 'red' } as const;

/** Labels with their status, customer and who gave them when (on the organization's clock). */
export function LabelsTable({ title, labels }: { title: string; labels: Label[] }) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const zone = timeZone ? zoneLabel(timeZone, i18n.language) : '';
  const [history, setHistory] = useState<Label | null>(null);
  const [retiring, setRetiring] = useState<Label | null>(null);
  const admin = useCurrentUser().role === 'admin';
  return (
    <>
      <DataTable
        label={title}
        columns={[
          t('labels.code'),
          t('labels.status'),
          t('labels.customer'),
          t('labels.assignedBy'),
          t('labels.assignedAt', { zone }),
        ]}
      >
        {labels.map((l) => (
          <Table.Tr key={l.id}>
            <Table.Td>
              <code>{l.code}</code>
            </Table.Td>
            <Table.Td>
              <Badge color={statusColor[l.status]} variant="light">
                {t(`labels.statuses.${l.status}`)}
              </Badge>
            </Table.Td>
            <Table.Td>{l.customer?.name ?? t('labels.none')}</Table.Td>
            <Table.Td>{l.assignedBy?.name ?? t('labels.none')}</Table.Td>
            <Table.Td>
              {l.assignedAt ? formatDateTime(l.assignedAt, i18n.language, timeZone) : t('labels.none')}
            </Table.Td>
            <Table.Td>
              <RowMenu name={l.code}>
                <Menu.Item onClick={() => setHistory(l)}>{t('labels.showHistory')}</Menu.Item>
                {admin && l.status !== 'retired' ? (
                  <Menu.Item color="red" onClick={() => setRetiring(l)}>
                    {t('labels.retire', { code: l.code })}
                  </Menu.Item>
                ) : null}
              </RowMenu>
            </Table.Td>
          </Table.Tr>
        ))}
      </DataTable>
      {history ? <HistoryModal label={history} onClose={() => setHistory(null)} /> : null}
      {retiring ? <RetireModal label={retiring} onClose={() => setRetiring(null)} /> : null}
    </>
  );
}

function HistoryModal({ label, onClose }: { label: Label; onClose: () => void }) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const detail = useQuery({ queryKey: labelKeys.detail(label.id), queryFn: () => labelsApi.label(label.id) });
  return (
    <Modal opened onClose={onClose} title={t('labels.history', { code: label.code })}>
      {detail.isPending ? (
        <LoadingState />
      ) : detail.isError ? (
        <ErrorState error={detail.error} onRetry={() => void detail.refetch()} />
      ) : (
        <Timeline bulletSize={14} lineWidth={2}>
          {detail.data.history.map((h, i) => (
            // the history only grows at its end: a position is an entry
            // biome-ignore lint/suspicious/noArrayIndexKey: append-only list
            <Timeline.Item key={i} title={t(`labels.changes.${h.change}`, { customer: h.customer?.name ?? '' })}>
              <Stack gap={0}>
                <Text size="sm" c="dimmed">
                  {formatDateTime(h.at, i18n.language, timeZone)}
                  {h.by ? ` · ${t('labels.by', { name: h.by.name })}` : ''}
                </Text>
              </Stack>
            </Timeline.Item>
          ))}
        </Timeline>
      )}
    </Modal>
  );
}

function RetireModal({ label, onClose }: { label: Label; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const retire = useMutation({
    mutationFn: () => labelsApi.retire(label.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: labelKeys.all });
      notifications.show({ color: 'green', message: t('labels.retired', { code: label.code }) });
      onClose();
    },
  });
  return (
    <ConfirmModal
      title={t('labels.retire', { code: label.code })}
      body={t('labels.retireBody')}
      confirmLabel={t('labels.retireConfirm')}
      onConfirm={() => retire.mutate()}
      onClose={onClose}
      pending={retire.isPending}
      error={retire.error}
    />
  );
}
