import { Anchor, Badge, Group, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
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
        <section aria-labelledby="customer-requests">
          <Title order={2} size="h4" mb="xs" id="customer-requests">
            {t('customers.history.requests')}
          </Title>
          <Paper withBorder radius="md" p="sm">
            {leads.length ? (
              <Stack gap="sm" component="ul" className="fd-customer-history">
                {leads.map((lead) => (
                  <li key={lead.id}>
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Anchor component={Link} to={`/app/leads/${lead.id}`} fw={600} size="sm">
                        {lead.formName}
                      </Anchor>
                      <Badge variant="light" color={leadColors[lead.status]}>
                        {t(`leads.status.${lead.status}`)}
                      </Badge>
                    </Group>
                    <Text size="xs" c="dimmed">
                      {when(lead.createdAt)}
                    </Text>
                  </li>
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {t('customers.history.noRequests')}
              </Text>
            )}
          </Paper>
        </section>
        <section aria-labelledby="customer-chats">
          <Title order={2} size="h4" mb="xs" id="customer-chats">
            {t('customers.history.chats')}
          </Title>
          <Paper withBorder radius="md" p="sm">
            {conversations.length ? (
              <Stack gap="sm" component="ul" className="fd-customer-history">
                {conversations.map((c) => (
                  <li key={c.id}>
                    <Group justify="space-between" wrap="nowrap" gap="xs">
                      <Anchor component={Link} to={`/app?c=${encodeURIComponent(c.id)}`} fw={600} size="sm">
                        {t('customers.history.started', { when: when(c.createdAt) })}
                      </Anchor>
                      <Badge variant="light" color={chatColors[c.status]}>
                        {t(`inbox.tabs.${c.status}`)}
                      </Badge>
                    </Group>
                    <Text size="sm" lineClamp={2}>
                      {c.preview}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t('customers.history.lastMessage', { when: when(c.lastMessageAt) })}
                    </Text>
                  </li>
                ))}
              </Stack>
            ) : (
              <Text size="sm" c="dimmed">
                {t('customers.history.noChats')}
              </Text>
            )}
          </Paper>
        </section>
      </SimpleGrid>
    </Stack>
  );
}
