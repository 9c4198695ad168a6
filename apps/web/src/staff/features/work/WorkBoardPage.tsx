import { type WorkItem, workStatuses } from '@frontdesk/protocol';
import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useTimeZone } from '../../auth/session';
import { dayKey } from '../../format';
import { sharedApi, sharedKeys } from '../../shared-api';
import { DownloadCsv } from '../../ui/DownloadCsv';
import { workApi, workKeys } from './api';
import { addDays, type BoardRow, boardDays, layOut, plannedAt } from './board-days';
import { PlanDialog } from './PlanDialog';
import { useLiveWork } from './useLiveWork';
import './work.css';

/**
 * `/app/work`: the dispatch board — the planned work of a day or a week by person (plus a team's
 * items nobody has yet, and items of nobody), filtered by team and status, live; an item opens a
 * dialog to reassign or reschedule it. Times are on the organization's clock, labelled.
 */
export function WorkBoardPage() {
  const { t, i18n } = useTranslation('staff');
  const zone = useTimeZone() ?? 'UTC';
  useLiveWork();
  const [view, setView] = useState<'day' | 'week'>('week');
  const [anchor, setAnchor] = useState(() => dayKey(Date.now(), zone));
  const [teamId, setTeamId] = useState('');
  const [status, setStatus] = useState('');
  const [planning, setPlanning] = useState<WorkItem | null>(null);
  const { days, from, to } = boardDays(anchor, view, zone);
  const filter = { from, to, teamId, status };
  const items = useQuery({ queryKey: workKeys.board(filter), queryFn: () => workApi.board(filter) });
  const teams = useQuery({ queryKey: sharedKeys.teams, queryFn: sharedApi.teams });
  const step = view === 'day' ? 1 : 7;
  const dayLabel = (day: string) =>
    new Intl.DateTimeFormat(i18n.language, {
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      timeZone: 'UTC',
    }).format(new Date(`${day}T12:00:00Z`));
  const rowName = (row: BoardRow) =>
    row.kind === 'person'
      ? row.name
      : row.kind === 'team'
        ? t('work.teamOnly', { team: row.name })
        : t('work.unassigned');
  return (
    <div className="fd-page">
      <div className="fd-page-inner">
        <Stack gap="md">
          <Group justify="space-between" align="flex-end">
            <div>
              <Title order={1} size="h2">
                {t('work.title')}
              </Title>
              <Text size="sm" c="dimmed">
                {t('work.timesIn', { zone })}
              </Text>
            </div>
            <Group gap="xs" role="group" aria-label={t('work.view')}>
              <Button variant="default" onClick={() => setAnchor(addDays(anchor, -step))}>
                ← {t('work.previous')}
              </Button>
              <Button variant="default" onClick={() => setAnchor(dayKey(Date.now(), zone))}>
                {t('work.today')}
              </Button>
              <Button variant="default" onClick={() => setAnchor(addDays(anchor, step))}>
                {t('work.next')} →
              </Button>
              <SegmentedControl
                aria-label={t('work.view')}
                value={view}
                onChange={(v) => setView(v as 'day' | 'week')}
                data={[
                  { value: 'day', label: t('work.day') },
                  { value: 'week', label: t('work.week') },
                ]}
              />
            </Group>
          </Group>
          <Group gap="sm">
            <Select
              label={t('work.team')}
              data={[
                { value: '', label: t('work.allTeams') },
                ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
              ]}
              value={teamId}
              onChange={(v) => setTeamId(v ?? '')}
              allowDeselect={false}
            />
            <Select
              label={t('work.status')}
              data={[
                { value: '', label: t('work.anyStatus') },
                ...workStatuses.map((s) => ({ value: s, label: t(`work.statuses.${s}`) })),
              ]}
              value={status}
              onChange={(v) => setStatus(v ?? '')}
              allowDeselect={false}
            />
            <DownloadCsv href={workApi.csvPath(filter)} label={t('work.downloadList')} />
          </Group>
          {items.isPending ? (
            <LoadingState />
          ) : items.isError ? (
            <ErrorState error={items.error} onRetry={() => void items.refetch()} />
          ) : (
            <Board
              items={items.data.items}
              days={days}
              zone={zone}
              dayLabel={dayLabel}
              rowName={rowName}
              onPlan={setPlanning}
            />
          )}
        </Stack>
      </div>
      {planning ? <PlanDialog item={planning} onClose={() => setPlanning(null)} /> : null}
    </div>
  );
}

function Board(props: {
  items: WorkItem[];
  days: string[];
  zone: string;
  dayLabel: (day: string) => string;
  rowName: (row: BoardRow) => string;
  onPlan: (item: WorkItem) => void;
}) {
  const { t } = useTranslation('staff');
  const { rows, cell } = layOut(props.items, props.zone);
  if (!rows.length) return <Text c="dimmed">{t('work.nothing')}</Text>;
  return (
    <Table.ScrollContainer minWidth={props.days.length > 1 ? 900 : 400}>
      <Table withTableBorder withColumnBorders className="fd-work-board">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">{t('work.person')}</Table.Th>
            {props.days.map((day) => (
              <Table.Th scope="col" key={day}>
                {props.dayLabel(day)}
              </Table.Th>
            ))}
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((row) => (
            <Table.Tr key={row.key}>
              <Table.Th scope="row">{props.rowName(row)}</Table.Th>
              {props.days.map((day) => (
                <Table.Td key={day}>
                  <Stack gap={4}>
                    {cell(row.key, day).map((item) => (
                      <ItemCard key={item.id} item={item} zone={props.zone} onPlan={props.onPlan} />
                    ))}
                  </Stack>
                </Table.Td>
              ))}
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

function ItemCard({ item, zone, onPlan }: { item: WorkItem; zone: string; onPlan: (item: WorkItem) => void }) {
  const { t, i18n } = useTranslation('staff');
  const time = (iso: string) =>
    new Intl.DateTimeFormat(i18n.language, {
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZone: zone,
    }).format(new Date(iso));
  const at = plannedAt(item);
  const when = item.window ? `${time(item.window.start)}–${time(item.window.end)}` : at ? time(at) : '';
  return (
    <div className={`fd-work-card${item.overdue ? ' fd-work-overdue' : ''}`} data-testid="work-card">
      <Text size="xs" c="dimmed">
        {when}
      </Text>
      <Anchor component={Link} to={`/app/work/${item.id}`} size="sm" fw={600}>
        {item.title}
      </Anchor>
      <Group gap={4}>
        <Badge size="xs" variant="light" color="gray">
          {t(`work.statuses.${item.status}`)}
        </Badge>
        {item.overdue ? (
          <Badge size="xs" color="red">
            {t('work.overdue')}
          </Badge>
        ) : null}
      </Group>
      <Button
        size="compact-xs"
        variant="subtle"
        onClick={() => onPlan(item)}
        aria-label={`${t('work.plan')}: ${item.title}`}
      >
        {t('work.plan')}
      </Button>
    </div>
  );
}
