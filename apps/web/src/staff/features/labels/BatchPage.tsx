import { Anchor, Button, Group, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { ErrorState, LoadingState } from '../../../ui/states';
import { QueryBlock } from '../../ui/QueryTable';
import { labelKeys, labelsApi } from './api';
import { LabelsTable } from './LabelsTable';

/** `/app/labels/batches/:id` (admins): every label of a batch, with whose it is and its history. */
export function BatchPage() {
  const { id = '' } = useParams();
  const { t } = useTranslation('staff');
  const batches = useQuery({ queryKey: labelKeys.batches, queryFn: labelsApi.batches });
  const labels = useQuery({
    queryKey: labelKeys.list({ batchId: id }),
    queryFn: () => labelsApi.labels({ batchId: id }),
  });
  const batch = batches.data?.find((b) => b.id === id);
  if (batches.isPending) return <LoadingState />;
  if (batches.isError) return <ErrorState error={batches.error} onRetry={() => void batches.refetch()} />;
  const title = t('labels.batchTitle', { name: batch?.name ?? '' });
  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 1080 }}>
        <Stack gap="lg">
          <Anchor component={Link} to="/app/labels" size="sm">
            ← {t('labels.back')}
          </Anchor>
          <Group justify="space-between" align="flex-end">
            <div>
              <Title order={1} size="h2">
                {title}
              </Title>
              {batch ? (
                <Text c="dimmed" size="sm">
                  {[batch.campaign, t('labels.countsValue', batch.counts)].filter(Boolean).join(' · ')} (
                  {t('labels.counts')})
                </Text>
              ) : null}
            </div>
            <Button component={Link} to="/app/labels/attach" variant="light">
              {t('labels.attach')}
            </Button>
          </Group>
          <QueryBlock query={labels} empty={<Text c="dimmed">{t('labels.batchesEmpty')}</Text>}>
            {(rows) => <LabelsTable title={title} labels={rows} />}
          </QueryBlock>
        </Stack>
      </div>
    </div>
  );
}
