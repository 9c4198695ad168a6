import { serverEvents, type WorkNotice } from '@frontdesk/protocol';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskStore } from '../../desk/desk-context';
import { workKeys } from './api';

/**
 * Keeps the open board or item in step with the socket: any change of a work item (or one leaving
 * this user's sight, or a reconnect after which changes may have been missed) loads them again;
 * reminders and overdue notices show as notifications.
 */
export function useLiveWork(): void {
  const store = useDeskStore();
  const client = useQueryClient();
  const { t } = useTranslation('staff');
  useEffect(() => {
    const socket = store?.socket;
    if (!socket) return;
    const refresh = () => void client.invalidateQueries({ queryKey: workKeys.all });
    const notice = (n: WorkNotice) => {
      refresh();
      notifications.show({
        color: n.kind === 'overdue' ? 'red' : 'blue',
        message: t(n.kind === 'overdue' ? 'work.overdueNotice' : 'work.reminder', { title: n.item.title }),
      });
    };
    socket.on(serverEvents.workItem, refresh);
    socket.on(serverEvents.workItemGone, refresh);
    socket.on(serverEvents.workNotice, notice);
    socket.on('connect', refresh);
    return () => {
      socket.off(serverEvents.workItem, refresh);
      socket.off(serverEvents.workItemGone, refresh);
      socket.off(serverEvents.workNotice, notice);
      socket.off('connect', refresh);
    };
  }, [store, client, t]);
}
