import type { DomainEvent, DomainEventOf } from '@frontdesk/protocol';
import { like } from 'drizzle-orm';
import { emails } from '../../db/schema.js';
import type { AppContext } from '../../platform/context.js';
import type { DurableConsumer } from '../../platform/outbox/consumers.js';
import type { JobDefinition } from '../../platform/outbox/job-runner.js';
import { noteNewMessages, sendDueDigests } from './digests.js';
import { mailEventTypes, mailsOn } from './mails.js';
import { queueEmails } from './queue.js';
import { MailSender } from './sender.js';

const senders = new WeakMap<AppContext, MailSender>();

/** This node's sender (one per server). */
export function senderOf(ctx: AppContext): MailSender {
  let sender = senders.get(ctx);
  if (!sender) {
    sender = new MailSender(ctx.db, ctx.config.mail, (err) => ctx.log.warn({ err }, 'sending e-mail failed'));
    senders.set(ctx, sender);
  }
  return sender;
}

/**
 * The e-mails of an event are worked out and stored in one transaction; an event seen again
 * (at-least-once delivery) finds them stored and queues nothing.
 */
async function queueMailsOf(ctx: AppContext, event: DomainEvent): Promise<number> {
  const make = mailsOn[event.type] as
    | ((...args: unknown[]) => ReturnType<NonNullable<(typeof mailsOn)['staff.added']>>)
    | undefined;
  if (!make) return 0;
  return ctx.db.transaction(async (tx) => {
    const [done] = await tx
      .select({ id: emails.id })
      .from(emails)
      .where(like(emails.key, `${event.id}:%`))
      .limit(1);
    if (done) return 0;
    return queueEmails(tx, ctx, await make(tx, ctx, event));
  });
}

/** One statement pair for a whole batch of messages: on the embedded database every statement counts. */
function noteNewMessagesOf(ctx: AppContext, events: readonly DomainEvent[]): Promise<void> {
  const messages = events.filter((e): e is DomainEventOf<'message.created'> => e.type === 'message.created');
  return noteNewMessages(ctx.db, ctx.config.mail.messageDelayMs, messages);
}

export const mailConsumers = (ctx: AppContext): DurableConsumer[] => [
  {
    name: 'mail',
    types: mailEventTypes,
    async handle(event) {
      if (await queueMailsOf(ctx, event)) senderOf(ctx).wake();
    },
  },
  {
    name: 'mail-new-messages',
    types: ['message.created'],
    handle: (event) => noteNewMessagesOf(ctx, [event]),
    handleBatch: (events) => noteNewMessagesOf(ctx, events),
  },
];

export const mailJobs = (ctx: AppContext): JobDefinition[] => [
  {
    name: 'mail-send',
    everyMs: 10_000,
    run: async () => ({ sent: await senderOf(ctx).sendDue() }),
  },
  {
    name: 'mail-new-messages',
    everyMs: 5_000,
    async run() {
      const queued = await sendDueDigests(ctx);
      if (queued) senderOf(ctx).wake();
      return { queued };
    },
  },
];
