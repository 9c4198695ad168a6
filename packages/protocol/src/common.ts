import { z } from 'zod';

export const Id = z.uuid();
/**
 * A point in time as ISO 8601 text with its offset, between the years 1 and 9999 (UTC): PostgreSQL
 * has no year 0, and a date it cannot store must be refused as bad input, not fail inside a query.
 */
export const IsoDate = z.iso.datetime({ offset: true }).refine(
  (text) => {
    const year = new Date(text).getUTCFullYear();
    return year >= 1 && year <= 9999;
  },
  { message: 'Enter a date between the years 1 and 9999' },
);

export const supportedLanguages = ['en', 'pl', 'de'] as const;
export const Language = z.enum(supportedLanguages);
export type Language = z.infer<typeof Language>;

export const Email = z
  .email({ message: 'Enter a valid email address' })
  .max(254)
  .transform((value) => value.toLowerCase());

/** Passwords: long enough to resist guessing, short enough that hashing stays cheap. */
export const Password = z.string().min(10, 'Use at least 10 characters').max(200);

export const PersonName = z.string().trim().min(1).max(100);
export const Motto = z.string().trim().max(200);

export const TimeZone = z.string().max(64).refine(isTimeZone, { message: 'Unknown IANA time zone' });

function isTimeZone(value: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: value });
    return true;
  } catch {
    return false;
  }
}

export const HttpUrl = z.url({ protocol: /^https?$/ }).max(2048);

export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().positive().optional(),
});

/**
 * Another system's id for a record (a PMS reservation, room or guest profile; a CRM contact):
 * unique per organization, sent in a path as `…/by-external-id/{externalId}` (README "PMS integration").
 */
export const ExternalId = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .regex(/^[A-Za-z0-9][A-Za-z0-9._:@-]*$/, 'Letters, digits and . _ : @ - (up to 100)');
export const ExternalIdParams = z.object({ externalId: ExternalId });
