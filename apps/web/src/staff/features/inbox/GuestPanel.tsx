import { Badge, Button, Divider, Group, Rating, Stack, Text, UnstyledButton } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageNames } from '../../../i18n/languages';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useCurrentUser } from '../../auth/session';
import { useDesk } from '../../desk/desk-context';
import { formatDate, formatDateTime } from '../../format';
import { sharedApi, sharedKeys } from '../../shared-api';
import type { Conversation, Stay } from '../../types';
import { PrivacyActions } from '../../ui/PrivacyActions';
import { inboxApi, inboxKeys } from './api';
import { EarlierStays } from './EarlierStays';
import { GuestEditModal } from './GuestEditModal';
import { VisitorRequests } from './VisitorRequests';

interface Props {
  conversation: Conversation;
  onOpen: (conversationId: string, status: Conversation['status']) => void;
}

/**
 * Beside the conversation: the room, the stay's dates and guests, and the stay's other requests with
 * their ratings (and the guest's from earlier stays); for a visitor, all of their requests.
 */
export function GuestPanel({ conversation, onOpen }: Props) {
  const { t } = useTranslation('staff');
  const me = useCurrentUser();
  return (
    <aside className="fd-guest-panel" aria-label={t('guestPanel.label')}>
      {conversation.stay ? (
        <StayDetails stayId={conversation.stay.id} current={conversation} onOpen={onOpen} />
      ) : (
        <Stack gap="xs" p="md">
          <Text fw={700}>{conversation.contact.name ?? t('inbox.visitor')}</Text>
          <Text size="sm" c="dimmed">
            {t('guestPanel.visitorBody')}
          </Text>
          {conversation.contact.kind === 'visitor' ? (
            <>
              <Divider />
              <VisitorRequests visitorId={conversation.contact.id} currentId={conversation.id} onOpen={onOpen} />
              {me.abilities.managePrivacy ? (
                <PrivacyActions
                  base={`/api/v1/visitors/${encodeURIComponent(conversation.contact.id)}`}
                  who={conversation.contact.name ?? t('inbox.visitor')}
                  onErased={() => {}}
                />
              ) : null}
            </>
          ) : null}
        </Stack>
      )}
    </aside>
  );
}

function StayDetails({ stayId, current, onOpen }: { stayId: string; current: Conversation; onOpen: Props['onOpen'] }) {
  const { t, i18n } = useTranslation('staff');
  const me = useCurrentUser();
  const desk = useDesk();
  const timeZone = me.organization?.timezone;
  const stay = useQuery({ queryKey: sharedKeys.stay(stayId), queryFn: () => sharedApi.stay(stayId) });
  const requests = useQuery({
    queryKey: inboxKeys.stayConversations(stayId),
    queryFn: () => inboxApi.stayConversations(stayId),
  });

  const [editing, setEditing] = useState<Stay['guests'][number] | null>(null);
  if (stay.isPending) return <LoadingState />;
  if (stay.isError) return <ErrorState error={stay.error} onRetry={() => void stay.refetch()} />;
  const s = stay.data;

  // the fetched list, with the live state of each request and any request that started since
  const live = new Map((requests.data ?? []).map((c) => [c.id, c]));
  for (const c of desk?.conversations.values() ?? []) if (c.stay?.id === stayId) live.set(c.id, c);
  const all = [...live.values()].sort((a, b) => b.createdAt.localeCompare(a.createdAt));
  const rated = all.filter((c) => c.rating !== null);
  const average = rated.length ? rated.reduce((sum, c) => sum + (c.rating ?? 0), 0) / rated.length : null;

  return (
    <Stack gap="sm" p="md">
      <div>
        <Group gap="xs">
          <Text fw={700} size="lg">
            {t('guestPanel.room', { room: s.room.number })}
          </Text>
          {s.room.priority ? (
            <Badge size="sm" color="orange" variant="light">
              {t('inbox.priority')}
            </Badge>
          ) : null}
          <Badge size="sm" variant="light" color={s.status === 'current' ? 'green' : 'gray'}>
            {t(`stays.status.${s.status}`)}
          </Badge>
        </Group>
        {s.room.label ? (
          <Text size="sm" c="dimmed">
            {s.room.label}
          </Text>
        ) : null}
      </div>
      <dl className="fd-facts">
        <dt>{t('guestPanel.checkIn')}</dt>
        <dd>{formatDateTime(s.checkInAt, i18n.language, timeZone)}</dd>
        <dt>{t('guestPanel.checkOut')}</dt>
        <dd>{formatDateTime(s.endedAt ?? s.checkOutAt, i18n.language, timeZone)}</dd>
      </dl>
      <Divider />
      <Text size="xs" tt="uppercase" fw={700} c="dimmed">
        {t('guestPanel.guests', { count: s.guests.length })}
      </Text>
      {s.guests.map((g) => (
        <div key={g.id}>
          <Group gap={6} wrap="nowrap">
            <Text fw={600} size="sm">
              {g.name ?? t('inbox.guest')}
            </Text>
            {g.vip ? (
              <Badge size="xs" color="yellow">
                VIP
              </Badge>
            ) : null}
            <Button
              size="compact-xs"
              variant="subtle"
              ml="auto"
              onClick={() => setEditing(g)}
              aria-label={t('guestPanel.editTitle', { name: g.name ?? t('inbox.guest') })}
            >
              {t('guestPanel.edit')}
            </Button>
          </Group>
          <Text size="xs" c="dimmed">
            {[g.language ? languageNames[g.language] : null, g.email, g.phone].filter(Boolean).join(' · ') ||
              t('guestPanel.noDetails')}
          </Text>
        </div>
      ))}
      {editing ? <GuestEditModal stayId={stayId} guest={editing} onClose={() => setEditing(null)} /> : null}
      <Divider />
      <Group justify="space-between">
        <Text size="xs" tt="uppercase" fw={700} c="dimmed">
          {t('guestPanel.requests', { count: all.length })}
        </Text>
        {average !== null ? (
          <Text size="xs" c="dimmed">
            {t('guestPanel.average', { value: average.toFixed(1) })}
          </Text>
        ) : null}
      </Group>
      {requests.isPending ? (
        <LoadingState />
      ) : requests.isError ? (
        <ErrorState error={requests.error} onRetry={() => void requests.refetch()} />
      ) : (
        <Stack gap={6}>
          {all.map((c) => (
            <UnstyledButton
              key={c.id}
              className="fd-request"
              data-current={c.id === current.id}
              aria-current={c.id === current.id ? 'true' : undefined}
              onClick={() => onOpen(c.id, c.status)}
            >
              <Group justify="space-between" gap={4} wrap="nowrap">
                <Text size="xs" c="dimmed">
                  {formatDate(c.createdAt, i18n.language, timeZone)}
                </Text>
                <Badge
                  size="xs"
                  variant="light"
                  color={c.status === 'queued' ? 'red' : c.status === 'open' ? 'blue' : 'gray'}
                >
                  {t(`status.${c.status}`)}
                </Badge>
              </Group>
              <Text size="sm" lineClamp={2}>
                {c.preview || '—'}
              </Text>
              {c.rating !== null ? (
                <Group gap={6} wrap="nowrap">
                  <Rating
                    value={c.rating}
                    readOnly
                    size="xs"
                    role="img"
                    aria-label={t('ratings.stars', { count: c.rating })}
                  />
                  {c.assignee ? (
                    <Text size="xs" c="dimmed" truncate>
                      {c.assignee.name}
                    </Text>
                  ) : null}
                </Group>
              ) : null}
              {c.ratingComment ? (
                <Text size="xs" fs="italic" c="dimmed" lineClamp={3}>
                  “{c.ratingComment}”
                </Text>
              ) : null}
            </UnstyledButton>
          ))}
        </Stack>
      )}
      {current.contact.kind === 'guest' ? (
        <>
          <Divider />
          <EarlierStays stayId={stayId} guestId={current.contact.id} onOpen={onOpen} />
        </>
      ) : null}
    </Stack>
  );
}
