import type { Language as ProtocolLanguage } from '@frontdesk/protocol';

/** The languages the app speaks; the same list as the protocol's (checked by the type below). */
export const languages = ['en', 'pl', 'de'] as const;
export type Language = (typeof languages)[number];
const sameAsProtocol: [Language, ProtocolLanguage] extends [ProtocolLanguage, Language] ? true : never = true;
void sameAsProtocol;

export const languageNames: Record<Language, string> = { en: 'English', pl: 'Polski', de: 'Deutsch' };

/** The first of the candidates (a stay's language, the browser's, …) that the app speaks. */
export function pickLanguage(...candidates: (string | null | undefined)[]): Language {
  for (const candidate of candidates) {
    const base = candidate?.toLowerCase().split('-')[0];
    const match = languages.find((l) => l === base);
    if (match) return match;
  }
  return 'en';
}

/** The browser's preferred languages, best first. */
export function browserLanguages(): readonly string[] {
  return typeof navigator === 'undefined' ? [] : (navigator.languages ?? [navigator.language]);
}

/** Deep copy of a message tree's shape with every leaf a string: what each language must provide. */
export type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };
