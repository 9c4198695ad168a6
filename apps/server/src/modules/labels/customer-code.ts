import { createHmac, randomUUID, timingSafeEqual } from 'node:crypto';
import { LABEL_CODE_MAX_TRIES, LABEL_CODE_TTL_MINUTES } from '@frontdesk/protocol';
import { and, eq, gt, isNull, lt, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { customerCodes, customers } from '../../db/schema.js';
import type { AnonymousActor } from '../../platform/actor.js';
import { AppError } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';

/*
 * Why the code is derived, not stored: the e-mail goes out from a durable consumer that reads the
 * `customer.code_requested` event later (and again after a crash), so it must find the plain code
 * somewhere. The event log is kept for good and webhooks deliver every event type, so the code may
 * not be in the event; a plain or reversibly encrypted copy in the row would be one more secret at
 * rest. Instead the code is a keyed function of the row's random id and the server's secret (as
 * the welcome e-mail's set-password link is, auth/password-links.ts): the event carries only the
 * id, the row only a keyed hash of the code, and whoever has neither the secret nor the e-mail
 * cannot know the code. A new request gives the row a new id, so the old code dies with it.
 */
const codeOf = (secret: string, codeId: string): string => {
  const digest = createHmac('sha256', secret).update(`customer-code:${codeId}`).digest();
  return String(digest.readUInt32BE(0) % 1_000_000).padStart(6, '0');
};

/** Keyed, so that a copy of the table alone does not give up a six-digit code by trying them all. */
const hashOf = (secret: string, codeId: string, code: string): string =>
  createHmac('sha256', secret).update(`customer-code-hash:${codeId}:${code}`).digest('base64url');

/** "jan.kowalski@example.com" → "j•••@e•••.com": enough to recognise, too little to learn it. */
export function maskAddress(address: string): string {
  const [local = '', domain = ''] = address.trim().split('@');
  const dot = domain.lastIndexOf('.');
  const name = dot > 0 ? domain.slice(0, dot) : domain;
  const tld = dot > 0 ? domain.slice(dot) : '';
  return `${local.slice(0, 1)}•••@${name.slice(0, 1)}•••${tld}`;
}

export interface CodeTarget {
  orgId: string;
  labelId: string;
  customer: typeof customers.$inferSelect;
}

/**
 * A new one-time code for the customer of a label, replacing any earlier one: the row gets a new
 * id, no tries, and ten minutes. Records `customer.code_requested` (with the row's id only), which
 * the mail module turns into the e-mail. Rate limits are the caller's (scan.ts).
 */
export async function issueCustomerCode(ctx: ServiceContext<AnonymousActor>, target: CodeTarget) {
  const address = target.customer.emails[0];
  if (!address) {
    throw new AppError(
      'no_email_on_file',
      'We have no e-mail address for you, so we cannot send a code. Answer another question, or contact the company.',
    );
  }
  const id = randomUUID();
  const expiresAt = new Date(Date.now() + LABEL_CODE_TTL_MINUTES * 60_000);
  const codeHash = hashOf(ctx.config.sessionSecret, id, codeOf(ctx.config.sessionSecret, id));
  await ctx.transact(async (tx) => {
    const row = { id, orgId: target.orgId, labelId: target.labelId, codeHash, tries: 0, expiresAt, usedAt: null };
    await tx.db
      .insert(customerCodes)
      .values({ customerId: target.customer.id, ...row })
      .onConflictDoUpdate({ target: customerCodes.customerId, set: { ...row, createdAt: new Date() } });
    await tx.record({
      type: 'customer.code_requested',
      orgId: target.orgId,
      stream: `customer:${target.customer.id}`,
      data: { customerId: target.customer.id, labelId: target.labelId, codeId: id, expiresAt: expiresAt.toISOString() },
    });
  });
  return { sentTo: maskAddress(address), expiresAt };
}

const liveCode = (target: CodeTarget) =>
  and(
    eq(customerCodes.customerId, target.customer.id),
    eq(customerCodes.orgId, target.orgId),
    eq(customerCodes.labelId, target.labelId),
    isNull(customerCodes.usedAt),
    gt(customerCodes.expiresAt, new Date()),
    lt(customerCodes.tries, LABEL_CODE_MAX_TRIES),
  );

const codeExpired = () => new AppError('code_expired', 'This code has expired or was already used. Ask for a new one.');

/**
 * Checks a code the customer typed at this label, outside any transaction: the id of their live
 * code when it is right, null when it is wrong — then one try is counted (and kept: nothing rolls
 * it back), and at the limit the code is void. `code_expired` when there is no live code to try.
 */
export async function checkCustomerCode(db: Db, secret: string, target: CodeTarget, given: string) {
  const [row] = await db.select().from(customerCodes).where(liveCode(target));
  if (!row) throw codeExpired();
  const code = given.replace(/\s/g, '');
  const expected = Buffer.from(row.codeHash);
  const actual = Buffer.from(hashOf(secret, row.id, code));
  if (/^\d{6}$/.test(code) && expected.length === actual.length && timingSafeEqual(expected, actual)) return row.id;
  await db
    .update(customerCodes)
    .set({ tries: sql`${customerCodes.tries} + 1` })
    .where(eq(customerCodes.id, row.id));
  return null;
}

/** Spends a right code in the transaction that signs the customer in: of two devices racing, one wins. */
export async function spendCustomerCode(db: Db, target: CodeTarget, codeId: string): Promise<void> {
  const spent = await db
    .update(customerCodes)
    .set({ usedAt: new Date() })
    .where(and(liveCode(target), eq(customerCodes.id, codeId)))
    .returning({ id: customerCodes.id });
  if (!spent.length) throw codeExpired();
}

/**
 * The code of `codeId` to put in its e-mail, with its customer, while it can still be used; null
 * once it was used, replaced, voided or has expired (the e-mail is then not worth sending).
 */
export async function customerCodeToMail(db: Db, secret: string, codeId: string) {
  const [row] = await db
    .select({ code: customerCodes, customer: customers })
    .from(customerCodes)
    .innerJoin(customers, eq(customers.id, customerCodes.customerId))
    .where(
      and(
        eq(customerCodes.id, codeId),
        isNull(customerCodes.usedAt),
        gt(customerCodes.expiresAt, new Date()),
        lt(customerCodes.tries, LABEL_CODE_MAX_TRIES),
      ),
    );
  if (!row || row.customer.archivedAt) return null;
  return { code: codeOf(secret, codeId), expiresAt: row.code.expiresAt, customer: row.customer };
}
