import { Paper, Table, type TableProps } from '@mantine/core';
import type { UseQueryResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ErrorState, LoadingState } from '../../ui/states';

/**
 * A list query's four faces: loading, failed (with retry), empty, or its rows. The caller gives the
 * empty state and draws the rows; the retry and the spinner are the same everywhere.
 */
export function QueryBlock<T>({
  query,
  empty,
  children,
}: {
  query: UseQueryResult<T[]>;
  empty: ReactNode;
  children: (rows: T[]) => ReactNode;
}) {
  if (query.isPending) return <LoadingState />;
  if (query.isError) return <ErrorState error={query.error} onRetry={() => void query.refetch()} />;
  if (query.data.length === 0) return <>{empty}</>;
  return <>{children(query.data)}</>;
}

/**
 * A labelled table with a header row of `columns` and a last, visually hidden "actions" column.
 * `framed` puts it on a bordered paper, as the admin lists are.
 */
export function DataTable({
  label,
  columns,
  caption,
  framed = true,
  verticalSpacing = 'sm',
  children,
}: {
  label: string;
  columns: ReactNode[];
  caption?: ReactNode;
  framed?: boolean;
  verticalSpacing?: TableProps['verticalSpacing'];
  children: ReactNode;
}) {
  const { t } = useTranslation('staff');
  const table = (
    <Table highlightOnHover verticalSpacing={verticalSpacing} aria-label={label}>
      {caption ? <Table.Caption>{caption}</Table.Caption> : null}
      <Table.Thead>
        <Table.Tr>
          {columns.map((column, i) => (
            // the header row never reorders: its position is its identity
            // biome-ignore lint/suspicious/noArrayIndexKey: fixed columns
            <Table.Th key={i}>{column}</Table.Th>
          ))}
          <Table.Th>
            <span className="fd-visually-hidden">{t('stays.actions')}</span>
          </Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>{children}</Table.Tbody>
    </Table>
  );
  return framed ? (
    <Paper withBorder radius="md" className="fd-table-paper">
      {table}
    </Paper>
  ) : (
    table
  );
}
