import { Button, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCurrentUser } from '../../auth/session';
import { QueryBlock } from '../../ui/QueryTable';
import { labelKeys, labelsApi } from './api';
import { BatchesSection } from './BatchesSection';
import { LabelsTable } from './LabelsTable';

/** `/app/labels`: attach a label (the big button for the phone), my labels, and the batches for admins. */
export function LabelsPage() {
  const { t } = useTranslation('staff');
  const admin = useCurrentUser().role === 'admin';
  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 1080 }}>
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">
              {t('labels.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('labels.intro')}
            </Text>
          </div>
          <Button component={Link} to="/app/labels/attach" size="xl" style={{ alignSelf: 'flex-start' }}>
            {t('labels.attach')}
          </Button>
          <MyLabels />
          {admin ? <BatchesSection /> : null}
        </Stack>
      </div>
    </div>
  );
}

function MyLabels() {
  const { t } = useTranslation('staff');
  const mine = useQuery({ queryKey: labelKeys.list({ mine: true }), queryFn: () => labelsApi.labels({ mine: true }) });
  return (
    <section aria-labelledby="my-labels">
      <Title order={2} size="h4" id="my-labels">
        {t('labels.mine')}
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        {t('labels.mineHelp')}
      </Text>
      <QueryBlock query={mine} empty={<Text c="dimmed">{t('labels.mineEmpty')}</Text>}>
        {(rows) => <LabelsTable title={t('labels.mine')} labels={rows} />}
      </QueryBlock>
    </section>
  );
}
