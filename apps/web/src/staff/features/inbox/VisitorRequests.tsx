import { Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../../ui/states';
import type { Conversation } from '../../types';
import { inboxApi, inboxKeys } from './api';
import { PastRequest } from './PastRequest';
import { useLiveHistory } from './use-live-history';

/**
 * A visitor's requests — for a service company's customer, every one they made on any device — with
 * their tags, ratings and notes; the one open beside it is marked.
 */
export function VisitorRequests({
  visitorId,
  currentId,
  onOpen,
}: {
  visitorId: string;
  currentId: string;
  onOpen: (conversationId: string, status: Conversation['status']) => void;
}) {
  const { t } = useTranslation('staff');
  const history = useQuery({
    queryKey: inboxKeys.visitorHistory(visitorId),
    queryFn: () => inboxApi.visitorHistory(visitorId),
  });
  useLiveHistory(
    inboxKeys.visitorHistory(visitorId),
    history.data?.conversations.map((c) => c.id),
  );
  if (history.isPending) return <LoadingState />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  const requests = history.data.conversations;
  return (
    <Stack gap={6}>
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {t('guestPanel.visitorRequests', { count: requests.length })}
      </Text>
      {requests.map((c) => (
        <PastRequest key={c.id} request={c} current={c.id === currentId} onOpen={onOpen} />
      ))}
    </Stack>
  );
}
