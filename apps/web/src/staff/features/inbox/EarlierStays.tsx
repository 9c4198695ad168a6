import { Badge, Group, Rating, Stack, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import { formatDate } from '../../format';
import type { Conversation } from '../../types';
import { inboxApi, inboxKeys } from './api';

/**
 * A returning guest's requests from earlier stays — the same person by e-mail, else by phone — with
 * their ratings; shown only when there are any.
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
  const { t, i18n } = useTranslation('staff');
  const me = useCurrentUser();
  const history = useQuery({
    queryKey: inboxKeys.guestHistory(guestId),
    queryFn: () => inboxApi.guestHistory(stayId, guestId),
  });
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
        <UnstyledButton key={c.id} className="fd-request" onClick={() => onOpen(c.id, c.status)}>
          <Group justify="space-between" gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {formatDate(c.createdAt, i18n.language, me.organization?.timezone)}
              {c.stay ? ` · ${t('guestPanel.room', { room: c.stay.roomNumber })}` : ''}
            </Text>
            <Badge size="xs" variant="light" color={c.status === 'resolved' ? 'gray' : 'blue'}>
              {t(`status.${c.status}`)}
            </Badge>
          </Group>
          <Text size="sm" lineClamp={2}>
            {c.preview || '—'}
          </Text>
          {c.rating !== null ? (
            <Rating
              value={c.rating}
              readOnly
              size="xs"
              role="img"
              aria-label={t('ratings.stars', { count: c.rating })}
            />
          ) : null}
        </UnstyledButton>
      ))}
    </Stack>
  );
}
