import { StaySummaryOptIn, StaySummaryRequest } from '@frontdesk/protocol';
import { eq } from 'drizzle-orm';
import { stayGuests } from '../../db/schema.js';
import type { StayGuestActor } from '../../platform/actor.js';
import { type Api, errors } from '../../platform/api.js';
import { AppError, forbidden } from '../../platform/errors.js';
import type { ServiceContext } from '../../platform/service-context.js';

const guestSecurity: { [scheme: string]: string[] }[] = [{ guestCookie: [] }, { bearerAuth: [] }];

/** Only a stay's guest asks for the summary; a visitor has no stay to sum up. */
function stayGuest(ctx: ServiceContext): StayGuestActor {
  const { actor } = ctx;
  if (actor.kind !== 'guest') throw forbidden('Only a hotel guest gets a summary of their stay');
  return actor;
}

/** Where the signed-in guest's stay summary goes (null: they did not ask for one). */
export async function staySummaryOptIn(ctx: ServiceContext): Promise<StaySummaryOptIn> {
  const guest = stayGuest(ctx);
  const [row] = await ctx.db
    .select({ email: stayGuests.summaryEmail })
    .from(stayGuests)
    .where(eq(stayGuests.id, guest.guestId));
  return { email: row?.email ?? null };
}

/**
 * The guest opts in to the summary of their requests after the stay, at this address (or, with
 * null, opts out). Only while the stay is live: after check-out the summary is on its way or sent.
 */
export async function setStaySummaryOptIn(ctx: ServiceContext, email: string | null): Promise<StaySummaryOptIn> {
  const guest = stayGuest(ctx);
  if (guest.access !== 'active') throw new AppError('stay_read_only', 'Your stay has ended');
  await ctx.db
    .update(stayGuests)
    .set({ summaryEmail: email, summaryOptedInAt: email ? new Date() : null })
    .where(eq(stayGuests.id, guest.guestId));
  return { email };
}

/** The guest's "Email me a summary after my stay" (README "Stay summary e-mail"). */
export function registerStaySummaryRoutes(app: Api): void {
  const tags = ['guest', 'stays'];
  const security = guestSecurity;
  app.get(
    '/api/v1/guest/stay-summary',
    {
      schema: {
        tags,
        security,
        summary: 'Whether this guest asked for a summary of their requests by e-mail after the stay, and where',
        response: { 200: StaySummaryOptIn, ...errors(401, 403, 410) },
      },
    },
    async (req) => staySummaryOptIn(req.asGuest()),
  );
  app.put(
    '/api/v1/guest/stay-summary',
    {
      schema: {
        tags,
        security,
        summary:
          'Ask for a summary of your requests and their outcomes by e-mail after check-out, in your language (live stays; visitors 403)',
        body: StaySummaryRequest,
        response: { 200: StaySummaryOptIn, ...errors(400, 401, 403, 410) },
      },
    },
    async (req) => setStaySummaryOptIn(req.asGuest(), req.body.email),
  );
  app.delete(
    '/api/v1/guest/stay-summary',
    {
      schema: {
        tags,
        security,
        summary: 'No summary after all: the address is forgotten at once',
        response: { 200: StaySummaryOptIn, ...errors(401, 403, 410) },
      },
    },
    async (req) => setStaySummaryOptIn(req.asGuest(), null),
  );
}
