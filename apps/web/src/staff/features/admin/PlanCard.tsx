import { List, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { OrganizationWithSeats } from '../../types';

/** What the organization's plan includes ("Included in your plan"): its seats and features. */
export function PlanCard({ org }: { org: OrganizationWithSeats }) {
  const { t } = useTranslation('staff');
  const tasks = org.features.includes('tasks');
  const mark = (included: boolean) => (
    <ThemeIcon size="sm" radius="xl" variant="light" color={included ? 'teal' : 'gray'} aria-hidden>
      {included ? '✓' : '–'}
    </ThemeIcon>
  );
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('admin.org.plan.title')}
        </Title>
        <Text fw={600}>{t('admin.org.plan.name', { plan: t(`plans.${org.plan}`) })}</Text>
        <List spacing="xs" center>
          <List.Item icon={mark(true)}>{t('admin.org.plan.seats', org.seats)}</List.Item>
          <List.Item icon={mark(true)}>{t('admin.org.plan.chat')}</List.Item>
          <List.Item icon={mark(tasks)}>{t(tasks ? 'admin.org.plan.tasks' : 'admin.org.plan.noTasks')}</List.Item>
        </List>
      </Stack>
    </Paper>
  );
}
