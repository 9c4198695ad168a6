import { Alert, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { useCurrentUser } from '../../auth/session';
import { formatDateTime } from '../../format';
import { sharedKeys } from '../../shared-api';
import type { Stay } from '../../types';
import { emptyGuest, type GuestFields, GuestFieldsInput, guestBody } from '../../ui/GuestFields';
import { staysApi } from './api';
import { GuestAccessCard } from './GuestAccessCard';

/** After a check-in: every guest's code and QR, "Add another guest", and back to a new check-in. */
export function CheckInResult({
  stay,
  onUpdated,
  onDone,
}: {
  stay: Stay;
  onUpdated: (s: Stay) => void;
  onDone: () => void;
}) {
  const { t, i18n } = useTranslation('staff');
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const language = me.organization?.language ?? 'en';
  const [adding, setAdding] = useState(false);
  const [guest, setGuest] = useState<GuestFields>(() => emptyGuest(language));
  const add = useMutation({
    mutationFn: () => staysApi.addGuest(stay.id, guestBody(guest)),
    onSuccess: (updated) => {
      void queryClient.invalidateQueries({ queryKey: sharedKeys.stays });
      onUpdated(updated);
      setAdding(false);
      setGuest(emptyGuest(language));
    },
  });
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    add.mutate();
  };
  return (
    <Stack gap="sm">
      <div>
        <Title order={3} size="h4">
          {t('stays.checkedIn', { room: stay.room.number })}
        </Title>
        <Text size="sm" c="dimmed">
          {t('stays.until', { time: formatDateTime(stay.checkOutAt, i18n.language, me.organization?.timezone) })}
        </Text>
      </div>
      {[...stay.guests].reverse().map((g) => (
        <GuestAccessCard key={g.id} guest={g} room={stay.room.number} />
      ))}
      {adding ? (
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="sm">
            <Text fw={600}>{t('stays.anotherGuest')}</Text>
            <GuestFieldsInput value={guest} onChange={setGuest} autoFocus />
            {add.error ? (
              <Alert color="red" role="alert">
                {errorMessage(add.error)}
              </Alert>
            ) : null}
            <Group justify="flex-end">
              <Button variant="default" onClick={() => setAdding(false)}>
                {t('shared.cancel')}
              </Button>
              <Button type="submit" loading={add.isPending}>
                {t('stays.addGuest')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : (
        <Group>
          <Button variant="light" onClick={() => setAdding(true)}>
            {t('stays.anotherGuest')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('stays.newCheckIn')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}
