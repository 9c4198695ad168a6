import type { WorkCsvQuery, WorkItem } from '@frontdesk/protocol';
import type { z } from 'zod';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { type CsvValue, localTime } from '../../platform/csv.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { loadOrganization } from '../organizations/index.js';
import { listWorkItems } from './lists.js';

const PAGE = 200;

const header = (tz: string) => [
  'Work item',
  'Kind',
  'Title',
  'Status',
  'Priority',
  'Assigned to',
  'Team',
  'Room',
  'Address',
  `Due (${tz})`,
  `Window start (${tz})`,
  `Window end (${tz})`,
  'Checklist done',
  'Checklist total',
  'Overdue',
  `Created (${tz})`,
  `Done (${tz})`,
];

const row = (item: WorkItem, tz: string): CsvValue[] => [
  item.id,
  item.kind,
  item.title,
  item.status,
  item.priority,
  item.assignee?.name ?? null,
  item.team?.name ?? null,
  item.place.roomNumber,
  item.place.address,
  localTime(item.dueAt, tz),
  localTime(item.window?.start ?? null, tz),
  localTime(item.window?.end ?? null, tz),
  item.checklist.done,
  item.checklist.total,
  item.overdue ? 'yes' : 'no',
  localTime(item.createdAt, tz),
  localTime(item.doneAt, tz),
];

/**
 * The work items the caller sees, with the list's filters, as CSV in time order, every page by the
 * list's own cursor; the first page is read before this returns, so a refusal is an error reply.
 */
export async function workItemsCsv(ctx: ServiceContext<StaffActor>, query: z.output<typeof WorkCsvQuery>) {
  const filters = { ...query, limit: PAGE };
  const first = await listWorkItems(ctx, filters);
  const { timezone } = await loadOrganization(ctx.db, actorOrgId(ctx.actor));
  async function* batches() {
    let page = first;
    yield page.items.map((item) => row(item, timezone));
    while (page.next) {
      page = await listWorkItems(ctx, { ...filters, after: page.next });
      yield page.items.map((item) => row(item, timezone));
    }
  }
  return { header: header(timezone), batches: batches() };
}
