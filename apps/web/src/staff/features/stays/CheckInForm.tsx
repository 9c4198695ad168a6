import { Alert, Button, Group, Select, Stack } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { ErrorState } from '../../../ui/states';
import { useCurrentUser } from '../../auth/session';
import { defaultCheckOut, pickerToLocal } from '../../format';
import { sharedApi, sharedKeys } from '../../shared-api';
import type { Stay } from '../../types';
import { emptyGuest, type GuestFields, GuestFieldsInput, guestBody } from '../../ui/GuestFields';
import { staysApi } from './api';
import { CheckOutPicker } from './CheckOutPicker';

/** Check a guest in: a free room, the check-out time on the hotel's clock, and who the guest is. */
export function CheckInForm({ onCheckedIn }: { onCheckedIn: (stay: Stay) => void }) {
  const { t } = useTranslation(['staff', 'common']);
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const me = useCurrentUser();
  const timeZone = me.organization?.timezone ?? 'UTC';
  const rooms = useQuery({ queryKey: sharedKeys.rooms, queryFn: sharedApi.rooms });
  const [roomId, setRoomId] = useState<string | null>(null);
  const [checkOut, setCheckOut] = useState<string | null>(() => defaultCheckOut(timeZone));
  const [guest, setGuest] = useState<GuestFields>(() => emptyGuest(me.organization?.language ?? 'en'));
  const [touched, setTouched] = useState(false);

  const checkIn = useMutation({
    mutationFn: () =>
      staysApi.checkIn({ roomId: roomId ?? '', checkOutAt: pickerToLocal(checkOut ?? ''), guest: guestBody(guest) }),
    onSuccess: (stay) => {
      void queryClient.invalidateQueries({ queryKey: sharedKeys.rooms });
      void queryClient.invalidateQueries({ queryKey: sharedKeys.stays });
      setRoomId(null);
      setGuest(emptyGuest(me.organization?.language ?? 'en'));
      setTouched(false);
      checkIn.reset();
      onCheckedIn(stay);
    },
  });

  if (rooms.isError) return <ErrorState error={rooms.error} onRetry={() => void rooms.refetch()} />;
  const free = (rooms.data ?? []).filter((r) => !r.occupied);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (roomId && checkOut) checkIn.mutate();
  };

  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack gap="sm">
        <Select
          label={t('stays.room')}
          placeholder={rooms.isPending ? t('common:loading') : t('stays.roomPlaceholder')}
          description={rooms.data ? t('stays.freeRooms', { count: free.length, total: rooms.data.length }) : undefined}
          data={free.map((r) => ({
            value: r.id,
            label: [r.number, r.label, r.priority ? `★ ${t('inbox.priority')}` : ''].filter(Boolean).join(' · '),
          }))}
          value={roomId}
          onChange={setRoomId}
          searchable
          required
          nothingFoundMessage={t('stays.noFreeRoom')}
          error={touched && !roomId ? t('stays.pickRoom') : undefined}
          disabled={rooms.isPending}
        />
        <CheckOutPicker
          label={t('stays.checkOut')}
          value={checkOut}
          onChange={setCheckOut}
          timeZone={timeZone}
          error={touched && !checkOut ? t('stays.pickCheckOut') : undefined}
        />
        <GuestFieldsInput value={guest} onChange={setGuest} />
        {checkIn.error ? (
          <Alert color="red" role="alert">
            {errorMessage(checkIn.error, {
              roomId: t('stays.room'),
              checkOutAt: t('stays.checkOut'),
              'guest.name': t('stays.guestName'),
              'guest.email': t('stays.guestEmail'),
              'guest.phone': t('stays.guestPhone'),
              'guest.language': t('stays.guestLanguage'),
            })}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button type="submit" loading={checkIn.isPending}>
            {t('stays.checkInSubmit')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
