import {
  Anchor,
  Button,
  Group,
  Paper,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useDebouncedValue, useMediaQuery } from '@mantine/hooks';
import { useInfiniteQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useCurrentUser } from '../../auth/session';
import type { Customer } from '../../types';
import { customerKeys, customersApi } from './api';
import { addressLine } from './customer-draft';
import './customers.css';

/**
 * `/app/customers`: the service company's customers by name, searched as one types (name, company,
 * phone, e-mail, street, postcode). Field staff see the ones they added first ("only mine" is on).
 * The search and the switch live in the address, so "back" from a customer returns to the same list.
 */
export function CustomersPage() {
  const { t } = useTranslation('staff');
  const user = useCurrentUser();
  const [params, setParams] = useSearchParams();
  const [q, setQ] = useState(params.get('q') ?? '');
  const mine = params.has('mine') ? params.get('mine') === '1' : user.role === 'field';
  const [search] = useDebouncedValue(q.trim(), 250);
  const wide = useMediaQuery('(min-width: 48em)', true);
  const list = useInfiniteQuery({
    queryKey: customerKeys.list(search, mine),
    queryFn: ({ pageParam }) => customersApi.list({ q: search, mine, after: pageParam }),
    initialPageParam: undefined as string | undefined,
    getNextPageParam: (last) => last.next ?? undefined,
    placeholderData: (previous) => previous,
  });
  const rows = list.data?.pages.flatMap((p) => p.customers) ?? [];
  const remember = (next: { q?: string; mine?: boolean }) => {
    const query = new URLSearchParams();
    const text = next.q ?? q;
    if (text) query.set('q', text);
    query.set('mine', (next.mine ?? mine) ? '1' : '0');
    setParams(query, { replace: true });
  };

  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 1000 }}>
        <Stack gap="md">
          <Group justify="space-between" align="flex-end">
            <Title order={1} size="h2">
              {t('customers.title')}
            </Title>
            <Button component={Link} to="/app/customers/new" size="md">
              {t('customers.add')}
            </Button>
          </Group>
          <TextInput
            type="search"
            label={t('customers.search')}
            description={t('customers.searchHelp')}
            value={q}
            onChange={(e) => {
              setQ(e.currentTarget.value);
              remember({ q: e.currentTarget.value });
            }}
            size="md"
            autoComplete="off"
          />
          <Switch
            label={t('customers.onlyMine')}
            checked={mine}
            onChange={(e) => remember({ mine: e.currentTarget.checked })}
            size="md"
          />
          <div aria-live="polite" aria-busy={list.isFetching}>
            {list.isPending ? (
              <LoadingState />
            ) : list.isError ? (
              <ErrorState error={list.error} onRetry={() => void list.refetch()} />
            ) : rows.length === 0 ? (
              <EmptyState title={search ? t('customers.noMatch', { q: search }) : t('customers.empty')} />
            ) : wide ? (
              <CustomerTable rows={rows} />
            ) : (
              <CustomerCards rows={rows} />
            )}
          </div>
          {list.hasNextPage ? (
            <Group justify="center">
              <Button
                variant="default"
                size="md"
                loading={list.isFetchingNextPage}
                onClick={() => void list.fetchNextPage()}
              >
                {t('customers.loadMore')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </div>
    </div>
  );
}

/** The desk's view: a row per customer, the name a link (Tab, Enter), the whole row clickable. */
function CustomerTable({ rows }: { rows: Customer[] }) {
  const { t } = useTranslation('staff');
  const navigate = useNavigate();
  return (
    <Paper withBorder radius="md" className="fd-table-paper">
      <Table highlightOnHover verticalSpacing="sm" aria-label={t('customers.title')}>
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('customers.name')}</Table.Th>
            <Table.Th>{t('customers.company')}</Table.Th>
            <Table.Th>{t('customers.serviceAddress')}</Table.Th>
            <Table.Th>{t('customers.phone')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => (
            <Table.Tr key={c.id} className="fd-customer-row" onClick={() => navigate(`/app/customers/${c.id}`)}>
              <Table.Td>
                <Anchor component={Link} to={`/app/customers/${c.id}`} fw={600} size="sm">
                  {c.name}
                </Anchor>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.companyName}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{addressLine(c.serviceAddress)}</Text>
              </Table.Td>
              <Table.Td>
                <Text size="sm">{c.phones[0] ?? ''}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Paper>
  );
}

/** A phone's view: a card per customer, each one large link. */
function CustomerCards({ rows }: { rows: Customer[] }) {
  const { t } = useTranslation('staff');
  return (
    <ul className="fd-customer-cards" aria-label={t('customers.title')}>
      {rows.map((c) => (
        <li key={c.id}>
          <UnstyledButton component={Link} to={`/app/customers/${c.id}`} className="fd-customer-card fd-focus">
            <Text fw={600}>{c.name}</Text>
            {c.companyName ? <Text size="sm">{c.companyName}</Text> : null}
            {c.serviceAddress ? (
              <Text size="sm" c="dimmed">
                {addressLine(c.serviceAddress)}
              </Text>
            ) : null}
            {c.phones[0] ? (
              <Text size="sm" c="dimmed">
                {c.phones[0]}
              </Text>
            ) : null}
          </UnstyledButton>
        </li>
      ))}
    </ul>
  );
}
