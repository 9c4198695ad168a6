import type { CreateCannedResponseRequest, UpdateCannedResponseRequest } from '@frontdesk/protocol';
import { and, asc, eq, ilike, isNull, or, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { cannedResponses, conversations, organizations, rooms, stayGuests, stays, visitors } from '../../db/schema.js';
import type { StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, isUniqueViolation, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { type AttachmentRow, copyAsUploads } from '../attachments/index.js';
import { conversationPolicy } from '../conversations/index.js';
import { filesOf, setCannedFiles } from './files.js';
import { type FillContext, fillCanned } from './fill.js';
import { cannedPolicy } from './policy.js';
import type { CannedRow, CannedWithFiles } from './present.js';

const MAX_PER_SCOPE = 500;

function assertDesk(actor: StaffActor): string {
  if (!cannedPolicy.desk(actor) || !actor.orgId) throw forbidden('Only reception and admins use canned responses');
  return actor.orgId;
}

const shortcutTaken = (shortcut: string) =>
  new AppError('shortcut_taken', `There is already a canned response with the shortcut /${shortcut}`, { shortcut });

/** `%` and `_` typed by someone searching are literal characters, not patterns. */
const likeEscaped = (q: string) => q.replace(/[\\%_]/g, (c) => `\\${c}`);

/** What the variables stand for in a conversation the staff member sees (else not found). */
async function fillContextOf(db: Db, actor: StaffActor, conversationId: string): Promise<FillContext> {
  const [row] = await db
    .select({
      c: {
        orgId: conversations.orgId,
        guestId: conversations.guestId,
        visitorId: conversations.visitorId,
        teamId: conversations.teamId,
        assigneeId: conversations.assigneeId,
        status: conversations.status,
      },
      guestName: stayGuests.name,
      language: stayGuests.language,
      visitorName: visitors.name,
      room: rooms.number,
      orgName: organizations.name,
    })
    .from(conversations)
    .innerJoin(organizations, eq(organizations.id, conversations.orgId))
    .leftJoin(stayGuests, eq(stayGuests.id, conversations.guestId))
    .leftJoin(visitors, eq(visitors.id, conversations.visitorId))
    .leftJoin(stays, eq(stays.id, conversations.stayId))
    .leftJoin(rooms, eq(rooms.id, stays.roomId))
    .where(eq(conversations.id, conversationId));
  if (!row || !conversationPolicy.staffSees(actor, row.c)) throw notFound('Conversation');
  return {
    guestName: row.guestName ?? row.visitorName,
    room: row.room,
    agentName: actor.name,
    orgName: row.orgName,
    language: row.language,
  };
}

/**
 * The canned responses the staff member may use: the shared ones and their own, matching `q` by
 * shortcut (from its start; those first) or title and text; with `conversationId`, each filled in
 * for that conversation's guest.
 */
export async function listCanned(
  ctx: ServiceContext<StaffActor>,
  query: { q?: string; scope?: 'shared' | 'personal'; conversationId?: string; limit: number },
): Promise<{ rows: CannedWithFiles[]; filled: Map<string, string> }> {
  const { db, actor } = ctx;
  const orgId = assertDesk(actor);
  const fill = query.conversationId ? await fillContextOf(db, actor, query.conversationId) : undefined;
  const q = query.q?.replace(/^\//, '').trim();
  const prefix = q ? `${likeEscaped(q)}%` : undefined;
  const anywhere = q ? `%${likeEscaped(q)}%` : undefined;
  const scope =
    query.scope === 'shared'
      ? isNull(cannedResponses.ownerId)
      : query.scope === 'personal'
        ? eq(cannedResponses.ownerId, actor.userId)
        : or(isNull(cannedResponses.ownerId), eq(cannedResponses.ownerId, actor.userId));
  const rows = await db
    .select()
    .from(cannedResponses)
    .where(
      and(
        eq(cannedResponses.orgId, orgId),
        scope,
        prefix && anywhere
          ? or(
              ilike(cannedResponses.shortcut, prefix),
              ilike(cannedResponses.title, anywhere),
              ilike(cannedResponses.body, anywhere),
            )
          : undefined,
      ),
    )
    .orderBy(
      ...(prefix ? [sql`(case when ${cannedResponses.shortcut} ilike ${prefix} then 0 else 1 end)`] : []),
      asc(cannedResponses.shortcut),
      // the staff member's own before a shared one of the same shortcut
      sql`(${cannedResponses.ownerId} is null)`,
    )
    .limit(query.limit);
  const filled = new Map(fill ? rows.map((r) => [r.id, fillCanned(r.body, r.variants, fill)]) : []);
  return { rows: await withFiles(db, rows), filled };
}

async function withFiles(db: Db, rows: CannedRow[]): Promise<CannedWithFiles[]> {
  const files = await filesOf(
    db,
    rows.map((r) => r.id),
  );
  return rows.map((r) => ({ ...r, files: files.get(r.id) ?? [] }));
}

async function loadFor(db: Db, actor: StaffActor, id: string, lock = false): Promise<CannedRow> {
  const orgId = assertDesk(actor);
  const query = db
    .select()
    .from(cannedResponses)
    .where(and(eq(cannedResponses.id, id), eq(cannedResponses.orgId, orgId)));
  const [row] = lock ? await query.for('update') : await query;
  // another's personal one is private: as if it did not exist
  if (!row || !cannedPolicy.sees(actor, row)) throw notFound('Canned response');
  return row;
}

export async function getCanned(ctx: ServiceContext<StaffActor>, id: string): Promise<CannedWithFiles> {
  const [row] = await withFiles(ctx.db, [await loadFor(ctx.db, ctx.actor, id)]);
  return row as CannedWithFiles;
}

/**
 * The canned response's files copied as the staff member's own uploads, for the message they are
 * writing with it: the send then names them like any upload (and the message owns its copies).
 */
export async function copyCannedFiles(ctx: ServiceContext<StaffActor>, id: string) {
  const row = await loadFor(ctx.db, ctx.actor, id);
  const files: AttachmentRow[] = (await filesOf(ctx.db, [row.id])).get(row.id) ?? [];
  return copyAsUploads(ctx, files);
}

/** Adds a shared canned response (admins) or one of the staff member's own. */
export async function createCanned(
  ctx: ServiceContext<StaffActor>,
  input: CreateCannedResponseRequest,
): Promise<CannedWithFiles> {
  const { actor } = ctx;
  const orgId = assertDesk(actor);
  const shared = input.scope === 'shared';
  if (shared && !cannedPolicy.manageShared(actor)) throw forbidden('Only admins add shared canned responses');
  const ownerId = shared ? null : actor.userId;
  const [{ n } = { n: 0 }] = await ctx.db
    .select({ n: sql<number>`count(*)::int` })
    .from(cannedResponses)
    .where(
      and(
        eq(cannedResponses.orgId, orgId),
        ownerId ? eq(cannedResponses.ownerId, ownerId) : isNull(cannedResponses.ownerId),
      ),
    );
  if (n >= MAX_PER_SCOPE) throw new AppError('conflict', `At most ${MAX_PER_SCOPE} canned responses of each kind`);
  try {
    return await ctx.transact(async (tx) => {
      const [row] = await tx.db
        .insert(cannedResponses)
        .values({
          orgId,
          ownerId,
          shortcut: input.shortcut,
          title: input.title,
          body: input.text,
          variants: input.variants ?? {},
        })
        .returning();
      if (!row) throw new Error('insert returned nothing');
      await setCannedFiles(tx.db, actor, row, input.attachmentIds ?? [], ctx.config.attachments);
      const [withAll] = await withFiles(tx.db, [row]);
      return withAll as CannedWithFiles;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw shortcutTaken(input.shortcut);
    throw err;
  }
}

/** Changes a canned response: admins the shared ones, everyone their own. */
export async function updateCanned(
  ctx: ServiceContext<StaffActor>,
  id: string,
  changes: UpdateCannedResponseRequest,
): Promise<CannedWithFiles> {
  const { actor } = ctx;
  const set = {
    shortcut: changes.shortcut,
    title: changes.title,
    body: changes.text,
    variants: changes.variants,
  };
  try {
    return await ctx.transact(async (tx) => {
      const row = await loadFor(tx.db, actor, id, true);
      if (!cannedPolicy.edit(actor, row)) throw forbidden('Only admins change shared canned responses');
      if (Object.values(set).every((v) => v === undefined) && changes.attachmentIds === undefined) {
        return (await withFiles(tx.db, [row]))[0] as CannedWithFiles;
      }
      if (changes.attachmentIds !== undefined) {
        await setCannedFiles(tx.db, actor, row, changes.attachmentIds, ctx.config.attachments);
      }
      const [updated] = await tx.db
        .update(cannedResponses)
        .set({ ...set, updatedAt: new Date() })
        .where(eq(cannedResponses.id, id))
        .returning();
      return (await withFiles(tx.db, [updated ?? row]))[0] as CannedWithFiles;
    });
  } catch (err) {
    if (isUniqueViolation(err)) throw shortcutTaken(changes.shortcut ?? '');
    throw err;
  }
}

export async function removeCanned(ctx: ServiceContext<StaffActor>, id: string): Promise<void> {
  const { actor } = ctx;
  const row = await loadFor(ctx.db, actor, id);
  if (!cannedPolicy.edit(actor, row)) throw forbidden('Only admins remove shared canned responses');
  await ctx.db.delete(cannedResponses).where(eq(cannedResponses.id, id));
}
