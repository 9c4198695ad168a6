import { describe, expect, it } from 'vitest';
import { acceptedLanguages, languageOf } from './i18n.js';

describe('acceptedLanguages', () => {
  it('orders by weight, then as written, as base tags', () => {
    expect(acceptedLanguages('fr-CH, fr;q=0.9, de-AT;q=0.95, en;q=0.8, *;q=0.5')).toEqual(['fr', 'de', 'fr', 'en']);
    expect(languageOf(...acceptedLanguages('fr-CH, fr;q=0.9, de-AT;q=0.95, en;q=0.8'))).toBe('de');
  });

  it('ignores what is missing, refused (q=0) or malformed', () => {
    expect(acceptedLanguages(undefined)).toEqual([]);
    expect(acceptedLanguages('')).toEqual([]);
    expect(acceptedLanguages('pl;q=0, de;q=abc, en')).toEqual(['en']);
  });
});
