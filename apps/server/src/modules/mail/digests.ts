import type { DomainEventOf } from '@frontdesk/protocol';
import { and, asc, eq, gte, inArray, isNull, lte, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { conversations, messages, organizations, stayGuests, users, visitors } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { rowsOf } from '../../platform/outbox/read.js';
import { guestLinks } from '../organizations/index.js';
import { type MailRequest, queueEmails } from './queue.js';
import { mailStrings } from './strings.js';

type Audience = 'staff' | 'guest';
const QUOTED = 3;
const QUOTE_LENGTH = 500;

/** What a run of messages leaves in one conversation's digests (see noteNewMessages). */
interface Burst {
  conversationId: string;
  orgId: string;
  audience: Audience;
  firstSeq: number;
  lastSeq: number;
  dueAt: Date;
  /** The other side wrote earlier in the same batch: its digest for this audience is gone. */
  fresh: boolean;
}

/**
 * The first unseen message of a burst opens a digest for the other side, due after the delay;
 * later ones only move its end. Whoever writes has seen the thread: their own digest goes.
 * Nothing here runs in the send's transaction — the consumer reads the messages table's log.
 *
 * A batch of events comes to the same as taking them one by one, in two statements: per
 * conversation only the last run of one side's messages matters — it closes that side's digest
 * and opens or extends the other's (from scratch when the other side wrote earlier in the batch,
 * since that message closed it).
 */
export async function noteNewMessages(
  db: Db,
  delayMs: number,
  events: readonly DomainEventOf<'message.created'>[],
): Promise<void> {
  const bursts = new Map<string, Burst>();
  for (const event of events) {
    const { sender, conversationId, seq, event: systemEvent } = event.data;
    if (systemEvent || sender.type === 'system' || !event.orgId) continue;
    const audience: Audience = sender.type === 'staff' ? 'guest' : 'staff';
    const current = bursts.get(conversationId);
    if (current?.audience === audience) {
      current.lastSeq = Math.max(current.lastSeq, seq);
      continue;
    }
    bursts.set(conversationId, {
      conversationId,
      orgId: event.orgId,
      audience,
      firstSeq: seq,
      lastSeq: seq,
      dueAt: new Date(new Date(event.occurredAt).getTime() + delayMs),
      fresh: current !== undefined,
    });
  }
  if (!bursts.size) return;
  const all = [...bursts.values()];
  const writer = (b: Burst): Audience => (b.audience === 'staff' ? 'guest' : 'staff');
  const closed = all.flatMap((b) => [
    sql`(${b.conversationId}::uuid, ${writer(b)})`,
    ...(b.fresh ? [sql`(${b.conversationId}::uuid, ${b.audience})`] : []),
  ]);
  await db.transaction(async (tx) => {
    await tx.execute(
      sql`delete from email_digests where (conversation_id, audience) in (${sql.join(closed, sql`, `)})`,
    );
    const rows = all.map(
      (b) =>
        sql`(${b.conversationId}::uuid, ${b.audience}, ${b.orgId}::uuid, ${b.firstSeq}::int, ${b.lastSeq}::int, ${b.dueAt.toISOString()}::timestamptz)`,
    );
    await tx.execute(sql`
      insert into email_digests (conversation_id, audience, org_id, first_seq, last_seq, due_at)
      values ${sql.join(rows, sql`, `)}
      on conflict (conversation_id, audience) do update set last_seq = greatest(email_digests.last_seq, excluded.last_seq)`);
  });
}

interface DueDigest {
  conversation_id: string;
  audience: Audience;
  org_id: string;
  first_seq: number;
  last_seq: number;
}

/**
 * Turns the digests that fell due into e-mails: one per burst, to the assignee who is offline (no
 * connection) or to the guest or visitor with a known e-mail address — none when they read the
 * messages meanwhile. Each digest is taken (deleted) in the transaction that queues its e-mail,
 * so two nodes never both send it.
 */
export async function sendDueDigests(ctx: AppContext): Promise<number> {
  let queued = 0;
  for (;;) {
    const taken = await ctx.db.transaction(async (tx) => {
      const [due] = await rowsOf<DueDigest>(
        tx,
        sql`delete from email_digests where (conversation_id, audience) = (
              select conversation_id, audience from email_digests where due_at <= now()
              order by due_at limit 1 for update skip locked)
            returning conversation_id, audience, org_id, first_seq, last_seq`,
      );
      if (!due) return null;
      const request = await digestMail(tx, ctx, due);
      if (request) queued += await queueEmails(tx, ctx, [request]);
      return due;
    });
    if (!taken) return queued;
  }
}

async function digestMail(db: Db, ctx: AppContext, due: DueDigest): Promise<MailRequest | null> {
  const [c] = await db
    .select({
      id: conversations.id,
      assigneeId: conversations.assigneeId,
      guestId: conversations.guestId,
      visitorId: conversations.visitorId,
      staffReadSeq: conversations.staffReadSeq,
      guestReadSeq: conversations.guestReadSeq,
      mergedIntoId: conversations.mergedIntoId,
      slug: organizations.slug,
    })
    .from(conversations)
    .innerJoin(organizations, eq(organizations.id, conversations.orgId))
    .where(and(eq(conversations.id, due.conversation_id), isNull(conversations.mergedIntoId)));
  if (!c) return null;
  const readSeq = due.audience === 'staff' ? c.staffReadSeq : c.guestReadSeq;
  if (readSeq >= due.last_seq) return null;
  const contact = await contactOf(db, c.guestId, c.visitorId);
  const unseen = await db
    .select({ body: messages.body })
    .from(messages)
    .where(
      and(
        eq(messages.conversationId, c.id),
        gte(messages.seq, Math.max(due.first_seq, readSeq + 1)),
        lte(messages.seq, due.last_seq),
        isNull(messages.event),
        due.audience === 'staff'
          ? inArray(messages.senderType, ['guest', 'visitor'])
          : eq(messages.senderType, 'staff'),
      ),
    )
    .orderBy(asc(messages.seq));
  if (!unseen.length) return null;
  const quotes = unseen.slice(-QUOTED).map((m) => m.body.slice(0, QUOTE_LENGTH));
  const key = `digest:${c.id}:${due.audience}:${due.first_seq}`;
  if (due.audience === 'staff') {
    if (!c.assigneeId) return null;
    const [assignee] = await db.select().from(users).where(eq(users.id, c.assigneeId));
    if (!assignee?.active) return null;
    if ((await ctx.availability.present(due.org_id)).has(assignee.id)) return null;
    return {
      key,
      orgId: due.org_id,
      template: 'new_messages_staff',
      to: { address: assignee.email, name: assignee.name },
      params: (language) => ({
        contact: contact?.name || mailStrings[language].aGuest,
        count: unseen.length,
        quotes,
        url: `${ctx.config.publicUrl}/app?c=${c.id}`,
      }),
    };
  }
  if (!contact?.email) return null;
  const url = contact.code
    ? guestLinks.stayGuest(ctx.config.publicUrl, c.slug, contact.code)
    : `${ctx.config.publicUrl}/g/${c.slug}`;
  return {
    key,
    orgId: due.org_id,
    template: 'new_messages_guest',
    to: { address: contact.email, name: contact.name, language: contact.language },
    params: () => ({ count: unseen.length, quotes, url }),
  };
}

async function contactOf(db: Db, guestId: string | null, visitorId: string | null) {
  if (guestId) {
    const [g] = await db.select().from(stayGuests).where(eq(stayGuests.id, guestId));
    return g ? { name: g.name, email: g.email, language: g.language, code: g.code } : null;
  }
  if (visitorId) {
    const [v] = await db.select().from(visitors).where(eq(visitors.id, visitorId));
    return v ? { name: v.name, email: v.email, language: null, code: null } : null;
  }
  return null;
}
