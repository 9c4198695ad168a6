import type { LeadReport, LeadSourceRow } from '@frontdesk/protocol';
import { Alert, Button, Group, Paper, SimpleGrid, Stack, Table, Text, TextInput, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useTimeZone } from '../../auth/session';
import { leadKeys, leadsApi } from './api';
import {
  formatMinutes,
  formatRate,
  isRange,
  lastThirtyDays,
  type ReportRange,
  reportCsvPath,
  reportGroupings,
  sourceKey,
} from './report-format';

/**
 * `/app/leads/sources` (admins of a service company): how many requests each campaign, label
 * batch, form and label-attaching colleague brought in over chosen days on the company's clock,
 * how many were converted or lost, and how fast they were answered; the same table as CSV.
 */
export function LeadReportPage() {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const [range, setRange] = useState<ReportRange>(() => lastThirtyDays(Date.now(), timeZone));
  const valid = isRange(range);
  const report = useQuery({
    queryKey: leadKeys.report(range),
    queryFn: () => leadsApi.report(range),
    enabled: valid,
    placeholderData: (previous) => previous,
  });

  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 1100 }}>
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              {t('leadReport.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {t('leadReport.intro')}
            </Text>
          </div>
          <Group align="flex-end" wrap="wrap">
            <TextInput
              type="date"
              label={t('leadReport.from')}
              value={range.from}
              max={range.to || undefined}
              onChange={(e) => setRange({ ...range, from: e.currentTarget.value })}
            />
            <TextInput
              type="date"
              label={t('leadReport.to')}
              value={range.to}
              min={range.from || undefined}
              onChange={(e) => setRange({ ...range, to: e.currentTarget.value })}
            />
            <Button
              component="a"
              variant="default"
              href={valid ? reportCsvPath(range) : undefined}
              download
              disabled={!valid}
            >
              {t('leadReport.download')}
            </Button>
          </Group>
          <Text size="sm" c="dimmed">
            {t('leadReport.daysIn', { zone: report.data?.timezone ?? timeZone ?? 'UTC' })}
          </Text>
          {!valid ? <Alert color="yellow">{t('leadReport.badRange')}</Alert> : null}
          <div aria-live="polite" aria-busy={report.isFetching}>
            {!valid ? null : report.isPending ? (
              <LoadingState />
            ) : report.isError ? (
              <ErrorState error={report.error} onRetry={() => void report.refetch()} />
            ) : report.data.total.leads === 0 ? (
              <EmptyState title={t('leadReport.empty')} />
            ) : (
              <ReportTables report={report.data} language={i18n.language} />
            )}
          </div>
        </Stack>
      </div>
    </div>
  );
}

function ReportTables({ report, language }: { report: LeadReport; language: string }) {
  const { t } = useTranslation('staff');
  const { total } = report;
  const figures = [
    { label: t('leadReport.requests'), value: String(total.leads) },
    { label: t('leadReport.converted'), value: String(total.converted) },
    { label: t('leadReport.conversionRate'), value: formatRate(total.conversionRate, language) },
    { label: t('leadReport.timeToContact'), value: formatMinutes(total.medianMinutesToContact, language) },
  ];
  return (
    <Stack gap="lg">
      <SimpleGrid cols={{ base: 2, sm: 4 }} spacing="md">
        {figures.map((f) => (
          <Paper key={f.label} withBorder p="md" radius="md">
            <Text size="sm" c="dimmed">
              {f.label}
            </Text>
            <Text fz={28} fw={700} lh={1.2}>
              {f.value}
            </Text>
          </Paper>
        ))}
      </SimpleGrid>
      {reportGroupings.map((g) => (
        <section key={g.key} aria-labelledby={`lead-report-${g.key}`}>
          <Title order={2} size="h4" mb="xs" id={`lead-report-${g.key}`}>
            {t(g.title)}
          </Title>
          <SourceTable rows={report[g.key]} none={t(g.none)} caption={t(g.title)} language={language} />
        </section>
      ))}
    </Stack>
  );
}

function SourceTable(props: { rows: LeadSourceRow[]; none: string; caption: string; language: string }) {
  const { t } = useTranslation('staff');
  const { rows, none, caption, language } = props;
  return (
    <Paper withBorder radius="md" className="fd-table-paper">
      <Table.ScrollContainer minWidth={640}>
        <Table verticalSpacing="xs" aria-label={caption}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('leadReport.source')}</Table.Th>
              <Table.Th ta="right">{t('leadReport.requests')}</Table.Th>
              <Table.Th ta="right">{t('leadReport.open')}</Table.Th>
              <Table.Th ta="right">{t('leadReport.converted')}</Table.Th>
              <Table.Th ta="right">{t('leadReport.lost')}</Table.Th>
              <Table.Th ta="right">{t('leadReport.conversionRate')}</Table.Th>
              <Table.Th ta="right" title={t('leadReport.timeToContactHelp')}>
                {t('leadReport.timeToContact')}
              </Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={sourceKey(row)}>
                <Table.Td>
                  <Text size="sm" c={row.name ? undefined : 'dimmed'}>
                    {row.name || none}
                  </Text>
                </Table.Td>
                <Table.Td ta="right">{row.leads}</Table.Td>
                <Table.Td ta="right">{row.open}</Table.Td>
                <Table.Td ta="right">{row.converted}</Table.Td>
                <Table.Td ta="right">{row.lost}</Table.Td>
                <Table.Td ta="right">{formatRate(row.conversionRate, language)}</Table.Td>
                <Table.Td ta="right">{formatMinutes(row.medianMinutesToContact, language)}</Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
