import { Radio, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LoadingState } from '../../../ui/states';
import { useCurrentUser } from '../../auth/session';
import { useDeskStore } from '../../desk/desk-context';
import { formatDateTime } from '../../format';
import type { Conversation } from '../../types';
import { FormModal } from '../../ui/FormModal';
import { inboxApi, inboxKeys } from './api';

/**
 * Merges the request with another of the same guest (from the stay's requests) or of the same
 * customer or visitor (from their requests). The server keeps the earlier one; the desk then
 * shows the merged request.
 */
export function MergeModal({
  conversation,
  onClose,
  onMerged,
}: {
  conversation: Conversation;
  onClose: () => void;
  onMerged: (survivorId: string) => void;
}) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const me = useCurrentUser();
  const store = useDeskStore();
  const [other, setOther] = useState<string | null>(null);
  const stayId = conversation.stay?.id;
  const visitorId = conversation.contact.kind === 'visitor' ? conversation.contact.id : undefined;
  const stayRequests = useQuery({
    queryKey: inboxKeys.stayConversations(stayId ?? ''),
    queryFn: () => inboxApi.stayConversations(stayId ?? ''),
    enabled: !!stayId,
  });
  // the same query the contact panel's list of the visitor's requests keeps
  const visitorRequests = useQuery({
    queryKey: inboxKeys.visitorHistory(visitorId ?? ''),
    queryFn: () => inboxApi.visitorHistory(visitorId ?? ''),
    enabled: !stayId && !!visitorId,
  });
  const requests = stayId ? stayRequests : visitorRequests;
  const listed: readonly Conversation[] = (stayId ? stayRequests.data : visitorRequests.data?.conversations) ?? [];
  const candidates = listed
    .filter((c) => c.id !== conversation.id && c.contact.id === conversation.contact.id)
    .sort((a, b) => a.createdAt.localeCompare(b.createdAt));

  const merge = useMutation({
    mutationFn: (otherId: string) => inboxApi.merge(conversation.id, otherId),
    onSuccess: (survivor) => {
      store?.applyConversation(survivor);
      notifications.show({ color: 'green', message: t('merge.done') });
      onMerged(survivor.id);
      onClose();
    },
  });

  return (
    <FormModal
      title={t('merge.title')}
      onClose={onClose}
      onSubmit={() => other && merge.mutate(other)}
      submitLabel={t('merge.submit')}
      pending={merge.isPending}
      error={merge.error}
      ready={other !== null}
    >
      <Text size="sm">{t('merge.body')}</Text>
      {(stayId || visitorId) && requests.isPending ? (
        <LoadingState />
      ) : candidates.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('merge.none')}
        </Text>
      ) : (
        <Radio.Group label={t('merge.pick')} value={other} onChange={setOther} required>
          <Stack gap="xs" mt="xs">
            {candidates.map((c) => (
              <Radio
                key={c.id}
                value={c.id}
                label={t('merge.option', {
                  time: formatDateTime(c.createdAt, i18n.language, me.organization?.timezone),
                  preview: c.preview,
                })}
                description={t(`status.${c.status}`)}
              />
            ))}
          </Stack>
        </Radio.Group>
      )}
    </FormModal>
  );
}
