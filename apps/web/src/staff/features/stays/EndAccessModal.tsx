import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { sharedKeys } from '../../shared-api';
import type { Stay } from '../../types';
import { ConfirmModal } from '../../ui/FormModal';
import { staysApi } from './api';
import { guestNames } from './guest-names';

/**
 * Ends a checked-out stay's read-only grace period: the phones still signed in are signed out
 * (the codes themselves already stopped working at check-out).
 */
export function EndAccessModal({ stay, onClose }: { stay: Stay; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const end = useMutation({
    mutationFn: () => staysApi.endGuestAccess(stay.id),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: sharedKeys.stays });
      notifications.show({ color: 'green', message: t('stays.accessEnded', { room: stay.room.number }) });
      onClose();
    },
  });
  return (
    <ConfirmModal
      title={t('stays.endAccessTitle', { room: stay.room.number })}
      body={t('stays.endAccessBody', { names: guestNames(stay) || t('inbox.guest') })}
      confirmLabel={t('stays.endAccessConfirm')}
      onConfirm={() => end.mutate()}
      onClose={onClose}
      pending={end.isPending}
      error={end.error}
    />
  );
}
