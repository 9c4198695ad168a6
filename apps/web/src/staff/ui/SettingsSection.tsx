import { Stack, Text, Title } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { ErrorState, LoadingState } from '../../ui/states';

/**
 * An admin settings page around its settings query: loading, failed (with retry), or its title and
 * intro over what `children` draws of the settings. The forms start their state from the settings,
 * so they are drawn only once these have loaded.
 */
export function SettingsSection<T>({
  query,
  title,
  intro,
  children,
}: {
  query: UseQueryResult<T>;
  title: string;
  intro: string;
  children: (settings: T) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  return (
    <Stack gap="lg" maw={760}>
      <div>
        <Title order={2} size="h3">
          {title}
        </Title>
        <Text c="dimmed" size="sm">
          {intro}
        </Text>
      </div>
      {children(query.data)}
    </Stack>
  );
}
