import type { WorkItem } from '@frontdesk/protocol';
import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { zoneAbbreviation } from '../../../i18n/time-zone';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useTimeZone } from '../../auth/session';
import { dayKey, formatDateTime } from '../../format';
import { customerKeys, customersApi } from './api';

const leadColors = { new: 'blue', contacted: 'yellow', converted: 'green', lost: 'gray' } as const;
const chatColors = { queued: 'orange', open: 'blue', resolved: 'gray' } as const;
const workColors = {
  open: 'blue',
  scheduled: 'cyan',
  in_progress: 'yellow',
  done: 'green',
  cancelled: 'gray',
} as const;

/**
 * The customer's jobs (tasks and work orders), requests and chats, newest first, each a link to
 * where it is worked. Whoever sees customers sees the jobs they see on the board (field staff:
 * theirs); the requests and chats are the desk's (`requests`). Like the rest of the customer's
 * page it loads when opened (and again when the window regains focus), not live.
 */
export function CustomerHistory({ customerId, requests }: { customerId: string; requests: boolean }) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const history = useQuery({
    queryKey: customerKeys.history(customerId),
    queryFn: () => customersApi.history(customerId),
    enabled: requests,
  });
  const work = useQuery({
    queryKey: customerKeys.work(customerId),
    queryFn: () => customersApi.work(customerId),
  });
  const when = (iso: string, zone = timeZone) => formatDateTime(iso, i18n.language, zone);
  const failed = work.isError ? work : requests && history.isError ? history : null;
  if (failed) return <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  if (work.isPending || (requests && history.isPending)) return <LoadingState />;
  const jobs = work.data ?? [];
  const { leads, conversations } = history.data ?? { leads: [], conversations: [] };
  // a window within one day reads "3 Feb 2027, 09:00 – 12:00"
  const clock = (iso: string, zone: string) =>
    new Intl.DateTimeFormat(i18n.language, { hour: '2-digit', minute: '2-digit', timeZone: zone }).format(
      new Date(iso),
    );
  const planned = (item: WorkItem) =>
    item.window
      ? t('customers.history.window', {
          start: when(item.window.start, item.timeZone),
          end:
            dayKey(item.window.start, item.timeZone) === dayKey(item.window.end, item.timeZone)
              ? clock(item.window.end, item.timeZone)
              : when(item.window.end, item.timeZone),
        })
      : item.dueAt
        ? t('customers.history.due', { when: when(item.dueAt, item.timeZone) })
        : t('work.noTime');
  return (
    <Stack gap="xs">
      {timeZone ? (
        <Text size="xs" c="dimmed">
          {t('customers.history.times', { zone: zoneAbbreviation(timeZone, i18n.language, new Date()) })}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
        <HistoryList
          id="customer-work"
          title={t('customers.history.work')}
          empty={t('customers.history.noWork')}
          entries={jobs.map((item) => ({
            key: item.id,
            to: `/app/work/${encodeURIComponent(item.id)}`,
            label: item.title,
            status: { color: workColors[item.status], text: t(`work.statuses.${item.status}`) },
            lines: [
              <Text key="kind" size="xs" c="dimmed">
                {t(`work.kinds.${item.kind}`)} · {planned(item)}
              </Text>,
              <Text key="who" size="xs">
                {item.assignee
                  ? t('customers.history.assignee', { name: item.assignee.name })
                  : item.team
                    ? t('work.teamOnly', { team: item.team.name })
                    : t('work.unassigned')}
              </Text>,
            ],
          }))}
        />
        {requests ? (
          <HistoryList
            id="customer-requests"
            title={t('customers.history.requests')}
            empty={t('customers.history.noRequests')}
            entries={leads.map((lead) => ({
              key: lead.id,
              to: `/app/leads/${lead.id}`,
              label: lead.formName,
              status: { color: leadColors[lead.status], text: t(`leads.status.${lead.status}`) },
              lines: [
                <Text key="when" size="xs" c="dimmed">
                  {when(lead.createdAt)}
                </Text>,
              ],
            }))}
          />
        ) : null}
        {requests ? (
          <HistoryList
            id="customer-chats"
            title={t('customers.history.chats')}
            empty={t('customers.history.noChats')}
            entries={conversations.map((c) => ({
              key: c.id,
              to: `/app?c=${encodeURIComponent(c.id)}`,
              label: t('customers.history.started', { when: when(c.createdAt) }),
              status: { color: chatColors[c.status], text: t(`inbox.tabs.${c.status}`) },
              lines: [
                <Text key="preview" size="sm" lineClamp={2}>
                  {c.preview}
                </Text>,
                <Text key="when" size="xs" c="dimmed">
                  {t('customers.history.lastMessage', { when: when(c.lastMessageAt) })}
                </Text>,
              ],
            }))}
          />
        ) : null}
      </SimpleGrid>
    </Stack>
  );
}

interface HistoryEntry {
  key: string;
  to: string;
  label: string;
  status: { color: string; text: string };
  lines: ReactNode[];
}

/** One titled list of the history: each entry a link, its status and lines below. */
function HistoryList({
  id,
  title,
  empty,
  entries,
}: {
  id: string;
  title: string;
  empty: string;
  entries: HistoryEntry[];
}) {
  return (
    <section aria-labelledby={id}>
      <Title order={2} size="h4" mb="xs" id={id}>
        {title}
      </Title>
      <Paper withBorder radius="md" p="sm">
        {entries.length ? (
          <Stack gap="sm" component="ul" className="fd-customer-history">
            {entries.map((entry) => (
              <li key={entry.key}>
                <Group justify="space-between" wrap="nowrap" gap="xs">
                  <Anchor component={Link} to={entry.to} fw={600} size="sm">
                    {entry.label}
                  </Anchor>
                  <Badge variant="light" color={entry.status.color}>
                    {entry.status.text}
                  </Badge>
                </Group>
                {entry.lines}
              </li>
            ))}
          </Stack>
        ) : (
          <Text size="sm" c="dimmed">
            {empty}
          </Text>
        )}
      </Paper>
    </section>
  );
}
