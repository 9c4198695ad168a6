import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { zoneAbbreviation } from '../../../i18n/time-zone';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import { customerKeys, customersApi } from './api';

const leadColors = { new: 'blue', contacted: 'yellow', converted: 'green', lost: 'gray' } as const;
const chatColors = { queued: 'orange', open: 'blue', resolved: 'gray' } as const;

/** The customer's requests and chats, newest first, each a link to where the desk works it. */
export function CustomerHistory({ customerId }: { customerId: string }) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const history = useQuery({
    queryKey: customerKeys.history(customerId),
    queryFn: () => customersApi.history(customerId),
  });
  const when = (iso: string) => formatDateTime(iso, i18n.language, timeZone);
  if (history.isPending) return <LoadingState />;
  if (history.isError) return <ErrorState error={history.error} onRetry={() => void history.refetch()} />;
  const { leads, conversations } = history.data;
  return (
    <Stack gap="xs">
      {timeZone ? (
        <Text size="xs" c="dimmed">
          {t('customers.history.times', { zone: zoneAbbreviation(timeZone, i18n.language, new Date()) })}
        </Text>
      ) : null}
      <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
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
