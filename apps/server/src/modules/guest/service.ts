import { and, eq, sql } from 'drizzle-orm';
import type { Db } from '../../db/connection.js';
import { organizations, rooms, stayGuests, stays, visitors } from '../../db/schema.js';
import type { AnonymousActor, GuestActor } from '../../platform/actor.js';
import { presentAttachmentLimits } from '../../platform/attachment-limits.js';
import { AppError, notFound } from '../../platform/errors.js';
import { languageOf } from '../../platform/i18n.js';
import type { GuestLimits } from '../../platform/limits.js';
import type { ServiceContext } from '../../platform/service-context.js';
import { formatStayDate, formatStayTime, stayEnd } from '../stays/index.js';
import { guestDesk } from './desk.js';
import { createGuestSession, guestAccess, loadVisitor } from './sessions.js';

export type OrgRow = typeof organizations.$inferSelect;

/** Where a guessing attack on an organization's codes is reported (the app's logger). */
export interface GuestLoginLog {
  warn(details: object, message: string): void;
}

/** An active organization by its public slug (the part of the QR link after /g/). */
export async function loadPublicOrganization(db: Db, slug: string): Promise<OrgRow> {
  const [org] = await db.select().from(organizations).where(eq(organizations.slug, slug));
  if (!org?.active) throw notFound('Organization');
  return org;
}

/**
 * Signs a guest in with the access code from their key card. Wrong codes count against the
 * caller's address, which is refused once it has spent its budget; a valid code from any other
 * address always works, however many wrong ones others send — the codes are long enough that
 * guessing is hopeless without an organization-wide lock (see codes.ts). Only a stay that is
 * current opens a session: after check-out the code opens nothing new, and only sessions that
 * existed before keep their read-only grace period.
 */
export async function guestLogin(ctx: ServiceContext<AnonymousActor>, slug: string, code: string) {
  const { db, log } = ctx;
  const limits = ctx.limits.guest;
  const ip = ctx.request.ip ?? 'unknown';
  await limits.codePerIp.check(ip);
  const org = await loadPublicOrganization(db, slug);
  const [row] = await db
    .select({ guest: stayGuests, stay: stays })
    .from(stayGuests)
    .innerJoin(stays, eq(stays.id, stayGuests.stayId))
    .where(and(eq(stayGuests.code, code), eq(stayGuests.orgId, org.id)));
  if (!row) {
    await countFailure(limits, log, org.id);
    await limits.codePerIp.consume(ip);
    throw new AppError('code_unknown', 'We do not know this code. Check it on your key card or ask reception.');
  }
  const language = row.guest.language ?? org.language;
  if (row.stay.checkInAt.getTime() > Date.now()) {
    throw new AppError(
      'stay_not_started',
      `Your code works from ${formatStayTime(row.stay.checkInAt, org.timezone, language)}.`,
      { checkInAt: row.stay.checkInAt.toISOString() },
    );
  }
  const access = guestAccess(row.stay, org.guestGraceHours);
  if (access?.access !== 'active') {
    // A welcome card left in the room must not open the previous guest's history to the next one.
    const endedAt = stayEnd(row.stay) ?? row.stay.checkOutAt;
    throw new AppError(
      'stay_ended',
      `This stay ended on ${formatStayDate(endedAt, org.timezone, language)} — please ask reception for a new code.`,
      { endedAt: endedAt.toISOString() },
    );
  }
  // Far enough for any extension of the stay; whether the session still works is decided by the stay itself.
  const expiresAt = new Date(access.readOnlyUntil.getTime() + 366 * 24 * 3600 * 1000);
  const { token } = await createGuestSession(db, { orgId: org.id, guestId: row.guest.id, expiresAt });
  return { token, expiresAt };
}

/** Counts a wrong code against the organization and logs, once a window, when many arrive. */
async function countFailure(limits: GuestLimits, log: GuestLoginLog, orgId: string): Promise<void> {
  try {
    await limits.codeFailuresPerOrg.consume(orgId);
  } catch {
    try {
      await limits.codeAlertPerOrg.consume(orgId);
      log.warn({ orgId }, 'many wrong guest codes for one organization: someone may be guessing');
    } catch {
      // already reported in this window (or the counter is unavailable): the guest's answer is the same
    }
  }
}

/** Starts an anonymous visitor's session from the organization's public entry point, when it is on. */
export async function startVisit(
  ctx: ServiceContext<AnonymousActor>,
  slug: string,
  input: { name: string; email?: string; topic: string },
) {
  const { db } = ctx;
  await ctx.limits.guest.visitorPerIp.consume(ctx.request.ip ?? 'unknown');
  const org = await loadPublicOrganization(db, slug);
  if (!org.publicEntryEnabled) {
    throw new AppError('public_entry_disabled', `${org.name} does not take visitor chats here at the moment.`);
  }
  const [visitor] = await db
    .insert(visitors)
    .values({ orgId: org.id, name: input.name, email: input.email ?? null, topic: input.topic })
    .returning();
  if (!visitor) throw new Error('insert returned nothing');
  const { token } = await createGuestSession(db, { orgId: org.id, visitorId: visitor.id });
  return { token, expiresAt: new Date(Date.now() + 7 * 24 * 3600 * 1000) };
}

/**
 * Everything the guest's screen needs to know about who they are and what they may do. Text is in
 * the guest's language, else the first of `preferred` (their browser's) spoken here, else the
 * organization's — the guest page's own order.
 */
export async function describeGuestSession(
  { db, actor: guest, config }: ServiceContext<GuestActor>,
  preferred: string[] = [],
) {
  const attachmentLimits = presentAttachmentLimits(config.attachments);
  const [org] = await db.select().from(organizations).where(eq(organizations.id, guest.orgId));
  if (!org) throw notFound('Organization');
  if (guest.kind === 'visitor') {
    const visitor = await loadVisitor(db, guest.visitorId);
    if (!visitor) throw notFound('Visitor');
    return {
      org,
      kind: 'visitor' as const,
      access: guest.access,
      person: { id: visitor.id, name: visitor.name, language: null },
      stay: null,
      readOnlyUntil: null,
      desk: await guestDesk(db, guest, languageOf(...preferred, org.language)),
      attachmentLimits,
    };
  }
  const [row] = await db
    .select({ guest: stayGuests, stay: stays, roomNumber: rooms.number })
    .from(stayGuests)
    .innerJoin(stays, eq(stays.id, stayGuests.stayId))
    .innerJoin(rooms, eq(rooms.id, stays.roomId))
    .where(eq(stayGuests.id, guest.guestId));
  if (!row) throw notFound('Guest');
  const access = guestAccess(row.stay, org.guestGraceHours);
  return {
    org,
    kind: 'guest' as const,
    access: guest.access,
    person: { id: row.guest.id, name: row.guest.name, language: row.guest.language },
    stay: { id: row.stay.id, roomNumber: row.roomNumber, checkOutAt: row.stay.checkOutAt, endedAt: stayEnd(row.stay) },
    readOnlyUntil: access?.readOnlyUntil ?? null,
    desk: await guestDesk(db, guest, languageOf(row.guest.language, ...preferred, org.language)),
    attachmentLimits,
  };
}

/** The desk as this guest sees it now (see guestDesk), in their language (as describeGuestSession picks it). */
export async function describeGuestDesk({ db, actor: guest }: ServiceContext<GuestActor>, preferred: string[] = []) {
  const [row] = await db
    .select({ org: organizations.language, guest: stayGuests.language })
    .from(organizations)
    .leftJoin(stayGuests, guest.kind === 'guest' ? eq(stayGuests.id, guest.guestId) : sql`false`)
    .where(eq(organizations.id, guest.orgId));
  if (!row) throw notFound('Organization');
  return guestDesk(db, guest, languageOf(row.guest, ...preferred, row.org));
}
