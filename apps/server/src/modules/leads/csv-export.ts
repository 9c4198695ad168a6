import type { LeadCsvQuery } from '@frontdesk/protocol';
import type { z } from 'zod';
import { orgIdOf } from '../../platform/actor.js';
import { type CsvValue, localTime } from '../../platform/csv.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { printedCode } from '../labels/index.js';
import { loadOrganization } from '../organizations/index.js';
import type { LeadActor } from './policy.js';
import { listLeads } from './service.js';

const PAGE = 100;

type LeadRow = Awaited<ReturnType<typeof listLeads>>[number];

const header = (tz: string) => [
  'Lead',
  'Status',
  'Customer',
  'Request form',
  'Campaign',
  'Label',
  `Created (${tz})`,
  `First contacted (${tz})`,
  'Lost because',
];

const row = (view: LeadRow, tz: string): CsvValue[] => [
  view.lead.id,
  view.lead.status,
  view.customerName,
  view.formName,
  view.lead.campaign,
  view.labelCode ? printedCode(view.labelCode) : null,
  localTime(view.lead.createdAt, tz),
  localTime(view.lead.firstContactedAt, tz),
  view.lead.lostReason,
];

/**
 * The leads list with its filters as CSV, newest first, every page of it; the first page is read
 * before this returns, so a refusal is an error reply.
 */
export async function leadsCsv(ctx: ServiceContext<LeadActor>, query: z.output<typeof LeadCsvQuery>) {
  const filters = { ...query, limit: PAGE };
  const first = await listLeads(ctx, filters);
  const { timezone } = await loadOrganization(ctx.db, orgIdOf(ctx.actor));
  async function* batches() {
    let page = first;
    yield page.map((v) => row(v, timezone));
    while (page.length === PAGE) {
      page = await listLeads(ctx, { ...filters, afterId: page.at(-1)?.lead.id });
      yield page.map((v) => row(v, timezone));
    }
  }
  return { header: header(timezone), batches: batches() };
}
