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

/**
 * The languages of an `Accept-Language` header, most wanted first, as base tags (`de-AT` → `de`):
 * the guest page's own choice after the guest's stay language, so server text matches the page.
 */
export function acceptedLanguages(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .slice(0, 20)
    .map((part, index) => {
      const [tag = '', ...params] = part.trim().split(';');
      const q = Number(
        params
          .find((p) => p.trim().startsWith('q='))
          ?.trim()
          .slice(2) ?? 1,
      );
      return { base: tag.trim().toLowerCase().split('-')[0] ?? '', q: Number.isFinite(q) ? q : 0, index };
    })
    .filter((l) => l.base && l.base !== '*' && l.q > 0)
    .sort((a, b) => b.q - a.q || a.index - b.index)
    .map((l) => l.base);
}
