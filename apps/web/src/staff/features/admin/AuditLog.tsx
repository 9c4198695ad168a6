import { Button, Group, Paper, Stack, Table, Text } from '@mantine/core';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { loose } from '../../../i18n/loose';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import { useStaffList } from '../../useStaffList';
import { adminApi, adminKeys } from './api';
import { describeAudit } from './audit-sentence';

/** The audit log (admins): who did what to accounts and settings as sentences, newest first, page by page. */
export function AuditLog() {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const staff = useStaffList();
  const names = new Map((staff.data ?? []).map((m) => [m.id, m.name]));
  const words = { t: loose(t), language: i18n.language, timeZone, nameOf: (id: string) => names.get(id) };
  const log = useInfiniteQuery({
    queryKey: adminKeys.audit,
    queryFn: ({ pageParam }) => adminApi.auditLog(pageParam),
    initialPageParam: undefined as number | undefined,
    getNextPageParam: (last) => last.nextBefore ?? undefined,
    staleTime: 0,
  });
  if (log.isPending) return <LoadingState />;
  if (log.isError) return <ErrorState error={log.error} onRetry={() => void log.refetch()} />;
  const entries = log.data.pages.flatMap((p) => p.entries);
  if (!entries.length) return <EmptyState title={t('admin.audit.empty')} />;
  return (
    <Stack gap="md">
      <Paper withBorder radius="md" className="fd-table-paper">
        <Table verticalSpacing="xs" striped aria-label={t('admin.sections.audit')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('admin.audit.when')}</Table.Th>
              <Table.Th>{t('admin.audit.action')}</Table.Th>
              <Table.Th>{t('admin.audit.details')}</Table.Th>
              <Table.Th>{t('admin.audit.ip')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {entries.map((e) => {
              const described = describeAudit(e, words);
              return (
                <Table.Tr key={e.id}>
                  <Table.Td>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {formatDateTime(e.createdAt, i18n.language, timeZone)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm" title={e.actorEmail ?? undefined}>
                      {described.sentence}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    {described.details.length ? (
                      <dl className="fd-audit-details">
                        {described.details.map((d) => (
                          <div key={d.key}>
                            <dt>{d.label}</dt>
                            <dd>{d.value}</dd>
                          </div>
                        ))}
                      </dl>
                    ) : (
                      <Text size="sm" c="dimmed">
                        —
                      </Text>
                    )}
                  </Table.Td>
                  <Table.Td>
                    <Text size="xs" c="dimmed">
                      {e.ip ?? '—'}
                    </Text>
                  </Table.Td>
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
      </Paper>
      <Group justify="center">
        {log.hasNextPage ? (
          <Button variant="default" onClick={() => void log.fetchNextPage()} loading={log.isFetchingNextPage}>
            {t('admin.audit.more')}
          </Button>
        ) : (
          <Text size="sm" c="dimmed">
            {t('admin.audit.end')}
          </Text>
        )}
      </Group>
    </Stack>
  );
}
