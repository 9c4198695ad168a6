import { Avatar, Badge, Button, Group, Menu, Paper, Progress, Select, Stack, Table, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useCurrentUser, useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import { sharedKeys } from '../../shared-api';
import type { Role, SetPasswordLink, StaffMember } from '../../types';
import { LinkModal } from '../../ui/LinkModal';
import { DataTable } from '../../ui/QueryTable';
import { RowMenu } from '../../ui/RowMenu';
import { useRoleName } from '../../useRoleName';
import { useStaffList } from '../../useStaffList';
import { adminApi, adminKeys } from './api';
import { AddStaffModal, HandOverModal, RemoveModal } from './StaffModals';

/** Staff: seats in use, add with a role (one-time link), resend link, change role, (de)activate, remove. */
export function StaffAdmin() {
  const roleName = useRoleName();
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const me = useCurrentUser();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const staff = useStaffList();
  const org = useQuery({ queryKey: adminKeys.organization, queryFn: adminApi.organization });
  const [adding, setAdding] = useState(false);
  const [link, setLink] = useState<{ link: SetPasswordLink; name: string } | null>(null);
  const [removing, setRemoving] = useState<StaffMember | null>(null);
  const [handingOver, setHandingOver] = useState<StaffMember | null>(null);
  const fullId = useId();

  const changed = () => {
    void queryClient.invalidateQueries({ queryKey: sharedKeys.staff });
    void queryClient.invalidateQueries({ queryKey: adminKeys.organization });
  };
  const failed = (err: unknown) =>
    notifications.show({ color: 'red', title: t('admin.failed'), message: errorMessage(err) });
  const changeRole = useMutation({
    mutationFn: ({ id, role }: { id: string; role: Role }) => adminApi.changeRole(id, role),
    onSuccess: (member) => {
      changed();
      notifications.show({ color: 'green', message: t('admin.staff.roleChanged', { name: member.name }) });
    },
    onError: failed,
  });
  const setActive = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => adminApi.setStaffActive(id, active),
    onSuccess: (member) => {
      changed();
      notifications.show({
        color: 'green',
        message: t(member.active ? 'admin.staff.activated' : 'admin.staff.deactivated', { name: member.name }),
      });
    },
    onError: failed,
  });
  const resend = useMutation({
    mutationFn: (member: StaffMember) => adminApi.resendLink(member.id),
    onSuccess: (issued, member) => setLink({ link: issued, name: member.name }),
    onError: failed,
  });

  if (staff.isPending || org.isPending) return <LoadingState />;
  if (staff.isError) return <ErrorState error={staff.error} onRetry={() => void staff.refetch()} />;
  if (org.isError) return <ErrorState error={org.error} onRetry={() => void org.refetch()} />;

  const { used, limit } = org.data.seats;
  const full = used >= limit;
  const roleOptions = (['agent', 'field', ...(me.abilities.manageAdmins ? ['admin' as const] : [])] as Role[]).map(
    (r) => ({
      value: r,
      label: roleName(r),
    }),
  );
  // an admin gives anyone's open requests a new home (the server's conversation policy: assignAny)
  const canHandOver = me.abilities.assignAnyConversation;
  const members = [...staff.data].sort((a, b) => Number(b.active) - Number(a.active) || a.name.localeCompare(b.name));

  return (
    <Stack gap="md">
      <Paper withBorder p="md" radius="md">
        <Group justify="space-between" align="center">
          <div style={{ flex: 1, maxWidth: 420 }}>
            <Group justify="space-between" mb={6}>
              <Text fw={600}>{t('admin.staff.seats', { used, limit })}</Text>
              <Badge variant="light">{t(`plans.${org.data.plan}`)}</Badge>
            </Group>
            <Progress
              value={Math.min(100, (used / Math.max(1, limit)) * 100)}
              color={full ? 'red' : 'blue'}
              aria-label={t('admin.staff.seats', { used, limit })}
            />
            {full ? (
              <Text size="xs" c="red" mt={4} id={fullId}>
                {t('admin.staff.seatsFull')}
              </Text>
            ) : null}
          </div>
          {/* every seat taken: say so before the form (the reason is the red line beside it), not after it */}
          <Button onClick={() => setAdding(true)} disabled={full} aria-describedby={full ? fullId : undefined}>
            {t('admin.staff.add')}
          </Button>
        </Group>
      </Paper>
      {members.length === 0 ? (
        <EmptyState title={t('admin.staff.empty')} />
      ) : (
        <DataTable
          label={t('admin.sections.staff')}
          columns={[t('admin.staff.name'), t('admin.staff.role'), t('admin.staff.status'), t('admin.staff.lastLogin')]}
        >
          {members.map((m) => (
            <Table.Tr key={m.id} style={m.active ? undefined : { opacity: 0.6 }}>
              <Table.Td>
                <Group gap="sm" wrap="nowrap">
                  {/* the name is written beside it: the picture needs no text of its own */}
                  <Avatar src={m.photoUrl} alt="" radius="xl" size={32} name={m.name} color="initials" />
                  <div>
                    <Text fw={600} size="sm">
                      {m.name}
                      {m.id === me.id ? ` (${t('inbox.you')})` : ''}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {m.email}
                    </Text>
                  </div>
                </Group>
              </Table.Td>
              <Table.Td>
                {m.manageable ? (
                  <Select
                    size="xs"
                    w={150}
                    aria-label={t('admin.staff.roleOf', { name: m.name })}
                    data={roleOptions}
                    value={m.role}
                    allowDeselect={false}
                    onChange={(role) => role && role !== m.role && changeRole.mutate({ id: m.id, role: role as Role })}
                  />
                ) : (
                  <Text size="sm">{roleName(m.role)}</Text>
                )}
              </Table.Td>
              <Table.Td>
                <Group gap={4}>
                  <Badge size="sm" variant="light" color={m.active ? 'green' : 'gray'}>
                    {m.active ? t('admin.staff.active') : t('admin.staff.inactive')}
                  </Badge>
                  {!m.passwordSet ? (
                    <Badge size="sm" variant="light" color="orange">
                      {t('admin.staff.invited')}
                    </Badge>
                  ) : null}
                </Group>
              </Table.Td>
              <Table.Td>
                <Text size="sm">
                  {m.lastLoginAt ? formatDateTime(m.lastLoginAt, i18n.language, timeZone) : t('admin.staff.never')}
                </Text>
              </Table.Td>
              <Table.Td>
                {m.manageable || (m.handlesConversations && canHandOver) ? (
                  <RowMenu name={m.name}>
                    {m.handlesConversations && canHandOver ? (
                      <Menu.Item onClick={() => setHandingOver(m)}>{t('admin.staff.handOver')}</Menu.Item>
                    ) : null}
                    {m.manageable ? (
                      <>
                        <Menu.Item onClick={() => resend.mutate(m)}>{t('admin.staff.resend')}</Menu.Item>
                        <Menu.Item
                          onClick={() => setActive.mutate({ id: m.id, active: !m.active })}
                          disabled={!m.active && full}
                          title={!m.active && full ? t('admin.staff.seatsFull') : undefined}
                        >
                          {m.active ? t('admin.staff.deactivate') : t('admin.staff.activate')}
                        </Menu.Item>
                        <Menu.Divider />
                        <Menu.Item color="red" onClick={() => setRemoving(m)}>
                          {t('admin.staff.remove')}
                        </Menu.Item>
                      </>
                    ) : null}
                  </RowMenu>
                ) : null}
              </Table.Td>
            </Table.Tr>
          ))}
        </DataTable>
      )}
      {adding ? (
        <AddStaffModal
          roleOptions={roleOptions}
          onClose={() => setAdding(false)}
          onAdded={(issued, name) => {
            changed();
            setAdding(false);
            setLink({ link: issued, name });
          }}
        />
      ) : null}
      <LinkModal link={link?.link ?? null} name={link?.name ?? ''} onClose={() => setLink(null)} />
      {handingOver ? (
        <HandOverModal
          member={handingOver}
          colleagues={staff.data}
          onClose={() => setHandingOver(null)}
          onHandedOver={(count) => {
            notifications.show({
              color: 'green',
              message: t('admin.staff.handedOver', { name: handingOver.name, n: count }),
            });
            setHandingOver(null);
          }}
        />
      ) : null}
      {removing ? (
        <RemoveModal
          member={removing}
          onClose={() => setRemoving(null)}
          onRemoved={() => {
            changed();
            setRemoving(null);
          }}
        />
      ) : null}
    </Stack>
  );
}
