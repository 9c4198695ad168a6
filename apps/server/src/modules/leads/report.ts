import type { LeadReport, LeadReportQuery, LeadSourceRow } from '@frontdesk/protocol';
import { eq, type SQL, sql } from 'drizzle-orm';
import { DateTime } from 'luxon';
import type { z } from 'zod';
import type { Db } from '../../db/connection.js';
import { labelBatches, labelEvents, leads, organizations, requestForms, users } from '../../db/schema.js';
import { orgIdOf } from '../../platform/actor.js';
import { forbidden } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { type LeadActor, leadPolicy } from './policy.js';

type Dimension = 'total' | 'campaign' | 'batch' | 'form' | 'field_user';

interface GroupRow {
  dimension: Dimension;
  id: string | null;
  name: string | null;
  leads: number;
  open: number;
  converted: number;
  lost: number;
  median_seconds: number | string | null;
}

/** The instants a range of whole days on the organization's clock starts and ends at (end excluded). */
export function rangeBounds(from: string, to: string, timezone: string): { start: Date; end: Date } {
  return {
    start: DateTime.fromISO(from, { zone: timezone }).startOf('day').toJSDate(),
    end: DateTime.fromISO(to, { zone: timezone }).plus({ days: 1 }).startOf('day').toJSDate(),
  };
}

/**
 * One statement for every grouping (grouping sets over one scan of the organization's leads in the
 * range, which leads_org_idx answers). A lead's field user is whoever last gave its label to its
 * customer (label_events, by label_events_label_idx); a lead without a label has none.
 */
export function leadSourceQuery(orgId: string, start: Date, end: Date): SQL {
  return sql`
    with sourced as (
      select l.status, l.campaign, l.batch_id, b.name as batch_name, l.form_id, f.name as form_name,
             attached.by_user_id as attached_by, u.name as attached_by_name,
             extract(epoch from l.first_contacted_at - l.created_at) as seconds_to_contact
      from ${leads} l
      join ${requestForms} f on f.id = l.form_id
      left join ${labelBatches} b on b.id = l.batch_id
      left join lateral (
        select e.by_user_id from ${labelEvents} e
        where e.label_id = l.label_id and e.customer_id = l.customer_id and e.change in ('assigned', 'reassigned')
        order by e.created_at desc
        limit 1
      ) attached on true
      left join ${users} u on u.id = attached.by_user_id
      where l.org_id = ${orgId}
        and l.created_at >= ${start.toISOString()}::timestamptz
        and l.created_at < ${end.toISOString()}::timestamptz
    )
    select
      case
        when grouping(campaign) = 0 then 'campaign'
        when grouping(batch_id, batch_name) = 0 then 'batch'
        when grouping(form_id, form_name) = 0 then 'form'
        when grouping(attached_by, attached_by_name) = 0 then 'field_user'
        else 'total'
      end as dimension,
      coalesce(batch_id, form_id, attached_by)::text as id,
      coalesce(campaign, batch_name, form_name, attached_by_name) as name,
      count(*)::int as leads,
      (count(*) filter (where status in ('new', 'contacted')))::int as open,
      (count(*) filter (where status = 'converted'))::int as converted,
      (count(*) filter (where status = 'lost'))::int as lost,
      percentile_cont(0.5) within group (order by seconds_to_contact) as median_seconds
    from sourced
    group by grouping sets ((campaign), (batch_id, batch_name), (form_id, form_name), (attached_by, attached_by_name), ())`;
}

function presentRow(row: GroupRow): LeadSourceRow {
  const median = row.median_seconds === null ? null : Number(row.median_seconds);
  return {
    id: row.id,
    name: row.name ?? '',
    leads: row.leads,
    open: row.open,
    converted: row.converted,
    lost: row.lost,
    conversionRate: row.leads ? row.converted / row.leads : null,
    medianMinutesToContact: median === null ? null : Math.round(median / 60),
  };
}

/** Most leads first; sources without a name (no campaign, no label) after the named ones of as many. */
const byLeads = (a: LeadSourceRow, b: LeadSourceRow) =>
  b.leads - a.leads || Number(!a.name) - Number(!b.name) || a.name.localeCompare(b.name);

const emptyRow: LeadSourceRow = {
  id: null,
  name: '',
  leads: 0,
  open: 0,
  converted: 0,
  lost: 0,
  conversionRate: null,
  medianMinutesToContact: null,
};

async function timezoneOf(db: Db, orgId: string): Promise<string> {
  const [org] = await db
    .select({ timezone: organizations.timezone })
    .from(organizations)
    .where(eq(organizations.id, orgId));
  return org?.timezone ?? 'UTC';
}

/**
 * Where a service company's leads came from over whole days on its clock, and what became of them:
 * by campaign, label batch, request form and the staff member who attached the label (admins, API keys).
 */
export async function leadSourceReport(
  ctx: ServiceContext<LeadActor>,
  query: z.output<typeof LeadReportQuery>,
): Promise<LeadReport> {
  if (!leadPolicy.report(ctx.actor)) {
    throw forbidden(
      ctx.actor.kind === 'api_client' ? 'Only service companies have leads' : 'Only admins read where leads come from',
    );
  }
  const orgId = orgIdOf(ctx.actor);
  const timezone = await timezoneOf(ctx.db, orgId);
  const { start, end } = rangeBounds(query.from, query.to, timezone);
  const result = (await ctx.db.execute(leadSourceQuery(orgId, start, end))) as unknown as { rows: GroupRow[] };
  const rows = (dimension: Dimension) =>
    result.rows
      .filter((r) => r.dimension === dimension)
      .map(presentRow)
      .sort(byLeads);
  return {
    from: query.from,
    to: query.to,
    timezone,
    total: rows('total')[0] ?? emptyRow,
    byCampaign: rows('campaign').map((r) => ({ ...r, id: null })),
    byBatch: rows('batch'),
    byForm: rows('form'),
    byFieldUser: rows('field_user'),
  };
}
