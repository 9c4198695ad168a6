import type { AlertCsvQuery, AlertKind } from '@frontdesk/protocol';
import { and, desc, eq, lt, or } from 'drizzle-orm';
import { alerts } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { type CsvValue, localTime } from '../../platform/csv.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { loadOrganization } from '../organizations/index.js';
import { presentAlert } from './present.js';
import { selectAlerts, statusCondition, visibleAlerts } from './service.js';

/** Rows read per query: a long export goes page by page, newest first. */
const PAGE = 200;

/** Each kind in plain words, as the alerts page says them. */
const kindWords: Record<AlertKind, string> = {
  low_rating: 'Low rating',
  alarming_word: 'Alarming word',
  negative_mood: 'Negative mood',
  sla_breach: 'Waiting too long',
};

const header = (tz: string) => [
  `Raised (${tz})`,
  'Alert',
  'Stars',
  'Word or phrase',
  'Mood score',
  'Reply target (min)',
  'Guest or customer',
  'Room',
  'Team',
  'Request',
  'Acknowledged by',
  `Acknowledged (${tz})`,
];

type Loaded = Awaited<ReturnType<typeof selectAlerts>>[number];

function row({ alert: raw, byName }: Loaded, tz: string): CsvValue[] {
  const a = presentAlert(raw, byName);
  return [
    localTime(a.raisedAt, tz),
    kindWords[a.kind],
    a.rating,
    a.word,
    a.score === null ? null : Math.round(a.score * 100) / 100,
    a.targetMinutes,
    a.contactName,
    a.roomNumber,
    a.teamName,
    a.conversationId,
    a.acknowledgedBy?.name ?? null,
    localTime(a.acknowledgedAt, tz),
  ];
}

/**
 * The alerts the caller sees (as the list: all of the organization for an admin, their teams' for a
 * duty manager), with the list's status filter, as CSV newest first: every page, by when each was
 * raised and its id. The first page is read before this returns, so a refusal is an error reply.
 */
export async function alertsCsv(ctx: ServiceContext<StaffActor>, query: AlertCsvQuery) {
  const visible = await visibleAlerts(ctx);
  const { timezone } = await loadOrganization(ctx.db, actorOrgId(ctx.actor));
  const status = statusCondition(query.status);
  const page = (after?: Loaded) =>
    visible
      ? selectAlerts(ctx.db)
          .where(
            and(
              visible,
              status,
              after
                ? or(
                    lt(alerts.raisedAt, after.alert.raisedAt),
                    and(eq(alerts.raisedAt, after.alert.raisedAt), lt(alerts.id, after.alert.id)),
                  )
                : undefined,
            ),
          )
          .orderBy(desc(alerts.raisedAt), desc(alerts.id))
          .limit(PAGE)
      : Promise.resolve([] as Loaded[]);
  const first = await page();
  async function* batches() {
    let rows = first;
    yield rows.map((r) => row(r, timezone));
    while (rows.length === PAGE) {
      rows = await page(rows.at(-1));
      yield rows.map((r) => row(r, timezone));
    }
  }
  return { header: header(timezone), batches: batches() };
}
