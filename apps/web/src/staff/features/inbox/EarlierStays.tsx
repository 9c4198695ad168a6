import { Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import type { Conversation } from '../../types';
import { inboxApi, inboxKeys } from './api';
import { PastRequest } from './PastRequest';
import { useLiveHistory } from './use-live-history';

/**
 * A returning guest's requests from earlier stays — the same person by e-mail, else by phone — with
 * their ratings, tags and notes; shown only when there are any.
 */
export function EarlierStays({
  stayId,
  guestId,
  onOpen,
}: {
  stayId: string;
  guestId: string;
  onOpen: (conversationId: string, status: Conversation['status']) => void;
}) {
  const { t } = useTranslation('staff');
  const history = useQuery({
    queryKey: inboxKeys.guestHistory(guestId),
    queryFn: () => inboxApi.guestHistory(stayId, guestId),
  });
  useLiveHistory(
    inboxKeys.guestHistory(guestId),
    history.data?.conversations.map((c) => c.id),
  );
  const found = history.data;
  if (!found?.conversations.length) return null;
  return (
    <Stack gap={6}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {t('guestPanel.earlier', { count: found.stays })}
      </Text>
      <Text size="xs" c="dimmed">
        {t(found.matchedBy === 'phone' ? 'guestPanel.matchedByPhone' : 'guestPanel.matchedByEmail')}
      </Text>
      {found.conversations.map((c) => (
        <PastRequest key={c.id} request={c} onOpen={onOpen} />
      ))}
    </Stack>
  );
}
