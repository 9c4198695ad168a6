import { ActionIcon, Group, Indicator, Popover, SegmentedControl, Stack, Text, Tooltip } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../i18n/error-message';
import { useCurrentUser } from '../auth/session';
import { useDesk, useDeskStore } from '../desk/desk-context';
import type { PresenceStatus } from '../desk/desk-store';
import { UsersIcon } from '../ui/icons';
import { useStaffList } from '../useStaffList';

/** The staff member's own online/away switch, and who of the team is online. */
export function PresenceControl() {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const me = useCurrentUser();
  const store = useDeskStore();
  const desk = useDesk();
  const mine = desk?.presence[me.id] ?? 'online';
  const onChange = (value: string) => {
    store?.setPresence(value as PresenceStatus).catch((err: unknown) => {
      notifications.show({ color: 'red', title: t('presence.failed'), message: errorMessage(err) });
    });
  };
  return (
    <Group gap="xs" wrap="nowrap">
      <SegmentedControl
        size="xs"
        aria-label={t('presence.label')}
        value={mine}
        onChange={onChange}
        disabled={desk?.connection !== 'online'}
        data={[
          { value: 'online', label: t('presence.online') },
          { value: 'away', label: t('presence.away') },
        ]}
        color={mine === 'online' ? 'green' : 'yellow'}
      />
      <TeamPresence />
    </Group>
  );
}

function TeamPresence() {
  const { t } = useTranslation(['staff', 'common']);
  const me = useCurrentUser();
  const desk = useDesk();
  const staff = useStaffList();
  const presence = desk?.presence ?? {};
  const colleagues = (staff.data ?? [])
    .filter((s) => s.handlesConversations && s.id !== me.id)
    .map((s) => ({ ...s, status: presence[s.id] ?? ('offline' as const) }))
    .sort((a, b) => rank(a.status) - rank(b.status) || a.name.localeCompare(b.name));
  const online = colleagues.filter((c) => c.status === 'online').length;
  return (
    <Popover position="bottom-end" shadow="md" width={260}>
      <Popover.Target>
        <Tooltip label={t('presence.team')}>
          <Indicator label={online} size={16} color="green" disabled={!online} offset={4}>
            <ActionIcon variant="subtle" color="gray" size="lg" aria-label={t('presence.teamCount', { count: online })}>
              <UsersIcon />
            </ActionIcon>
          </Indicator>
        </Tooltip>
      </Popover.Target>
      <Popover.Dropdown>
        <Text fw={600} size="sm" mb="xs">
          {t('presence.team')}
        </Text>
        {colleagues.length === 0 ? (
          <Text size="sm" c="dimmed">
            {staff.isPending ? t('common:loading') : t('presence.noColleagues')}
          </Text>
        ) : (
          <Stack gap={6}>
            {colleagues.map((c) => (
              <Group key={c.id} gap="xs" wrap="nowrap">
                <span className="fd-presence-dot" data-status={c.status} aria-hidden="true" />
                <Text size="sm" truncate style={{ flex: 1 }}>
                  {c.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`presence.${c.status}`)}
                </Text>
              </Group>
            ))}
          </Stack>
        )}
      </Popover.Dropdown>
    </Popover>
  );
}

const rank = (status: string) => (status === 'online' ? 0 : status === 'away' ? 1 : 2);
