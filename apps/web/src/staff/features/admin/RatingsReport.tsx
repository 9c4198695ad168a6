import {
  Alert,
  Group,
  Pagination,
  Paper,
  Progress,
  Rating,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useCurrentUser } from '../../auth/session';
import { formatDateTime } from '../../format';
import { sharedApi } from '../../shared-api';
import type { Conversation } from '../../types';
import { adminKeys } from './api';

const PAGE = 100;
const MAX_PAGES = 50;
const ROWS = 20;

/**
 * Every resolved request, read page by page from the inbox API: there is no ratings endpoint yet,
 * so the report is computed here (capped at MAX_PAGES × PAGE requests).
 */
async function loadResolved(): Promise<{ conversations: Conversation[]; truncated: boolean }> {
  const all: Conversation[] = [];
  let before: string | undefined;
  for (let page = 0; page < MAX_PAGES; page++) {
    const result = await sharedApi.conversations('resolved', false, before, PAGE);
    all.push(...result.conversations);
    if (!result.nextBefore) return { conversations: all, truncated: false };
    before = result.nextBefore;
  }
  return { conversations: all, truncated: true };
}

/** Ratings (admins): the average, the 1–5 distribution, per staff member, and every rated request. */
export function RatingsReport() {
  const { t, i18n } = useTranslation('staff');
  const me = useCurrentUser();
  const [page, setPage] = useState(1);
  const report = useQuery({ queryKey: adminKeys.ratings, queryFn: loadResolved, staleTime: 0 });

  if (report.isPending) return <LoadingState label={t('admin.ratings.loading')} />;
  if (report.isError) return <ErrorState error={report.error} onRetry={() => void report.refetch()} />;

  const { conversations, truncated } = report.data;
  const rated = conversations
    .filter((c): c is Conversation & { rating: number } => c.rating !== null)
    .sort((a, b) => (b.resolvedAt ?? '').localeCompare(a.resolvedAt ?? ''));
  if (!rated.length) {
    return (
      <EmptyState title={t('admin.ratings.emptyTitle')}>
        {t('admin.ratings.emptyBody', { count: conversations.length })}
      </EmptyState>
    );
  }
  const average = rated.reduce((sum, c) => sum + c.rating, 0) / rated.length;
  const distribution = [5, 4, 3, 2, 1].map((stars) => ({
    stars,
    count: rated.filter((c) => c.rating === stars).length,
  }));
  const byStaff = new Map<string, { name: string; sum: number; count: number }>();
  for (const c of rated) {
    const key = c.assignee?.id ?? '';
    const entry = byStaff.get(key) ?? { name: c.assignee?.name ?? t('admin.ratings.nobody'), sum: 0, count: 0 };
    entry.sum += c.rating;
    entry.count += 1;
    byStaff.set(key, entry);
  }
  const pages = Math.ceil(rated.length / ROWS);
  const shown = rated.slice((page - 1) * ROWS, page * ROWS);
  const number = (value: number, digits = 0) =>
    new Intl.NumberFormat(i18n.language, { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(
      value,
    );

  return (
    <Stack gap="lg">
      {truncated ? <Alert color="yellow">{t('admin.ratings.truncated', { count: conversations.length })}</Alert> : null}
      <SimpleGrid cols={3} spacing="lg">
        <Paper withBorder p="lg" radius="md">
          <Text size="sm" c="dimmed">
            {t('admin.ratings.average')}
          </Text>
          <Group gap="sm" align="center">
            <Text fz={40} fw={700} lh={1.1}>
              {number(average, 2)}
            </Text>
            <Rating
              value={average}
              fractions={4}
              readOnly
              role="img"
              aria-label={t('ratings.stars', { count: Math.round(average) })}
            />
          </Group>
          <Text size="sm" c="dimmed">
            {t('admin.ratings.basis', { rated: rated.length, resolved: conversations.length })}
          </Text>
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Text size="sm" c="dimmed" mb="xs">
            {t('admin.ratings.distribution')}
          </Text>
          <Stack gap={6}>
            {distribution.map(({ stars, count }) => (
              <Group key={stars} gap="xs" wrap="nowrap">
                <Text size="sm" w={28}>
                  {stars}★
                </Text>
                <Progress
                  value={(count / rated.length) * 100}
                  style={{ flex: 1 }}
                  color={stars >= 4 ? 'green' : stars === 3 ? 'yellow' : 'red'}
                  aria-label={t('admin.ratings.starsCount', { stars, count })}
                />
                <Text size="sm" w={32} ta="right">
                  {count}
                </Text>
              </Group>
            ))}
          </Stack>
        </Paper>
        <Paper withBorder p="lg" radius="md">
          <Text size="sm" c="dimmed" mb="xs">
            {t('admin.ratings.byStaff')}
          </Text>
          <Stack gap={6}>
            {[...byStaff.values()]
              .sort((a, b) => b.sum / b.count - a.sum / a.count)
              .map((s) => (
                <Group key={s.name} justify="space-between" wrap="nowrap">
                  <Text size="sm" truncate>
                    {s.name}
                  </Text>
                  <Text size="sm" c="dimmed" style={{ flex: 'none' }}>
                    {number(s.sum / s.count, 1)}★ · {t('admin.ratings.ratedCount', { count: s.count })}
                  </Text>
                </Group>
              ))}
          </Stack>
        </Paper>
      </SimpleGrid>
      <div>
        <Title order={2} size="h4" mb="xs">
          {t('admin.ratings.list')}
        </Title>
        <Paper withBorder radius="md" className="fd-table-paper">
          <Table verticalSpacing="sm" highlightOnHover>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('admin.ratings.when')}</Table.Th>
                <Table.Th>{t('admin.ratings.rating')}</Table.Th>
                <Table.Th>{t('admin.ratings.comment')}</Table.Th>
                <Table.Th>{t('admin.ratings.guest')}</Table.Th>
                <Table.Th>{t('admin.ratings.staff')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((c) => (
                <Table.Tr key={c.id}>
                  <Table.Td>
                    <Text size="sm">
                      {formatDateTime(c.resolvedAt ?? c.lastMessageAt, i18n.language, me.organization?.timezone)}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Rating
                      value={c.rating}
                      readOnly
                      size="sm"
                      role="img"
                      aria-label={t('ratings.stars', { count: c.rating })}
                    />
                  </Table.Td>
                  <Table.Td>
                    <Text
                      size="sm"
                      fs={c.ratingComment ? 'italic' : undefined}
                      c={c.ratingComment ? undefined : 'dimmed'}
                    >
                      {c.ratingComment ? `“${c.ratingComment}”` : '—'}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">
                      {c.stay ? `${c.stay.roomNumber} · ` : ''}
                      {c.contact.name ?? (c.contact.kind === 'visitor' ? t('inbox.visitor') : t('inbox.guest'))}
                    </Text>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{c.assignee?.name ?? '—'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Paper>
        {pages > 1 ? (
          <Group justify="center" mt="md">
            <Pagination value={page} onChange={setPage} total={pages} />
          </Group>
        ) : null}
      </div>
    </Stack>
  );
}
