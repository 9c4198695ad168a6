import type { BulkAction } from '@frontdesk/protocol';
import { Button, Group, Menu, Paper, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import type { Priority } from '../../types';
import { tagsApi, tagsKeys } from '../../ui/tags/api';
import { TagChip } from '../../ui/tags/TagChip';
import { useStaffList } from '../../useStaffList';
import { useTeams } from '../../useTeams';

/**
 * MAX_BULK_CONVERSATIONS of the protocol's bulk.ts, written out: importing that module's values
 * would bring its zod schemas into the staff bundle, and zod probes `eval`, which the CSP refuses.
 */
const MAX_BULK_CONVERSATIONS = 100;

const priorities: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

interface Props {
  count: number;
  busy: boolean;
  onAction: (action: BulkAction) => void;
  onClear: () => void;
}

/** A menu of choices in the toolbar (a colleague, a team, a tag, a priority). */
function ChoiceMenu({
  label,
  disabled,
  items,
}: {
  label: string;
  disabled: boolean;
  items: { key: string; label: ReactNode; onClick: () => void }[];
}) {
  return (
    <Menu position="bottom-start" shadow="md" withinPortal>
      <Menu.Target>
        <Button size="compact-sm" variant="default" disabled={disabled || !items.length}>
          {label}
        </Button>
      </Menu.Target>
      <Menu.Dropdown mah={320} style={{ overflowY: 'auto' }}>
        {items.map((item) => (
          <Menu.Item key={item.key} onClick={item.onClick}>
            {item.label}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}

/** The toolbar over the list while requests are selected: assign, transfer, tag, resolve or prioritize them all. */
export function BulkBar({ count, busy, onAction, onClear }: Props) {
  const { t } = useTranslation('staff');
  const me = useCurrentUser();
  const staff = useStaffList();
  const teams = useTeams();
  const tags = useQuery({ queryKey: tagsKeys.list, queryFn: tagsApi.list });
  const colleagues = (staff.data ?? []).filter((s) => s.active && s.handlesConversations);
  // the server takes at most so many at once: say so rather than send a request it refuses
  const tooMany = count > MAX_BULK_CONVERSATIONS;
  const off = busy || tooMany;
  return (
    <Paper role="toolbar" aria-label={t('inbox.bulk.toolbar')} className="fd-bulk-bar" withBorder p="xs" radius="md">
      <Group gap="xs" justify="space-between" wrap="nowrap">
        <Text size="sm" fw={600} aria-live="polite">
          {busy ? t('inbox.bulk.working') : t('inbox.bulk.selected', { count })}
        </Text>
        <Button size="compact-sm" variant="subtle" onClick={onClear}>
          {t('inbox.bulk.clear')}
        </Button>
      </Group>
      <Group gap={6} mt={6}>
        <Button size="compact-sm" disabled={off} onClick={() => onAction({ type: 'resolve' })}>
          {t('inbox.bulk.resolve')}
        </Button>
        <ChoiceMenu
          label={t('inbox.bulk.assign')}
          disabled={off}
          items={colleagues.map((s) => ({
            key: s.id,
            label: s.id === me.id ? t('inbox.me', { name: s.name }) : s.name,
            onClick: () => onAction({ type: 'assign', userId: s.id }),
          }))}
        />
        <ChoiceMenu
          label={t('inbox.bulk.transfer')}
          disabled={off}
          items={(teams.data ?? []).map((team) => ({
            key: team.id,
            label: team.name,
            onClick: () => onAction({ type: 'transfer', teamId: team.id }),
          }))}
        />
        <ChoiceMenu
          label={t('inbox.bulk.tag')}
          disabled={off}
          items={(tags.data ?? []).map((tag) => ({
            key: tag.id,
            label: <TagChip tag={tag} />,
            onClick: () => onAction({ type: 'tag', tagId: tag.id }),
          }))}
        />
        <ChoiceMenu
          label={t('inbox.bulk.priority')}
          disabled={off}
          items={priorities.map((priority) => ({
            key: priority,
            label: t(`inbox.priorities.${priority}`),
            onClick: () => onAction({ type: 'priority', priority }),
          }))}
        />
      </Group>
      <Text size="xs" c={tooMany ? 'red' : 'dimmed'} mt={4}>
        {tooMany ? t('inbox.bulk.tooMany', { max: MAX_BULK_CONVERSATIONS }) : t('inbox.bulk.hint')}
      </Text>
    </Paper>
  );
}
