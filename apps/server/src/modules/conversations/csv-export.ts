import type { ConversationCsvQuery } from '@frontdesk/protocol';
import type { z } from 'zod';
import { type ApiClientActor, orgIdOf, type StaffActor } from '../../platform/actor.js';
import { type CsvValue, localTime } from '../../platform/csv.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { loadOrganization } from '../organizations/index.js';
import { listForStaff } from './queries.js';
import type { ConversationView } from './views.js';

type Query = z.output<typeof ConversationCsvQuery>;
/** Rows read per query: a long export goes page by page down the inbox's own cursor. */
const PAGE = 200;

const header = (tz: string) => [
  'Request',
  'Status',
  'Priority',
  'Contact',
  'Guest or visitor',
  'Room',
  'Team',
  'Assigned to',
  'Tags',
  `Opened (${tz})`,
  `First response (${tz})`,
  `Last message (${tz})`,
  `Resolved (${tz})`,
  'Rating (stars)',
  'Rating comment',
  'Last message',
];

function row(view: ConversationView, tz: string): CsvValue[] {
  const { c } = view;
  return [
    c.id,
    c.status,
    c.priority,
    c.visitorId ? 'visitor' : 'guest',
    (c.visitorId ? view.visitorName : view.guestName) ?? null,
    view.roomNumber ?? null,
    c.teamId ? (view.teamName ?? null) : null,
    c.assigneeId ? (view.assigneeName ?? null) : null,
    (view.tags ?? []).map((t) => t.name).join('; '),
    localTime(c.createdAt, tz),
    localTime(c.firstResponseAt, tz),
    localTime(c.lastMessageAt, tz),
    localTime(c.resolvedAt, tz),
    c.rating,
    c.ratingComment,
    c.preview,
  ];
}

/**
 * The inbox's list (one tab, its filters, as the reader may see it) as CSV: the header, naming the
 * organization's time zone its times are on, and the rows page by page. The first page is read
 * before this returns, so a refusal is an error reply, never a cut-off download.
 */
export async function conversationsCsv(ctx: ServiceContext<StaffActor | ApiClientActor>, query: Query) {
  const list = { status: query.status, mine: query.mine, tag: query.tag, limit: PAGE };
  const first = await listForStaff(ctx, list);
  const { timezone } = await loadOrganization(ctx.db, orgIdOf(ctx.actor));
  const shown = (views: ConversationView[]) =>
    views.filter((v) => !query.rated || v.c.rating !== null).map((v) => row(v, timezone));
  async function* batches() {
    let page = first;
    yield shown(page.views);
    while (page.nextBefore) {
      page = await listForStaff(ctx, { ...list, before: page.nextBefore });
      yield shown(page.views);
    }
  }
  return { header: header(timezone), batches: batches() };
}
