import { and, eq, inArray, lte, or, sql } from 'drizzle-orm';
import { scheduledMessages } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import { AppError } from '../../platform/errors.js';
import type { JobDefinition } from '../../platform/outbox/job-runner.js';
import { serviceContext } from '../../platform/service-context.js';
import { staffActorOf } from '../auth/index.js';
import { sendAsStaff } from '../conversations/index.js';

/** How long a node holds a claimed message: one that died sending it is retried by any node after this. */
const CLAIM_MS = 2 * 60_000;
/** Tries of a message whose send fails unexpectedly (the database away …) before it is marked failed. */
const MAX_ATTEMPTS = 5;
const BATCH = 50;

/** The client id a scheduled message is sent under: a retry after a crash is stored once (see send.ts). */
export const scheduledClientId = (id: string) => `scheduled-${id}`;

/**
 * Sends the scheduled messages that are due, as their authors, through the normal staff send — so
 * the fan-out, the SLA clock, taking a queued request and the receipts behave as for a reply typed
 * then. Exactly once across nodes and restarts:
 *
 * - a message is claimed by one UPDATE that names its status (`scheduled`, or `sending` with an
 *   expired claim) and skips rows another node is claiming: two nodes never both take it;
 * - the send uses a client id derived from the message, so a node that dies after sending and
 *   before marking it sent leaves a claim that expires, and the next claim's send finds the message
 *   already stored and only marks it.
 *
 * A request resolved meanwhile still gets it, as a follow-up (a staff reply does not reopen a
 * resolved request; the guest's answer does). A send the service refuses — the author was
 * deactivated or no longer sees the request, the request was erased — marks the message failed,
 * with the reason shown to the desk.
 */
export async function sendDueScheduledMessages(app: AppContext, runId: string | null = null): Promise<number> {
  const { db } = app;
  const due = or(
    and(eq(scheduledMessages.status, 'scheduled'), lte(scheduledMessages.sendAt, sql`now()`)),
    and(eq(scheduledMessages.status, 'sending'), lte(scheduledMessages.claimedUntil, sql`now()`)),
  );
  const claimed = await db
    .update(scheduledMessages)
    .set({
      status: 'sending',
      claimedUntil: sql`now() + ${CLAIM_MS} * interval '1 millisecond'`,
      attempts: sql`${scheduledMessages.attempts} + 1`,
      updatedAt: sql`now()`,
    })
    .where(
      and(
        due,
        inArray(
          scheduledMessages.id,
          db
            .select({ id: scheduledMessages.id })
            .from(scheduledMessages)
            .where(due)
            .orderBy(scheduledMessages.sendAt)
            .limit(BATCH)
            .for('update', { skipLocked: true }),
        ),
      ),
    )
    .returning();
  let sent = 0;
  for (const s of claimed) {
    const mine = and(eq(scheduledMessages.id, s.id), eq(scheduledMessages.status, 'sending'));
    const fail = (code: string, message: string) =>
      db
        .update(scheduledMessages)
        .set({
          status: 'failed',
          failureCode: code,
          failureMessage: message,
          claimedUntil: null,
          updatedAt: sql`now()`,
        })
        .where(mine);
    try {
      const author = await staffActorOf(db, s.authorId, `scheduled:${s.id}`);
      if (!author || author.orgId !== s.orgId) {
        await fail('account_inactive', 'Its author can no longer write here (account or organization inactive).');
        continue;
      }
      const ctx = serviceContext(app, author, { ip: null, userAgent: null, requestId: runId });
      const result = await sendAsStaff(ctx, {
        conversationId: s.conversationId,
        clientId: scheduledClientId(s.id),
        text: s.body,
      });
      await db
        .update(scheduledMessages)
        .set({
          status: 'sent',
          messageId: result.message.id,
          sentAt: sql`now()`,
          claimedUntil: null,
          updatedAt: sql`now()`,
        })
        .where(mine);
      sent++;
    } catch (err) {
      if (err instanceof AppError) await fail(err.code, err.message);
      else if (s.attempts >= MAX_ATTEMPTS)
        await fail('internal_error', 'It could not be sent; please send it by hand.');
      else app.log.warn({ err, scheduledId: s.id }, 'scheduled message not sent; retried when its claim ends');
    }
  }
  return sent;
}

/** Looks for due scheduled messages every 5 s (the job runner's tick): one goes at most ~10 s late. */
export const scheduledJobs = (ctx: AppContext): JobDefinition[] => [
  {
    name: 'send-scheduled-messages',
    everyMs: 5_000,
    run: async (runId) => ({ sent: await sendDueScheduledMessages(ctx, runId) }),
  },
];
