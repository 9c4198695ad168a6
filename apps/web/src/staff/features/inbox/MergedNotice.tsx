import { Alert, Button, Group, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { useCurrentUser } from '../../auth/session';
import { useDeskStore } from '../../desk/desk-context';
import { formatDateTime } from '../../format';
import type { Conversation } from '../../types';
import { inboxApi, inboxKeys } from './api';

/**
 * Above a thread another request was merged into: who merged it and when, and for admins, while
 * they still can, the button that undoes it. Asked for only when the thread says it was merged.
 */
export function MergedNotice({ conversation, merged }: { conversation: Conversation; merged: boolean }) {
  const { t, i18n } = useTranslation('staff');
  const me = useCurrentUser();
  const store = useDeskStore();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const timeZone = me.organization?.timezone;
  const merges = useQuery({
    queryKey: inboxKeys.merges(conversation.id),
    queryFn: () => inboxApi.merges(conversation.id),
    enabled: merged,
  });
  const undo = useMutation({
    mutationFn: (mergeId: string) => inboxApi.undoMerge(mergeId),
    onSuccess: (survivor) => {
      store?.applyConversation(survivor);
      void queryClient.invalidateQueries({ queryKey: inboxKeys.merges(conversation.id) });
      notifications.show({ color: 'green', message: t('merge.undone') });
    },
    onError: (err) => notifications.show({ color: 'red', title: t('inbox.actionFailed'), message: errorMessage(err) }),
  });
  const live = merges.data?.merges.find((m) => !m.undoneAt);
  if (!live) return null;
  return (
    <Alert className="fd-merged-notice" color="gray" variant="light" p="xs">
      <Group justify="space-between" gap="xs" wrap="nowrap">
        <div>
          <Text size="sm">
            {t('merge.banner', {
              name: live.mergedBy.name ?? t('inbox.colleague'),
              time: formatDateTime(live.mergedAt, i18n.language, timeZone),
            })}
          </Text>
          {live.canUndo ? (
            <Text size="xs" c="dimmed">
              {t('merge.undoUntil', { time: formatDateTime(live.undoUntil, i18n.language, timeZone) })}
            </Text>
          ) : null}
        </div>
        {live.canUndo ? (
          <Button size="xs" variant="default" loading={undo.isPending} onClick={() => undo.mutate(live.id)}>
            {t('merge.undo')}
          </Button>
        ) : null}
      </Group>
    </Alert>
  );
}
