import type { WorkItem, WorkItemDetail } from '@frontdesk/protocol';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { useCurrentUser } from '../../auth/session';
import { type MyWork, myWorkKeys, sendQueuedOp } from './api';
import { OpQueue, type QueuedOp } from './op-queue';

const RETRY_MS = 15_000;

/** The list's fields of a detailed item (the list holds no checklist steps, notes or history). */
function pickItem({ checklistItems, notes, photos, history, ...item }: WorkItemDetail): WorkItem {
  return item;
}
const queues = new Map<string, OpQueue>();

/** One queue per signed-in user on this device, kept in localStorage (it survives a closed tab). */
function queueOf(
  userId: string,
  answered: (item: WorkItemDetail) => void,
  refused: (op: QueuedOp, reason: unknown) => void,
): OpQueue {
  let queue = queues.get(userId);
  if (!queue) {
    const send = (op: QueuedOp) => sendQueuedOp(op, answered);
    queue = new OpQueue(localStorage, `frontdesk.work-queue.${userId}`, send, refused);
    queues.set(userId, queue);
  }
  return queue;
}

/**
 * The device's queue of work actions: what is still waiting to be sent, and `add` to queue one.
 * It sends when the phone comes back online, when the page opens, and every few seconds while
 * anything waits; each answer refreshes the day's list.
 */
export function useWorkQueue() {
  const me = useCurrentUser();
  const queryClient = useQueryClient();
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const queue = queueOf(
    me.id,
    // the server's answer shows at once, before the day is loaded again
    (item) => {
      queryClient.setQueryData(myWorkKeys.detail(item.id), item);
      queryClient.setQueryData(myWorkKeys.today, (day: MyWork | undefined) =>
        day ? { ...day, items: day.items.map((i) => (i.id === item.id ? { ...i, ...pickItem(item) } : i)) } : day,
      );
    },
    (_op, reason) => notifications.show({ color: 'red', title: t('myWork.refused'), message: errorMessage(reason) }),
  );
  const pending = useSyncExternalStore(
    (l) => queue.subscribe(l),
    () => queue.pending(),
  );

  useEffect(() => {
    let before = queue.pending().length;
    const unsubscribe = queue.subscribe(() => {
      const now = queue.pending().length;
      if (now < before) void queryClient.invalidateQueries({ queryKey: myWorkKeys.all });
      before = now;
    });
    const flush = () => void queue.flush();
    window.addEventListener('online', flush);
    const timer = setInterval(() => queue.pending().length && flush(), RETRY_MS);
    flush();
    return () => {
      unsubscribe();
      window.removeEventListener('online', flush);
      clearInterval(timer);
    };
  }, [queue, queryClient]);

  return { pending, add: (op: Omit<QueuedOp, 'queuedAt'>) => queue.add(op) };
}
