import { type WorkItem, workStatuses } from '@frontdesk/protocol';
import { Anchor, Badge, Button, Group, SegmentedControl, Select, Stack, Table, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ErrorState, LoadingState } from '../../../ui/states';
import { useTimeZone } from '../../auth/session';
import { dayKey } from '../../format';
import { sharedApi, sharedKeys } from '../../shared-api';
import { DownloadCsv } from '../../ui/DownloadCsv';
import { workApi, workKeys } from './api';
import { addDays, type BoardRow, boardDays, layOut, plannedAt } from './board-days';
import { hourIn, hourSlots, lanesOf, type MoveTarget, slotLabel } from './board-move';
import { MoveDialog } from './MoveDialog';
import { PlanDialog } from './PlanDialog';
import { useLiveWork } from './useLiveWork';
import { useMoveItem } from './useMoveItem';
import './work.css';

/**
 * `/app/work`: the dispatch board — the planned work of a day (by the hour) or a week (by the day)
 * by person (plus a team's items nobody has yet, and items of nobody), and the "Unscheduled" lane
 * of items with no time, filtered by team and status, live. A card is dragged onto a lane and a
 * slot to reassign and reschedule it, or moved from the keyboard with "Move to…"; "Reassign or
 * reschedule" opens the full dialog. Times are on the organization's clock, labelled.
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
  const [moving, setMoving] = useState<WorkItem | null>(null);
  const { days, from, to } = boardDays(anchor, view, zone);
  const filter = { from, to, teamId, status };
  const items = useQuery({ queryKey: workKeys.board(filter), queryFn: () => workApi.board(filter) });
  const teams = useQuery({ queryKey: sharedKeys.teams, queryFn: sharedApi.teams });
  const loose = useQuery({
    queryKey: workKeys.unscheduled({ teamId, status }),
    queryFn: () => workApi.unscheduled({ teamId, status }),
  });
  const staff = useQuery({ queryKey: sharedKeys.staff, queryFn: sharedApi.staff });
  const boardItems = items.data?.items ?? [];
  const move = useMoveItem(zone, boardItems);
  const drag = useDrag((item, target) => move.mutate({ item, target }));
  const { rows, cell } = layOut(boardItems, zone);
  const team = teamId ? (teams.data?.find((x) => x.id === teamId) ?? null) : null;
  const lanes = lanesOf(rows, staff.data ?? [], team);
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
          <UnscheduledLane
            items={loose.data?.items ?? []}
            pending={loose.isPending}
            drag={drag}
            zone={zone}
            onPlan={setPlanning}
            onMove={setMoving}
          />
          {items.isPending ? (
            <LoadingState />
          ) : items.isError ? (
            <ErrorState error={items.error} onRetry={() => void items.refetch()} />
          ) : (
            <>
              {boardItems.length ? null : <Text c="dimmed">{t('work.nothing')}</Text>}
              <Board
                view={view}
                lanes={lanes}
                cell={cell}
                days={days}
                zone={zone}
                dayLabel={dayLabel}
                rowName={rowName}
                drag={drag}
                onPlan={setPlanning}
                onMove={setMoving}
              />
            </>
          )}
        </Stack>
      </div>
      {planning ? <PlanDialog item={planning} onClose={() => setPlanning(null)} /> : null}
      {moving ? (
        <MoveDialog
          item={moving}
          lanes={lanes}
          rowName={rowName}
          zone={zone}
          day={days[0] ?? anchor}
          boardItems={boardItems}
          move={move}
          onClose={() => setMoving(null)}
        />
      ) : null}
    </div>
  );
}

type Drag = ReturnType<typeof useDrag>;

/**
 * Native drag and drop: a card carries its item, a cell or the Unscheduled lane takes it and moves
 * it there. Only cards being dragged from this board are taken (`dragged`), and the cell under the
 * pointer is marked while one is.
 */
function useDrag(drop: (item: WorkItem, target: MoveTarget) => void) {
  const [dragged, setDragged] = useState<WorkItem | null>(null);
  const [over, setOver] = useState<string | null>(null);
  const keyOf = (target: MoveTarget) => `${target.row}|${target.day}|${target.time}`;
  return {
    card: (item: WorkItem) => ({
      draggable: true,
      onDragStart: (e: DragEvent) => {
        e.dataTransfer.setData('text/plain', item.id);
        e.dataTransfer.effectAllowed = 'move';
        setDragged(item);
      },
      onDragEnd: () => {
        setDragged(null);
        setOver(null);
      },
    }),
    target: (target: MoveTarget) => ({
      'data-over': over === keyOf(target) ? true : undefined,
      onDragOver: (e: DragEvent) => {
        if (!dragged) return;
        e.preventDefault();
        e.dataTransfer.dropEffect = 'move';
        if (over !== keyOf(target)) setOver(keyOf(target));
      },
      onDragLeave: (e: DragEvent) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOver(null);
      },
      onDrop: (e: DragEvent) => {
        e.preventDefault();
        setOver(null);
        if (dragged) drop(dragged, target);
        setDragged(null);
      },
    }),
  };
}

const movable = (item: WorkItem) => item.status !== 'done' && item.status !== 'cancelled';

/** The items with no time yet, to drag onto a person and a time (or to move with "Move to…"); a card dropped here loses its time. */
function UnscheduledLane(props: {
  items: WorkItem[];
  pending: boolean;
  drag: Drag;
  zone: string;
  onPlan: (item: WorkItem) => void;
  onMove: (item: WorkItem) => void;
}) {
  const { t } = useTranslation('staff');
  return (
    <section
      aria-labelledby="fd-unscheduled"
      className="fd-work-unscheduled"
      {...props.drag.target({ row: null, day: null, time: null })}
    >
      <Title order={2} size="h4" id="fd-unscheduled">
        {t('work.unscheduled', { count: props.items.length })}
      </Title>
      <Text size="sm" c="dimmed">
        {t('work.dragHint')}
      </Text>
      {props.pending ? (
        <LoadingState />
      ) : props.items.length ? (
        <div className="fd-work-lane" data-testid="unscheduled-lane">
          {props.items.map((item) => (
            <ItemCard
              key={item.id}
              item={item}
              zone={props.zone}
              drag={props.drag}
              onPlan={props.onPlan}
              onMove={props.onMove}
              showWho
            />
          ))}
        </div>
      ) : (
        <Text size="sm">{t('work.noneUnscheduled')}</Text>
      )}
    </section>
  );
}

function Board(props: {
  view: 'day' | 'week';
  lanes: BoardRow[];
  cell: (row: string, day: string) => WorkItem[];
  days: string[];
  zone: string;
  dayLabel: (day: string) => string;
  rowName: (row: BoardRow) => string;
  drag: Drag;
  onPlan: (item: WorkItem) => void;
  onMove: (item: WorkItem) => void;
}) {
  const { t } = useTranslation('staff');
  const { zone } = props;
  const day = props.days[0] ?? '';
  // a day by the hour, a week by the day: a column is a slot to drop on
  const columns =
    props.view === 'day'
      ? hourSlots(
          props.lanes.flatMap((lane) => props.cell(lane.key, day)).map((i) => hourIn(plannedAt(i) ?? '', zone)),
        ).map((hour) => ({ key: slotLabel(hour), label: slotLabel(hour), day, time: slotLabel(hour) as string | null }))
      : props.days.map((d) => ({ key: d, label: props.dayLabel(d), day: d, time: null as string | null }));
  const itemsAt = (row: string, column: (typeof columns)[number]) =>
    props
      .cell(row, column.day)
      .filter((i) => column.time === null || slotLabel(hourIn(plannedAt(i) ?? '', zone)) === column.time);
  return (
    <Stack gap={4}>
      {props.view === 'day' ? (
        <Title order={2} size="h4">
          {props.dayLabel(day)}
        </Title>
      ) : null}
      <Table.ScrollContainer minWidth={columns.length > 1 ? Math.max(900, columns.length * 110) : 400}>
        <Table withTableBorder withColumnBorders className="fd-work-board">
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">{t('work.person')}</Table.Th>
              {columns.map((column) => (
                <Table.Th scope="col" key={column.key}>
                  {column.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {props.lanes.map((row) => (
              <Table.Tr key={row.key}>
                <Table.Th scope="row">{props.rowName(row)}</Table.Th>
                {columns.map((column) => (
                  <Table.Td
                    key={column.key}
                    className="fd-work-slot"
                    data-lane={props.rowName(row)}
                    data-slot={column.label}
                    {...props.drag.target({ row: row.key, day: column.day, time: column.time })}
                  >
                    <Stack gap={4}>
                      {itemsAt(row.key, column).map((item) => (
                        <ItemCard
                          key={item.id}
                          item={item}
                          zone={zone}
                          drag={props.drag}
                          onPlan={props.onPlan}
                          onMove={props.onMove}
                        />
                      ))}
                    </Stack>
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
    </Stack>
  );
}

function ItemCard(props: {
  item: WorkItem;
  zone: string;
  drag: Drag;
  onPlan: (item: WorkItem) => void;
  onMove: (item: WorkItem) => void;
  /** In the Unscheduled lane, which has no rows: who it is for. */
  showWho?: boolean;
}) {
  const { item, zone } = props;
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
  const who = item.assignee?.name ?? (item.team ? t('work.teamOnly', { team: item.team.name }) : t('work.unassigned'));
  return (
    <div
      className={`fd-work-card${item.overdue ? ' fd-work-overdue' : ''}`}
      data-testid="work-card"
      {...(movable(item) ? props.drag.card(item) : {})}
    >
      {when ? (
        <Text size="xs" c="dimmed">
          {when}
        </Text>
      ) : null}
      <Anchor component={Link} to={`/app/work/${item.id}`} size="sm" fw={600} draggable={false}>
        {item.title}
      </Anchor>
      {props.showWho ? <Text size="xs">{who}</Text> : null}
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
      <Group gap={0}>
        {movable(item) ? (
          <Button
            size="compact-xs"
            variant="subtle"
            onClick={() => props.onMove(item)}
            aria-label={`${t('work.moveMenu')}: ${item.title}`}
          >
            {t('work.moveMenu')}
          </Button>
        ) : null}
        <Button
          size="compact-xs"
          variant="subtle"
          onClick={() => props.onPlan(item)}
          aria-label={`${t('work.plan')}: ${item.title}`}
        >
          {t('work.plan')}
        </Button>
      </Group>
    </div>
  );
}
