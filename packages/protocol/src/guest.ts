import { z } from 'zod';
import { Slug } from './accounts.js';
import { AttachmentLimits } from './attachments.js';
import { Email, Id, IsoDate, Language, PersonName } from './common.js';
import { DeskStatus } from './hours.js';

/** What anyone may know about an organization: enough to draw its guest login page. */
export const PublicOrganization = z
  .object({
    slug: z.string(),
    name: z.string(),
    motto: z.string(),
    logoUrl: z.string().nullable(),
    language: Language,
    timezone: z.string().describe('The IANA time zone of the place: guests see every time on its clock'),
    publicEntryEnabled: z.boolean(),
    contactPhone: z.string().describe('How to reach the organization by phone; empty when not given'),
    contactEmail: z.string().describe('How to reach the organization by e-mail; empty when not given'),
  })
  .meta({ id: 'PublicOrganization' });
export const OrgSlugParams = z.object({ slug: Slug });

/** Access codes are typed on phones: accept lower case, spaces and dashes. */
export const AccessCode = z
  .string()
  .trim()
  .max(32)
  .transform((code) => code.toUpperCase().replace(/[\s-]/g, ''))
  .pipe(z.string().regex(/^[A-Z0-9]{4,16}$/, 'An access code has letters and digits'));

export const GuestLoginRequest = z.strictObject({ code: AccessCode });

export const VisitorRequest = z.strictObject({
  name: PersonName,
  email: Email.optional(),
  topic: z.string().trim().min(1).max(500),
});

export const GuestSessionInfo = z
  .object({
    kind: z.enum(['guest', 'visitor']),
    access: z.enum(['active', 'read_only']).describe('read_only: the stay has ended; history and ratings only'),
    organization: PublicOrganization,
    guest: z.object({ id: Id, name: z.string().nullable(), language: Language.nullable() }),
    stay: z.object({ id: Id, roomNumber: z.string(), checkOutAt: IsoDate, endedAt: IsoDate.nullable() }).nullable(),
    readOnlyUntil: IsoDate.nullable(),
    desk: DeskStatus.describe(
      'Whether the desk answering this guest is open now (their request’s team, else the default team); closed, when it opens and the away message. Guests can always write',
    ),
    attachmentLimits: AttachmentLimits.describe('How many files, and how large, one message takes'),
  })
  .meta({ id: 'GuestSession' });
export const GuestLoginResponse = z.object({ token: z.string(), session: GuestSessionInfo });
