import { z } from 'zod';
import { Id, IsoDate, Language } from './common.js';

/**
 * Live alerts for admins (and a team's duty manager): a low rating, an alarming word in what a
 * guest wrote, a conversation whose mood turned clearly negative, a request that waited too long.
 * README "Alerts" says how each is decided.
 */

export const alertKinds = ['low_rating', 'alarming_word', 'negative_mood', 'sla_breach'] as const;
export const AlertKind = z.enum(alertKinds);
export type AlertKind = z.infer<typeof AlertKind>;

/** At most this many words and phrases on an organization's alert list. */
export const MAX_ALERT_WORDS = 300;
/** At most this many characters in one word or phrase. */
export const MAX_ALERT_WORD_CHARS = 60;
/** The longest cool-down an admin may set (a day). */
export const MAX_ALERT_COOLDOWN_MINUTES = 1440;

export const Alert = z
  .object({
    id: Id,
    conversationId: Id,
    kind: AlertKind,
    rating: z.number().int().nullable().describe('low_rating: the stars given'),
    word: z.string().nullable().describe('alarming_word: the word or phrase of the list that matched'),
    score: z.number().nullable().describe('negative_mood: the sentiment score of the guest’s latest messages'),
    targetMinutes: z.number().int().nullable().describe('sla_breach: the team’s response target'),
    contactName: z.string().nullable().describe('The guest’s name when the alert was raised'),
    roomNumber: z.string().nullable(),
    teamName: z.string().nullable(),
    raisedAt: IsoDate,
    acknowledgedAt: IsoDate.nullable(),
    acknowledgedBy: z.object({ id: Id, name: z.string() }).nullable(),
  })
  .meta({ id: 'Alert' });
export type Alert = z.infer<typeof Alert>;

export const AlertList = z.object({
  alerts: z.array(Alert).describe('Newest first'),
  unacknowledged: z.number().int().describe('Unacknowledged alerts the caller sees, in all'),
});
export type AlertList = z.infer<typeof AlertList>;

export const AlertListQuery = z.object({
  status: z.enum(['open', 'acknowledged', 'all']).default('all').describe('open: not yet acknowledged'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  before: IsoDate.optional().describe('Alerts raised before this (the last raisedAt of the page before)'),
});
export type AlertListQuery = z.infer<typeof AlertListQuery>;
/** The alerts list as a CSV download: its filter, every page of it (no `limit` or `before`). */
export const AlertCsvQuery = AlertListQuery.omit({ limit: true, before: true });
export type AlertCsvQuery = z.infer<typeof AlertCsvQuery>;

export const AlertIdParams = z.object({ id: Id });

const AlertWord = z
  .string()
  .trim()
  .min(1, 'A word cannot be empty')
  .max(MAX_ALERT_WORD_CHARS, `At most ${MAX_ALERT_WORD_CHARS} characters`)
  .refine((w) => /[\p{L}\p{N}]/u.test(w), 'A word needs at least one letter or digit');
const AlertWords = z.array(AlertWord).max(MAX_ALERT_WORDS, `At most ${MAX_ALERT_WORDS} words`);

export const AlertSettings = z
  .object({
    ratingThreshold: z.number().int().describe('A rating of this many stars or fewer raises an alert; 0: never'),
    words: z.array(z.string()).describe('Words and phrases that raise an alert, matched on whole words'),
    sentiment: z.boolean().describe('Whether a clearly negative mood raises an alert'),
    cooldownMinutes: z.number().int().describe('No second alert of a kind for a conversation within this time'),
    defaults: z.record(Language, z.array(z.string())).describe('The suggested words per language'),
  })
  .meta({ id: 'AlertSettings' });
export type AlertSettings = z.infer<typeof AlertSettings>;

export const UpdateAlertSettingsRequest = z.strictObject({
  ratingThreshold: z.number().int().min(0).max(5).optional(),
  words: AlertWords.optional().describe('The whole list, replacing it'),
  addWords: AlertWords.optional().describe('Added to the list (after `words`)'),
  removeWords: AlertWords.optional().describe('Taken off the list, whatever their case or accents'),
  addDefaultsFor: z.array(Language).max(10).optional().describe('Adds the suggested words of these languages'),
  sentiment: z.boolean().optional(),
  cooldownMinutes: z.number().int().min(1).max(MAX_ALERT_COOLDOWN_MINUTES).optional(),
});
export type UpdateAlertSettingsRequest = z.infer<typeof UpdateAlertSettingsRequest>;
