import {
  MAX_AWAY_MESSAGE,
  MAX_HOLIDAY_NAME,
  MAX_HOLIDAYS,
  MAX_INTERVALS_PER_DAY,
  type Weekday,
  weekdays,
} from '@frontdesk/protocol';
import { Button, Fieldset, Group, Radio, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../../i18n/error-message';
import { zoneLabel } from '../../../i18n/time-zone';
import { useTimeZone } from '../../auth/session';
import type { Team } from '../../types';
import { FormModal } from '../../ui/FormModal';
import { adminApi, adminKeys } from './api';

interface Interval {
  key: number;
  start: string;
  end: string;
}
interface HolidayRow {
  key: number;
  date: string;
  name: string;
}

let nextKey = 0;
const keyed = <T extends object>(value: T) => ({ ...value, key: ++nextKey });

/** The server's 24:00 (end of the day) is 00:00 in a time field, which cannot show 24:00. */
const toField = (end: string) => (end === '24:00' ? '00:00' : end);
const fromField = (end: string) => (end === '00:00' ? '24:00' : end);
const WEEKDAYS: readonly Weekday[] = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday'];

/**
 * A team's business hours: around the clock, or open intervals per weekday; holidays; the away
 * message. Native time and date fields, so every part is reachable and editable from the keyboard.
 * Times are on the organization's clock, and the form says which.
 */
export function HoursModal({ team, onClose }: { team: Team; onClose: () => void }) {
  const { t, i18n } = useTranslation('staff');
  const queryClient = useQueryClient();
  const timeZone = useTimeZone();
  const [alwaysOpen, setAlwaysOpen] = useState(team.hours.weekly === null);
  const [week, setWeek] = useState<Record<Weekday, Interval[]>>(() => {
    const weekly = team.hours.weekly;
    return Object.fromEntries(
      weekdays.map((d) => [d, (weekly?.[d] ?? []).map((i) => keyed({ start: i.start, end: toField(i.end) }))]),
    ) as Record<Weekday, Interval[]>;
  });
  const [holidays, setHolidays] = useState<HolidayRow[]>(() => team.hours.holidays.map((h) => keyed(h)));
  const [awayMessage, setAwayMessage] = useState(team.hours.awayMessage ?? '');
  // keyboard: a row just added takes the focus; a row taken out hands it to its "Add" button
  const [added, setAdded] = useState<number | null>(null);
  const focusLater = (id: string) => requestAnimationFrame(() => document.getElementById(id)?.focus());

  const save = useMutation({
    mutationFn: () =>
      adminApi.setTeamHours(team.id, {
        weekly: alwaysOpen
          ? null
          : (Object.fromEntries(
              weekdays.map((d) => [d, week[d].map((i) => ({ start: i.start, end: fromField(i.end) }))]),
            ) as Record<Weekday, { start: string; end: string }[]>),
        holidays: holidays.map((h) => ({ date: h.date, name: h.name })),
        awayMessage: awayMessage.trim() || null,
      }),
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: adminKeys.teams });
      onClose();
    },
  });
  const invalid = useFieldErrors(save.error);

  const dayName = (d: Weekday) => t(`admin.hours.days.${d}`);
  const labels: Record<string, string> = {
    awayMessage: t('admin.hours.awayMessage'),
    holidays: t('admin.hours.holidays'),
  };
  for (const d of weekdays) {
    labels[`weekly.${d}`] = dayName(d);
    week[d].forEach((_, i) => {
      labels[`weekly.${d}.${i}`] = dayName(d);
      labels[`weekly.${d}.${i}.start`] = t('admin.hours.opensOn', { day: dayName(d) });
      labels[`weekly.${d}.${i}.end`] = t('admin.hours.closesOn', { day: dayName(d) });
    });
  }
  holidays.forEach((_, i) => {
    labels[`holidays.${i}.date`] = t('admin.hours.holidayDateOf', { n: i + 1 });
    labels[`holidays.${i}.name`] = t('admin.hours.holidayNameOf', { n: i + 1 });
  });

  const setDay = (d: Weekday, change: (intervals: Interval[]) => Interval[]) =>
    setWeek((w) => ({ ...w, [d]: change(w[d]) }));
  const ready =
    (alwaysOpen || weekdays.every((d) => week[d].every((i) => i.start && i.end))) && holidays.every((h) => h.date);

  return (
    <FormModal
      title={t('admin.hours.title', { team: team.name })}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('admin.hours.save')}
      pending={save.isPending}
      error={save.error}
      errorLabels={labels}
      ready={ready}
      size="lg"
    >
      <Text size="sm" c="dimmed">
        {t('admin.hours.intro')}
      </Text>
      {timeZone ? (
        <Text size="sm" data-testid="hours-clock">
          {t('admin.hours.clock', { zone: zoneLabel(timeZone, i18n.language) })}
        </Text>
      ) : null}
      <Radio.Group
        label={t('admin.hours.mode')}
        value={alwaysOpen ? 'always' : 'hours'}
        onChange={(v) => setAlwaysOpen(v === 'always')}
      >
        <Group mt={4}>
          <Radio value="always" label={t('admin.hours.alwaysOpen')} />
          <Radio value="hours" label={t('admin.hours.setHours')} />
        </Group>
      </Radio.Group>

      {alwaysOpen ? null : (
        <Stack gap="xs">
          <Text size="xs" c="dimmed">
            {t('admin.hours.midnight')}
          </Text>
          {weekdays.map((d) => (
            <Fieldset key={d} legend={dayName(d)} p="xs">
              <Stack gap={4}>
                {week[d].length === 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('admin.hours.closed')}
                  </Text>
                ) : null}
                {week[d].map((interval, i) => (
                  <Group key={interval.key} gap="xs" align="flex-end" wrap="nowrap">
                    <TextInput
                      type="time"
                      label={t('admin.hours.opens')}
                      aria-label={t('admin.hours.opensOn', { day: dayName(d) })}
                      value={interval.start}
                      autoFocus={interval.key === added}
                      onChange={(e) => {
                        const start = e.currentTarget.value;
                        setDay(d, (all) => all.map((x) => (x.key === interval.key ? { ...x, start } : x)));
                      }}
                      required
                      error={invalid[`weekly.${d}.${i}.start`] ?? invalid[`weekly.${d}.${i}`]}
                      w={130}
                    />
                    <TextInput
                      type="time"
                      label={t('admin.hours.closes')}
                      aria-label={t('admin.hours.closesOn', { day: dayName(d) })}
                      value={interval.end}
                      onChange={(e) => {
                        const end = e.currentTarget.value;
                        setDay(d, (all) => all.map((x) => (x.key === interval.key ? { ...x, end } : x)));
                      }}
                      required
                      error={invalid[`weekly.${d}.${i}.end`]}
                      w={130}
                    />
                    <Button
                      variant="subtle"
                      color="red"
                      aria-label={t('admin.hours.removeHoursOn', {
                        day: dayName(d),
                        start: interval.start,
                        end: interval.end,
                      })}
                      onClick={() => {
                        setDay(d, (all) => all.filter((x) => x.key !== interval.key));
                        focusLater(`hours-add-${d}`);
                      }}
                    >
                      {t('admin.hours.removeHours')}
                    </Button>
                  </Group>
                ))}
                {week[d].length < MAX_INTERVALS_PER_DAY ? (
                  <Group gap="xs">
                    <Button
                      size="compact-sm"
                      variant="light"
                      id={`hours-add-${d}`}
                      aria-label={t('admin.hours.addHoursOn', { day: dayName(d) })}
                      onClick={() => {
                        const row = keyed(week[d].length ? { start: '', end: '' } : { start: '08:00', end: '22:00' });
                        setAdded(row.key);
                        setDay(d, (all) => [...all, row]);
                      }}
                    >
                      {t('admin.hours.addHours')}
                    </Button>
                    {d === 'monday' && week.monday.length ? (
                      <Button
                        size="compact-sm"
                        variant="subtle"
                        onClick={() =>
                          setWeek((w) => ({
                            ...w,
                            ...Object.fromEntries(
                              WEEKDAYS.map((day) => [day, w.monday.map((i) => keyed({ start: i.start, end: i.end }))]),
                            ),
                          }))
                        }
                      >
                        {t('admin.hours.copyMonday')}
                      </Button>
                    ) : null}
                  </Group>
                ) : null}
              </Stack>
            </Fieldset>
          ))}
        </Stack>
      )}

      <Fieldset legend={t('admin.hours.holidays')} p="xs">
        <Stack gap={4}>
          <Text size="xs" c="dimmed">
            {t('admin.hours.holidaysHelp', { max: MAX_HOLIDAYS })}
          </Text>
          {holidays.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('admin.hours.noHolidays')}
            </Text>
          ) : null}
          {holidays.map((h, i) => (
            <Group key={h.key} gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                type="date"
                label={t('admin.hours.holidayDate')}
                aria-label={t('admin.hours.holidayDateOf', { n: i + 1 })}
                value={h.date}
                autoFocus={h.key === added}
                onChange={(e) => {
                  const date = e.currentTarget.value;
                  setHolidays((all) => all.map((x) => (x.key === h.key ? { ...x, date } : x)));
                }}
                required
                error={invalid[`holidays.${i}.date`]}
                w={170}
              />
              <TextInput
                label={t('admin.hours.holidayName')}
                aria-label={t('admin.hours.holidayNameOf', { n: i + 1 })}
                value={h.name}
                maxLength={MAX_HOLIDAY_NAME}
                onChange={(e) => {
                  const name = e.currentTarget.value;
                  setHolidays((all) => all.map((x) => (x.key === h.key ? { ...x, name } : x)));
                }}
                error={invalid[`holidays.${i}.name`]}
                style={{ flex: 1 }}
              />
              <Button
                variant="subtle"
                color="red"
                aria-label={t('admin.hours.removeHoliday', { n: i + 1 })}
                onClick={() => {
                  setHolidays((all) => all.filter((x) => x.key !== h.key));
                  focusLater('hours-add-holiday');
                }}
              >
                {t('admin.hours.removeHours')}
              </Button>
            </Group>
          ))}
          {holidays.length < MAX_HOLIDAYS ? (
            <Group>
              <Button
                size="compact-sm"
                variant="light"
                id="hours-add-holiday"
                onClick={() => {
                  const row = keyed({ date: '', name: '' });
                  setAdded(row.key);
                  setHolidays((all) => [...all, row]);
                }}
              >
                {t('admin.hours.addHoliday')}
              </Button>
            </Group>
          ) : null}
        </Stack>
      </Fieldset>

      <Textarea
        label={t('admin.hours.awayMessage')}
        description={t('admin.hours.awayMessageHelp')}
        value={awayMessage}
        onChange={(e) => setAwayMessage(e.currentTarget.value)}
        maxLength={MAX_AWAY_MESSAGE}
        autosize
        minRows={2}
        error={invalid.awayMessage}
      />
    </FormModal>
  );
}
