import type { Conversation } from '@frontdesk/protocol';
import { Button, Checkbox, Group, Menu } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import { useErrorMessage } from '../../../i18n/error-message';
import { id } from '../../api-url';
import { useDeskStore } from '../../desk/desk-context';
import { tagsApi, tagsKeys } from './api';
import { TagChip } from './TagChip';

/** A conversation's tags as chips, and a menu to put tags on and take them off (live for colleagues). */
export function ConversationTags({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation('staff');
  const store = useDeskStore();
  const errorMessage = useErrorMessage();
  const all = useQuery({ queryKey: tagsKeys.list, queryFn: tagsApi.list });
  const [busy, setBusy] = useState(false);
  const on = new Set((conversation.tags ?? []).map((tag) => tag.id));
  const toggle = (tagId: string) => {
    setBusy(true);
    api<Conversation>(`/api/v1/conversations/${id(conversation.id)}/tags/${id(tagId)}`, {
      method: on.has(tagId) ? 'DELETE' : 'PUT',
    })
      .then((next) => store?.applyConversation(next))
      .catch((err) => notifications.show({ color: 'red', message: errorMessage(err) }))
      .finally(() => setBusy(false));
  };
  return (
    <Group gap={6} className="fd-pane-tags">
      {(conversation.tags ?? []).map((tag) => (
        <TagChip key={tag.id} tag={tag} />
      ))}
      {all.data?.length ? (
        <Menu position="bottom-start" shadow="md" closeOnItemClick={false}>
          <Menu.Target>
            <Button size="compact-xs" variant="subtle" loading={busy}>
              {t('tags.nav')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            {all.data.map((tag) => (
              <Menu.Item key={tag.id} onClick={() => toggle(tag.id)}>
                <Group gap="xs" wrap="nowrap">
                  <Checkbox checked={on.has(tag.id)} readOnly tabIndex={-1} aria-hidden />
                  <TagChip tag={tag} />
                </Group>
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      ) : null}
    </Group>
  );
}
