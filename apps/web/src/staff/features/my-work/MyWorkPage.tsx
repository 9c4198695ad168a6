import { Alert, Badge, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { formatDate } from '../../format';
import { myWorkApi, myWorkKeys } from './api';
import './my-work.css';
import { useLiveWork } from './use-live-work';
import { useWorkQueue } from './use-work-queue';
import { WorkCard } from './WorkCard';

/** Whether the device says it is online, kept up to date. */
function useOnline(): boolean {
  const [online, setOnline] = useState(() => navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => {
      window.removeEventListener('online', on);
      window.removeEventListener('offline', off);
    };
  }, []);
  return online;
}

/**
 * `/app/my-work`: the doer's day on a phone — today's items in order, each with its place, time,
 * start / pause / done, checklist and photos. Actions wait on the phone while it is offline.
 */
export function MyWorkPage() {
  const { t, i18n } = useTranslation('staff');
  const day = useQuery({ queryKey: myWorkKeys.today, queryFn: myWorkApi.today, networkMode: 'offlineFirst' });
  const online = useOnline();
  const queue = useWorkQueue();
  useLiveWork();

  const items = day.data?.items ?? [];
  return (
    <div className="fd-page fd-my-work">
      <div className="fd-page-inner" style={{ maxWidth: 640 }}>
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              {t('myWork.title')}
            </Title>
            {day.data ? (
              <Text c="dimmed" size="sm">
                {t('myWork.today', {
                  day: formatDate(`${day.data.day}T12:00:00Z`, i18n.language, 'UTC'),
                  zone: day.data.timeZone,
                })}
              </Text>
            ) : null}
          </div>
          {!online ? (
            <Alert color="orange" role="status" title={t('myWork.offlineTitle')}>
              {t('myWork.offline')}
            </Alert>
          ) : null}
          {queue.pending.length ? (
            <Group gap="xs" role="status">
              <Badge color="orange" variant="light">
                {t('myWork.waiting', { count: queue.pending.length })}
              </Badge>
            </Group>
          ) : null}
          {day.isPending ? (
            <LoadingState />
          ) : day.isError && !day.data ? (
            <ErrorState error={day.error} onRetry={() => day.refetch()} />
          ) : items.length === 0 ? (
            <EmptyState title={t('myWork.empty')} />
          ) : (
            <ol className="fd-work-list" aria-label={t('myWork.listLabel')}>
              {items.map((item) => (
                <li key={item.id}>
                  <WorkCard item={item} queue={queue} online={online} />
                </li>
              ))}
            </ol>
          )}
        </Stack>
      </div>
    </div>
  );
}
