import type { Mention } from '@frontdesk/protocol';
import { ActionIcon, Badge, Button, Group, Indicator, Popover, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useTimeZone } from '../auth/session';
import { notify } from '../desk/alerts';
import { useDeskStore } from '../desk/desk-context';
import { formatWhen } from '../format';
import { sharedApi, sharedKeys } from '../shared-api';

/**
 * Where colleagues mentioned me in notes: an @ in the header with the unread count, a menu of the
 * latest (opening one shows its conversation and marks it read), told live as they come.
 */
export function MentionsMenu() {
  const { t, i18n } = useTranslation('staff');
  const store = useDeskStore();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const timeZone = useTimeZone();
  const page = useQuery({ queryKey: sharedKeys.mentions, queryFn: () => sharedApi.mentions(20) });
  const unread = page.data?.unread ?? 0;
  const [opened, setOpened] = useState(false);

  const openMention = (m: Mention) => {
    navigate(`/app?c=${m.conversationId}`);
    if (!m.read)
      void sharedApi
        .markMentionsRead([m.id])
        .then(() => queryClient.invalidateQueries({ queryKey: sharedKeys.mentions }));
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: openMention only navigates and marks read
  useEffect(() => {
    if (!store) return;
    return store.onMention((mention) => {
      void queryClient.invalidateQueries({ queryKey: sharedKeys.mentions });
      const title = t('mentions.newTitle', { name: mention.by.name });
      const open = () => openMention(mention);
      notify(title, mention.snippet, `mention-${mention.id}`, open);
      notifications.show({
        id: `mention-${mention.id}`,
        title,
        message: mention.snippet,
        color: 'yellow',
        autoClose: 10_000,
        onClick: open,
        style: { cursor: 'pointer' },
      });
    });
  }, [store, queryClient, t]);

  const label = unread ? t('mentions.openUnread', { count: unread }) : t('mentions.open');
  const markAll = () =>
    void sharedApi.markMentionsRead().then(() => queryClient.invalidateQueries({ queryKey: sharedKeys.mentions }));
  // a popover of buttons rather than a menu: each entry is several lines (who, where, what, when)
  return (
    <Indicator label={unread} size={16} disabled={!unread} color="red" offset={4}>
      <Popover
        position="bottom-end"
        shadow="md"
        width={360}
        opened={opened}
        onChange={setOpened}
        withinPortal={false}
        trapFocus
        returnFocus
      >
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            aria-label={label}
            title={label}
            onClick={() => setOpened((o) => !o)}
          >
            <Text fw={700} aria-hidden="true">
              @
            </Text>
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown aria-label={t('mentions.title')} p={4}>
          <Group justify="space-between" px="xs" py={4}>
            <Text fw={700} size="sm">
              {t('mentions.title')}
            </Text>
            {unread ? (
              <Button size="compact-xs" variant="subtle" onClick={markAll}>
                {t('mentions.markAllRead')}
              </Button>
            ) : null}
          </Group>
          {page.data?.mentions.length ? (
            <ul className="fd-mentions">
              {page.data.mentions.map((m) => (
                <li key={m.id}>
                  <UnstyledButton
                    className="fd-mention"
                    data-unread={!m.read}
                    onClick={() => {
                      setOpened(false);
                      openMention(m);
                    }}
                  >
                    <Group gap={6} wrap="nowrap" justify="space-between">
                      <Text size="sm" fw={m.read ? 400 : 700} truncate>
                        {m.by.name}
                        {m.roomNumber
                          ? ` · ${t('mentions.room', { room: m.roomNumber })}`
                          : m.contactName
                            ? ` · ${m.contactName}`
                            : ''}
                      </Text>
                      {!m.read ? (
                        <Badge size="xs" color="red" variant="light">
                          {t('mentions.unread')}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="xs" c="dimmed" lineClamp={2}>
                      {m.snippet}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {formatWhen(m.createdAt, i18n.language, timeZone)}
                    </Text>
                  </UnstyledButton>
                </li>
              ))}
            </ul>
          ) : (
            <Text size="sm" c="dimmed" px="xs" py="sm">
              {t('mentions.empty')}
            </Text>
          )}
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
