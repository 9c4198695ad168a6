import type { Language } from '@frontdesk/protocol';

/**
 * The suggested alert words per language the guest pages speak: danger (fire, smoke), calls for
 * help (police, ambulance), threats and violence, harassment, self-harm, theft. Inflected forms
 * are listed where the language needs them (Polish, German), since matching is on whole words.
 */
export const defaultAlertWords: Record<Language, string[]> = {
  en: [
    'fire',
    'smoke',
    'police',
    'ambulance',
    'emergency',
    'threat',
    'threaten',
    'threatened',
    'kill',
    'knife',
    'gun',
    'weapon',
    'assault',
    'attacked',
    'harass',
    'harassed',
    'harassment',
    'rape',
    'abuse',
    'suicide',
    'kill myself',
    'hurt myself',
    'self-harm',
    'overdose',
    'bleeding',
    'unconscious',
    'stolen',
    'theft',
  ],
  pl: [
    'pożar',
    'pali się',
    'ogień',
    'dym',
    'policja',
    'policję',
    'policji',
    'karetka',
    'karetkę',
    'pogotowie',
    'ratunku',
    'grozi',
    'groźba',
    'grożą',
    'zabiję',
    'zabić',
    'nóż',
    'broń',
    'napaść',
    'napadł',
    'molestowanie',
    'molestuje',
    'nękanie',
    'gwałt',
    'przemoc',
    'samobójstwo',
    'zabiję się',
    'skrzywdzę się',
    'przedawkowanie',
    'krwawi',
    'nieprzytomny',
    'nieprzytomna',
    'kradzież',
    'ukradli',
    'ukradziono',
  ],
  de: [
    'feuer',
    'es brennt',
    'rauch',
    'polizei',
    'notarzt',
    'krankenwagen',
    'rettungswagen',
    'notfall',
    'drohung',
    'bedroht',
    'droht',
    'umbringen',
    'töten',
    'messer',
    'waffe',
    'angriff',
    'angegriffen',
    'belästigung',
    'belästigt',
    'vergewaltigung',
    'gewalt',
    'selbstmord',
    'suizid',
    'mich umbringen',
    'überdosis',
    'blutet',
    'bewusstlos',
    'diebstahl',
    'gestohlen',
  ],
};

/** Every suggested word, each language's in turn, without repeats (what an organization starts with). */
export const allDefaultAlertWords = (): string[] => uniqueWords(Object.values(defaultAlertWords).flat());

// letters NFD does not take apart into a base letter and a mark
const FOLDED: Record<string, string> = { ł: 'l', ø: 'o', đ: 'd', ß: 'ss', æ: 'ae', œ: 'oe', ı: 'i' };

/**
 * A text as alert words are compared: lower case, accents and other marks off (`Pożar` → `pozar`,
 * `Belästigung` → `belastigung`, `ł` → `l`), split into words (letters and digits; anything else,
 * hyphens and apostrophes included, separates).
 */
export function wordsOf(text: string): string[] {
  const folded = text
    .toLowerCase()
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[łøđßæœı]/g, (c) => FOLDED[c] ?? c);
  return folded.match(/[\p{L}\p{N}]+/gu) ?? [];
}

const keys = new Map<string, string>();
/** Word lists are short and few; the cap only keeps a stream of odd input from growing the memo. */
const MAX_KEYS = 10_000;

/**
 * The key a word is compared and kept unique by: its words, folded, joined by one space. Kept once
 * per word: every message is compared with its organization's whole list (bench: folding the list
 * anew was 2 % of a node's CPU at a steady 200 msg/s).
 */
export function wordKey(word: string): string {
  let key = keys.get(word);
  if (key === undefined) {
    key = wordsOf(word).join(' ');
    if (keys.size >= MAX_KEYS) keys.clear();
    keys.set(word, key);
  }
  return key;
}

/** The words without repeats (by `wordKey`), the first spelling kept, empty ones dropped. */
export function uniqueWords(words: readonly string[]): string[] {
  const seen = new Set<string>();
  const kept: string[] = [];
  for (const word of words) {
    const key = wordKey(word);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    kept.push(word.trim());
  }
  return kept;
}

/**
 * The first word or phrase of `list` (in the list's order) that `text` contains as whole words:
 * `fire` matches "Fire!" and "a FIRE in 112" but not "firewall" or "campfire"; `self-harm` matches
 * "self harm" and "self-harm"; `pożar` matches "POZAR". Null when none does.
 */
export function findAlertWord(text: string, list: readonly string[]): string | null {
  const words = wordsOf(text);
  if (!words.length) return null;
  const padded = ` ${words.join(' ')} `;
  for (const entry of list) {
    const key = wordKey(entry);
    if (key && padded.includes(` ${key} `)) return entry;
  }
  return null;
}
