import {
  Badge,
  Button,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/states';
import { useCurrentUser } from '../../auth/session';
import { formatDateTime, pickerToLocal, toZonedPickerValue } from '../../format';
import { sharedKeys } from '../../shared-api';
import type { Stay, StayFilter } from '../../types';
import { ConfirmModal, FormModal } from '../../ui/FormModal';
import { SearchIcon } from '../../ui/icons';
import { PrivacyActions } from '../../ui/PrivacyActions';
import { DataTable, QueryBlock } from '../../ui/QueryTable';
import { staysApi } from './api';
import { CheckOutPicker } from './CheckOutPicker';
import { EndAccessModal } from './EndAccessModal';
import { GuestAccessCard } from './GuestAccessCard';
import { guestNames } from './guest-names';

const filters: StayFilter[] = ['all_live', 'current', 'upcoming', 'ended_today'];

/** Current, upcoming and today's ended stays, searchable; extend a stay or check it out. */
export function StayList() {
  const { t, i18n } = useTranslation('staff');
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const timeZone = me.organization?.timezone;
  const [filter, setFilter] = useState<StayFilter>('all_live');
  const [q, setQ] = useState('');
  const [search] = useDebouncedValue(q.trim(), 250);
  const [extending, setExtending] = useState<Stay | null>(null);
  const [checkingOut, setCheckingOut] = useState<Stay | null>(null);
  const [endingAccess, setEndingAccess] = useState<Stay | null>(null);
  const [showing, setShowing] = useState<Stay | null>(null);
  const stays = useQuery({
    queryKey: [...sharedKeys.stays, filter, search],
    queryFn: () => staysApi.stays(filter, search || undefined),
    placeholderData: keepPreviousData,
  });

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Title order={2} size="h3">
          {t('stays.listTitle')}
        </Title>
        <Group gap="sm" align="flex-end">
          <TextInput
            aria-label={t('stays.searchLabel')}
            placeholder={t('stays.search')}
            leftSection={<SearchIcon size={16} />}
            value={q}
            onChange={(e) => setQ(e.currentTarget.value)}
            w={240}
          />
          <SegmentedControl
            aria-label={t('stays.filter')}
            value={filter}
            onChange={(v) => setFilter(v as StayFilter)}
            data={filters.map((f) => ({ value: f, label: t(`stays.filters.${f}`) }))}
          />
        </Group>
      </Group>
      <QueryBlock query={stays} empty={<EmptyState title={search ? t('stays.noMatch') : t(`stays.empty.${filter}`)} />}>
        {(rows) => (
          <DataTable
            label={t('stays.listTitle')}
            framed={false}
            verticalSpacing="xs"
            columns={[t('stays.room'), t('stays.guests'), t('stays.checkIn'), t('stays.checkOut'), t('stays.requests')]}
          >
            {rows.map((s) => (
              <Table.Tr key={s.id}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text fw={700}>{s.room.number}</Text>
                    {s.status !== 'current' ? (
                      <Badge size="xs" variant="light" color={s.status === 'upcoming' ? 'blue' : 'gray'}>
                        {t(`stays.status.${s.status}`)}
                      </Badge>
                    ) : null}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <UnstyledButton
                    className="fd-guest-names"
                    onClick={() => setShowing(s)}
                    aria-label={t('stays.showCodes', { room: s.room.number })}
                  >
                    {s.guests.map((g) => (
                      <Group key={g.id} gap={4} wrap="nowrap">
                        <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                          {g.name ?? t('inbox.guest')}
                        </Text>
                        {g.vip ? (
                          <Badge size="xs" color="yellow" style={{ flex: 'none' }}>
                            VIP
                          </Badge>
                        ) : null}
                      </Group>
                    ))}
                    <Text size="xs" c="blue">
                      {t('stays.codes')}
                    </Text>
                  </UnstyledButton>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(s.checkInAt, i18n.language, timeZone)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(s.endedAt ?? s.checkOutAt, i18n.language, timeZone)}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Badge
                    variant={s.liveConversations ? 'filled' : 'light'}
                    color={s.liveConversations ? 'red' : 'gray'}
                    aria-label={t('stays.liveRequests', { count: s.liveConversations })}
                  >
                    {s.liveConversations}
                  </Badge>
                </Table.Td>
                <Table.Td>
                  <Group gap={6} justify="flex-end" wrap="nowrap">
                    {s.status !== 'ended' ? (
                      <>
                        <Button size="compact-sm" variant="default" onClick={() => setExtending(s)}>
                          {t('stays.extend')}
                        </Button>
                        <Button size="compact-sm" color="red" variant="light" onClick={() => setCheckingOut(s)}>
                          {t('stays.checkOutNow')}
                        </Button>
                      </>
                    ) : (
                      <>
                        <Button size="compact-sm" color="red" variant="subtle" onClick={() => setEndingAccess(s)}>
                          {t('stays.endAccess')}
                        </Button>
                        {me.abilities.managePrivacy && !s.erasedAt ? (
                          <PrivacyActions
                            base={`/api/v1/stays/${encodeURIComponent(s.id)}`}
                            who={guestNames(s) || `${t('stays.room')} ${s.room.number}`}
                            onErased={() => void queryClient.invalidateQueries({ queryKey: sharedKeys.stays })}
                          />
                        ) : null}
                      </>
                    )}
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        )}
      </QueryBlock>
      {extending ? <ExtendModal stay={extending} onClose={() => setExtending(null)} /> : null}
      {checkingOut ? <CheckOutModal stay={checkingOut} onClose={() => setCheckingOut(null)} /> : null}
      {endingAccess ? <EndAccessModal stay={endingAccess} onClose={() => setEndingAccess(null)} /> : null}
      <Modal
        opened={!!showing}
        onClose={() => setShowing(null)}
        title={showing ? t('stays.codesTitle', { room: showing.room.number }) : ''}
        size="lg"
      >
        <Stack gap="sm">
          {showing?.guests.map((g) => (
            <GuestAccessCard key={g.id} guest={g} room={showing.room.number} />
          ))}
        </Stack>
      </Modal>
    </Stack>
  );
}

function ExtendModal({ stay, onClose }: { stay: Stay; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const timeZone = me.organization?.timezone ?? 'UTC';
  const [value, setValue] = useState<string | null>(() => toZonedPickerValue(stay.checkOutAt, timeZone));
  const save = useMutation({
    mutationFn: () => staysApi.changeCheckOut(stay.id, pickerToLocal(value ?? '')),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: sharedKeys.stays });
      queryClient.setQueryData(sharedKeys.stay(stay.id), updated);
      notifications.show({ color: 'green', message: t('stays.extended', { room: stay.room.number }) });
      onClose();
    },
  });
  const addNight = () => {
    const base = value ?? toZonedPickerValue(stay.checkOutAt, timeZone);
    const [date = '', time = '11:00:00'] = base.split(' ');
    const next = new Date(`${date}T00:00:00Z`);
    next.setUTCDate(next.getUTCDate() + 1);
    setValue(`${next.toISOString().slice(0, 10)} ${time}`);
  };
  return (
    <FormModal
      title={t('stays.extendTitle', { room: stay.room.number })}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('shared.save')}
      pending={save.isPending}
      error={save.error}
      ready={!!value}
    >
      <CheckOutPicker label={t('stays.newCheckOut')} value={value} onChange={setValue} timeZone={timeZone} />
      <Button variant="subtle" size="xs" onClick={addNight} style={{ alignSelf: 'flex-start' }}>
        {t('stays.addNight')}
      </Button>
    </FormModal>
  );
}

function CheckOutModal({ stay, onClose }: { stay: Stay; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const checkOut = useMutation({
    mutationFn: () => staysApi.checkOut(stay.id),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: sharedKeys.stays });
      void queryClient.invalidateQueries({ queryKey: sharedKeys.rooms });
      queryClient.setQueryData(sharedKeys.stay(stay.id), updated);
      notifications.show({ color: 'green', message: t('stays.checkedOut', { room: stay.room.number }) });
      onClose();
    },
  });
  return (
    <ConfirmModal
      title={t('stays.checkOutTitle', { room: stay.room.number })}
      body={t('stays.checkOutBody', { names: guestNames(stay) || t('inbox.guest') })}
      confirmLabel={t('stays.checkOutConfirm')}
      onConfirm={() => checkOut.mutate()}
      onClose={onClose}
      pending={checkOut.isPending}
      error={checkOut.error}
    />
  );
}
