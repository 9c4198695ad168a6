import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../i18n/error-message';
import { keys, type Stay, staffApi } from '../api';

/**
 * Ends a checked-out stay's read-only grace period: the phones still signed in are signed out
 * (the codes themselves already stopped working at check-out).
 */
export function EndAccessModal({ stay, onClose }: { stay: Stay; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const end = useMutation({
    mutationFn: () => staffApi.endGuestAccess(stay.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: keys.stays });
      notifications.show({ color: 'green', message: t('stays.accessEnded', { room: stay.room.number }) });
      onClose();
    },
  });
  const names = stay.guests
    .map((g) => g.name)
    .filter(Boolean)
    .join(', ');
  return (
    <Modal opened onClose={onClose} title={t('stays.endAccessTitle', { room: stay.room.number })}>
      <Stack gap="sm">
        <Text size="sm">{t('stays.endAccessBody', { names: names || t('inbox.guest') })}</Text>
        {end.error ? (
          <Text c="red" size="sm" role="alert">
            {errorMessage(end.error)}
          </Text>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('shared.cancel')}
          </Button>
          <Button color="red" onClick={() => end.mutate()} loading={end.isPending}>
            {t('stays.endAccessConfirm')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
