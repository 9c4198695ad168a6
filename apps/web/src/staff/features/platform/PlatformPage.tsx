import { Badge, Button, Group, Menu, Table, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { languageNames } from '../../../i18n/languages';
import { zoneAbbreviation } from '../../../i18n/time-zone';
import { EmptyState } from '../../../ui/states';
import { formatDateTime } from '../../format';
import type { PlatformOrganization, SetPasswordLink } from '../../types';
import { LinkModal } from '../../ui/LinkModal';
import { DataTable, QueryBlock } from '../../ui/QueryTable';
import { RowMenu } from '../../ui/RowMenu';
import { platformApi, platformKeys } from './api';
import { CreateOrganizationModal, PlanModal } from './OrganizationModals';

/** `/app/platform` (super admins): every organization with its staff, plans and seats; create, (de)activate. */
export function PlatformPage() {
  const { t, i18n } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const orgs = useQuery({ queryKey: platformKeys.platform, queryFn: platformApi.platformOrganizations });
  const [creating, setCreating] = useState(false);
  const [editing, setEditing] = useState<PlatformOrganization | null>(null);
  const [link, setLink] = useState<{ link: SetPasswordLink; name: string } | null>(null);
  const setActive = useMutation({
    mutationFn: ({ id, active }: { id: string; active: boolean }) => platformApi.updatePlan(id, { active }),
    onSuccess: (org) => {
      void queryClient.invalidateQueries({ queryKey: platformKeys.platform });
      notifications.show({
        color: 'green',
        message: t(org.active ? 'platform.activated' : 'platform.deactivated', { name: org.name }),
      });
    },
    onError: (err) => notifications.show({ color: 'red', title: t('admin.failed'), message: errorMessage(err) }),
  });

  return (
    <div className="fd-page">
      <div className="fd-page-inner">
        <Group justify="space-between" mb="lg">
          <div>
            <Title order={1} size="h2">
              {t('platform.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('platform.intro')} {t('platform.timesNote')}
            </Text>
          </div>
          <Button onClick={() => setCreating(true)}>{t('platform.create')}</Button>
        </Group>
        <QueryBlock query={orgs} empty={<EmptyState title={t('platform.empty')} />}>
          {(rows) => (
            <DataTable
              label={t('platform.title')}
              columns={[
                t('platform.organization'),
                t('platform.plan'),
                t('platform.staff'),
                t('platform.status'),
                t('platform.created'),
              ]}
            >
              {rows.map((o) => (
                <Table.Tr key={o.id} style={o.active ? undefined : { opacity: 0.6 }}>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Text fw={600} size="sm">
                        {o.name}
                      </Text>
                      <Badge variant="outline" color="dark" size="sm">
                        {t(`platform.kinds.${o.kind}`)}
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed">
                      /g/{o.slug} · {o.timezone} · {languageNames[o.language]}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light">{t(`plans.${o.plan}`)}</Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{t('platform.seatsUsed', { active: o.activeStaffCount, limit: o.seatLimit })}</Text>
                    <Text size="xs" c="dimmed">
                      {t('platform.staffTotal', { count: o.staffCount })}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Badge variant="light" color={o.active ? 'green' : 'gray'}>
                      {o.active ? t('admin.staff.active') : t('admin.staff.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {/* many organizations, many clocks: each on its own, named */}
                      {formatDateTime(o.createdAt, i18n.language, o.timezone)}{' '}
                      {zoneAbbreviation(o.timezone, i18n.language, new Date(o.createdAt))}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <RowMenu name={o.name}>
                      <Menu.Item onClick={() => setEditing(o)}>{t('platform.changePlan')}</Menu.Item>
                      <Menu.Item
                        color={o.active ? 'red' : undefined}
                        onClick={() => setActive.mutate({ id: o.id, active: !o.active })}
                      >
                        {o.active ? t('platform.deactivate') : t('platform.activate')}
                      </Menu.Item>
                    </RowMenu>
                  </Table.Td>
                </Table.Tr>
              ))}
            </DataTable>
          )}
        </QueryBlock>
      </div>
      {creating ? (
        <CreateOrganizationModal
          onClose={() => setCreating(false)}
          onCreated={(invite, adminName) => {
            setCreating(false);
            setLink({ link: invite, name: adminName });
          }}
        />
      ) : null}
      {editing ? <PlanModal org={editing} onClose={() => setEditing(null)} /> : null}
      <LinkModal link={link?.link ?? null} name={link?.name ?? ''} onClose={() => setLink(null)} />
    </div>
  );
}
