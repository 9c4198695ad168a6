import { Badge, Button, Group, Menu, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../../ui/states';
import type { Team, TeamMember } from '../../types';
import { DataTable, QueryBlock } from '../../ui/QueryTable';
import { RowMenu } from '../../ui/RowMenu';
import { useRoleName } from '../../useRoleName';
import { useStaffList } from '../../useStaffList';
import { adminApi, adminKeys } from './api';
import { HoursModal } from './HoursModal';
import { summarizeWeek } from './hours-summary';
import { MemberModal, RemoveMemberModal, RemoveTeamModal, TeamModal } from './TeamModals';

/** Which modal is open, and for what. */
type Dialog =
  | { kind: 'newTeam' }
  | { kind: 'editTeam'; team: Team }
  | { kind: 'removeTeam'; team: Team }
  | { kind: 'hours'; team: Team }
  | { kind: 'addMember'; team: Team }
  | { kind: 'editMember'; team: Team; member: TeamMember }
  | { kind: 'removeMember'; team: Team; member: TeamMember };

/** Teams (admins): create, rename and delete teams; add and take out members, set their capacity, languages and skills. */
export function TeamsAdmin() {
  const { t } = useTranslation('staff');
  const teams = useQuery({ queryKey: adminKeys.teams, queryFn: adminApi.teams });
  const staff = useStaffList();
  const [dialog, setDialog] = useState<Dialog | null>(null);
  const close = () => setDialog(null);

  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start" wrap="nowrap">
        <Text size="sm" c="dimmed" maw={640}>
          {t('admin.teams.intro')}
        </Text>
        <Button onClick={() => setDialog({ kind: 'newTeam' })}>{t('admin.teams.add')}</Button>
      </Group>
      <QueryBlock
        query={teams}
        empty={<EmptyState title={t('admin.teams.empty')}>{t('admin.teams.emptyBody')}</EmptyState>}
      >
        {(rows) => (
          <Stack gap="lg">
            {rows.map((team) => (
              <TeamCard key={team.id} team={team} open={setDialog} />
            ))}
          </Stack>
        )}
      </QueryBlock>
      {dialog?.kind === 'newTeam' ? <TeamModal onClose={close} /> : null}
      {dialog?.kind === 'editTeam' ? <TeamModal team={dialog.team} onClose={close} /> : null}
      {dialog?.kind === 'removeTeam' ? <RemoveTeamModal team={dialog.team} onClose={close} /> : null}
      {dialog?.kind === 'hours' ? <HoursModal team={dialog.team} onClose={close} /> : null}
      {dialog?.kind === 'addMember' || dialog?.kind === 'editMember' ? (
        <MemberModal
          team={dialog.team}
          member={dialog.kind === 'editMember' ? dialog.member : undefined}
          staff={staff.data ?? []}
          onClose={close}
        />
      ) : null}
      {dialog?.kind === 'removeMember' ? (
        <RemoveMemberModal team={dialog.team} member={dialog.member} onClose={close} />
      ) : null}
    </Stack>
  );
}

/** One team: its name, description and actions, and a table of its members. */
function TeamCard({ team, open }: { team: Team; open: (dialog: Dialog) => void }) {
  const roleName = useRoleName();
  const { t, i18n } = useTranslation('staff');
  const tags = (values: string[]) =>
    values.length ? (
      <Group gap={4}>
        {values.map((v) => (
          <Badge key={v} size="sm" variant="light" color="gray" tt="none">
            {v}
          </Badge>
        ))}
      </Group>
    ) : (
      <Text size="sm" c="dimmed">
        {t('admin.teams.none')}
      </Text>
    );
  return (
    <Paper withBorder p="lg" radius="md" component="section" aria-label={team.name}>
      <Stack gap="sm">
        <Group justify="space-between" align="flex-start" wrap="nowrap">
          <div>
            <Title order={2} size="h4">
              {team.name}
            </Title>
            {team.description ? (
              <Text size="sm" c="dimmed">
                {team.description}
              </Text>
            ) : null}
            <Text size="xs" c="dimmed">
              {t('admin.teams.memberCount', { count: team.members.length })} ·{' '}
              {t(`admin.teams.assignmentShort.${team.assignmentMode}`)}
              {team.sla.firstResponseMinutes !== null || team.sla.nextResponseMinutes !== null
                ? ` · ${t('admin.teams.targets', {
                    first: team.sla.firstResponseMinutes ?? '—',
                    next: team.sla.nextResponseMinutes ?? '—',
                  })}`
                : ''}
            </Text>
            <Text size="xs" c="dimmed">
              {[
                team.hours.weekly
                  ? t('admin.hours.summaryHours', {
                      hours: summarizeWeek(team.hours.weekly, i18n.language) || t('admin.hours.closed'),
                    })
                  : t('admin.hours.summaryAlwaysOpen'),
                team.hours.holidays.length
                  ? t('admin.hours.summaryHolidays', { count: team.hours.holidays.length })
                  : null,
              ]
                .filter(Boolean)
                .join(' · ')}
            </Text>
          </div>
          <Group gap="xs" wrap="nowrap">
            <Button size="compact-sm" variant="light" onClick={() => open({ kind: 'addMember', team })}>
              {t('admin.teams.addMember')}
            </Button>
            <Button
              size="compact-sm"
              variant="default"
              aria-label={`${t('admin.hours.open')}: ${team.name}`}
              onClick={() => open({ kind: 'hours', team })}
            >
              {t('admin.hours.open')}
            </Button>
            <Menu position="bottom-end" shadow="md">
              <Menu.Target>
                <Button
                  size="compact-sm"
                  variant="default"
                  aria-label={t('admin.teams.actionsFor', { team: team.name })}
                >
                  {t('admin.staff.actions')}
                </Button>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Item onClick={() => open({ kind: 'editTeam', team })}>{t('admin.teams.edit')}</Menu.Item>
                <Menu.Item color="red" onClick={() => open({ kind: 'removeTeam', team })}>
                  {t('admin.teams.remove')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          </Group>
        </Group>
        {team.members.length ? (
          <DataTable
            label={t('admin.teams.members', { team: team.name })}
            framed={false}
            verticalSpacing="xs"
            columns={[
              t('admin.teams.member'),
              t('admin.teams.role'),
              t('admin.teams.capacity'),
              t('admin.teams.languages'),
              t('admin.teams.skills'),
            ]}
          >
            {team.members.map((m) => (
              <Table.Tr key={m.userId}>
                <Table.Td>
                  <Group gap={6} wrap="nowrap">
                    <Text size="sm" fw={600}>
                      {m.name}
                    </Text>
                    {m.active ? null : (
                      <Badge size="xs" color="gray">
                        {t('admin.teams.inactive')}
                      </Badge>
                    )}
                  </Group>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{roleName(m.role)}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{m.capacity}</Text>
                </Table.Td>
                <Table.Td>{tags(m.languages)}</Table.Td>
                <Table.Td>{tags(m.skills)}</Table.Td>
                <Table.Td>
                  <Group justify="flex-end">
                    <RowMenu name={m.name}>
                      <Menu.Item
                        aria-label={t('admin.teams.editMemberOf', { name: m.name, team: team.name })}
                        onClick={() => open({ kind: 'editMember', team, member: m })}
                      >
                        {t('admin.teams.editMember')}
                      </Menu.Item>
                      <Menu.Item
                        color="red"
                        aria-label={t('admin.teams.removeMemberOf', { name: m.name, team: team.name })}
                        onClick={() => open({ kind: 'removeMember', team, member: m })}
                      >
                        {t('admin.teams.removeMember')}
                      </Menu.Item>
                    </RowMenu>
                  </Group>
                </Table.Td>
              </Table.Tr>
            ))}
          </DataTable>
        ) : (
          <Text size="sm" c="dimmed">
            {t('admin.teams.noMembers')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
