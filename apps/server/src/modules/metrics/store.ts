import type { DomainEvent, EntryPoint } from '@frontdesk/protocol';
import { eq, inArray, type SQL, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { lockRows, upsertJson } from '../../db/json-rows.js';
import {
  conversationMerges,
  conversations,
  metricsAgents,
  metricsConversations,
  metricsDaily,
  metricsDimensionDaily,
  metricsDimensionHourly,
  metricsHourly,
  metricsLeads,
  metricsWorkItems,
  organizations,
  visitors,
  workItems as workItemRows,
} from '../../db/schema.js';
import { businessHoursOf, openMs } from './business-time.js';
import {
  type AgentState,
  type ConversationState,
  type Counters,
  conversationOf,
  counterNames,
  type Delta,
  foldConversationEvent,
  foldHold,
  foldLeadEvent,
  foldWorkItemEvent,
  type Hold,
  hourOf,
  type LeadState,
  leadOf,
  maxCounter,
  metricEventTypes,
  newConversationState,
  newWorkItemState,
  type WorkItemState,
  workItemOf,
} from './fold.js';
import { foldSurvivorEvent, type MergeRecord } from './survivor.js';

/**
 * Rebuilds hold this advisory lock exclusively, the consumer's batches shared: a batch never
 * interleaves with a rebuild (which deletes and rewrites the same rows).
 */
const REBUILD_LOCK = 7_349_210_016;

/** The rollup column of each counter (the reports sum them by these names). */
export const columnOf: Record<(typeof counterNames)[number], string> = {
  opened: 'opened',
  firstResponses: 'first_responses',
  firstResponseMs: 'first_response_ms',
  responses: 'responses',
  responseMs: 'response_ms',
  resolutions: 'resolutions',
  resolutionMs: 'resolution_ms',
  resolvedConversations: 'resolved_conversations',
  reopens: 'reopens',
  firstContactResolutions: 'first_contact_resolutions',
  ratings: 'ratings',
  ratingSum: 'rating_sum',
  ratingsFourOrFive: 'ratings_four_or_five',
  ratingsOneStar: 'ratings_one_star',
  ratingsTwoStars: 'ratings_two_stars',
  ratingsThreeStars: 'ratings_three_stars',
  ratingsFourStars: 'ratings_four_stars',
  ratingsFiveStars: 'ratings_five_stars',
  slaBreaches: 'sla_breaches',
  leadsCreated: 'leads_created',
  leadsConverted: 'leads_converted',
  workCompleted: 'work_completed',
  workCompletionMs: 'work_completion_ms',
  workWithDeadline: 'work_with_deadline',
  workOnTime: 'work_on_time',
  concurrentMs: 'concurrent_ms',
  busyMs: 'busy_ms',
  peakConcurrent: 'peak_concurrent',
  firstResponseBusinessMs: 'first_response_business_ms',
  responseBusinessMs: 'response_business_ms',
  resolutionBusinessMs: 'resolution_business_ms',
};

/** How rows of a counter are put together: summed, or the maximum of them (the peak). */
export const combine = (counter: (typeof counterNames)[number], column: string) =>
  counter === maxCounter ? `max(${column})` : `sum(${column})`;

const zeroCounters = (): Counters => Object.fromEntries(counterNames.map((c) => [c, 0])) as unknown as Counters;

/**
 * Counts a batch of events (any order of conversations, each conversation's in its own order):
 * reads the states of their conversations, leads and work items, folds the events into them in memory, and
 * writes the states and the summed rollup changes back — a few statements per batch, whatever its
 * size. Idempotent: events already counted change nothing (see foldConversationEvent).
 */
export async function applyMetricsEvents(db: Db, events: readonly DomainEvent[]): Promise<void> {
  const relevant = events.filter(
    (e) => e.orgId && ((metricEventTypes as readonly string[]).includes(e.type) || changesTimezone(e)),
  );
  if (!relevant.length) return;
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select pg_advisory_xact_lock_shared(${REBUILD_LOCK})`);
    // what came before a change of time zone is counted before its days are derived again
    let run: DomainEvent[] = [];
    for (const event of relevant) {
      if (!changesTimezone(event)) {
        run.push(event);
        continue;
      }
      await applyInTransaction(t, run);
      run = [];
      await deriveDays(t, event.orgId as string);
    }
    await applyInTransaction(t, run);
  });
}

const changesTimezone = (e: DomainEvent) => e.type === 'organization.updated' && e.data.changed.includes('timezone');

/**
 * An organization's days again from its hours, on its clock now (after a change of time zone).
 * Exact for zones a whole number of hours from UTC; for the others (India, Nepal …) an hour that
 * straddles midnight goes to the day it starts in — `rebuildMetrics` is exact for every zone.
 */
async function deriveDays(db: Db, orgId: string): Promise<void> {
  await db.delete(metricsDaily).where(eq(metricsDaily.orgId, orgId));
  const columns = counterNames.map((c) => columnOf[c]);
  const combined = counterNames.map((c) => combine(c, `h.${columnOf[c]}`)).join(', ');
  await db.execute(sql`
    insert into ${metricsDaily} (org_id, day, team_id, agent_id, ${sql.raw(columns.join(', '))})
    select h.org_id, (h.bucket at time zone o.timezone)::date, h.team_id, h.agent_id,
           ${sql.raw(combined)}
    from ${metricsHourly} h join ${organizations} o on o.id = h.org_id
    where h.org_id = ${orgId}::uuid
    group by 1, 2, 3, 4`);
  await db.delete(metricsDimensionDaily).where(eq(metricsDimensionDaily.orgId, orgId));
  await db.execute(sql`
    insert into ${metricsDimensionDaily} (org_id, kind, day, value, team_id, agent_id, ${sql.raw(columns.join(', '))})
    select h.org_id, h.kind, (h.bucket at time zone o.timezone)::date, h.value, h.team_id, h.agent_id,
           ${sql.raw(combined)}
    from ${metricsDimensionHourly} h join ${organizations} o on o.id = h.org_id
    where h.org_id = ${orgId}::uuid
    group by 1, 2, 3, 4, 5, 6`);
}

/**
 * Where each request came in, from its row: a stay guest's (room QR), a customer's visitor (one of
 * their labels), another visitor (the public entry). A request without a row (erased) has none.
 */
async function entryPointsOf(db: Db, conversationIds: readonly string[]): Promise<Map<string, EntryPoint>> {
  if (!conversationIds.length) return new Map();
  const rows = await db
    .select({
      id: conversations.id,
      entryPoint: sql<EntryPoint | null>`case when ${conversations.guestId} is not null then 'room'
        when ${visitors.customerId} is not null then 'customer_label'
        when ${conversations.visitorId} is not null then 'public_entry' end`,
    })
    .from(conversations)
    .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
    .where(inArray(conversations.id, [...conversationIds]));
  return new Map(rows.flatMap((r) => (r.entryPoint ? [[r.id, r.entryPoint] as const] : [])));
}

/**
 * The deadline of each work item done in the batch, from its row: the end of its window, else its
 * due time (as the overdue job reads it). A done item is never rescheduled, so a rebuild reads the
 * same; an item without a row (erased) has none.
 */
async function deadlinesOf(db: Db, ids: readonly string[]): Promise<Map<string, Date>> {
  if (!ids.length) return new Map();
  const rows = await db
    .select({
      id: workItemRows.id,
      deadline: sql<Date | string | null>`coalesce(${workItemRows.windowEnd}, ${workItemRows.dueAt})`,
    })
    .from(workItemRows)
    .where(inArray(workItemRows.id, [...new Set(ids)]));
  return new Map(rows.flatMap((r) => (r.deadline ? [[r.id, new Date(r.deadline)] as const] : [])));
}

/** The day on an organization's clock an instant falls on, YYYY-MM-DD (formatters kept per zone). */
const dayFormats = new Map<string, Intl.DateTimeFormat>();
function localDay(at: Date, timezone: string): string {
  let format = dayFormats.get(timezone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dayFormats.set(timezone, format);
  }
  return format.format(at);
}

async function applyInTransaction(db: Db, events: readonly DomainEvent[]): Promise<void> {
  if (!events.length) return;
  const mergeEvents = events.filter(isMergeEvent);
  const conversationIds = [
    ...new Set([
      ...events.map(conversationOf).filter((id): id is string => !!id),
      ...mergeEvents.map((e) => e.data.survivorId),
    ]),
  ].sort();
  const merges = await mergesOf(db, mergeEvents);
  const leadIds = [...new Set(events.map(leadOf).filter((id): id is string => !!id))].sort();
  const conversationStates = new Map<string, ConversationState>();
  const leadStates = new Map<string, LeadState>();
  const workItemIds = [...new Set(events.map(workItemOf).filter((id): id is string => !!id))].sort();
  const workItemStates = new Map<string, WorkItemState>();
  // a work item made from a request counts where that request came in
  const workEntries = await entryPointsOf(
    db,
    events.flatMap((e) => (e.type === 'work_item.created' && e.data.conversationId ? [e.data.conversationId] : [])),
  );
  const deadlines = await deadlinesOf(
    db,
    events.flatMap((e) => (e.type === 'work_item.status_changed' && e.data.to === 'done' ? [e.data.workItemId] : [])),
  );
  let entries = new Map<string, EntryPoint>();
  if (conversationIds.length) {
    const rows = await lockRows(db, metricsConversations, 'conversation_id', conversationIds);
    for (const row of rows) {
      conversationStates.set(row.conversationId, {
        ...row,
        involved: [...row.involved],
        tagIds: [...row.tagIds],
        fcrTagIds: [...row.fcrTagIds],
      });
    }
    const unknown = conversationIds.filter((id) => !conversationStates.get(id)?.entryPoint);
    entries = await entryPointsOf(db, unknown);
  }
  if (leadIds.length) {
    const rows = await lockRows(db, metricsLeads, 'lead_id', leadIds);
    for (const row of rows) leadStates.set(row.leadId, { ...row, applied: [...row.applied] });
  }
  if (workItemIds.length) {
    const rows = await lockRows(db, metricsWorkItems, 'work_item_id', workItemIds);
    for (const row of rows) workItemStates.set(row.workItemId, { ...row, applied: [...row.applied] });
  }
  const touchedConversations = new Set<string>();
  const touchedLeads = new Set<string>();
  const touchedWorkItems = new Set<string>();
  const deltas: Delta[] = [];
  const holds: Hold[] = [];
  for (const event of events) {
    const orgId = event.orgId as string;
    const conversationId = conversationOf(event);
    const leadId = leadOf(event);
    const workItemId = workItemOf(event);
    if (conversationId) {
      let state = conversationStates.get(conversationId);
      if (!state) {
        state = newConversationState(conversationId, orgId);
        conversationStates.set(conversationId, state);
      }
      const entry = state.entryPoint ? null : entries.get(conversationId);
      if (entry) {
        state.entryPoint = entry;
        touchedConversations.add(conversationId);
      }
      // the surviving request takes the state a merge (or its undo) gave it, and its holder: after
      // the absorbed one is let go on a merge, before it is given back on an undo (so nobody holds
      // both for an instant)
      const merge = isMergeEvent(event) ? merges.get(event.data.mergeId) : undefined;
      const survivor = () => {
        if (!isMergeEvent(event) || !merge) return;
        const survivorId = event.data.survivorId;
        let s = conversationStates.get(survivorId);
        if (!s) {
          s = newConversationState(survivorId, orgId);
          conversationStates.set(survivorId, s);
        }
        const applied = s.applied.length;
        foldSurvivorEvent(s, event, merge, holds);
        if (s.applied.length !== applied) touchedConversations.add(survivorId);
      };
      if (event.type === 'conversation.unmerged') survivor();
      const before = state.lastSeq + state.applied.length;
      deltas.push(...foldConversationEvent(state, event, holds));
      if (state.lastSeq + state.applied.length !== before) touchedConversations.add(conversationId);
      if (event.type === 'conversation.merged') survivor();
    } else if (leadId) {
      let state = leadStates.get(leadId);
      if (!state) {
        state = { leadId, orgId, applied: [] };
        leadStates.set(leadId, state);
      }
      const before = state.applied.length;
      deltas.push(...foldLeadEvent(state, event));
      if (state.applied.length !== before) touchedLeads.add(leadId);
    } else if (workItemId) {
      let state = workItemStates.get(workItemId);
      if (!state) {
        state = newWorkItemState(workItemId, orgId);
        workItemStates.set(workItemId, state);
      }
      if (event.type === 'work_item.created' && event.data.conversationId && !state.applied.includes(event.id)) {
        state.entryPoint = workEntries.get(event.data.conversationId) ?? null;
      }
      const before = state.applied.length;
      deltas.push(...foldWorkItemEvent(state, event, deadlines.get(workItemId) ?? null));
      if (state.applied.length !== before) touchedWorkItems.add(workItemId);
    }
  }

  const states = [...touchedConversations].sort().map((id) => conversationStates.get(id) as ConversationState);
  await upsertJson(db, metricsConversations, states, {
    target: ['conversation_id'],
    set: takeExcluded([
      'team_id',
      'assignee_id',
      'opened_at',
      'first_guest_at',
      'first_response_at',
      'awaiting_since',
      'round_started_at',
      'resolutions',
      'last_resolver_id',
      'involved',
      'fcr_at',
      'fcr_team_id',
      'fcr_agent_id',
      'entry_point',
      'tag_ids',
      'fcr_tag_ids',
      'holder_id',
      'last_seq',
      'applied',
    ]),
  });
  const leads = [...touchedLeads].sort().map((id) => leadStates.get(id) as LeadState);
  await upsertJson(db, metricsLeads, leads, { target: ['lead_id'], set: takeExcluded(['applied']) });
  const workItems = [...touchedWorkItems].sort().map((id) => workItemStates.get(id) as WorkItemState);
  await upsertJson(db, metricsWorkItems, workItems, {
    target: ['work_item_id'],
    set: takeExcluded(['created_at', 'team_id', 'assignee_id', 'entry_point', 'completed_at', 'applied']),
  });
  deltas.push(...(await foldHolds(db, holds)));
  await addToRollup(db, deltas);
}

type MergeEvent = Extract<DomainEvent, { type: 'conversation.merged' | 'conversation.unmerged' }>;
const isMergeEvent = (e: DomainEvent): e is MergeEvent =>
  e.type === 'conversation.merged' || e.type === 'conversation.unmerged';

/** The merge rows of a batch's merges and undos (a merge whose row is gone changes no survivor). */
async function mergesOf(db: Db, events: readonly MergeEvent[]): Promise<Map<string, MergeRecord>> {
  if (!events.length) return new Map();
  const rows = await db
    .select({
      id: conversationMerges.id,
      survivorBefore: conversationMerges.survivorBefore,
      absorbedBefore: conversationMerges.absorbedBefore,
    })
    .from(conversationMerges)
    .where(inArray(conversationMerges.id, [...new Set(events.map((e) => e.data.mergeId))]));
  return new Map(rows.map((r) => [r.id, r]));
}

/** Applies the batch's changes of who holds which open request to those staff members' counts, in order. */
async function foldHolds(db: Db, holds: readonly Hold[]): Promise<Delta[]> {
  if (!holds.length) return [];
  const ids = [...new Set(holds.map((h) => h.agentId))].sort();
  const agents = new Map<string, AgentState>(
    (await lockRows(db, metricsAgents, 'agent_id', ids)).map((a) => [a.agentId, a]),
  );
  const deltas: Delta[] = [];
  for (const hold of holds) {
    let agent = agents.get(hold.agentId);
    if (!agent) {
      agent = { agentId: hold.agentId, orgId: hold.orgId, open: 0, since: hold.at };
      agents.set(hold.agentId, agent);
    }
    deltas.push(...foldHold(agent, hold));
  }
  await upsertJson(
    db,
    metricsAgents,
    ids.map((id) => agents.get(id) as AgentState),
    { target: ['agent_id'], set: takeExcluded(['open', 'since']) },
  );
  return deltas;
}

/**
 * Adds the changes to their rows — the UTC hour's and the organization's local day's — summed per
 * row first, rows in key order (so two writers never wait for each other in a circle).
 */
async function addToRollup(db: Db, deltas: readonly Delta[]): Promise<void> {
  if (!deltas.length) return;
  const orgIds = [...new Set(deltas.map((d) => d.orgId))];
  const zones = new Map(
    (
      await db
        .select({ id: organizations.id, timezone: organizations.timezone })
        .from(organizations)
        .where(inArray(organizations.id, orgIds))
    ).map((o) => [o.id, o.timezone]),
  );
  const business = await businessHoursOf(
    db,
    deltas.flatMap((d) => (d.span && d.teamId ? [d.teamId] : [])),
  );
  const add = (row: Counters, d: Delta) => {
    row[d.counter] = d.counter === maxCounter ? Math.max(row[d.counter], d.by) : row[d.counter] + d.by;
  };
  type Key = { orgId: string; teamId: string | null; agentId: string | null };
  type Dimension = { kind: 'tag' | 'entry'; value: string };
  const hours = new Map<string, Key & { bucket: Date } & Counters>();
  const days = new Map<string, Key & { day: string } & Counters>();
  const dimensionHours = new Map<string, Key & Dimension & { bucket: Date } & Counters>();
  const dimensionDays = new Map<string, Key & Dimension & { day: string } & Counters>();
  for (const counted of deltas) {
    const d = counted.span
      ? { ...counted, by: openMs(counted, business.get(counted.teamId ?? ''), zones.get(counted.orgId) ?? 'UTC') }
      : counted;
    const bucket = hourOf(d.at);
    const day = localDay(d.at, zones.get(d.orgId) ?? 'UTC');
    const who = `${d.orgId}|${d.teamId ?? ''}|${d.agentId ?? ''}`;
    const key = { orgId: d.orgId, teamId: d.teamId, agentId: d.agentId };
    if (!d.tagOnly) {
      const hourKey = `${who}|${bucket.toISOString()}`;
      const dayKey = `${who}|${day}`;
      const hour = hours.get(hourKey) ?? { ...key, bucket, ...zeroCounters() };
      const local = days.get(dayKey) ?? { ...key, day, ...zeroCounters() };
      hours.set(hourKey, hour);
      days.set(dayKey, local);
      add(hour, d);
      add(local, d);
    }
    // a row per dimension the change has (its entry point, each of its tags), none for the others
    const dimensions: Dimension[] = d.tagIds.map((value) => ({ kind: 'tag', value }));
    if (d.entryPoint && !d.tagOnly) dimensions.push({ kind: 'entry', value: d.entryPoint });
    for (const dimension of dimensions) {
      const what = `${d.orgId}|${dimension.kind}|${dimension.value}|${d.teamId ?? ''}|${d.agentId ?? ''}`;
      const hourKey = `${what}|${bucket.toISOString()}`;
      const dayKey = `${what}|${day}`;
      const hour = dimensionHours.get(hourKey) ?? { ...key, ...dimension, bucket, ...zeroCounters() };
      const local = dimensionDays.get(dayKey) ?? { ...key, ...dimension, day, ...zeroCounters() };
      dimensionHours.set(hourKey, hour);
      dimensionDays.set(dayKey, local);
      add(hour, d);
      add(local, d);
    }
  }
  const inOrder = <T>(rows: Map<string, T>) =>
    [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
  await upsertJson(db, metricsHourly, inOrder(hours), {
    target: ['org_id', 'bucket', 'team_id', 'agent_id'],
    set: adding('metrics_hourly'),
  });
  await upsertJson(db, metricsDaily, inOrder(days), {
    target: ['org_id', 'day', 'team_id', 'agent_id'],
    set: adding('metrics_daily'),
  });
  await upsertJson(db, metricsDimensionHourly, inOrder(dimensionHours), {
    target: ['org_id', 'kind', 'bucket', 'value', 'team_id', 'agent_id'],
    set: adding('metrics_dimension_hourly'),
  });
  await upsertJson(db, metricsDimensionDaily, inOrder(dimensionDays), {
    target: ['org_id', 'kind', 'day', 'value', 'team_id', 'agent_id'],
    set: adding('metrics_dimension_daily'),
  });
}

/** On a conflict, these columns take the value the insert brought. */
const takeExcluded = (columns: readonly string[]): Record<string, string> =>
  Object.fromEntries(columns.map((c) => [c, `excluded."${c}"`]));

/** On a conflict, each counter adds the insert's to the row's (the peak keeps the greater). */
const adding = (table: string): Record<string, string> =>
  Object.fromEntries(
    counterNames.map((c) => {
      const column = columnOf[c];
      return [
        column,
        c === maxCounter
          ? `greatest("${table}"."${column}", excluded."${column}")`
          : `"${table}"."${column}" + excluded."${column}"`,
      ];
    }),
  );

/** A place in the event log, ordered as the durable consumers read it (see platform/outbox/read.ts). */
interface LogKey {
  xid: string;
  source: number;
  stream: string;
  position: string;
}

const REBUILD_BATCH = 2_000;

/**
 * Recomputes the metrics of one organization (or of all) from the event log: the outbox and the
 * messages, in the order the consumer reads them, up to the oldest transaction still running
 * (what comes after is the consumer's, which goes on from its cursor; what it hands over again is
 * counted once). Runs in one transaction that holds the consumer's batches off, so the rows are
 * never half rebuilt. A merge moves the absorbed request's messages into the survivor, and the log
 * with them: a rebuild after a merge counts them in the survivor (see the README).
 */
export async function rebuildMetrics(db: Db, orgId?: string): Promise<void> {
  await db.transaction(async (tx) => {
    const t = tx as unknown as Db;
    await t.execute(sql`select pg_advisory_xact_lock(${REBUILD_LOCK})`);
    const [{ horizon } = { horizon: '0' }] = (
      (await t.execute(sql`select pg_snapshot_xmin(pg_current_snapshot())::text as horizon`)) as unknown as {
        rows: { horizon: string }[];
      }
    ).rows;
    for (const table of [
      metricsHourly,
      metricsDaily,
      metricsDimensionHourly,
      metricsDimensionDaily,
      metricsConversations,
      metricsLeads,
      metricsWorkItems,
      metricsAgents,
    ]) {
      await t.delete(table).where(orgId ? eq(table.orgId, orgId) : undefined);
    }
    let after: LogKey = { xid: '0', source: -1, stream: '', position: '-1' };
    for (;;) {
      const batch = await readLog(t, orgId, horizon, after, REBUILD_BATCH);
      const last = batch.at(-1);
      if (!last) return;
      await applyInTransaction(
        t,
        batch.map((b) => b.event),
      );
      after = last.key;
    }
  });
}

async function readLog(
  db: Db,
  orgId: string | undefined,
  horizon: string,
  after: LogKey,
  limit: number,
): Promise<{ key: LogKey; event: DomainEvent }[]> {
  const outboxTypes = metricEventTypes.filter((t) => t !== 'message.created');
  const org = (column: SQL) => (orgId ? sql`and ${column} = ${orgId}::uuid` : sql``);
  const past = (stream: SQL, position: SQL, source: number) =>
    sql`xid < ${horizon}::bigint and (xid, ${source}::int, ${stream}, ${position}) > (${after.xid}::bigint, ${after.source}::int, ${after.stream}::text, ${after.position}::bigint)`;
  const rows = (
    (await db.execute(sql`
      select * from (
        (select xid::text, 0 as source, stream, position::text, id, type, org_id, occurred_at, data,
                null::text as sender_type, null::uuid as sender_id, null::text as event
         from domain_events
         where type in (${sql.join(
           outboxTypes.map((t) => sql`${t}`),
           sql`, `,
         )}) ${org(sql`org_id`)} and ${past(sql`stream`, sql`position`, 0)}
         order by xid, stream, position limit ${limit})
        union all
        (select xid::text, 1, 'conversation:' || conversation_id, seq::text, id, 'message.created', org_id, created_at,
                jsonb_build_object('conversationId', conversation_id, 'seq', seq), sender_type, sender_id, event
         from messages
         where true ${org(sql`org_id`)} and ${past(sql`('conversation:' || conversation_id)`, sql`seq::bigint`, 1)}
         order by xid, 'conversation:' || conversation_id, seq limit ${limit})
      ) log
      order by log.xid::bigint, log.source, log.stream, log.position::bigint
      limit ${limit}`)) as unknown as {
      rows: {
        xid: string;
        source: number;
        stream: string;
        position: string;
        id: string;
        type: string;
        org_id: string;
        occurred_at: Date | string;
        data: Record<string, unknown>;
        sender_type: string | null;
        sender_id: string | null;
        event: string | null;
      }[];
    }
  ).rows;
  return rows.map((r) => ({
    key: { xid: r.xid, source: r.source, stream: r.stream, position: r.position },
    event: {
      id: r.id,
      type: r.type,
      version: 1,
      orgId: r.org_id,
      stream: r.stream,
      occurredAt: new Date(r.occurred_at).toISOString(),
      data:
        r.type === 'message.created'
          ? {
              ...r.data,
              messageId: r.id,
              sender: { type: r.sender_type, id: r.sender_id, name: null },
              text: '',
              event: r.event,
            }
          : r.data,
    } as DomainEvent,
  }));
}
