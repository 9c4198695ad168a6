import type {
  AssignedBy,
  AssignmentMode,
  Attachment,
  AuditActorKind,
  EntryPoint,
  Holiday,
  Priority,
  RoutingEntry,
  RoutingFact,
  WeeklyHours,
} from '@frontdesk/protocol';
import { sql } from 'drizzle-orm';
import {
  type AnyPgColumn,
  bigint,
  bigserial,
  boolean,
  check,
  customType,
  date,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  unique,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';

/**
 * The writing transaction's id (`pg_current_xact_id()`, 64 bits, never wraps), on rows that are
 * read as an event log: a reader takes only rows whose transaction is older than every one still
 * running, so a row cannot commit behind its cursor (see platform/outbox/read.ts).
 */
const writtenBy = () => bigint('xid', { mode: 'number' }).notNull().default(sql`(pg_current_xact_id()::text::bigint)`);

const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();

/** Why a request went to its team (`conversations.routed_by`); rows from before `because` lack it. */
interface RoutedByColumn {
  ruleId: string | null;
  ruleName: string | null;
  reason: string;
  because?: RoutingFact[];
  raisedBy?: 'vip' | 'priority_room';
}

export const organizations = pgTable(
  'organizations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    slug: text('slug').notNull().unique(),
    /** `hotel` (rooms and stays) or `service` (a service company: customers and labels). */
    kind: text('kind').$type<'hotel' | 'service'>().notNull().default('hotel'),
    name: text('name').notNull(),
    motto: text('motto').notNull().default(''),
    /** A logo hosted elsewhere, typed by an admin; an uploaded logo (`logoFileId`) takes its place. */
    logoUrl: text('logo_url'),
    logoFileId: uuid('logo_file_id').references((): AnyPgColumn => files.id, { onDelete: 'set null' }),
    timezone: text('timezone').notNull().default('UTC'),
    language: text('language').notNull().default('en'),
    plan: text('plan').notNull().default('free'),
    seatLimit: integer('seat_limit').notNull(),
    active: boolean('active').notNull().default(true),
    /** Anonymous visitors may start a chat from the organization's public QR. */
    publicEntryEnabled: boolean('public_entry_enabled').notNull().default(false),
    /** Hours after check-out during which a guest may still read their history and rate. */
    guestGraceHours: integer('guest_grace_hours').notNull().default(24),
    /** A guest message this soon after a request was resolved reopens it; later ones start a new request. */
    reopenMinutes: integer('reopen_minutes').notNull().default(30),
    /** The assignee of a work item is reminded this many minutes before it is due (or its window starts); 0: never. */
    workReminderMinutes: integer('work_reminder_minutes').notNull().default(30),
    /** Takes the requests no routing rule matches; without one they go to no team. */
    defaultTeamId: uuid('default_team_id').references((): AnyPgColumn => teams.id, { onDelete: 'set null' }),
    /**
     * Which conversations agents see: `all`, or `team` — those of their teams, those of no team and
     * their own. Admins always see all.
     */
    conversationVisibility: text('conversation_visibility').notNull().default('all'),
    /** How guests and customers reach the organization another way: shown on public pages. */
    contactPhone: text('contact_phone').notNull().default(''),
    contactEmail: text('contact_email').notNull().default(''),
    /**
     * Days after a stay ended, or after a customer's last activity, before the privacy job erases
     * their conversations and details (README "Privacy (GDPR) operations"); null: kept until erased by hand.
     */
    retentionDays: integer('retention_days'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('organizations_conversation_visibility_check', sql`${t.conversationVisibility} in ('all', 'team')`),
    check('organizations_kind_check', sql`${t.kind} in ('hotel', 'service')`),
  ],
);

/**
 * A staff user belongs to at most one organization (the platform's super admins may belong to
 * none). Emails are stored lower-cased and are unique across the installation.
 */
export const users = pgTable(
  'users',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    name: text('name').notNull(),
    motto: text('motto').notNull().default(''),
    photoFileId: uuid('photo_file_id').references((): AnyPgColumn => files.id, { onDelete: 'set null' }),
    role: text('role'),
    superadmin: boolean('superadmin').notNull().default(false),
    /** Since when they have had no connection (presence); null while connected or never seen. */
    absentSince: timestamp('absent_since', { withTimezone: true }),
    passwordHash: text('password_hash'),
    active: boolean('active').notNull().default(true),
    lastLoginAt: timestamp('last_login_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // An e-mail is unique within an organization, not across the platform: an admin adding someone
  // must not learn that the address has an account elsewhere. Platform accounts have no organization.
  (t) => [
    uniqueIndex('users_org_email_key').on(t.orgId, t.email),
    uniqueIndex('users_platform_email_key').on(t.email).where(sql`${t.orgId} is null`),
    index('users_email_idx').on(t.email),
    index('users_org_idx').on(t.orgId),
  ],
);

/**
 * Uploaded images (organization logos, staff photos), re-encoded on upload. The bytes live in the
 * file storage (FILES_DIR) under the row's id; the id is random and never reused, which is what lets
 * them be served publicly with an immutable cache lifetime.
 */
export const files = pgTable(
  'files',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** What the image is for: `logo` or `photo`. */
    purpose: text('purpose').notNull(),
    contentType: text('content_type').notNull(),
    byteSize: integer('byte_size').notNull(),
    width: integer('width').notNull(),
    height: integer('height').notNull(),
    createdBy: uuid('created_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('files_org_idx').on(t.orgId)],
);

/** Server-side sessions: the cookie or bearer token is random; only its SHA-256 is stored. */
export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    ip: text('ip'),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [index('sessions_user_idx').on(t.userId), index('sessions_expires_idx').on(t.expiresAt)],
);

/** One-time links to set a password (new staff, resets). Only the token's hash is stored. */
export const passwordTokens = pgTable(
  'password_tokens',
  {
    id: text('id').primaryKey(),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [index('password_tokens_user_idx').on(t.userId)],
);

export const auditLog = pgTable(
  'audit_log',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    /** staff, api_client, system … (see platform/actor.ts) */
    actorKind: text('actor_kind').$type<AuditActorKind>().notNull().default('staff'),
    actorId: uuid('actor_id'),
    actorEmail: text('actor_email'),
    action: text('action').notNull(),
    targetType: text('target_type'),
    targetId: text('target_id'),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default(sql`'{}'::jsonb`),
    ip: text('ip'),
    userAgent: text('user_agent'),
    /** The request (`x-request-id`), socket event or job run that made the change. */
    requestId: text('request_id'),
    createdAt: createdAt(),
  },
  (t) => [index('audit_log_org_idx').on(t.orgId, t.id)],
);

export const rooms = pgTable(
  'rooms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    number: text('number').notNull(),
    label: text('label').notNull().default(''),
    priority: boolean('priority').notNull().default(false),
    /** The property-management system's id for the room (README "PMS integration"). */
    externalId: text('external_id'),
    /** Removed rooms stay for the history of their stays but leave every list. */
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('rooms_org_number_key').on(t.orgId, t.number).where(sql`removed_at is null`),
    uniqueIndex('rooms_org_external_id_key').on(t.orgId, t.externalId).where(sql`removed_at is null`),
  ],
);

/**
 * A team of staff (Reception, Housekeeping …). Removed teams stay for the history of what was routed
 * to them but leave every list and free their name; their memberships are deleted with them.
 */
export const teams = pgTable(
  'teams',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    /** manual, round_robin or least_busy: how its queue is worked (see modules/assignment). */
    assignmentMode: text('assignment_mode').$type<AssignmentMode>().notNull().default('manual'),
    /** Response-time targets in minutes (null: none), and who hears of a breach (null: the admins). */
    firstResponseMinutes: integer('first_response_minutes'),
    nextResponseMinutes: integer('next_response_minutes'),
    dutyManagerId: uuid('duty_manager_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    /** Open intervals per weekday on the organization's clock; null: open around the clock. */
    weeklyHours: jsonb('weekly_hours').$type<WeeklyHours>(),
    /** Days closed from midnight to midnight (organization's clock), by date. */
    holidays: jsonb('holidays').$type<Holiday[]>().notNull().default([]),
    /** What guests read outside the hours; null: the standard text in their language. */
    awayMessage: text('away_message'),
    removedAt: timestamp('removed_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  // "Reception" and "reception" are one team to the people choosing from a list.
  (t) => [
    uniqueIndex('teams_org_name_key').on(t.orgId, sql`lower(${t.name})`).where(sql`removed_at is null`),
    check('teams_assignment_mode_check', sql`${t.assignmentMode} in ('manual', 'round_robin', 'least_busy')`),
  ],
);

/**
 * A staff member's place in a team; one person can be in several teams, with their capacity,
 * languages and skills per team. Removing the person or the team removes the membership.
 */
export const teamMembers = pgTable(
  'team_members',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    capacity: integer('capacity').notNull().default(8),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    skills: text('skills').array().notNull().default(sql`'{}'::text[]`),
    /** When round robin last gave them a request in this team: the longest without one is next. */
    lastAssignedAt: timestamp('last_assigned_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    primaryKey({ columns: [t.teamId, t.userId], name: 'team_members_pkey' }),
    index('team_members_user_idx').on(t.userId),
    check('team_members_capacity_check', sql`${t.capacity} between 1 and 50`),
  ],
);

/**
 * Where a new request goes: the organization's rules in `position` order, the first that matches
 * routes it to its team (with its priority, if it names one). An empty list or `false` in a
 * condition asks nothing. Rules of a removed team are skipped.
 */
export const routingRules = pgTable(
  'routing_rules',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    name: text('name').notNull(),
    /** `any`, `room` (a guest's room QR) or `public_entry` (a visitor). */
    entry: text('entry').$type<RoutingEntry>().notNull().default('any'),
    roomIds: uuid('room_ids').array().notNull().default(sql`'{}'::uuid[]`),
    priorityRoomsOnly: boolean('priority_rooms_only').notNull().default(false),
    /** Only while the rule's team is open (its business hours and holidays): routing by the time of day. */
    openHoursOnly: boolean('open_hours_only').notNull().default(false),
    languages: text('languages').array().notNull().default(sql`'{}'::text[]`),
    /** Lower-case words or phrases, any of which in the first message matches. */
    keywords: text('keywords').array().notNull().default(sql`'{}'::text[]`),
    teamId: uuid('team_id')
      .notNull()
      .references(() => teams.id, { onDelete: 'cascade' }),
    /** low, normal, high or urgent; null leaves the request's priority as it would be. */
    priority: text('priority').$type<Priority>(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('routing_rules_org_idx').on(t.orgId, t.position),
    check('routing_rules_entry_check', sql`${t.entry} in ('any', 'room', 'public_entry')`),
    check('routing_rules_priority_check', sql`${t.priority} in ('low', 'normal', 'high', 'urgent')`),
  ],
);

/**
 * A stay: a room occupied from check-in until check-out. `endedAt` is set when the stay is
 * checked out by hand or when its check-out time passes; a room has at most one live stay.
 */
export const stays = pgTable(
  'stays',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    roomId: uuid('room_id')
      .notNull()
      .references(() => rooms.id, { onDelete: 'restrict' }),
    checkInAt: timestamp('check_in_at', { withTimezone: true }).notNull().defaultNow(),
    checkOutAt: timestamp('check_out_at', { withTimezone: true }).notNull(),
    endedAt: timestamp('ended_at', { withTimezone: true }),
    /** The PMS's reservation id: a repeated check-in push with it finds this stay. */
    externalId: text('external_id'),
    /** When the stay's guests and conversations were erased (by an admin or the retention job). */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    createdBy: uuid('created_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('stays_room_live_key').on(t.roomId).where(sql`ended_at is null`),
    uniqueIndex('stays_org_external_id_key').on(t.orgId, t.externalId),
    index('stays_org_checkout_idx').on(t.orgId, t.checkOutAt),
  ],
);

/** A guest of a stay, with their own access code (unique for ever, so an old code can say when its stay ended). */
export const stayGuests = pgTable(
  'stay_guests',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    stayId: uuid('stay_id')
      .notNull()
      .references(() => stays.id, { onDelete: 'cascade' }),
    code: text('code').notNull(),
    name: text('name'),
    email: text('email'),
    phone: text('phone'),
    language: text('language'),
    vip: boolean('vip').notNull().default(false),
    /** The PMS's guest-profile id (README "PMS integration"). */
    externalId: text('external_id'),
    /**
     * Where the guest asked for the summary of their requests after the stay (README "Stay summary
     * e-mail"): given by the guest on their page, for that and nothing else; null when they did not opt in.
     */
    summaryEmail: text('summary_email'),
    /** When they opted in (what consent there is to show). */
    summaryOptedInAt: timestamp('summary_opted_in_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('stay_guests_code_key').on(t.code),
    // a PMS profile id comes back with a returning guest: unique within one stay, not the organization
    uniqueIndex('stay_guests_stay_external_id_key').on(t.stayId, t.externalId),
    index('stay_guests_stay_idx').on(t.stayId),
    // a returning guest's earlier stays (see earlierStaysOf): by e-mail, else by phone digits
    index('stay_guests_org_email_idx').on(t.orgId, sql`lower(${t.email})`),
    index('stay_guests_org_phone_idx').on(t.orgId, sql`regexp_replace(${t.phone}, '[^0-9+]', '', 'g')`),
  ],
);

/** Anonymous visitors who came in through an organization's public entry point. */
export const visitors = pgTable(
  'visitors',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    email: text('email'),
    topic: text('topic').notNull(),
    /**
     * Set for a service company's customer who proved who they are at one of their labels: every
     * device they verify on chats as this one visitor, so each sees the same requests.
     */
    customerId: uuid('customer_id').references((): AnyPgColumn => customers.id, { onDelete: 'cascade' }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('visitors_customer_idx').on(t.customerId).where(sql`${t.customerId} is not null`)],
);

/** Sessions of guests and visitors (never staff): the token's SHA-256, scoped to one stay guest or visitor. */
export const guestSessions = pgTable(
  'guest_sessions',
  {
    id: text('id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    guestId: uuid('guest_id').references(() => stayGuests.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').references(() => visitors.id, { onDelete: 'cascade' }),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('guest_sessions_guest_idx').on(t.guestId), index('guest_sessions_visitor_idx').on(t.visitorId)],
);

/**
 * One request thread between a guest (or visitor) and the organization. `lastSeq` is the
 * per-conversation message counter: incrementing it row-locks the conversation, which is what
 * keeps sequence numbers gap-free and ordered under concurrent sends.
 */
export const conversations = pgTable(
  'conversations',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    stayId: uuid('stay_id').references(() => stays.id, { onDelete: 'cascade' }),
    guestId: uuid('guest_id').references(() => stayGuests.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').references(() => visitors.id, { onDelete: 'cascade' }),
    status: text('status').notNull().default('queued'),
    assigneeId: uuid('assignee_id').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    lastSeq: integer('last_seq').notNull().default(0),
    lastMessageAt: timestamp('last_message_at', { withTimezone: true }).notNull().defaultNow(),
    preview: text('preview').notNull().default(''),
    staffUnread: integer('staff_unread').notNull().default(0),
    guestUnread: integer('guest_unread').notNull().default(0),
    guestDeliveredSeq: integer('guest_delivered_seq').notNull().default(0),
    guestReadSeq: integer('guest_read_seq').notNull().default(0),
    staffDeliveredSeq: integer('staff_delivered_seq').notNull().default(0),
    staffReadSeq: integer('staff_read_seq').notNull().default(0),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    resolvedAt: timestamp('resolved_at', { withTimezone: true }),
    resolvedBy: uuid('resolved_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    rating: integer('rating'),
    ratingComment: text('rating_comment'),
    ratedAt: timestamp('rated_at', { withTimezone: true }),
    /** The team routing sent the request to when it was opened (see routing_rules). */
    teamId: uuid('team_id').references((): AnyPgColumn => teams.id, { onDelete: 'set null' }),
    /** low, normal, high or urgent: the queue shows the most urgent first. */
    priority: text('priority').$type<Priority>().notNull().default('normal'),
    /** Why it went there: the rule (id and name, as it was named then) and the reason in plain words. */
    routedBy: jsonb('routed_by').$type<RoutedByColumn>(),
    /** How it came to its assignee (taken, handed over, automatic with mode and load): see AssignedBy. */
    assignedBy: jsonb('assigned_by').$type<AssignedBy>(),
    /** The last transfer or hand-over: who, to which team, and the note for whoever takes over. */
    handover: jsonb('handover').$type<{ byName: string; note: string | null; toTeam: string | null; at: string }>(),
    /** Since when the guest waits for a reply (their message after the desk's last); null when answered. */
    awaitingSince: timestamp('awaiting_since', { withTimezone: true }),
    /** The wait (its `awaitingSince`) already escalated for missing the team's target: once per wait. */
    slaEscalatedFor: timestamp('sla_escalated_for', { withTimezone: true }),
    /** When it last left the queue (taken, handed out, given automatically): the team's pace for wait estimates. */
    pickedAt: timestamp('picked_at', { withTimezone: true }),
    /**
     * Merged into that request (see conversation_merges): its messages are there now. Neither indexed
     * nor a foreign key: every message updates this row, and each trigger or index costs it (both
     * requests belong to one guest, so they are deleted together).
     */
    mergedIntoId: uuid('merged_into_id'),
    /** Raised each time the thread is renumbered (an undone merge), so clients reload it. */
    epoch: integer('epoch').notNull().default(0),
    createdAt: createdAt(),
  },
  (t) => [
    // Every message rewrites its conversation's row (last_seq, last_message_at), which PostgreSQL
    // cannot do in place while an indexed column changes: each index here costs an index insert per
    // message. So the queue, loads, SLA and pace queries all go through this one (organization,
    // status, activity) instead of indexes of their own (measured: bench/README.md, session 5).
    index('conversations_org_status_idx').on(t.orgId, t.status, t.lastMessageAt),
    index('conversations_guest_idx').on(t.guestId),
    index('conversations_visitor_idx').on(t.visitorId),
    index('conversations_stay_idx').on(t.stayId),
    // the ratings report's recent rated requests, newest first; only rated rows are in it, so a
    // message to an unrated request (nearly all of them) writes nothing here
    index('conversations_rated_idx').on(t.orgId, t.ratedAt, t.id).where(sql`${t.ratedAt} is not null`),
    check('conversations_priority_check', sql`${t.priority} in ('low', 'normal', 'high', 'urgent')`),
  ],
);

/**
 * Messages, numbered per conversation. `senderKey` + `clientId` is unique, so a retried send
 * (even the first one of a conversation, before the client knows its id) is stored once.
 */
export const messages = pgTable(
  'messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    seq: integer('seq').notNull(),
    senderType: text('sender_type').notNull(),
    senderId: uuid('sender_id'),
    senderName: text('sender_name'),
    senderKey: text('sender_key'),
    clientId: text('client_id'),
    body: text('body').notNull(),
    event: text('event'),
    /**
     * What the message's files are (the `attachments` rows' metadata, copied when it was sent), so
     * that every path that shows a message — the ack, the fan-out, sync, history — shows its files
     * without another query; null for a message without files.
     */
    attachments: jsonb('attachments').$type<Attachment[]>(),
    createdAt: createdAt(),
    /** Messages are their own event log (`message.created`): a send writes no event row. */
    xid: writtenBy(),
  },
  (t) => [
    uniqueIndex('messages_conversation_seq_key').on(t.conversationId, t.seq),
    uniqueIndex('messages_sender_client_key').on(t.senderKey, t.clientId),
    // BRIN: a few pages of summary, next to nothing to maintain per insert (the send stays as fast).
    // Ranges of 16 pages: a consumer reading the newest messages rechecks one small range, not 128
    // pages (about 3,000 rows); the consumers summarize each range once it is full (read.ts).
    index('messages_xid_idx').using('brin', t.xid).with({ pages_per_range: 16 }),
  ],
);

/**
 * The outbox: every domain event except `message.created` (which the messages table records), written
 * in the transaction of the change. `position` orders the events of one transaction.
 */
export const domainEvents = pgTable(
  'domain_events',
  {
    position: bigserial('position', { mode: 'number' }).primaryKey(),
    xid: writtenBy(),
    id: uuid('id').notNull(),
    type: text('type').notNull(),
    version: integer('version').notNull(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    stream: text('stream').notNull(),
    occurredAt: timestamp('occurred_at', { withTimezone: true }).notNull().defaultNow(),
    data: jsonb('data').$type<Record<string, unknown>>().notNull(),
  },
  (t) => [uniqueIndex('domain_events_id_key').on(t.id), index('domain_events_xid_idx').on(t.xid, t.position)],
);

/**
 * A durable consumer's place in the event log: the last event it finished, as the key the log is
 * ordered by, (xid, source, stream, position). The node working on it holds a lease.
 */
export const eventConsumers = pgTable('event_consumers', {
  name: text('name').primaryKey(),
  cursorXid: bigint('cursor_xid', { mode: 'number' }).notNull(),
  cursorSource: integer('cursor_source').notNull().default(-1),
  cursorStream: text('cursor_stream').notNull().default(''),
  cursorPosition: bigint('cursor_position', { mode: 'number' }).notNull().default(sql`-1`),
  /** Failures of the event at the head of its queue, and when it is tried again. */
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  lastFailedAt: timestamp('last_failed_at', { withTimezone: true }),
  nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
  createdAt: createdAt(),
});

/** Events a consumer gave up on after its last attempt, with the error, for an administrator to see. */
export const parkedEvents = pgTable(
  'parked_events',
  {
    consumer: text('consumer')
      .notNull()
      .references(() => eventConsumers.name, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    type: text('type').notNull(),
    orgId: uuid('org_id'),
    stream: text('stream').notNull(),
    event: jsonb('event').$type<Record<string, unknown>>().notNull(),
    attempts: integer('attempts').notNull(),
    error: text('error').notNull(),
    parkedAt: timestamp('parked_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [uniqueIndex('parked_events_key').on(t.consumer, t.eventId)],
);

/** Scheduled work shared by every node: the node holding a job's lease runs it; the rest wait. */
export const jobs = pgTable('jobs', {
  name: text('name').primaryKey(),
  nextRunAt: timestamp('next_run_at', { withTimezone: true }).notNull().defaultNow(),
  attempts: integer('attempts').notNull().default(0),
  lastError: text('last_error'),
  lastRunAt: timestamp('last_run_at', { withTimezone: true }),
  leaseOwner: text('lease_owner'),
  leaseUntil: timestamp('lease_until', { withTimezone: true }),
});

/**
 * Each time a request waited longer than its team's target for a reply: the record reports count
 * (first or next response, the target then, since when the guest waited, when it was caught).
 */
/**
 * Two requests of one guest made one: the absorbed one's messages were renumbered after the
 * survivor's (`firstMovedSeq` …), and both rows as they were are kept, so that an admin can undo it
 * within a day.
 */
export const conversationMerges = pgTable(
  'conversation_merges',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    survivorId: uuid('survivor_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    absorbedId: uuid('absorbed_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    firstMovedSeq: integer('first_moved_seq').notNull(),
    movedMessages: integer('moved_messages').notNull(),
    /** The survivor's state columns before the merge (what undo gives back). */
    survivorBefore: jsonb('survivor_before').$type<Record<string, unknown>>().notNull(),
    absorbedBefore: jsonb('absorbed_before').$type<Record<string, unknown>>().notNull(),
    mergedBy: uuid('merged_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
    mergedByName: text('merged_by_name'),
    mergedAt: timestamp('merged_at', { withTimezone: true }).notNull().defaultNow(),
    undoneAt: timestamp('undone_at', { withTimezone: true }),
    undoneBy: uuid('undone_by').references((): AnyPgColumn => users.id, { onDelete: 'set null' }),
  },
  (t) => [index('conversation_merges_survivor_idx').on(t.survivorId, t.mergedAt)],
);

export const slaBreaches = pgTable(
  'sla_breaches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    kind: text('kind').$type<'first_response' | 'next_response'>().notNull(),
    targetMinutes: integer('target_minutes').notNull(),
    waitingSince: timestamp('waiting_since', { withTimezone: true }).notNull(),
    breachedAt: timestamp('breached_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    index('sla_breaches_org_idx').on(t.orgId, t.breachedAt),
    uniqueIndex('sla_breaches_wait_key').on(t.conversationId, t.waitingSince),
  ],
);

/**
 * Internal notes: staff write them inside a conversation, guests never receive them. A table of
 * their own, not rows of `messages`: the guest's sync, history and `message.created` (which every
 * durable consumer reads from `messages`) cannot carry what they never read, and the guest's
 * sequence has no gaps. `afterSeq` places a note in the staff thread: after the message the thread
 * had reached when it was written.
 */
export const conversationNotes = pgTable(
  'conversation_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    afterSeq: integer('after_seq').notNull(),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    /** The author's id for this note, so a retried post is stored once. */
    clientId: text('client_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    index('conversation_notes_conversation_idx').on(t.conversationId, t.createdAt),
    uniqueIndex('conversation_notes_client_key').on(t.authorId, t.clientId),
  ],
);

/** A staff member named with `@name` in a note: their list of mentions, read or not. */
export const mentions = pgTable(
  'mentions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    noteId: uuid('note_id')
      .notNull()
      .references(() => conversationNotes.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    index('mentions_user_idx').on(t.userId, t.createdAt),
    uniqueIndex('mentions_note_user_key').on(t.noteId, t.userId),
  ],
);

/**
 * Canned responses: shared ones of the organization (`ownerId` null, kept by admins) and each
 * staff member's own. `variants` holds the text per language (`{ de: '…' }`) beside the default.
 */
export const cannedResponses = pgTable(
  'canned_responses',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    ownerId: uuid('owner_id').references(() => users.id, { onDelete: 'cascade' }),
    shortcut: text('shortcut').notNull(),
    title: text('title').notNull(),
    body: text('body').notNull(),
    variants: jsonb('variants').$type<Record<string, string>>().notNull().default({}),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('canned_responses_shared_shortcut_key').on(t.orgId, t.shortcut).where(sql`${t.ownerId} is null`),
    uniqueIndex('canned_responses_own_shortcut_key').on(t.ownerId, t.shortcut).where(sql`${t.ownerId} is not null`),
    index('canned_responses_org_idx').on(t.orgId),
  ],
);

/**
 * Reactions on messages: one row per person, message and emoji (a second tap takes it back). The
 * reactor is a staff member, a guest or a visitor; the conversation rides along so that erasing a
 * conversation and checking who may react need no join.
 */
export const messageReactions = pgTable(
  'message_reactions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    reactorKind: text('reactor_kind').$type<'staff' | 'guest' | 'visitor'>().notNull(),
    reactorId: uuid('reactor_id').notNull(),
    emoji: text('emoji').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('message_reactions_one_key').on(t.messageId, t.reactorKind, t.reactorId, t.emoji),
    index('message_reactions_conversation_idx').on(t.conversationId),
  ],
);

/**
 * Machine translations of messages, one per message and language (README "Translation"): the
 * original stays in `messages` (what is searched, exported and shown on "Show original"); this is
 * a cache the translation consumer fills once. `failed` (text null) marks a message shown
 * untranslated; `same` one the provider found already in that language (nothing to show).
 */
export const messageTranslations = pgTable(
  'message_translations',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    messageId: uuid('message_id')
      .notNull()
      .references(() => messages.id, { onDelete: 'cascade' }),
    language: text('language').notNull(),
    status: text('status').$type<'translated' | 'failed' | 'same'>().notNull(),
    text: text('text'),
    provider: text('provider').notNull(),
    createdAt: createdAt(),
  },
  (t) => [
    primaryKey({ columns: [t.messageId, t.language], name: 'message_translations_pkey' }),
    check('message_translations_status_check', sql`${t.status} in ('translated', 'failed', 'same')`),
  ],
);

/**
 * A staff message to be sent later, by the job runner, as its author through the normal send.
 * `scheduled` until a node claims it (`sending`, until `claimed_until`), then `sent` (with the
 * message), `failed` (with the reason) or `cancelled` by staff before it went.
 */
export const scheduledMessages = pgTable(
  'scheduled_messages',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    body: text('body').notNull(),
    sendAt: timestamp('send_at', { withTimezone: true }).notNull(),
    status: text('status')
      .$type<'scheduled' | 'sending' | 'sent' | 'failed' | 'cancelled'>()
      .notNull()
      .default('scheduled'),
    claimedUntil: timestamp('claimed_until', { withTimezone: true }),
    attempts: integer('attempts').notNull().default(0),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    failureCode: text('failure_code'),
    failureMessage: text('failure_message'),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // the job's scan: only what is still to go
    index('scheduled_messages_due_idx').on(t.sendAt).where(sql`${t.status} in ('scheduled', 'sending')`),
    index('scheduled_messages_conversation_idx').on(t.conversationId, t.sendAt),
    check(
      'scheduled_messages_status_check',
      sql`${t.status} in ('scheduled', 'sending', 'sent', 'failed', 'cancelled')`,
    ),
  ],
);

/**
 * A service company's customer (the built-in CRM). `phoneKeys` and `emailKeys` are what
 * de-duplication compares — phones as their last 9 digits, e-mails lower-cased — kept beside what
 * people typed so one index answers "who else has this number".
 */
export const customers = pgTable(
  'customers',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    companyName: text('company_name').notNull().default(''),
    serviceAddress: jsonb('service_address').$type<CustomerAddress | null>(),
    billingAddress: jsonb('billing_address').$type<CustomerAddress | null>(),
    phones: text('phones').array().notNull().default(sql`'{}'::text[]`),
    emails: text('emails').array().notNull().default(sql`'{}'::text[]`),
    phoneKeys: text('phone_keys').array().notNull().default(sql`'{}'::text[]`),
    emailKeys: text('email_keys').array().notNull().default(sql`'{}'::text[]`),
    language: text('language').notNull(),
    notes: text('notes').notNull().default(''),
    fields: jsonb('fields').$type<Record<string, string | number | boolean>>().notNull().default({}),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    /** The CRM's id for the customer (README "PMS integration"). */
    externalId: text('external_id'),
    /** When the customer's details and conversations were erased (by an admin or the retention job). */
    erasedAt: timestamp('erased_at', { withTimezone: true }),
    /** Set when an admin removed the customer: kept for the history of what was done for them. */
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('customers_org_name_idx').on(t.orgId, sql`lower(${t.name})`, t.id),
    index('customers_phone_keys_idx').using('gin', t.phoneKeys),
    index('customers_email_keys_idx').using('gin', t.emailKeys),
    uniqueIndex('customers_org_external_id_key').on(t.orgId, t.externalId),
  ],
);

export interface CustomerAddress {
  line1: string;
  line2: string;
  city: string;
  postcode: string;
  country: string;
}

/** The extra fields an admin added to every customer record, in the order forms show them. */
export const customerFields = pgTable(
  'customer_fields',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    label: text('label').notNull(),
    type: text('type').$type<'text' | 'number' | 'date' | 'choice' | 'yes_no'>().notNull(),
    options: text('options').array().notNull().default(sql`'{}'::text[]`),
    position: integer('position').notNull(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.key] })],
);

/** A batch of QR labels an admin created at once (and prints together), optionally for a campaign. */
export const labelBatches = pgTable(
  'label_batches',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    campaign: text('campaign').notNull().default(''),
    /** The request form its labels open; without one the customer picks. */
    formId: uuid('form_id').references((): AnyPgColumn => requestForms.id, { onDelete: 'set null' }),
    size: integer('size').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('label_batches_org_idx').on(t.orgId, t.createdAt)],
);

/**
 * A printed QR label: `token` is the unguessable part of its link, `code` the short code printed
 * under the QR (typed by a technician whose camera fails). `blank` until a field user gives it to
 * a customer; `retired` for good.
 */
export const labels = pgTable(
  'labels',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    batchId: uuid('batch_id')
      .notNull()
      .references(() => labelBatches.id, { onDelete: 'cascade' }),
    token: text('token').notNull(),
    code: text('code').notNull(),
    status: text('status').$type<'blank' | 'assigned' | 'retired'>().notNull().default('blank'),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    assignedBy: uuid('assigned_by').references(() => users.id, { onDelete: 'set null' }),
    assignedAt: timestamp('assigned_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('labels_token_idx').on(t.token),
    uniqueIndex('labels_org_code_idx').on(t.orgId, t.code),
    index('labels_batch_idx').on(t.batchId, t.code),
    index('labels_customer_idx').on(t.customerId),
    index('labels_assigned_by_idx').on(t.assignedBy, t.assignedAt),
    check('labels_status_check', sql`${t.status} in ('blank', 'assigned', 'retired')`),
  ],
);

/**
 * The one-time code a customer asked for at one of their labels, to be e-mailed to them: at most
 * one per customer (a new request replaces the row, and with it the old code), stored only as a
 * keyed hash. `id` changes with every request: the e-mail consumer derives the code from it (see
 * labels/customer-code.ts) and sends nothing once the row is gone, used, expired or replaced.
 */
export const customerCodes = pgTable(
  'customer_codes',
  {
    customerId: uuid('customer_id')
      .primaryKey()
      .references(() => customers.id, { onDelete: 'cascade' }),
    id: uuid('id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The label it was asked at: the code works there only. */
    labelId: uuid('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    codeHash: text('code_hash').notNull(),
    /** Wrong tries so far; at the limit the code is void. */
    tries: integer('tries').notNull().default(0),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    usedAt: timestamp('used_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('customer_codes_id_idx').on(t.id)],
);

/** What happened to a label, in order: created, assigned, reassigned, retired. */
export const labelEvents = pgTable(
  'label_events',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    labelId: uuid('label_id')
      .notNull()
      .references(() => labels.id, { onDelete: 'cascade' }),
    change: text('change').$type<'created' | 'assigned' | 'reassigned' | 'retired'>().notNull(),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    byUserId: uuid('by_user_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('label_events_label_idx').on(t.labelId, t.createdAt)],
);

/**
 * A request form of a service company. Admins edit `draft` and publish it as a new numbered
 * version (request_form_versions); customers always fill the latest published version, and a lead
 * keeps the version it was filled with, so editing a form never changes past leads.
 */
export const requestForms = pgTable(
  'request_forms',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    description: text('description').notNull().default(''),
    draft: jsonb('draft').$type<FormDefinitionRow>().notNull(),
    publishedVersion: integer('published_version'),
    archivedAt: timestamp('archived_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('request_forms_org_idx').on(t.orgId)],
);

export interface FormDefinitionRow {
  steps: { title: string; fields: FormFieldRow[] }[];
}
export interface FormFieldRow {
  key: string;
  type: string;
  label: string;
  help: string;
  required: boolean;
  options: string[];
  showIf: { field: string; equals: string | boolean } | null;
}

export const requestFormVersions = pgTable(
  'request_form_versions',
  {
    formId: uuid('form_id')
      .notNull()
      .references(() => requestForms.id, { onDelete: 'cascade' }),
    version: integer('version').notNull(),
    definition: jsonb('definition').$type<FormDefinitionRow>().notNull(),
    publishedBy: uuid('published_by').references(() => users.id, { onDelete: 'set null' }),
    publishedAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.formId, t.version] })],
);

/** A submitted form: the customer's request, worked from `new` to `converted` or `lost`. */
export const leads = pgTable(
  'leads',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    customerId: uuid('customer_id')
      .notNull()
      .references(() => customers.id, { onDelete: 'cascade' }),
    formId: uuid('form_id')
      .notNull()
      .references(() => requestForms.id, { onDelete: 'cascade' }),
    formVersion: integer('form_version').notNull(),
    answers: jsonb('answers').$type<Record<string, unknown>>().notNull(),
    status: text('status').$type<'new' | 'contacted' | 'converted' | 'lost'>().notNull().default('new'),
    lostReason: text('lost_reason'),
    labelId: uuid('label_id').references(() => labels.id, { onDelete: 'set null' }),
    batchId: uuid('batch_id').references(() => labelBatches.id, { onDelete: 'set null' }),
    campaign: text('campaign').notNull().default(''),
    conversationId: uuid('conversation_id'),
    /**
     * When staff first marked it contacted (or converted it straight away): the company's time to
     * answer, for the lead-source report. Kept on the row so the report reads no event log.
     */
    firstContactedAt: timestamp('first_contacted_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('leads_org_idx').on(t.orgId, t.createdAt),
    index('leads_customer_idx').on(t.customerId, t.createdAt),
    check('leads_status_check', sql`${t.status} in ('new', 'contacted', 'converted', 'lost')`),
  ],
);

/**
 * A file sent with a message. Uploaded first (no message yet: `message_id` null, `attached_at`
 * null), then attached by the send that names it. The bytes live in file storage under `id` (and
 * the thumbnail under `thumbnail_key`); the row outlives its message only as a note that those
 * bytes must go: when a message is deleted (its conversation erased) `message_id` becomes null
 * while `attached_at` stays, and the sweep job deletes the bytes, then the row. Uploads never
 * attached are swept the same way after ATTACHMENTS_UNSENT_HOURS.
 *
 * There is no conversation id here: a message's conversation decides who may see its files, so a
 * merge (which moves messages) moves their files with them.
 */
export const attachments = pgTable(
  'attachments',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** Who uploaded it, as messages name their sender (platform/actor senderKeyOf): only they may attach it. */
    uploaderKey: text('uploader_key').notNull(),
    messageId: uuid('message_id').references(() => messages.id, { onDelete: 'set null' }),
    kind: text('kind').$type<Attachment['kind']>().notNull(),
    name: text('name').notNull(),
    mime: text('mime').notNull(),
    byteSize: integer('byte_size').notNull(),
    width: integer('width'),
    height: integer('height'),
    thumbnailKey: uuid('thumbnail_key'),
    /**
     * Set while the file belongs to a canned response instead of a message: using the response
     * copies it into a fresh upload of whoever uses it, so a message never shares bytes with the
     * response (erasing one cannot take the other's file). Removing the response (set null, with
     * `attached_at` kept) leaves the row to the sweep, as an erased message does.
     */
    cannedResponseId: uuid('canned_response_id').references((): AnyPgColumn => cannedResponses.id, {
      onDelete: 'set null',
    }),
    createdAt: createdAt(),
    attachedAt: timestamp('attached_at', { withTimezone: true }),
  },
  (t) => [
    index('attachments_message_idx').on(t.messageId),
    index('attachments_canned_response_idx').on(t.cannedResponseId).where(sql`${t.cannedResponseId} is not null`),
    // the sweep's scan: files no message holds (unsent uploads, and those of erased messages)
    index('attachments_loose_idx').on(t.createdAt).where(sql`${t.messageId} is null`),
    check('attachments_kind_check', sql`${t.kind} in ('image', 'video', 'pdf', 'document')`),
  ],
);

/**
 * The e-mail outbox: one row per e-mail, written by the mail module's consumers from domain events
 * (`key`: the event and the recipient, so a redelivered event queues nothing twice). `queued` rows
 * are sent by whichever node claims them (`sending`, until `lease_until`: a node that dies mid-way
 * only delays the mail), retried with backoff, and end `sent` or `failed`; without SMTP settings
 * they are `kept` (stored and logged, never sent); `opted_out` when the recipient unsubscribed.
 */
export const emails = pgTable(
  'emails',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    template: text('template').notNull(),
    language: text('language').notNull(),
    toAddress: text('to_address').notNull(),
    toName: text('to_name'),
    subject: text('subject').notNull(),
    text: text('text').notNull(),
    html: text('html').notNull(),
    /** One-time codes and password links: sent even to someone who opted out. */
    essential: boolean('essential').notNull(),
    status: text('status')
      .$type<'queued' | 'sending' | 'sent' | 'failed' | 'kept' | 'opted_out'>()
      .notNull()
      .default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    sentAt: timestamp('sent_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('emails_key_key').on(t.key),
    index('emails_org_created_idx').on(t.orgId, t.createdAt),
    index('emails_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('queued', 'sending')`),
    check('emails_status_check', sql`${t.status} in ('queued', 'sending', 'sent', 'failed', 'kept', 'opted_out')`),
  ],
);

/**
 * New messages someone has not seen yet, one row per conversation and side (`staff` or `guest`):
 * the first unseen message opens it, later ones only move `last_seq`; when `due_at` passes, one
 * e-mail sums the burst up — unless it was read meanwhile — and the row goes.
 */
export const emailDigests = pgTable(
  'email_digests',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    audience: text('audience').$type<'staff' | 'guest'>().notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    firstSeq: integer('first_seq').notNull(),
    lastSeq: integer('last_seq').notNull(),
    dueAt: timestamp('due_at', { withTimezone: true }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.audience] }), index('email_digests_due_idx').on(t.dueAt)],
);

/** Addresses that asked (through a signed unsubscribe link) for no more non-essential e-mail from an organization. */
export const emailOptOuts = pgTable(
  'email_opt_outs',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    address: text('address').notNull(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.orgId, t.address] })],
);

/**
 * The organization's tags for conversations (admins keep them): a name unique in the organization
 * (case aside) and a colour (`#rrggbb`).
 */
export const tags = pgTable(
  'tags',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    color: text('color').notNull(),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [uniqueIndex('tags_org_name_key').on(t.orgId, sql`lower(${t.name})`)],
);

/** Which tags a conversation has; removing the tag or the conversation removes the row. */
export const conversationTags = pgTable(
  'conversation_tags',
  {
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    tagId: uuid('tag_id')
      .notNull()
      .references(() => tags.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    taggedBy: uuid('tagged_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.conversationId, t.tagId] }), index('conversation_tags_tag_idx').on(t.tagId)],
);

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/**
 * The full-text index of messages, written off the send path by the search module's durable
 * consumer (an expression index on messages would cost every send: measured +71 µs per insert).
 * No conversation id: merges move messages between conversations, so searches join messages for it.
 */
export const messageSearch = pgTable(
  'message_search',
  {
    messageId: uuid('message_id')
      .primaryKey()
      .references(() => messages.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    /** The text configuration the message was indexed with (english, german … or simple). */
    config: text('config').notNull(),
    document: tsvector('document').notNull(),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('message_search_document_idx').using('gin', t.document),
    index('message_search_org_created_idx').on(t.orgId, t.createdAt),
  ],
);

/**
 * A work item: a hotel task or a service company's work order (see protocol's work.ts). `sort_at`
 * is its time in every list — the window's start, else the due time, else when it was created —
 * kept by the service, so lists page on (sort_at, id) with one index.
 */
export const workItems = pgTable(
  'work_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'task' | 'work_order'>().notNull().default('task'),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    priority: text('priority').$type<Priority>().notNull().default('normal'),
    status: text('status')
      .$type<'open' | 'scheduled' | 'in_progress' | 'done' | 'cancelled'>()
      .notNull()
      .default('open'),
    cancelReason: text('cancel_reason'),
    assigneeId: uuid('assignee_id').references(() => users.id, { onDelete: 'set null' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    dueAt: timestamp('due_at', { withTimezone: true }),
    windowStart: timestamp('window_start', { withTimezone: true }),
    windowEnd: timestamp('window_end', { withTimezone: true }),
    sortAt: timestamp('sort_at', { withTimezone: true }).notNull().defaultNow(),
    roomId: uuid('room_id').references(() => rooms.id, { onDelete: 'set null' }),
    address: text('address').notNull().default(''),
    conversationId: uuid('conversation_id').references(() => conversations.id, { onDelete: 'set null' }),
    stayId: uuid('stay_id').references(() => stays.id, { onDelete: 'set null' }),
    leadId: uuid('lead_id').references(() => leads.id, { onDelete: 'set null' }),
    customerId: uuid('customer_id').references(() => customers.id, { onDelete: 'set null' }),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    doneAt: timestamp('done_at', { withTimezone: true }),
    /** The start (due time or window start) its assignee was last reminded of: a new time reminds again. */
    remindedFor: timestamp('reminded_for', { withTimezone: true }),
    /** The deadline (due time or window end) it was last escalated as overdue for: a new one escalates again. */
    overdueFor: timestamp('overdue_for', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('work_items_org_sort_idx').on(t.orgId, t.sortAt, t.id),
    index('work_items_assignee_idx').on(t.assigneeId, t.sortAt),
    index('work_items_conversation_idx').on(t.conversationId),
    check('work_items_kind_check', sql`${t.kind} in ('task', 'work_order')`),
    check('work_items_status_check', sql`${t.status} in ('open', 'scheduled', 'in_progress', 'done', 'cancelled')`),
    check('work_items_window_check', sql`(${t.windowStart} is null) = (${t.windowEnd} is null)`),
  ],
);

/** A step of a work item's checklist (internal: never shown to the guest). */
export const workChecklistItems = pgTable(
  'work_checklist_items',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    text: text('text').notNull(),
    done: boolean('done').notNull().default(false),
    position: integer('position').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('work_checklist_items_item_idx').on(t.workItemId, t.position)],
);

/** An internal note on a work item (never shown to the guest). */
export const workNotes = pgTable(
  'work_notes',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    authorId: uuid('author_id').references(() => users.id, { onDelete: 'set null' }),
    authorName: text('author_name').notNull(),
    body: text('body').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('work_notes_item_idx').on(t.workItemId, t.createdAt)],
);

/** Every change of a work item: who, what, when. */
export const workHistory = pgTable(
  'work_history',
  {
    id: bigserial('id', { mode: 'number' }).primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    actorId: uuid('actor_id').references(() => users.id, { onDelete: 'set null' }),
    actorName: text('actor_name'),
    action: text('action').notNull(),
    details: jsonb('details').$type<Record<string, unknown>>().notNull().default({}),
    createdAt: createdAt(),
  },
  (t) => [index('work_history_item_idx').on(t.workItemId, t.id)],
);

/**
 * The client operation ids a user's phone sent (its offline queue): a replayed op finds its row and
 * answers the stored result instead of applying again.
 */
export const workOps = pgTable(
  'work_ops',
  {
    userId: uuid('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    opId: text('op_id').notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    status: integer('status').notNull().default(200),
    result: jsonb('result').$type<unknown>(),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.opId] })],
);

/**
 * A photo of a work item: an upload (attachments, sniffed and re-encoded there) held by the item
 * instead of a message, so the sweep keeps it and only those who see the item may read it.
 */
export const workPhotos = pgTable(
  'work_photos',
  {
    attachmentId: uuid('attachment_id')
      .primaryKey()
      .references(() => attachments.id, { onDelete: 'cascade' }),
    workItemId: uuid('work_item_id')
      .notNull()
      .references(() => workItems.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    addedBy: uuid('added_by').references(() => users.id, { onDelete: 'set null' }),
    addedByName: text('added_by_name').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('work_photos_item_idx').on(t.workItemId, t.createdAt)],
);

/**
 * Outgoing webhooks of an organization: a URL, the event types it wants, and its signing secret.
 * The secret is kept as is (it signs every delivery); after a rotation the previous one also signs
 * until `previous_secret_expires_at`, so receivers can switch without losing a delivery.
 */
export const webhookEndpoints = pgTable(
  'webhook_endpoints',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    url: text('url').notNull(),
    description: text('description').notNull().default(''),
    eventTypes: jsonb('event_types').$type<string[]>().notNull(),
    enabled: boolean('enabled').notNull().default(true),
    /** Set when Frontdesk switched it off after failing deliveries; cleared when an admin switches it on. */
    disabledReason: text('disabled_reason'),
    secret: text('secret').notNull(),
    previousSecret: text('previous_secret'),
    previousSecretExpiresAt: timestamp('previous_secret_expires_at', { withTimezone: true }),
    secretRotatedAt: timestamp('secret_rotated_at', { withTimezone: true }),
    /** Deliveries given up in a row; a delivered one resets it. */
    failuresInARow: integer('failures_in_a_row').notNull().default(0),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('webhook_endpoints_org_idx').on(t.orgId)],
);

/**
 * A browser's Web Push subscription (README "Push notifications"): one row per device (its
 * endpoint), owned by one staff member, hotel guest or visitor (a customer chats as a visitor).
 * Deleted when the push service answers 404 or 410, when its owner unsubscribes, or with its owner.
 */
export const pushSubscriptions = pgTable(
  'push_subscriptions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').references(() => users.id, { onDelete: 'cascade' }),
    guestId: uuid('guest_id').references(() => stayGuests.id, { onDelete: 'cascade' }),
    visitorId: uuid('visitor_id').references(() => visitors.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    /** The device's P-256 public key and authentication secret (base64url): what a push is encrypted for. */
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    /** Sends that failed in a row (not 404/410: those delete it); a delivered one resets it. */
    failuresInARow: integer('failures_in_a_row').notNull().default(0),
    lastPushedAt: timestamp('last_pushed_at', { withTimezone: true }),
    createdAt: createdAt(),
  },
  (t) => [
    uniqueIndex('push_subscriptions_endpoint_key').on(t.endpoint),
    // the consumer first asks whether an event's organization has any device at all
    index('push_subscriptions_org_idx').on(t.orgId),
    index('push_subscriptions_user_idx').on(t.userId).where(sql`${t.userId} is not null`),
    index('push_subscriptions_guest_idx').on(t.guestId).where(sql`${t.guestId} is not null`),
    index('push_subscriptions_visitor_idx').on(t.visitorId).where(sql`${t.visitorId} is not null`),
    check('push_subscriptions_one_owner_check', sql`num_nonnulls(${t.userId}, ${t.guestId}, ${t.visitorId}) = 1`),
  ],
);

/**
 * One event for one endpoint, with its tries. `seq` orders the deliveries of a stream: one waits
 * while an earlier one of its endpoint and stream (not a replay) is still to be delivered.
 */
export const webhookDeliveries = pgTable(
  'webhook_deliveries',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    seq: bigserial('seq', { mode: 'number' }).notNull(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    endpointId: uuid('endpoint_id')
      .notNull()
      .references(() => webhookEndpoints.id, { onDelete: 'cascade' }),
    eventId: uuid('event_id').notNull(),
    eventType: text('event_type').notNull(),
    stream: text('stream').notNull(),
    /** The body sent, exactly (the signature covers these bytes). */
    body: text('body').notNull(),
    replayOf: uuid('replay_of'),
    status: text('status')
      .$type<'pending' | 'sending' | 'delivered' | 'failed' | 'given_up'>()
      .notNull()
      .default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull().defaultNow(),
    leaseUntil: timestamp('lease_until', { withTimezone: true }),
    requestHeaders: jsonb('request_headers').$type<Record<string, string>>(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    durationMs: integer('duration_ms'),
    lastError: text('last_error'),
    deliveredAt: timestamp('delivered_at', { withTimezone: true }),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    uniqueIndex('webhook_deliveries_event_key').on(t.endpointId, t.eventId).where(sql`${t.replayOf} is null`),
    index('webhook_deliveries_stream_idx').on(t.endpointId, t.stream, t.seq),
    index('webhook_deliveries_endpoint_created_idx').on(t.endpointId, t.createdAt),
    index('webhook_deliveries_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending', 'failed')`),
    check(
      'webhook_deliveries_status_check',
      sql`${t.status} in ('pending', 'sending', 'delivered', 'failed', 'given_up')`,
    ),
  ],
);

/**
 * Keys other systems use to act for one organization over REST. Only the SHA-256 of the secret is
 * kept; `prefix` (public, unique) finds the row and tells keys apart in lists.
 */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    scopes: jsonb('scopes').$type<string[]>().notNull(),
    prefix: text('prefix').notNull(),
    /** Hex SHA-256 of the whole key. */
    secretHash: text('secret_hash').notNull(),
    createdBy: uuid('created_by').references(() => users.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
    /** Updated at most once a minute per key. */
    lastUsedAt: timestamp('last_used_at', { withTimezone: true }),
    revokedAt: timestamp('revoked_at', { withTimezone: true }),
  },
  (t) => [uniqueIndex('api_keys_prefix_key').on(t.prefix), index('api_keys_org_idx').on(t.orgId)],
);

/**
 * The answers to POSTs sent with an `Idempotency-Key` (platform/idempotency.ts), per caller, for a
 * day: a retried creation gets the first answer again. `status` is null while the first request runs.
 */
export const idempotencyKeys = pgTable(
  'idempotency_keys',
  {
    /** Whose key: `key:<api key id>`, `staff:<user id>` or `guest:<guest or visitor id>`. */
    owner: text('owner').notNull(),
    key: text('key').notNull(),
    orgId: uuid('org_id').references(() => organizations.id, { onDelete: 'cascade' }),
    /** SHA-256 of the method, path and body the key was first used with. */
    fingerprint: text('fingerprint').notNull(),
    status: integer('status'),
    contentType: text('content_type'),
    body: text('body'),
    createdAt: createdAt(),
  },
  (t) => [primaryKey({ columns: [t.owner, t.key] }), index('idempotency_keys_created_idx').on(t.createdAt)],
);

/**
 * An organization's one-tap requests for its guests ("Extra towels", "Taxi"): a title per guest
 * language, what the guest fills in, and optionally a task created at once for a team.
 */
export const quickActions = pgTable(
  'quick_actions',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    titles: jsonb('titles').$type<Partial<Record<'en' | 'pl' | 'de', string>>>().notNull(),
    icon: text('icon').notNull().default(''),
    fields: jsonb('fields')
      .$type<{ count: { min: number; max: number } | null; time: boolean; note: boolean; photo: boolean }>()
      .notNull(),
    position: integer('position').notNull().default(0),
    enabled: boolean('enabled').notNull().default(true),
    /** The team a task is created for at once; null: the request is a message only. */
    taskTeamId: uuid('task_team_id').references(() => teams.id, { onDelete: 'set null' }),
    taskPriority: text('task_priority').$type<Priority>().notNull().default('normal'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [index('quick_actions_org_idx').on(t.orgId, t.position)],
);

/** One guest tap of a quick action: its message and the task it created (a retry finds them here). */
export const quickActionRequests = pgTable(
  'quick_action_requests',
  {
    messageId: uuid('message_id')
      .primaryKey()
      .references(() => messages.id, { onDelete: 'cascade' }),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    quickActionId: uuid('quick_action_id').references(() => quickActions.id, { onDelete: 'set null' }),
    workItemId: uuid('work_item_id').references(() => workItems.id, { onDelete: 'set null' }),
    createdAt: createdAt(),
  },
  (t) => [index('quick_action_requests_org_idx').on(t.orgId, t.createdAt)],
);

/** The counters of a metrics rollup row (see modules/metrics): durations in milliseconds, so sums are exact. */
const metricCounters = () => ({
  opened: integer('opened').notNull().default(0),
  firstResponses: integer('first_responses').notNull().default(0),
  firstResponseMs: bigint('first_response_ms', { mode: 'number' }).notNull().default(0),
  responses: integer('responses').notNull().default(0),
  responseMs: bigint('response_ms', { mode: 'number' }).notNull().default(0),
  resolutions: integer('resolutions').notNull().default(0),
  resolutionMs: bigint('resolution_ms', { mode: 'number' }).notNull().default(0),
  resolvedConversations: integer('resolved_conversations').notNull().default(0),
  reopens: integer('reopens').notNull().default(0),
  firstContactResolutions: integer('first_contact_resolutions').notNull().default(0),
  ratings: integer('ratings').notNull().default(0),
  ratingSum: integer('rating_sum').notNull().default(0),
  ratingsFourOrFive: integer('ratings_four_or_five').notNull().default(0),
  /** The rating distribution: ratings of one, two … five stars. */
  ratingsOneStar: integer('ratings_one_star').notNull().default(0),
  ratingsTwoStars: integer('ratings_two_stars').notNull().default(0),
  ratingsThreeStars: integer('ratings_three_stars').notNull().default(0),
  ratingsFourStars: integer('ratings_four_stars').notNull().default(0),
  ratingsFiveStars: integer('ratings_five_stars').notNull().default(0),
  slaBreaches: integer('sla_breaches').notNull().default(0),
  leadsCreated: integer('leads_created').notNull().default(0),
  leadsConverted: integer('leads_converted').notNull().default(0),
  /** Work items done for the first time, and the time from their creation to then, summed. */
  workCompleted: integer('work_completed').notNull().default(0),
  workCompletionMs: bigint('work_completion_ms', { mode: 'number' }).notNull().default(0),
  /** Of those, the ones that had a deadline (window end, else due time), and those done by then. */
  workWithDeadline: integer('work_with_deadline').notNull().default(0),
  workOnTime: integer('work_on_time').notNull().default(0),
  /**
   * Concurrency (a staff member's, for no team): the open requests assigned to them, summed over
   * the time (milliseconds × requests), the time they had at least one, and the most at once (a
   * maximum, not a sum: kept with greatest()).
   */
  concurrentMs: bigint('concurrent_ms', { mode: 'number' }).notNull().default(0),
  busyMs: bigint('busy_ms', { mode: 'number' }).notNull().default(0),
  peakConcurrent: integer('peak_concurrent').notNull().default(0),
  /**
   * The same three durations counting only the team's business hours (nights, closed weekdays and
   * holidays left out); a request of no team, or of a team open around the clock, counts all time.
   */
  firstResponseBusinessMs: bigint('first_response_business_ms', { mode: 'number' }).notNull().default(0),
  responseBusinessMs: bigint('response_business_ms', { mode: 'number' }).notNull().default(0),
  resolutionBusinessMs: bigint('resolution_business_ms', { mode: 'number' }).notNull().default(0),
});

/**
 * Service metrics kept as rollups (modules/metrics): what happened in one UTC hour, for one team
 * (null: none) and one staff member (null: none), as counters and sums, added to by the `metrics`
 * durable consumer. Neither team nor agent is a foreign key: the figures of a removed team or staff
 * member stay in the history.
 */
export const metricsHourly = pgTable(
  'metrics_hourly',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    teamId: uuid('team_id'),
    agentId: uuid('agent_id'),
    ...metricCounters(),
  },
  // one row per (organization, hour, team, agent), null team and agent included; its index answers
  // every hourly report (an organization's hours in a range)
  (t) => [unique('metrics_hourly_key').on(t.orgId, t.bucket, t.teamId, t.agentId).nullsNotDistinct()],
);

/**
 * The same counters per day on the organization's clock (its time zone when the event was counted):
 * what reports by day, agent or team read, 24 times fewer rows than the hours. A change of the
 * organization's time zone derives its days again from the hours.
 */
export const metricsDaily = pgTable(
  'metrics_daily',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    day: date('day').notNull(),
    teamId: uuid('team_id'),
    agentId: uuid('agent_id'),
    ...metricCounters(),
  },
  (t) => [unique('metrics_daily_key').on(t.orgId, t.day, t.teamId, t.agentId).nullsNotDistinct()],
);

/**
 * The same counters cut by one more dimension (README "Service metrics"): `kind` `tag` (`value`
 * the tag's id: what happened to requests while they had the tag) or `entry` (`value` room,
 * public_entry or customer_label: where the request came in), per UTC hour, team and staff member.
 * A row only where something was counted: a conversation's events add to its own entry point's
 * rows and to those of the tags it has, no more.
 */
export const metricsDimensionHourly = pgTable(
  'metrics_dimension_hourly',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'tag' | 'entry'>().notNull(),
    bucket: timestamp('bucket', { withTimezone: true }).notNull(),
    value: text('value').notNull(),
    teamId: uuid('team_id'),
    agentId: uuid('agent_id'),
    ...metricCounters(),
  },
  // a report reads one organization's rows of one kind over a range: the key's first three columns
  (t) => [
    unique('metrics_dimension_hourly_key')
      .on(t.orgId, t.kind, t.bucket, t.value, t.teamId, t.agentId)
      .nullsNotDistinct(),
  ],
);

/** metrics_dimension_hourly per day on the organization's clock (as metrics_daily is to metrics_hourly). */
export const metricsDimensionDaily = pgTable(
  'metrics_dimension_daily',
  {
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    kind: text('kind').$type<'tag' | 'entry'>().notNull(),
    day: date('day').notNull(),
    value: text('value').notNull(),
    teamId: uuid('team_id'),
    agentId: uuid('agent_id'),
    ...metricCounters(),
  },
  (t) => [
    unique('metrics_dimension_daily_key').on(t.orgId, t.kind, t.day, t.value, t.teamId, t.agentId).nullsNotDistinct(),
  ],
);

/**
 * What the metrics consumer remembers of one conversation to count the next event right: when the
 * guest first wrote and was first answered, whether a guest waits for a reply, who handled it, and
 * where its first-contact resolution was counted (to take it back from there on a reopen).
 * `lastSeq` and `applied` (the ids of the outbox events already counted) make a repeated event
 * change nothing.
 */
export const metricsConversations = pgTable(
  'metrics_conversations',
  {
    conversationId: uuid('conversation_id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id'),
    assigneeId: uuid('assignee_id'),
    openedAt: timestamp('opened_at', { withTimezone: true }),
    firstGuestAt: timestamp('first_guest_at', { withTimezone: true }),
    firstResponseAt: timestamp('first_response_at', { withTimezone: true }),
    awaitingSince: timestamp('awaiting_since', { withTimezone: true }),
    roundStartedAt: timestamp('round_started_at', { withTimezone: true }),
    resolutions: integer('resolutions').notNull().default(0),
    lastResolverId: uuid('last_resolver_id'),
    involved: uuid('involved').array().notNull().default(sql`'{}'::uuid[]`),
    fcrAt: timestamp('fcr_at', { withTimezone: true }),
    fcrTeamId: uuid('fcr_team_id'),
    fcrAgentId: uuid('fcr_agent_id'),
    /** Where the request came in (room, public_entry, customer_label); null until known. */
    entryPoint: text('entry_point').$type<EntryPoint>(),
    /**
     * The staff member it counts as open for (assigned and not resolved); null: nobody's. While it
     * is merged into another request: the one it counts for again if the merge is undone.
     */
    holderId: uuid('holder_id'),
    /** The tags it has now, and those it had when its first-contact resolution was counted. */
    tagIds: uuid('tag_ids').array().notNull().default(sql`'{}'::uuid[]`),
    fcrTagIds: uuid('fcr_tag_ids').array().notNull().default(sql`'{}'::uuid[]`),
    lastSeq: integer('last_seq').notNull().default(0),
    applied: uuid('applied').array().notNull().default(sql`'{}'::uuid[]`),
  },
  // a rebuild deletes an organization's
  (t) => [index('metrics_conversations_org_idx').on(t.orgId)],
);

/**
 * How many open requests each staff member holds for the metrics consumer, and since when: the
 * time from `since` to the next change is counted (per hour) at `open` requests.
 */
export const metricsAgents = pgTable(
  'metrics_agents',
  {
    agentId: uuid('agent_id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    open: integer('open').notNull().default(0),
    since: timestamp('since', { withTimezone: true }).notNull(),
  },
  // a rebuild deletes an organization's
  (t) => [index('metrics_agents_org_idx').on(t.orgId)],
);

/** The lead events the metrics consumer counted, by lead: a repeated one changes nothing. */
export const metricsLeads = pgTable('metrics_leads', {
  leadId: uuid('lead_id').primaryKey(),
  orgId: uuid('org_id')
    .notNull()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  applied: uuid('applied').array().notNull().default(sql`'{}'::uuid[]`),
});

/**
 * What the metrics consumer remembers of one work item to count its completion: when it was
 * created, its team and assignee now, the entry point of the request it came from, and when it was
 * first done (a second completion counts nothing). `applied`: the ids of the events already counted.
 */
export const metricsWorkItems = pgTable(
  'metrics_work_items',
  {
    workItemId: uuid('work_item_id').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    createdAt: timestamp('created_at', { withTimezone: true }),
    teamId: uuid('team_id'),
    assigneeId: uuid('assignee_id'),
    entryPoint: text('entry_point').$type<EntryPoint>(),
    completedAt: timestamp('completed_at', { withTimezone: true }),
    applied: uuid('applied').array().notNull().default(sql`'{}'::uuid[]`),
  },
  // a rebuild deletes an organization's
  (t) => [index('metrics_work_items_org_idx').on(t.orgId)],
);

/**
 * An organization's alert settings; no row: the defaults (3 stars, every language's suggested
 * words, mood on, 30 minutes). `words` null: the suggested words of every language.
 */
export const alertSettings = pgTable('alert_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  ratingThreshold: integer('rating_threshold').notNull().default(3),
  words: jsonb('words').$type<string[]>(),
  sentiment: boolean('sentiment').notNull().default(true),
  cooldownMinutes: integer('cooldown_minutes').notNull().default(30),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Alerts raised on conversations by the alerts consumer: one per causing event at most (`event_id`),
 * and none of the same kind for the same conversation within the organization's cool-down.
 * `detail` keeps what the alert says (rating, word, score, target, guest, room, team) as it was then.
 */
export const alerts = pgTable(
  'alerts',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    conversationId: uuid('conversation_id')
      .notNull()
      .references(() => conversations.id, { onDelete: 'cascade' }),
    teamId: uuid('team_id').references(() => teams.id, { onDelete: 'set null' }),
    kind: text('kind').$type<'low_rating' | 'alarming_word' | 'negative_mood' | 'sla_breach'>().notNull(),
    detail: jsonb('detail').$type<AlertDetail>().notNull(),
    eventId: uuid('event_id').notNull(),
    raisedAt: timestamp('raised_at', { withTimezone: true }).notNull(),
    acknowledgedAt: timestamp('acknowledged_at', { withTimezone: true }),
    acknowledgedBy: uuid('acknowledged_by').references(() => users.id, { onDelete: 'set null' }),
  },
  (t) => [
    uniqueIndex('alerts_event_kind_key').on(t.eventId, t.kind),
    index('alerts_org_raised_idx').on(t.orgId, t.raisedAt),
    index('alerts_conversation_kind_idx').on(t.conversationId, t.kind, t.raisedAt),
    check('alerts_kind_check', sql`${t.kind} in ('low_rating', 'alarming_word', 'negative_mood', 'sla_breach')`),
  ],
);

/** What an alert says beside its kind, as it was when raised. */
export interface AlertDetail {
  rating?: number;
  word?: string;
  score?: number;
  targetMinutes?: number;
  contactName: string | null;
  roomNumber: string | null;
  teamName: string | null;
}

/**
 * An organization's single sign-on through an OpenID Connect provider. The client secret is kept as
 * is (the token request sends it) and never shown again; `password_sign_in_disabled` closes the
 * password door for the organization's staff (never for the platform super admin).
 */
export const ssoSettings = pgTable('sso_settings', {
  orgId: uuid('org_id')
    .primaryKey()
    .references(() => organizations.id, { onDelete: 'cascade' }),
  enabled: boolean('enabled').notNull().default(false),
  issuer: text('issuer'),
  clientId: text('client_id'),
  clientSecret: text('client_secret'),
  allowSignUp: boolean('allow_sign_up').notNull().default(false),
  signUpRole: text('sign_up_role').notNull().default('agent'),
  passwordSignInDisabled: boolean('password_sign_in_disabled').notNull().default(false),
  updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
});

/**
 * Sign-ins sent to a provider and not back yet: the PKCE verifier and nonce stay here, found by the
 * `state` the browser brings back (with the same state in its short-lived cookie); used once.
 */
export const ssoSignIns = pgTable(
  'sso_sign_ins',
  {
    state: text('state').primaryKey(),
    orgId: uuid('org_id')
      .notNull()
      .references(() => organizations.id, { onDelete: 'cascade' }),
    codeVerifier: text('code_verifier').notNull(),
    nonce: text('nonce').notNull(),
    expiresAt: timestamp('expires_at', { withTimezone: true }).notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('sso_sign_ins_expires_idx').on(t.expiresAt)],
);
