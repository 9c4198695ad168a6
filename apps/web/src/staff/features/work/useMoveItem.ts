import type { WorkItem } from '@frontdesk/protocol';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { workApi, workKeys } from './api';
import { clashesOf, type MoveTarget, planMove } from './board-move';

/**
 * Moves a work item to a lane and a time — a drop on the board or the "Move to…" dialog — with one
 * `POST …/move`: the server's reschedule and reassignment in one transaction (so its history,
 * events, the guest's status line and the customer's change notice all follow, and a refusal
 * changes nothing). A double booking of the technician on the board is said plainly once the move
 * is made.
 */
export function useMoveItem(zone: string, boardItems: WorkItem[]) {
  const { t, i18n } = useTranslation('staff');
  const client = useQueryClient();
  const errorMessage = useErrorMessage();
  const time = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
    }).format(new Date(iso));
  return useMutation({
    mutationFn: async ({ item, target }: { item: WorkItem; target: MoveTarget }) => {
      const clashes = clashesOf(item, target, zone, boardItems);
      const plan = planMove(item, target, zone);
      if (plan.reschedule || plan.assign) await workApi.move(item.id, { ...plan.reschedule, ...plan.assign });
      return { item, clashes, changed: Boolean(plan.reschedule || plan.assign) };
    },
    onSuccess: ({ item, clashes, changed }) => {
      if (changed) notifications.show({ message: t('work.moved', { title: item.title }) });
      if (clashes.length)
        notifications.show({
          color: 'yellow',
          title: t('work.doubleBooked'),
          message: clashes
            .map(
              (c) => `${c.title} (${c.window ? `${time(c.window.start)}–${time(c.window.end)}` : time(c.dueAt ?? '')})`,
            )
            .join(', '),
          autoClose: 10_000,
        });
    },
    onError: (err, { item }) =>
      notifications.show({
        color: 'red',
        title: t('work.moveFailed', { title: item.title }),
        message: errorMessage(err),
      }),
    onSettled: () => client.invalidateQueries({ queryKey: workKeys.all }),
  });
}
