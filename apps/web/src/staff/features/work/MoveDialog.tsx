import type { WorkItem } from '@frontdesk/protocol';
import { Alert, Checkbox, Select } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { dayKey } from '../../format';
import { FormModal } from '../../ui/FormModal';
import { type BoardRow, plannedAt, rowKeyOf } from './board-days';
import { clashesOf, DEFAULT_TIME, type MoveTarget, timeOfDay } from './board-move';
import { TimeFieldPair } from './TimeFieldPair';
import type { useMoveItem } from './useMoveItem';

/** The lane an item is in now (one the board may not show, e.g. an agent's with no other items). */
const laneOf = (item: WorkItem): BoardRow =>
  item.assignee
    ? { key: rowKeyOf(item), kind: 'person', name: item.assignee.name }
    : item.team
      ? { key: rowKeyOf(item), kind: 'team', name: item.team.name }
      : { key: rowKeyOf(item), kind: 'none', name: '' };

/**
 * "Move to…": the keyboard's way to do what a drag does on the board — a lane (a person, a team,
 * nobody), a day and a start time on the organization's clock, or no time at all (the Unscheduled
 * lane). A double booking of the person is shown before the move is made.
 */
export function MoveDialog(props: {
  item: WorkItem;
  lanes: BoardRow[];
  rowName: (row: BoardRow) => string;
  zone: string;
  /** The day a new time starts from: the item's own, else the board's. */
  day: string;
  boardItems: WorkItem[];
  move: ReturnType<typeof useMoveItem>;
  onClose: () => void;
}) {
  const { t } = useTranslation('staff');
  const { item, zone } = props;
  const at = plannedAt(item);
  const [row, setRow] = useState(rowKeyOf(item));
  const [unscheduled, setUnscheduled] = useState(!at);
  const [day, setDay] = useState(at ? dayKey(at, zone) : props.day);
  const [time, setTime] = useState(timeOfDay(item, zone) ?? DEFAULT_TIME);
  // this dialog's own failure (the mutation is the board's, shared with drops)
  const [failed, setFailed] = useState<unknown>(null);
  const target: MoveTarget = { row, day: unscheduled ? null : day, time };
  const ready = unscheduled || (/^\d{4}-\d{2}-\d{2}$/.test(day) && /^\d{2}:\d{2}$/.test(time));
  const clashes = ready ? clashesOf(item, target, zone, props.boardItems) : [];
  const lanes = props.lanes.some((l) => l.key === rowKeyOf(item)) ? props.lanes : [...props.lanes, laneOf(item)];
  return (
    <FormModal
      title={t('work.moveTitle', { title: item.title })}
      onClose={props.onClose}
      onSubmit={() => {
        setFailed(null);
        props.move.mutate({ item, target }, { onSuccess: props.onClose, onError: setFailed });
      }}
      submitLabel={t('work.move')}
      pending={props.move.isPending}
      error={failed}
      ready={ready}
    >
      <Select
        label={t('work.lane')}
        data={lanes.map((lane) => ({ value: lane.key, label: props.rowName(lane) }))}
        value={row}
        onChange={(v) => setRow(v ?? row)}
        allowDeselect={false}
        searchable
        data-autofocus
      />
      <Checkbox
        label={t('work.noTimeYet')}
        checked={unscheduled}
        onChange={(e) => setUnscheduled(e.currentTarget.checked)}
      />
      {unscheduled ? null : (
        <TimeFieldPair
          fields={[
            { type: 'date', label: t('work.moveDay', { zone }), value: day, onChange: setDay },
            { type: 'time', label: t('work.moveTime', { zone }), value: time, onChange: setTime },
          ]}
        />
      )}
      {clashes.length ? (
        <Alert color="yellow" title={t('work.doubleBooked')}>
          {clashes.map((c) => c.title).join(', ')}
        </Alert>
      ) : null}
    </FormModal>
  );
}
