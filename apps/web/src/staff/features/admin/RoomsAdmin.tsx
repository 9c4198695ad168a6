import {
  Alert,
  Badge,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { EmptyState } from '../../../ui/states';
import { sharedApi, sharedKeys } from '../../shared-api';
import type { BulkCreateRoomsResponse, Room } from '../../types';
import { ConfirmModal } from '../../ui/FormModal';
import { DataTable, QueryBlock } from '../../ui/QueryTable';
import { adminApi } from './api';

/** Rooms (admins): add many from a range or a list, flag priority rooms, remove, print the QR posters. */
export function RoomsAdmin() {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const rooms = useQuery({ queryKey: sharedKeys.rooms, queryFn: sharedApi.rooms });
  const [removing, setRemoving] = useState<Room | null>(null);
  const priority = useMutation({
    mutationFn: ({ id, on }: { id: string; on: boolean }) => adminApi.updateRoom(id, { priority: on }),
    onSuccess: () => void queryClient.invalidateQueries({ queryKey: sharedKeys.rooms }),
    onError: (err) => notifications.show({ color: 'red', title: t('admin.failed'), message: errorMessage(err) }),
  });

  return (
    <Stack gap="md">
      <Group align="flex-start" gap="lg" wrap="nowrap">
        <BulkAdd />
        <Paper withBorder p="lg" radius="md" style={{ flex: 1 }}>
          <Stack gap="xs">
            <Title order={2} size="h4">
              {t('admin.rooms.posters')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('admin.rooms.postersHelp')}
            </Text>
            <Button
              component="a"
              href="/api/v1/rooms/posters.pdf"
              target="_blank"
              rel="noopener"
              variant="light"
              style={{ alignSelf: 'flex-start' }}
              disabled={!rooms.data?.length}
            >
              {t('admin.rooms.downloadPosters')}
            </Button>
          </Stack>
        </Paper>
      </Group>
      <QueryBlock
        query={rooms}
        empty={<EmptyState title={t('admin.rooms.empty')}>{t('admin.rooms.emptyBody')}</EmptyState>}
      >
        {(rows) => (
          <DataTable
            label={t('admin.sections.rooms')}
            caption={t('admin.rooms.count', { count: rows.length })}
            verticalSpacing="xs"
            columns={[
              t('admin.rooms.number'),
              t('admin.rooms.label'),
              t('admin.rooms.priority'),
              t('admin.rooms.state'),
            ]}
          >
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>
                  <Text fw={700}>{r.number}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{r.label || '—'}</Text>
                </Table.Td>
                <Table.Td>
                  <Switch
                    size="sm"
                    aria-label={t('admin.rooms.priorityOf', { room: r.number })}
                    checked={r.priority}
                    onChange={(e) => priority.mutate({ id: r.id, on: e.currentTarget.checked })}
                  />
                </Table.Td>
                <Table.Td>
                  <Badge size="sm" variant="light" color={r.occupied ? 'blue' : 'gray'}>
                    {r.occupied ? t('admin.rooms.occupied') : t('admin.rooms.free')}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} justify="flex-end" wrap="nowrap">
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      component="a"
                      href={`/api/v1/rooms/${r.id}/qr.svg`}
                      target="_blank"
                      rel="noopener"
                    >
                      {t('admin.rooms.qr')}
                    </Button>
                    <Button
                      size="compact-sm"
                      variant="subtle"
                      color="red"
                      onClick={() => setRemoving(r)}
                      disabled={r.occupied}
                      title={r.occupied ? t('admin.rooms.occupiedNoRemove') : undefined}
                    >
                      {t('admin.rooms.remove')}
                    </Button>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryBlock>
      {removing ? <RemoveRoomModal room={removing} onClose={() => setRemoving(null)} /> : null}
    </Stack>
  );
}

/** "101-120" or "101, 102, Suite A" (commas or new lines). */
function BulkAdd() {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [mode, setMode] = useState<'range' | 'list'>('range');
  const [range, setRange] = useState('');
  const [list, setList] = useState('');
  const [label, setLabel] = useState('');
  const [result, setResult] = useState<BulkCreateRoomsResponse | null>(null);
  const numbers = list
    .split(/[,\n;]+/)
    .map((n) => n.trim())
    .filter(Boolean);
  const add = useMutation({
    mutationFn: () =>
      adminApi.addRooms(
        mode === 'range' ? { range: range.trim(), label: label.trim() } : { numbers, label: label.trim() },
      ),
    onSuccess: (created) => {
      setResult(created);
      setRange('');
      setList('');
      void queryClient.invalidateQueries({ queryKey: sharedKeys.rooms });
    },
  });
  const ready = mode === 'range' ? /^\s*\d{1,6}\s*-\s*\d{1,6}\s*$/.test(range) : numbers.length > 0;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) add.mutate();
  };
  return (
    <Paper withBorder p="lg" radius="md" style={{ flex: 1.4 }}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Group justify="space-between">
            <Title order={2} size="h4">
              {t('admin.rooms.add')}
            </Title>
            <SegmentedControl
              size="xs"
              value={mode}
              onChange={(v) => setMode(v as 'range' | 'list')}
              data={[
                { value: 'range', label: t('admin.rooms.fromRange') },
                { value: 'list', label: t('admin.rooms.fromList') },
              ]}
            />
          </Group>
          <Group align="flex-start" grow>
            {mode === 'range' ? (
              <TextInput
                label={t('admin.rooms.range')}
                placeholder="101-120"
                value={range}
                onChange={(e) => setRange(e.currentTarget.value)}
                error={range && !ready ? t('admin.rooms.rangeInvalid') : undefined}
              />
            ) : (
              <Textarea
                label={t('admin.rooms.list')}
                placeholder={'101, 102, Suite A'}
                value={list}
                onChange={(e) => setList(e.currentTarget.value)}
                autosize
                minRows={1}
                maxRows={4}
              />
            )}
            <TextInput
              label={t('admin.rooms.labelOptional')}
              placeholder={t('admin.rooms.labelPlaceholder')}
              value={label}
              onChange={(e) => setLabel(e.currentTarget.value)}
              maxLength={60}
            />
          </Group>
          {add.error ? (
            <Alert color="red" role="alert">
              {errorMessage(add.error)}
            </Alert>
          ) : null}
          {result ? (
            <Alert color="green" role="status" withCloseButton onClose={() => setResult(null)}>
              {t('admin.rooms.added', { count: result.created.length })}
              {result.skipped.length ? ` ${t('admin.rooms.skipped', { numbers: result.skipped.join(', ') })}` : ''}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={add.isPending} disabled={!ready}>
              {t('admin.rooms.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function RemoveRoomModal({ room, onClose }: { room: Room; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const remove = useMutation({
    mutationFn: () => adminApi.removeRoom(room.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sharedKeys.rooms });
      onClose();
    },
  });
  return (
    <ConfirmModal
      title={t('admin.rooms.removeTitle', { room: room.number })}
      body={t('admin.rooms.removeBody')}
      confirmLabel={t('admin.rooms.remove')}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
      pending={remove.isPending}
      error={remove.error}
    />
  );
}
