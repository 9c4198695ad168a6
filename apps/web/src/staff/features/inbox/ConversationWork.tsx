import type { WorkItem } from '@frontdesk/protocol';
import { Badge, Group, Text } from '@mantine/core';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeskStore } from '../../desk/desk-context';
import { formatDateTime } from '../../format';
import type { Conversation } from '../../types';
import { taskApi, taskKeys, upsertItem } from './task-api';

const statusColor: Record<WorkItem['status'], string> = {
  open: 'gray',
  scheduled: 'grape',
  in_progress: 'blue',
  done: 'green',
  cancelled: 'dark',
};

/** The tasks this conversation turned into, with their status, kept live by the desk's socket. */
export function ConversationWork({ conversation }: { conversation: Conversation }) {
  const { t, i18n } = useTranslation('staff');
  const store = useDeskStore();
  const queryClient = useQueryClient();
  const items = useQuery({
    queryKey: taskKeys.ofConversation(conversation.id),
    queryFn: () => taskApi.ofConversation(conversation.id),
  });

  useEffect(() => {
    const key = taskKeys.ofConversation(conversation.id);
    return store?.onWorkItem((change) => {
      if (!change) return void queryClient.invalidateQueries({ queryKey: key });
      if ('gone' in change) {
        queryClient.setQueryData(key, (list: WorkItem[] | undefined) => list?.filter((i) => i.id !== change.gone));
      } else if (change.item.conversationId === conversation.id) {
        queryClient.setQueryData(key, (list: WorkItem[] | undefined) => upsertItem(list, change.item));
      }
    });
  }, [store, queryClient, conversation.id]);

  const list = items.data ?? [];
  if (!list.length) return null;
  return (
    <section className="fd-pane-work" aria-label={t('tasks.listLabel')}>
      <ul>
        {list.map((item) => (
          <li key={item.id}>
            <Group gap="xs" wrap="nowrap">
              <Badge size="sm" variant="light" color={statusColor[item.status]}>
                {t(`myWork.status.${item.status}`)}
              </Badge>
              <Text size="sm" truncate>
                {item.title}
              </Text>
              <Text size="xs" c="dimmed" truncate>
                {[
                  item.assignee?.name ?? item.team?.name ?? t('tasks.nobody'),
                  item.dueAt
                    ? t('tasks.dueAt', { time: formatDateTime(item.dueAt, i18n.language, item.timeZone) })
                    : '',
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </Group>
          </li>
        ))}
      </ul>
    </section>
  );
}
