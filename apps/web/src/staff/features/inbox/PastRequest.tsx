import type { PastConversation } from '@frontdesk/protocol';
import { Badge, Group, Rating, Text, UnstyledButton } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import { formatDate } from '../../format';
import type { Conversation } from '../../types';
import { TagChip } from '../../ui/tags/TagChip';

/**
 * One of the contact's other requests beside the current one, so an agent sees at a glance what it
 * was about and how it went: what was asked, its tags and rating, and its internal notes (how many,
 * and the newest) — "last time: broken AC, tagged maintenance".
 */
export function PastRequest({
  request: c,
  current,
  onOpen,
}: {
  request: PastConversation;
  current?: boolean;
  onOpen: (conversationId: string, status: Conversation['status']) => void;
}) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useCurrentUser().organization?.timezone;
  const latest = c.notes.latest;
  return (
    <UnstyledButton
      className="fd-request"
      data-current={current}
      aria-current={current ? 'true' : undefined}
      onClick={() => onOpen(c.id, c.status)}
    >
      <Group justify="space-between" gap={4} wrap="nowrap">
        <Text size="xs" c="dimmed">
          {formatDate(c.createdAt, i18n.language, timeZone)}
          {c.stay ? ` · ${t('guestPanel.room', { room: c.stay.roomNumber })}` : ''}
        </Text>
        <Badge size="xs" variant="light" color={c.status === 'queued' ? 'red' : c.status === 'open' ? 'blue' : 'gray'}>
          {t(`status.${c.status}`)}
        </Badge>
      </Group>
      <Text size="sm" lineClamp={2}>
        {c.preview || '—'}
      </Text>
      {c.tags?.length ? (
        <Group gap={4} mt={2}>
          {c.tags.map((tag) => (
            <TagChip key={tag.id} tag={tag} />
          ))}
        </Group>
      ) : null}
      {c.rating !== null ? (
        <Rating value={c.rating} readOnly size="xs" role="img" aria-label={t('ratings.stars', { count: c.rating })} />
      ) : null}
      {latest ? (
        <Text size="xs" c="dimmed" mt={2} lineClamp={3}>
          <Text span size="xs" fw={600}>
            {t('guestPanel.notes', { count: c.notes.count })}
          </Text>{' '}
          {t('guestPanel.latestNote', {
            name: latest.authorName,
            date: formatDate(latest.createdAt, i18n.language, timeZone),
          })}{' '}
          “{latest.text}”
        </Text>
      ) : null}
    </UnstyledButton>
  );
}
