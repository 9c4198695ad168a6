import { type Language, supportedLanguages } from '@frontdesk/protocol';

export type { Language };

/**
 * Server-side text in every language the guest pages speak. A module keeps its strings in its own
 * `strings.ts` as `Translations<…>`: a language or a key missing from one of them fails to compile.
 */
export type Translations<T> = Record<Language, T>;

/** The first supported language among the candidates (the guest's own, then the organization's), else English. */
export function languageOf(...candidates: (string | null | undefined)[]): Language {
  for (const candidate of candidates) {
    const found = supportedLanguages.find((l) => l === candidate);
    if (found) return found;
  }
  return 'en';
}
