import type { MetricKey, MetricsGroupBy, MetricsReport, MetricValues, Team } from '@frontdesk/protocol';
import {
  ActionIcon,
  Alert,
  Group,
  Paper,
  Popover,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Table,
  Text,
  TextInput,
  Title,
  UnstyledButton,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import type { ChartConfiguration, ScriptableContext } from 'chart.js';
import { useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useCurrentUser, useTimeZone } from '../../auth/session';
import { DownloadCsv } from '../../ui/DownloadCsv';
import { InfoIcon } from '../../ui/icons';
import { useStaffList } from '../../useStaffList';
import { useTeams } from '../../useTeams';
import { metricsApi, metricsKeys } from './api';
import { ChartCanvas } from './ChartCanvas';
import {
  compare,
  daysIn,
  formatMetric,
  formatSeconds,
  isRange,
  type MetricsFilter,
  meetsTarget,
  metricsCsvPath,
  metricTargets,
  presetRange,
  type RangePreset,
  rangePresets,
  readFilter,
  type SortDirection,
  sortRows,
  volumeByHourOfWeek,
  weekdayNames,
  writeFilter,
} from './metrics-format';
import { RatingsSection } from './RatingsSection';

/** The cards, in the order a manager reads them. */
const cardKeys = [
  'averageFirstResponseSeconds',
  'averageResponseSeconds',
  'averageResolutionSeconds',
  'reopenRate',
  'firstContactResolutionRate',
  'averageRating',
  'satisfiedShare',
  'ratingResponseRate',
  'conversationsOpened',
  'slaBreaches',
  'averageConcurrent',
] as const satisfies readonly MetricKey[];
const leadKeys = ['leadsCreated', 'leadConversionRate'] as const satisfies readonly MetricKey[];
/** Work items completed (tasks, work orders), shown like the leads: when the days have some. */
const workKeys = [
  'workCompleted',
  'averageWorkCompletionSeconds',
  'workOnTimeRate',
] as const satisfies readonly MetricKey[];
/** The columns of the per-agent and per-team tables. */
const tableKeys = [
  'conversationsOpened',
  'averageFirstResponseSeconds',
  'averageResponseSeconds',
  'averageResolutionSeconds',
  'resolvedConversations',
  'reopenRate',
  'firstContactResolutionRate',
  'averageRating',
  'satisfiedShare',
  'slaBreaches',
  'averageConcurrent',
  'peakConcurrent',
] as const satisfies readonly MetricKey[];
/** The three times `timing=business` counts in business hours only. */
const timeKeys = new Set<MetricKey>([
  'averageFirstResponseSeconds',
  'averageResponseSeconds',
  'averageResolutionSeconds',
]);
type Shown =
  | (typeof cardKeys)[number]
  | (typeof leadKeys)[number]
  | (typeof workKeys)[number]
  | (typeof tableKeys)[number];

/**
 * `/app/service-quality`: the organization's (or, for a team's duty manager, their team's) service
 * figures over chosen days on its clock, against the days just before and the product's targets,
 * with a day-by-day trend, requests by hour of the day, and tables per staff member and per team.
 * The filters live in the address, so a link shows the same view.
 */
export function ServiceQualityPage() {
  const { t } = useTranslation('staff');
  const user = useCurrentUser();
  const admin = user.abilities.serviceMetrics;
  const teams = useTeams();
  const dutyTeams = useMemo(
    () => (teams.data ?? []).filter((team) => team.sla.dutyManagerId === user.id),
    [teams.data, user.id],
  );
  if (!admin) {
    if (teams.isPending && !teams.isError) return <LoadingState />;
    if (dutyTeams.length === 0)
      return (
        <div className="fd-page">
          <div className="fd-page-inner">
            <EmptyState title={t('metrics.notAllowed')} />
          </div>
        </div>
      );
  }
  return <Dashboard admin={admin} teams={admin ? (teams.data ?? []) : dutyTeams} />;
}

/**
 * `/app/my-performance`: the same figures, cards, ratings and trend narrowed to the signed-in staff
 * member (`agentId` their own id, which the server lets them read), so an agent sees their own
 * numbers by the managers' definitions. Requests opened and the hour-of-week volume belong to no
 * staff member, so the page leaves them out and shows the requests they resolved instead.
 */
export function MyPerformancePage() {
  const user = useCurrentUser();
  return <Dashboard admin={false} teams={[]} mine={user.id} />;
}

function Dashboard({ admin, teams, mine }: { admin: boolean; teams: Team[]; mine?: string }) {
  const { t, i18n } = useTranslation('staff');
  const language = i18n.language;
  const timeZone = useTimeZone();
  const [params, setParams] = useSearchParams();
  const asked = readFilter(params, Date.now(), timeZone);
  // "My performance": their own figures, of every team; a duty manager reads their own team only,
  // so one of theirs is always chosen
  const filter: MetricsFilter = mine
    ? { ...asked, teamId: '', agentId: mine }
    : !admin && !teams.some((team) => team.id === asked.teamId)
      ? { ...asked, teamId: teams[0]?.id ?? '' }
      : asked;
  // changes build on the last one asked for, not on this render's: two fields changed before the page
  // renders again (a date typed into "from", then into "to") both stay
  const latest = useRef(filter);
  latest.current = filter;
  const setFilter = (change: Partial<MetricsFilter>) => {
    latest.current = { ...latest.current, ...change };
    setParams(writeFilter(latest.current), { replace: true });
  };
  const valid = isRange(filter.from, filter.to);
  const hourly = valid && daysIn(filter.from, filter.to) <= 31;
  const staff = useStaffList(admin);

  // the third table: by tag or by entry point (the manager's choice, on this page only)
  const [cut, setCut] = useState<'tag' | 'entryPoint'>('tag');
  const ask = (groupBy: MetricsGroupBy, enabled = valid) =>
    ({
      queryKey: metricsKeys.report(filter, groupBy),
      queryFn: () => metricsApi.report(filter, groupBy),
      enabled,
      placeholderData: (previous: MetricsReport | undefined) => previous,
    }) as const;
  const byDay = useQuery(ask('day'));
  const byHour = useQuery(ask('hour', hourly && !mine));
  const byAgent = useQuery(ask('agent', valid && !mine));
  const byTeam = useQuery(ask('team', valid && !filter.teamId));
  const byCut = useQuery(ask(cut));
  const cutRows = (byCut.data?.groupBy === cut ? byCut.data.series : []).map((row) =>
    cut === 'entryPoint' ? { ...row, name: t(`metrics.entry.${row.key}`, { defaultValue: row.name ?? row.key }) } : row,
  );

  const team = teams.find((x) => x.id === filter.teamId);
  const agentOptions = team
    ? team.members.map((m) => ({ value: m.userId, label: m.name }))
    : (staff.data ?? []).map((m) => ({ value: m.id, label: m.name }));
  const zone = byDay.data?.timezone ?? timeZone ?? 'UTC';

  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 1200 }}>
        <Stack gap="md">
          <div>
            <Title order={1} size="h2">
              {mine ? t('metrics.myTitle') : t('metrics.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {mine ? t('metrics.myIntro') : t('metrics.intro')}
            </Text>
          </div>
          <Group align="flex-end" wrap="wrap">
            <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
              <Text component="legend" size="sm" fw={500} mb={4} p={0}>
                {t('metrics.range')}
              </Text>
              <div>
                <SegmentedControl
                  value={filter.preset}
                  data={rangePresets.map((p) => ({ value: p, label: t(`metrics.${p}`) }))}
                  onChange={(value) => {
                    const preset = value as RangePreset;
                    setFilter(
                      preset === 'custom' ? { preset } : { preset, ...presetRange(preset, Date.now(), timeZone) },
                    );
                  }}
                />
              </div>
            </fieldset>
            {filter.preset === 'custom' ? (
              <>
                <TextInput
                  type="date"
                  label={t('metrics.from')}
                  value={filter.from}
                  max={filter.to || undefined}
                  onChange={(e) => setFilter({ from: e.currentTarget.value })}
                />
                <TextInput
                  type="date"
                  label={t('metrics.to')}
                  value={filter.to}
                  min={filter.from || undefined}
                  onChange={(e) => setFilter({ to: e.currentTarget.value })}
                />
              </>
            ) : null}
            {mine ? null : (
              <>
                <Select
                  label={t('metrics.team')}
                  data={teams.map((x) => ({ value: x.id, label: x.name }))}
                  value={filter.teamId || null}
                  placeholder={t('metrics.allTeams')}
                  clearable={admin}
                  allowDeselect={admin}
                  onChange={(value) => setFilter({ teamId: value ?? '', agentId: '' })}
                />
                <Select
                  label={t('metrics.agent')}
                  data={agentOptions}
                  value={filter.agentId || null}
                  placeholder={t('metrics.allAgents')}
                  clearable
                  searchable
                  onChange={(value) => setFilter({ agentId: value ?? '' })}
                />
              </>
            )}
          </Group>
          <Switch
            label={t('metrics.businessHours')}
            description={t('metrics.businessHoursHelp')}
            checked={!!filter.business}
            onChange={(e) => setFilter({ business: e.currentTarget.checked })}
            data-testid="metrics-business-hours"
          />
          <Text size="sm" c="dimmed" data-testid="metrics-zone">
            {t('metrics.daysIn', { zone })}
          </Text>
          {!valid ? <Alert color="yellow">{t('metrics.badRange')}</Alert> : null}
          <div aria-live="polite" aria-busy={byDay.isFetching}>
            {!valid ? null : byDay.isPending ? (
              <LoadingState />
            ) : byDay.isError ? (
              <ErrorState error={byDay.error} onRetry={() => void byDay.refetch()} />
            ) : (
              <Stack gap="lg">
                <Cards report={byDay.data} language={language} mine={!!mine} />
                <RatingsSection report={byDay.data} filter={filter} timeZone={zone} />
                <TrendChart report={byDay.data} language={language} mine={!!mine} />
                {mine ? null : (
                  <HourOfWeekChart series={hourly ? byHour.data?.series : undefined} language={language} />
                )}
                {mine ? null : (
                  <MetricsTable
                    title={t('metrics.agentsTitle')}
                    id="metrics-agents"
                    csvHref={metricsCsvPath(filter, 'agent')}
                    rows={byAgent.data?.series ?? []}
                    none={t('metrics.none')}
                    language={language}
                  />
                )}
                {filter.teamId ? null : (
                  <MetricsTable
                    title={t('metrics.teamsTitle')}
                    id="metrics-teams"
                    csvHref={metricsCsvPath(filter, 'team')}
                    rows={byTeam.data?.series ?? []}
                    none={t('metrics.noTeam')}
                    language={language}
                  />
                )}
                <MetricsTable
                  title={cut === 'tag' ? t('metrics.tagsTitle') : t('metrics.entryPointsTitle')}
                  id="metrics-cut"
                  csvHref={metricsCsvPath(filter, cut)}
                  rows={cutRows}
                  none={t('metrics.none')}
                  language={language}
                  intro={
                    <Stack gap={4} mb="xs">
                      <fieldset style={{ border: 0, margin: 0, padding: 0, minWidth: 0 }}>
                        <Text component="legend" size="sm" fw={500} mb={4} p={0}>
                          {t('metrics.cutBy')}
                        </Text>
                        <SegmentedControl
                          value={cut}
                          data={[
                            { value: 'tag', label: t('metrics.tagsTitle') },
                            { value: 'entryPoint', label: t('metrics.entryPointsTitle') },
                          ]}
                          onChange={(value) => setCut(value === 'entryPoint' ? 'entryPoint' : 'tag')}
                        />
                      </fieldset>
                      <Text size="sm" c="dimmed">
                        {cut === 'tag' ? t('metrics.tagsHelp') : t('metrics.entryPointsHelp')}
                      </Text>
                    </Stack>
                  }
                />
              </Stack>
            )}
          </div>
        </Stack>
      </div>
    </div>
  );
}

function Cards({ report, language, mine }: { report: MetricsReport; language: string; mine: boolean }) {
  const leads = report.totals.leadsCreated > 0 || report.previous.totals.leadsCreated > 0;
  // requests are opened for no staff member: their own page counts the ones they resolved instead
  const own: readonly Shown[] = mine
    ? cardKeys.map((key) => (key === 'conversationsOpened' ? 'resolvedConversations' : key))
    : cardKeys;
  const work = report.totals.workCompleted > 0 || report.previous.totals.workCompleted > 0;
  const keys: readonly Shown[] = [...own, ...(leads ? leadKeys : []), ...(work ? workKeys : [])];
  return (
    <SimpleGrid cols={{ base: 1, xs: 2, md: 4 }} spacing="md" data-testid="metrics-cards">
      {keys.map((key) => (
        <MetricCard key={key} metric={key} report={report} language={language} />
      ))}
    </SimpleGrid>
  );
}

function MetricCard({ metric, report, language }: { metric: Shown; report: MetricsReport; language: string }) {
  const { t } = useTranslation('staff');
  const ofFive = t('metrics.ofFive');
  const name = t(`metrics.name.${metric}`);
  const [helpOpen, setHelpOpen] = useState(false);
  const change = compare(metric, report.totals[metric], report.previous.totals[metric]);
  const target = (metricTargets as Partial<Record<MetricKey, number>>)[metric];
  const met = meetsTarget(metric, report.totals[metric]);
  const color = change?.verdict === 'better' ? 'teal.9' : change?.verdict === 'worse' ? 'red.9' : 'dimmed';
  const arrow = change?.direction === 'up' ? '▲' : change?.direction === 'down' ? '▼' : '';
  const shownTarget =
    target === undefined
      ? null
      : formatMetric(metric, { ...report.totals, [metric]: target } as MetricValues, language, ofFive);
  return (
    <Paper withBorder p="md" radius="md" data-metric={metric}>
      <Group justify="space-between" wrap="nowrap" gap={4}>
        <Text size="sm" c="dimmed">
          {name}
        </Text>
        <Popover width={300} position="bottom-end" withArrow shadow="md" opened={helpOpen} onChange={setHelpOpen}>
          <Popover.Target>
            <ActionIcon
              variant="subtle"
              size="sm"
              aria-label={t('metrics.help', { name })}
              onClick={() => setHelpOpen((o) => !o)}
              // the help stays beside the focused button; Escape puts it away again
              onKeyDown={(e) => {
                if (e.key === 'Escape') setHelpOpen(false);
              }}
              onBlur={() => setHelpOpen(false)}
            >
              <InfoIcon size={16} />
            </ActionIcon>
          </Popover.Target>
          <Popover.Dropdown>
            <Text size="sm">{t(`metrics.def.${metric}`)}</Text>
          </Popover.Dropdown>
        </Popover>
      </Group>
      <Text fz={26} fw={700} lh={1.2} data-testid={`metric-${metric}`}>
        {formatMetric(metric, report.totals, language, ofFive)}
      </Text>
      {report.timing === 'business' && timeKeys.has(metric) ? (
        <Text size="xs" c="dimmed">
          {t('metrics.businessOnly')}
        </Text>
      ) : null}
      <Text size="xs" c={color}>
        {change && change.direction !== 'flat' ? (
          <>
            <span aria-hidden="true">{arrow} </span>
            {change.verdict === 'neutral' ? t('metrics.changed') : t(`metrics.${change.verdict}`)}
            {' · '}
          </>
        ) : change ? (
          `${t('metrics.same')} · `
        ) : null}
        {t('metrics.previous', { value: formatMetric(metric, report.previous.totals, language, ofFive) })}
      </Text>
      {shownTarget ? (
        <Text size="xs" c={met === undefined ? 'dimmed' : met ? 'teal.9' : 'red.9'}>
          {t('metrics.target', { value: shownTarget })}
          {met === undefined ? null : ` · ${t(met ? 'metrics.targetMet' : 'metrics.targetMissed')}`}
        </Text>
      ) : null}
    </Paper>
  );
}

/** A day "2026-12-04" as the app's language writes it short ("4 Dec"). */
function dayLabel(day: string, language: string): string {
  return new Intl.DateTimeFormat(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    new Date(`${day}T00:00:00Z`),
  );
}

function TrendChart({ report, language, mine }: { report: MetricsReport; language: string; mine: boolean }) {
  const { t } = useTranslation('staff');
  // requests opened belong to no staff member: their own page draws the ones they resolved
  const volumeKey = mine ? 'resolvedConversations' : 'conversationsOpened';
  const volumeName = t(`metrics.name.${volumeKey}`);
  const summary = mine ? t('metrics.myTrendSummary') : t('metrics.trendSummary');
  const firstName = t('metrics.name.averageFirstResponseSeconds');
  const targetText = t('metrics.target', { value: formatSeconds(metricTargets.averageFirstResponseSeconds, language) });
  const config = useMemo<ChartConfiguration>(() => {
    const labels = report.series.map((e) => dayLabel(e.key, language));
    return {
      type: 'bar',
      data: {
        labels,
        datasets: [
          {
            type: 'bar',
            label: volumeName,
            data: report.series.map((e) => e.values[volumeKey]),
            backgroundColor: 'rgba(34, 139, 230, 0.45)',
            yAxisID: 'count',
          },
          {
            type: 'line',
            label: firstName,
            data: report.series.map((e) => e.values.averageFirstResponseSeconds),
            borderColor: '#c2255c',
            backgroundColor: '#c2255c',
            spanGaps: true,
            yAxisID: 'seconds',
          },
          {
            type: 'line',
            label: targetText,
            data: report.series.map(() => metricTargets.averageFirstResponseSeconds),
            borderColor: '#2b8a3e',
            borderDash: [6, 4],
            pointRadius: 0,
            yAxisID: 'seconds',
          },
        ],
      },
      options: {
        scales: {
          count: { type: 'linear', position: 'left', beginAtZero: true, ticks: { precision: 0 } },
          seconds: {
            type: 'linear',
            position: 'right',
            beginAtZero: true,
            grid: { drawOnChartArea: false },
            ticks: { callback: (v) => formatSeconds(Number(v), language) },
          },
        },
        plugins: {
          tooltip: {
            callbacks: {
              label: (item) =>
                item.dataset.yAxisID === 'seconds'
                  ? `${item.dataset.label}: ${formatSeconds(item.parsed.y, language)}`
                  : `${item.dataset.label}: ${item.parsed.y}`,
            },
          },
        },
      },
    };
  }, [report, language, volumeName, volumeKey, firstName, targetText]);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="metrics-trend">
      <Title order={2} size="h4" mb="xs" id="metrics-trend">
        {mine ? t('metrics.myTrendTitle') : t('metrics.trendTitle')}
      </Title>
      <ChartCanvas config={config} summary={summary} />
      <table className="fd-visually-hidden" data-testid="metrics-trend-table">
        <caption>{summary}</caption>
        <thead>
          <tr>
            <th scope="col">{t('metrics.day')}</th>
            <th scope="col">{volumeName}</th>
            <th scope="col">{firstName}</th>
          </tr>
        </thead>
        <tbody>
          {report.series.map((e) => (
            <tr key={e.key}>
              <th scope="row">{dayLabel(e.key, language)}</th>
              <td>{e.values[volumeKey]}</td>
              <td>{formatSeconds(e.values.averageFirstResponseSeconds, language)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Paper>
  );
}

/** An hour of the day as a clock shows it: "07:00". */
const hourLabel = (h: number) => `${String(h).padStart(2, '0')}:00`;

/**
 * Requests by local weekday and hour as a heat map: a chart.js scatter of squares, one per hour of
 * the week, the darker the more requests (chart.js has no heat-map type of its own).
 */
function HourOfWeekChart({ series, language }: { series: MetricsReport['series'] | undefined; language: string }) {
  const { t } = useTranslation('staff');
  const week = useMemo(() => (series ? volumeByHourOfWeek(series) : null), [series]);
  const days = useMemo(() => weekdayNames(language), [language]);
  const volumeName = t('metrics.name.conversationsOpened');
  const config = useMemo<ChartConfiguration<'scatter'> | null>(() => {
    if (!week) return null;
    const most = Math.max(1, ...week.flat());
    const points = week.flatMap((hours, day) => hours.map((n, hour) => ({ x: hour, y: day, n })));
    return {
      type: 'scatter',
      data: {
        datasets: [
          {
            label: volumeName,
            data: points,
            pointStyle: 'rect',
            // squares that fill their cell of the 24 × 7 grid, whatever the canvas' width
            pointRadius: (ctx: ScriptableContext<'line'>) =>
              Math.max(2, Math.min((ctx.chart.chartArea?.width ?? 480) / 52, 14)),
            pointHoverRadius: (ctx: ScriptableContext<'line'>) =>
              Math.max(2, Math.min((ctx.chart.chartArea?.width ?? 480) / 52, 14)),
            backgroundColor: (ctx: ScriptableContext<'line'>) => {
              const n = (ctx.raw as { n?: number } | undefined)?.n ?? 0;
              return n === 0 ? 'rgba(134, 142, 150, 0.12)' : `rgba(25, 113, 194, ${0.2 + (0.8 * n) / most})`;
            },
            borderWidth: 0,
          },
        ],
      },
      options: {
        scales: {
          x: {
            type: 'linear',
            min: -0.5,
            max: 23.5,
            // ticks on whole hours, every third one, not on the half-hour edges of the grid
            afterBuildTicks: (axis) => {
              axis.ticks = [0, 3, 6, 9, 12, 15, 18, 21].map((value) => ({ value }));
            },
            ticks: { callback: (v) => hourLabel(Number(v)) },
            grid: { display: false },
          },
          y: {
            type: 'linear',
            min: -0.5,
            max: 6.5,
            reverse: true,
            afterBuildTicks: (axis) => {
              axis.ticks = days.map((_, value) => ({ value }));
            },
            ticks: { autoSkip: false, callback: (v) => days[Number(v)] ?? '' },
            grid: { display: false },
          },
        },
        plugins: {
          legend: { display: false },
          tooltip: {
            callbacks: {
              label: (item) => {
                const p = item.raw as { x: number; y: number; n: number };
                return `${days[p.y]} ${hourLabel(p.x)}: ${p.n}`;
              },
            },
          },
        },
      },
    };
  }, [week, days, volumeName]);
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-labelledby="metrics-hours">
      <Title order={2} size="h4" mb="xs" id="metrics-hours">
        {t('metrics.hourTitle')}
      </Title>
      {!series ? (
        <Text size="sm" c="dimmed">
          {t('metrics.hourTooLong')}
        </Text>
      ) : config && week ? (
        <>
          <ChartCanvas config={config} summary={t('metrics.hourSummary')} height={240} />
          <table className="fd-visually-hidden" data-testid="metrics-hour-table">
            <caption>{t('metrics.hourSummary')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('metrics.weekday')}</th>
                {week[0]?.map((_, h) => (
                  <th scope="col" key={hourLabel(h)}>
                    {hourLabel(h)}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {week.map((hours, d) => (
                <tr key={days[d]}>
                  <th scope="row">{days[d]}</th>
                  {hours.map((n, h) => (
                    <td key={hourLabel(h)}>{n}</td>
                  ))}
                </tr>
              ))}
            </tbody>
          </table>
        </>
      ) : null}
    </Paper>
  );
}

function MetricsTable(props: {
  title: string;
  id: string;
  /** The same table as a CSV file (every figure, the totals last). */
  csvHref: string;
  rows: MetricsReport['series'];
  none: string;
  language: string;
  /** Shown under the title, above the table (a choice of table, what its rows mean). */
  intro?: React.ReactNode;
}) {
  const { t } = useTranslation('staff');
  const { title, id, none, language } = props;
  const [sort, setSort] = useState<{ by: MetricKey | 'name'; direction: SortDirection }>({
    by: 'conversationsOpened',
    direction: 'desc',
  });
  const rows = sortRows(
    props.rows.map((r) => ({ ...r, name: r.key === 'none' ? none : r.name })),
    sort.by,
    sort.direction,
  );
  const ofFive = t('metrics.ofFive');
  const header = (by: MetricKey | 'name', label: string) => {
    const active = sort.by === by;
    return (
      <Table.Th
        key={by}
        ta={by === 'name' ? undefined : 'right'}
        aria-sort={active ? (sort.direction === 'asc' ? 'ascending' : 'descending') : undefined}
      >
        <UnstyledButton
          fz="sm"
          fw={600}
          aria-label={t('metrics.sortBy', { name: label })}
          onClick={() =>
            setSort({
              by,
              direction: active && sort.direction === 'desc' ? 'asc' : active ? 'desc' : by === 'name' ? 'asc' : 'desc',
            })
          }
        >
          {label}
          {active ? <span aria-hidden="true">{sort.direction === 'asc' ? ' ▲' : ' ▼'}</span> : null}
        </UnstyledButton>
      </Table.Th>
    );
  };
  return (
    <section aria-labelledby={id}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={id}>
          {title}
        </Title>
        <DownloadCsv href={props.csvHref} label={t('metrics.downloadTable', { table: title })} />
      </Group>
      {props.intro}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('metrics.emptyTable')}
        </Text>
      ) : (
        <Paper withBorder radius="md" className="fd-table-paper">
          <Table.ScrollContainer minWidth={960}>
            <Table verticalSpacing="xs" aria-labelledby={id} data-testid={`${id}-table`}>
              <Table.Thead>
                <Table.Tr>
                  {header('name', title)}
                  {tableKeys.map((k) => header(k, t(`metrics.name.${k}`)))}
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((row) => (
                  <Table.Tr key={row.key}>
                    <Table.Td>{row.name}</Table.Td>
                    {tableKeys.map((k) => (
                      <Table.Td key={k} ta="right">
                        {formatMetric(k, row.values, language, ofFive)}
                      </Table.Td>
                    ))}
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Paper>
      )}
    </section>
  );
}
