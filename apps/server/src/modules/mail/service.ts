import type { EmailListQuery } from '@frontdesk/protocol';
import { and, desc, eq, lt, type SQL } from 'drizzle-orm';
import { emailOptOuts, emails, organizations } from '../../db/schema.js';
import { actorOrgId, type StaffActor } from '../../platform/actor.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { mailPolicy } from './policy.js';
import { readUnsubscribeToken } from './unsubscribe-token.js';

type EmailRow = typeof emails.$inferSelect;

/** The e-mails of the admin's organization, or of every organization for the platform owner (`all`). */
export async function listEmails(
  { db, actor }: ServiceContext<StaffActor>,
  query: EmailListQuery,
  scope: 'organization' | 'all',
): Promise<EmailRow[]> {
  const where: (SQL | undefined)[] = [];
  if (scope === 'all') {
    if (!mailPolicy.listAll(actor)) throw forbidden('Only the platform owner sees every organization’s e-mail');
  } else {
    if (!mailPolicy.list(actor)) throw forbidden('Only admins see the organization’s e-mail');
    where.push(eq(emails.orgId, actorOrgId(actor)));
  }
  if (query.status) where.push(eq(emails.status, query.status));
  if (query.before) where.push(lt(emails.createdAt, new Date(query.before)));
  return db
    .select()
    .from(emails)
    .where(and(...where))
    .orderBy(desc(emails.createdAt), desc(emails.id))
    .limit(query.limit);
}

export async function loadEmail({ db, actor }: ServiceContext<StaffActor>, id: string): Promise<EmailRow> {
  if (!(mailPolicy.list(actor) || mailPolicy.listAll(actor))) throw forbidden('Only admins see e-mails');
  const [row] = await db.select().from(emails).where(eq(emails.id, id));
  // another organization's e-mail is as unknown as a missing one
  if (!row || !mailPolicy.view(actor, row)) throw notFound('E-mail');
  return row;
}

/** What an unsubscribe link names, if it is genuine. */
export async function readUnsubscribe(ctx: ServiceContext, token: string) {
  const target = readUnsubscribeToken(ctx.config.sessionSecret, token);
  if (!target) throw new AppError('invalid_token', 'This unsubscribe link is not valid.');
  const [org] = await ctx.db
    .select({ name: organizations.name })
    .from(organizations)
    .where(eq(organizations.id, target.orgId));
  if (!org) throw new AppError('invalid_token', 'This unsubscribe link is not valid any more.');
  const [optedOut] = await ctx.db
    .select({ address: emailOptOuts.address })
    .from(emailOptOuts)
    .where(and(eq(emailOptOuts.orgId, target.orgId), eq(emailOptOuts.address, target.address)));
  return { ...target, organization: org.name, optedOut: !!optedOut };
}

/** Honours an unsubscribe link: no more non-essential e-mail from that organization to that address. */
export async function unsubscribe(ctx: ServiceContext, token: string) {
  const target = await readUnsubscribe(ctx, token);
  await ctx.db.insert(emailOptOuts).values({ orgId: target.orgId, address: target.address }).onConflictDoNothing();
  ctx.log.info({ orgId: target.orgId }, 'an address unsubscribed from non-essential e-mail');
  return target;
}
