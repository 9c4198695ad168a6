import type { VerificationKind } from '@frontdesk/protocol';
import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { customers, labelBatches, labels, organizations, visitors } from '../../db/schema.js';
import type { AnonymousActor } from '../../platform/actor.js';
import { AppError, notFound } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { type CodeTarget, checkCustomerCode, issueCustomerCode, spendCustomerCode } from './customer-code.js';

/** What a scan of a label finds: the label, its company, and (never shown before verification) its customer. */
async function labelByToken(db: Db, token: string) {
  const [row] = await db
    .select({ label: labels, org: organizations, customer: customers })
    .from(labels)
    .innerJoin(organizations, eq(organizations.id, labels.orgId))
    .leftJoin(customers, eq(customers.id, labels.customerId))
    .where(eq(labels.token, token));
  if (!row?.org.active || row.org.kind !== 'service') throw notFound('Label');
  return row;
}

type Customer = typeof customers.$inferSelect;

const digits = (text: string) => text.replace(/\D/g, '');
const postcodeOf = (text: string) => text.toUpperCase().replace(/[\s-]/g, '');

/** The questions this customer can answer: only about what their record holds. */
function challengesOf(customer: Customer | null): VerificationKind[] {
  if (!customer || customer.archivedAt) return [];
  const kinds: VerificationKind[] = [];
  if (customer.phones.some((p) => digits(p).length >= 4)) kinds.push('phone_last4');
  if (customer.serviceAddress?.postcode) kinds.push('postcode');
  if (customer.emails.length > 0) kinds.push('email_code');
  return kinds;
}

/** The questions a customer answers from memory (the e-mailed code is checked against its row). */
function answers(customer: Customer, kind: Exclude<VerificationKind, 'email_code'>, answer: string): boolean {
  if (kind === 'phone_last4') {
    const given = digits(answer);
    return given.length === 4 && customer.phones.some((p) => digits(p).slice(-4) === given);
  }
  const given = postcodeOf(answer);
  const postcode = customer.serviceAddress?.postcode;
  return given.length > 0 && !!postcode && postcodeOf(postcode) === given;
}

/** A scanned label as its holder sees it: its status and company, never whose it is. */
export async function scanLabel(db: Db, token: string) {
  const { label, org, customer } = await labelByToken(db, token);
  const status = label.status === 'assigned' && (!customer || customer.archivedAt) ? 'retired' : label.status;
  return { status, org, challenges: status === 'assigned' ? challengesOf(customer) : [] };
}

/** The label a customer holds, when it is in use: else `label_not_assigned`, politely. */
async function assignedLabel(db: Db, token: string): Promise<CodeTarget & { org: typeof organizations.$inferSelect }> {
  const { label, org, customer } = await labelByToken(db, token);
  if (label.status !== 'assigned' || !customer || customer.archivedAt) {
    throw new AppError('label_not_assigned', `This label is not in use. Please contact ${org.name}.`);
  }
  return { org, orgId: org.id, labelId: label.id, customer };
}

/**
 * "E-mail me a code": a one-time code for the label's customer, sent to their address on file
 * (the answer shows it masked). Every request counts, per label (from any address) and per
 * address (at any label), so nobody floods a customer's mailbox.
 */
export async function requestCodeAtLabel(ctx: ServiceContext<AnonymousActor>, token: string) {
  const limits = ctx.limits.guest;
  await limits.labelCodesPerIp.consume(ctx.request.ip ?? 'unknown');
  await limits.labelCodesPerLabel.consume(token);
  return issueCustomerCode(ctx, await assignedLabel(ctx.db, token));
}

/**
 * The customer proves who they are at their label. Wrong answers are counted per label (from any
 * address) and per address (at any label); past either budget every answer gets `rate_limited`
 * until the window passes. A right answer gives the identity the device chats as: the customer's
 * one visitor record (made on their first verification), so every device of theirs sees the same
 * requests. An e-mailed code counts the same way, and also voids itself after a few wrong tries.
 */
export async function verifyAtLabel(
  ctx: ServiceContext<AnonymousActor>,
  token: string,
  input: { kind: VerificationKind; answer: string },
): Promise<{ orgId: string; visitorId: string }> {
  const limits = ctx.limits.guest;
  const ip = ctx.request.ip ?? 'unknown';
  await limits.labelAnswersPerIp.check(ip);
  await limits.labelAnswersPerLabel.check(token);
  const target = await assignedLabel(ctx.db, token);
  const { org, customer } = target;
  const refuse = async (): Promise<never> => {
    await limits.labelAnswersPerLabel.consume(token);
    await limits.labelAnswersPerIp.consume(ip);
    throw new AppError('verification_failed', 'That does not match what we have. Check it and try again.');
  };
  let codeId: string | null = null;
  if (input.kind === 'email_code') {
    try {
      codeId = await checkCustomerCode(ctx.db, ctx.config.sessionSecret, target, input.answer);
    } catch (err) {
      // a guess at a code that is gone still counts as a wrong answer
      await limits.labelAnswersPerLabel.consume(token);
      await limits.labelAnswersPerIp.consume(ip);
      throw err;
    }
    if (!codeId) await refuse();
  } else if (!challengesOf(customer).includes(input.kind) || !answers(customer, input.kind, input.answer)) {
    await refuse();
  }
  return ctx.transact(async (tx) => {
    if (codeId) await spendCustomerCode(tx.db, target, codeId);
    const [visitor] = await tx.db
      .insert(visitors)
      .values({
        orgId: org.id,
        customerId: customer.id,
        name: customer.name,
        email: customer.emails[0] ?? null,
        topic: '',
      })
      .onConflictDoUpdate({
        target: visitors.customerId,
        targetWhere: sql`${visitors.customerId} is not null`,
        set: { name: customer.name, email: customer.emails[0] ?? null },
      })
      .returning({ id: visitors.id });
    if (!visitor) throw new Error('upsert returned nothing');
    await tx.record({
      type: 'customer.verified',
      orgId: org.id,
      stream: `customer:${customer.id}`,
      data: { customerId: customer.id, labelId: target.labelId, visitorId: visitor.id, kind: input.kind },
    });
    return { orgId: org.id, visitorId: visitor.id };
  });
}

/** The label a customer scanned, when it is theirs: the source of their request. */
export async function labelOfCustomer(db: Db, orgId: string, customerId: string, token: string) {
  const [row] = await db
    .select({ id: labels.id, code: labels.code, batchId: labels.batchId, campaign: labelBatches.campaign })
    .from(labels)
    .innerJoin(labelBatches, eq(labelBatches.id, labels.batchId))
    .where(and(eq(labels.token, token), eq(labels.orgId, orgId), eq(labels.customerId, customerId)));
  return row ?? null;
}
