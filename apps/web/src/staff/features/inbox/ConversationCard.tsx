import { Avatar, Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../../auth/session';
import { waitingSince } from '../../desk/tabs';
import { formatDuration, formatWhen } from '../../format';
import type { Conversation, Priority } from '../../types';
import { TagChip } from '../../ui/tags/TagChip';
import { GuestRating } from './GuestRating';

interface Props {
  conversation: Conversation;
  selected: boolean;
  now: number;
  /** When the team's target wants a reply by (ms), if it has one and the guest waits. */
  replyDue: number | null;
  typing: boolean;
  onSelect: () => void;
}

const LONG_WAIT_MS = 5 * 60_000;

/** How urgent a request is, where it is not normal: urgent and high stand out, low is quiet. */
export function PriorityBadge({ priority }: { priority: Priority }) {
  const { t } = useTranslation('staff');
  const label = t(`inbox.priorities.${priority}`);
  return (
    <Badge
      size="xs"
      variant={priority === 'urgent' ? 'filled' : 'light'}
      color={priority === 'urgent' ? 'red' : priority === 'high' ? 'orange' : 'gray'}
      aria-label={t('inbox.priorityOf', { priority: label })}
    >
      {label}
    </Badge>
  );
}

/** The team's reply deadline for this request: how long is left, or how long it is overdue. */
function ReplyDue({ due, now }: { due: number; now: number }) {
  const { t, i18n } = useTranslation('staff');
  const left = due - now;
  return (
    <Text size="xs" mt={2} fw={600} c={left < 0 ? 'red' : left < 2 * 60_000 ? 'orange' : 'dimmed'}>
      {left < 0
        ? t('inbox.replyOverdue', { time: formatDuration(-left, i18n.language) })
        : t('inbox.replyDueIn', { time: formatDuration(left, i18n.language) })}
    </Text>
  );
}

/** How a card names the person asking: their name, else "Visitor" or "Guest". */
export function useContactName(): (c: Conversation) => string {
  const { t } = useTranslation('staff');
  return (c) => c.contact.name ?? (c.contact.kind === 'visitor' ? t('inbox.visitor') : t('inbox.guest'));
}

/**
 * One request in the inbox: room, guest, preview, waiting time and team, unread count; VIP guests,
 * priority rooms and urgent requests stand out.
 */
export function ConversationCard({ conversation: c, selected, now, replyDue, typing, onSelect }: Props) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const highlighted = c.contact.vip || !!c.stay?.roomPriority;
  const waited = now - new Date(waitingSince(c)).getTime();
  const name = useContactName()(c);
  return (
    <button
      type="button"
      className="fd-card"
      data-selected={selected}
      data-highlight={highlighted}
      aria-current={selected ? 'true' : undefined}
      onClick={onSelect}
    >
      <Group gap={6} wrap="nowrap" justify="space-between">
        <Group gap={6} wrap="nowrap" style={{ minWidth: 0 }}>
          <Badge variant={c.stay ? 'filled' : 'outline'} color={c.stay?.roomPriority ? 'orange' : 'blue'} radius="sm">
            {c.stay ? c.stay.roomNumber : t('inbox.visitorShort')}
          </Badge>
          <Text fw={c.unread ? 700 : 600} size="sm" truncate>
            {name}
          </Text>
          {c.contact.vip ? (
            <Badge size="xs" color="yellow" variant="filled">
              VIP
            </Badge>
          ) : null}
          {c.stay?.roomPriority ? (
            <Badge size="xs" color="orange" variant="light">
              {t('inbox.priority')}
            </Badge>
          ) : null}
          {c.priority && c.priority !== 'normal' ? <PriorityBadge priority={c.priority} /> : null}
          {c.tags?.map((tag) => (
            <TagChip key={tag.id} tag={tag} />
          ))}
        </Group>
        <Text size="xs" c="dimmed" style={{ flex: 'none' }}>
          {formatWhen(c.lastMessageAt, i18n.language, timeZone, now)}
        </Text>
      </Group>
      <Group gap={6} wrap="nowrap" justify="space-between" mt={4} align="flex-start">
        <Text size="sm" c={typing ? 'blue' : 'dimmed'} lineClamp={2} fs={typing ? 'italic' : undefined}>
          {typing ? t('inbox.typing') : c.preview || '—'}
        </Text>
        {c.unread ? (
          <Badge
            size="sm"
            color="red"
            circle={c.unread < 10}
            style={{ flex: 'none' }}
            aria-label={t('inbox.unread', { count: c.unread })}
          >
            {c.unread}
          </Badge>
        ) : null}
      </Group>
      <Group gap={6} mt={4} wrap="nowrap">
        {c.status === 'queued' ? (
          <Text size="xs" c={waited > LONG_WAIT_MS ? 'red' : 'orange'} fw={500} truncate>
            {t('inbox.waiting', { time: formatDuration(waited, i18n.language) })}
            {c.team ? (
              <Text span size="xs" c="dimmed" fw={400}>
                {` · ${c.team.name}`}
              </Text>
            ) : null}
          </Text>
        ) : c.status === 'open' ? (
          <>
            {c.assignee?.photoUrl ? <Avatar src={c.assignee.photoUrl} alt="" size={16} radius="xl" /> : null}
            <Text size="xs" c="dimmed" truncate>
              {c.assignee ? t('inbox.assignedTo', { name: c.assignee.name }) : ''}
            </Text>
          </>
        ) : (
          <Text size="xs" c="dimmed" truncate>
            {c.rating === null ? `${t('inbox.notRated')}${c.assignee ? ' · ' : ''}` : ''}
            {c.assignee ? c.assignee.name : ''}
          </Text>
        )}
      </Group>
      {replyDue !== null ? <ReplyDue due={replyDue} now={now} /> : null}
      {c.status === 'resolved' ? <GuestRating conversation={c} compact /> : null}
    </button>
  );
}
