import type { MetricsReport } from '@frontdesk/protocol';
import { Anchor, Button, Group, Paper, Rating, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ChartConfiguration } from 'chart.js';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../../ui/states';
import { formatDateTime } from '../../format';
import { metricsApi, metricsKeys } from './api';
import { ChartCanvas } from './ChartCanvas';
import type { MetricsFilter } from './metrics-format';

const STARS = [1, 2, 3, 4, 5] as const;
/** Red for the unhappy, amber for three, green for the satisfied (4–5: the CSAT share). */
const barColour = (stars: number) => (stars >= 4 ? '#2b8a3e' : stars === 3 ? '#e8590c' : '#c92a2a');

/**
 * The ratings of the dashboard's days: how many of each number of stars (a chart.js bar chart,
 * with the same numbers as a table for screen readers), and the rated requests with their comments,
 * newest first, paged on the server and each linked to its request. The averages, CSAT share and
 * response rate are the dashboard's cards.
 */
export function RatingsSection({
  report,
  filter,
  timeZone,
}: {
  report: MetricsReport;
  filter: MetricsFilter;
  timeZone: string;
}) {
  const { t } = useTranslation('staff');
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="metrics-ratings" id="ratings">
      <Title order={2} size="h4" mb="xs" id="metrics-ratings">
        {t('metrics.ratings.title')}
      </Title>
      <DistributionChart distribution={report.totals.ratingDistribution} />
      {/* a new filter starts the list on its first page */}
      <RatedList
        key={[filter.from, filter.to, filter.teamId, filter.agentId].join('|')}
        filter={filter}
        timeZone={timeZone}
      />
    </Paper>
  );
}

function DistributionChart({ distribution }: { distribution: readonly number[] }) {
  const { t } = useTranslation('staff');
  const countName = t('metrics.ratings.count');
  const labels = useMemo(() => STARS.map((n) => t('metrics.ratings.starsLabel', { count: n })), [t]);
  const config = useMemo<ChartConfiguration<'bar'>>(
    () => ({
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            label: countName,
            data: [...distribution],
            backgroundColor: STARS.map(barColour),
          },
        ],
      },
      options: {
        scales: { y: { beginAtZero: true, ticks: { precision: 0 } } },
        plugins: { legend: { display: false } },
      },
    }),
    [distribution, labels, countName],
  );
  return (
    <>
      <Text size="sm" fw={600} mb={4}>
        {t('metrics.ratings.distributionTitle')}
      </Text>
      <ChartCanvas config={config} summary={t('metrics.ratings.distributionSummary')} height={200} />
      <table className="fd-visually-hidden" data-testid="metrics-rating-distribution">
        <caption>{t('metrics.ratings.distributionSummary')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('metrics.ratings.stars')}</th>
            <th scope="col">{countName}</th>
          </tr>
        </thead>
        <tbody>
          {STARS.map((n, i) => (
            <tr key={n}>
              <th scope="row">{labels[i]}</th>
              <td>{distribution[i] ?? 0}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

function RatedList({ filter, timeZone }: { filter: MetricsFilter; timeZone: string }) {
  const { t, i18n } = useTranslation('staff');
  // the cursors of the pages seen so far: the first page has none
  const [cursors, setCursors] = useState<(string | null)[]>([null]);
  const before = cursors.at(-1) ?? null;
  const page = useQuery({
    queryKey: metricsKeys.ratings(filter, before),
    queryFn: () => metricsApi.ratings(filter, before),
    placeholderData: (previous) => previous,
  });
  return (
    <section aria-labelledby="metrics-rated" style={{ marginTop: 'var(--mantine-spacing-md)' }}>
      <Title order={3} size="h5" mb="xs" id="metrics-rated">
        {t('metrics.ratings.listTitle')}
      </Title>
      {page.isPending ? (
        <LoadingState />
      ) : page.isError ? (
        <ErrorState error={page.error} onRetry={() => void page.refetch()} />
      ) : page.data.ratings.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('metrics.ratings.empty')}
        </Text>
      ) : (
        <>
          <Paper withBorder radius="md" className="fd-table-paper">
            <Table.ScrollContainer minWidth={720}>
              <Table verticalSpacing="xs" aria-labelledby="metrics-rated" data-testid="metrics-rated-table">
                <Table.Thead>
                  <Table.Tr>
                    <Table.Th>{t('metrics.ratings.when', { zone: page.data.timezone })}</Table.Th>
                    <Table.Th>{t('metrics.ratings.rating')}</Table.Th>
                    <Table.Th>{t('metrics.ratings.comment')}</Table.Th>
                    <Table.Th>{t('metrics.ratings.request')}</Table.Th>
                    <Table.Th>{t('metrics.ratings.team')}</Table.Th>
                    <Table.Th>{t('metrics.ratings.resolvedBy')}</Table.Th>
                  </Table.Tr>
                </Table.Thead>
                <Table.Tbody>
                  {page.data.ratings.map((r) => (
                    <Table.Tr key={r.conversationId}>
                      <Table.Td>{formatDateTime(r.ratedAt, i18n.language, page.data.timezone ?? timeZone)}</Table.Td>
                      <Table.Td>
                        <Rating
                          value={r.rating}
                          readOnly
                          size="sm"
                          role="img"
                          aria-label={t('ratings.stars', { count: r.rating })}
                        />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm" fs={r.comment ? 'italic' : undefined} c={r.comment ? undefined : 'dimmed'}>
                          {r.comment ? `“${r.comment}”` : '—'}
                        </Text>
                      </Table.Td>
                      <Table.Td>
                        <Anchor component={Link} to={`/app?c=${encodeURIComponent(r.conversationId)}`} size="sm">
                          {[r.roomNumber, r.guestName ?? t('inbox.guest')].filter(Boolean).join(' · ')}
                        </Anchor>
                      </Table.Td>
                      <Table.Td>{r.team?.name ?? '—'}</Table.Td>
                      <Table.Td>{r.resolvedBy?.name ?? '—'}</Table.Td>
                    </Table.Tr>
                  ))}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Paper>
          <Group justify="flex-end" mt="sm">
            <Button
              variant="default"
              size="xs"
              disabled={cursors.length === 1}
              onClick={() => setCursors((c) => c.slice(0, -1))}
            >
              {t('metrics.ratings.newer')}
            </Button>
            <Button
              variant="default"
              size="xs"
              disabled={!page.data.nextBefore}
              onClick={() => setCursors((c) => [...c, page.data?.nextBefore ?? null])}
            >
              {t('metrics.ratings.older')}
            </Button>
          </Group>
        </>
      )}
    </section>
  );
}
