import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useDesk, useDeskStore } from '../desk/desk-context';
import { sharedApi } from '../shared-api';
import { ConfirmModal } from '../ui/FormModal';

/**
 * Ends the signed-in staff member's shift: first away (so a team that assigns automatically gives
 * them nothing new), then their open requests go back to their teams' queues.
 */
export function EndShiftModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation('staff');
  const store = useDeskStore();
  const desk = useDesk();
  const open = desk?.counts?.mine ?? 0;
  const end = useMutation({
    mutationFn: async () => {
      await store?.setPresence('away');
      return sharedApi.handOverMine();
    },
    onSuccess: ({ handedOver }) => {
      notifications.show({ color: 'green', title: t('shift.done'), message: t('shift.handedOver', { n: handedOver }) });
      onClose();
    },
  });
  return (
    <ConfirmModal
      title={t('shift.title')}
      body={open > 0 ? t('shift.body', { n: open }) : t('shift.bodyNone')}
      confirmLabel={t('shift.confirm')}
      onConfirm={() => end.mutate()}
      onClose={onClose}
      pending={end.isPending}
      error={end.error}
    />
  );
}
