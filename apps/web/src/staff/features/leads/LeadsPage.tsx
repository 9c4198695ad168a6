import { type LeadStatus, leadStatuses } from '@frontdesk/protocol';
import { Anchor, Badge, Button, Group, Paper, Select, Stack, Table, Tabs, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import { DownloadCsv } from '../../ui/DownloadCsv';
import { LEADS_PAGE, type LeadRow, leadKeys, leadsApi } from './api';
import { hasMore, type LeadPage } from './live-leads';
import { useLiveLeads } from './useLiveLeads';

const isStatus = (value: string | null): value is LeadStatus => leadStatuses.includes(value as LeadStatus);

/**
 * `/app/leads`: the requests customers sent, by status (New first), searched by the customer's
 * name and narrowed to one form. The filters live in the address, so "back" from a lead returns here.
 */
export function LeadsPage() {
  const { t } = useTranslation('staff');
  const [params, setParams] = useSearchParams();
  const status: LeadStatus = isStatus(params.get('status')) ? (params.get('status') as LeadStatus) : 'new';
  const formId = params.get('form') ?? '';
  const [q, setQ] = useState(params.get('q') ?? '');
  const [search] = useDebouncedValue(q.trim(), 250);
  const remember = (next: { status?: string; form?: string; q?: string }) => {
    const query = new URLSearchParams();
    query.set('status', next.status ?? status);
    const form = next.form ?? formId;
    if (form) query.set('form', form);
    const text = next.q ?? q;
    if (text) query.set('q', text);
    setParams(query, { replace: true });
  };
  const forms = useQuery({ queryKey: leadKeys.forms, queryFn: leadsApi.forms });
  const filter = { status, formId, q: search };
  useLiveLeads();
  const list = useInfiniteQuery({
    queryKey: leadKeys.list(filter),
    queryFn: ({ pageParam }): Promise<LeadPage> => leadsApi.list(filter, pageParam),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => (hasMore(last, LEADS_PAGE) ? last.leads.at(-1)?.createdAt : undefined),
    placeholderData: (previous) => previous,
  });
  const rows = list.data?.pages.flatMap((p) => p.leads) ?? [];

  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 1000 }}>
        <Stack gap="md">
          <Title order={1} size="h2">
            {t('leads.title')}
          </Title>
          <Tabs value={status} onChange={(value) => value && remember({ status: value })}>
            <Tabs.List aria-label={t('leads.statusTabs')}>
              {leadStatuses.map((s) => (
                <Tabs.Tab key={s} value={s}>
                  {t(`leads.status.${s}`)}
                </Tabs.Tab>
              ))}
            </Tabs.List>
          </Tabs>
          <Group align="flex-end" grow>
            <TextInput
              type="search"
              label={t('leads.search')}
              value={q}
              onChange={(e) => {
                setQ(e.currentTarget.value);
                remember({ q: e.currentTarget.value });
              }}
              autoComplete="off"
            />
            <Select
              label={t('leads.form')}
              data={[
                { value: '', label: t('leads.allForms') },
                ...(forms.data ?? []).map((f) => ({ value: f.id, label: f.name })),
              ]}
              value={formId}
              onChange={(value) => remember({ form: value ?? '' })}
              allowDeselect={false}
            />
          </Group>
          <Group justify="flex-end">
            <DownloadCsv href={leadsApi.csvPath(filter)} label={t('leads.downloadList')} />
          </Group>
          <div aria-live="polite" aria-busy={list.isFetching}>
            {list.isPending ? (
              <LoadingState />
            ) : list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} />
            ) : rows.length === 0 ? (
              <EmptyState title={search ? t('leads.noMatch', { q: search }) : t('leads.empty')} />
            ) : (
              <LeadTable rows={rows} />
            )}
          </div>
          {list.hasNextPage ? (
            <Group justify="center">
              <Button variant="default" loading={list.isFetchingNextPage} onClick={() => void list.fetchNextPage()}>
                {t('leads.loadMore')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </div>
    </div>
  );
}

/** A row per lead: the customer (a link to the lead), the form, where it came from, when. */
function LeadTable({ rows }: { rows: LeadRow[] }) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  return (
    <Paper withBorder radius="md" className="fd-table-paper">
      <Table.ScrollContainer minWidth={560}>
        <Table verticalSpacing="sm" aria-label={t('leads.title')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('leads.customer')}</Table.Th>
              <Table.Th>{t('leads.form')}</Table.Th>
              <Table.Th>{t('leads.source')}</Table.Th>
              <Table.Th>{t('leads.received')}</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((lead) => (
              <Table.Tr key={lead.id}>
                <Table.Td>
                  <Anchor component={Link} to={`/app/leads/${lead.id}`} fw={600} size="sm">
                    {lead.customer.name}
                  </Anchor>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{lead.form.name}</Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">
                    {lead.source.labelCode ? t('leads.label', { code: lead.source.labelCode }) : null}
                    {lead.source.campaign ? (
                      <Badge variant="light" color="gray" ml="xs">
                        {lead.source.campaign}
                      </Badge>
                    ) : null}
                  </Text>
                </Table.Td>
                <Table.Td>
                  <Text size="sm">{formatDateTime(lead.createdAt, i18n.language, timeZone)}</Text>
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Paper>
  );
}
