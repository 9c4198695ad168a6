import { createRequire } from 'node:module';
import { supportedLanguages } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { moodScore, NEGATIVE_MOOD_AT } from './sentiment.js';

const library = createRequire(import.meta.url)('multilang-sentiment') as (
  text: string,
  language: string,
) => { score: number };

/**
 * Sample sentences per guest language, as guests write them: clearly unhappy ones must reach the
 * negative-mood threshold, everyday requests must stay well above it, thanks must not count against.
 */
const samples = {
  en: {
    unhappy: [
      'This is terrible, the room is dirty and the staff is rude.',
      'I am very angry, nobody came and the shower is broken.',
      'Awful service, I am disgusted.',
    ],
    calm: ['Could I get two towels please?', 'There is a problem with the TV', 'What time is breakfast?'],
    happy: ['Thank you, everything is wonderful!'],
    negated: 'This is not good at all',
  },
  pl: {
    unhappy: [
      'To jest okropne, pokój jest brudny, a obsługa niegrzeczna.',
      'Fatalna obsługa, jestem bardzo zły i rozczarowany.',
    ],
    calm: ['Czy mogę prosić o dwa ręczniki?', 'Jest problem z telewizorem', 'Poproszę hasło do wifi'],
    happy: ['Wszystko było bardzo dobre, dziękuję'],
    negated: 'To nie jest dobre',
  },
  de: {
    unhappy: [
      'Das ist schrecklich, das Zimmer ist schmutzig und das Personal unhöflich.',
      'Ich bin sehr wütend, niemand kam und die Dusche ist kaputt.',
    ],
    calm: [
      'Kann ich bitte zwei Handtücher bekommen?',
      'Es gibt ein Problem mit dem Fernseher',
      'Das WLAN-Passwort bitte',
    ],
    happy: ['Danke, alles ist wunderbar!'],
    negated: 'Das ist nicht gut',
  },
} as const;

describe('the mood of what guests write, in every guest language', () => {
  it.each(supportedLanguages)('%s: unhappy messages are clearly negative, requests and thanks are not', (language) => {
    const s = samples[language];
    for (const text of s.unhappy) expect(moodScore(text, language), text).toBeLessThanOrEqual(NEGATIVE_MOOD_AT);
    for (const text of s.calm) expect(moodScore(text, language), text).toBeGreaterThan(NEGATIVE_MOOD_AT / 2 - 1);
    for (const text of s.happy) expect(moodScore(text, language), text).toBeGreaterThan(0);
    // a negator flips the word after it: "not good" is negative
    expect(moodScore(s.negated, language), s.negated).toBeLessThan(0);
  });

  it.each(supportedLanguages)(
    '%s: scores as multilang-sentiment itself does where its tokenizer reads the words whole',
    (language) => {
      const s = samples[language];
      const whole = [...s.unhappy, ...s.calm, ...s.happy, s.negated].filter((text) => !/[łśżźćńąę]/i.test(text));
      expect(whole.length).toBeGreaterThanOrEqual(2);
      for (const text of whole) expect(moodScore(text, language), text).toBe(library(text, language).score);
    },
  );

  it('reads Polish words with ł, ś, ż … whole, which the library’s own tokenizer splits', () => {
    const text = 'Jestem bardzo zły i wściekły';
    expect(library(text, 'pl').score).toBe(0);
    expect(moodScore(text, 'pl')).toBe(-5);
  });

  it('scores nothing in an empty or wordless message', () => {
    expect(moodScore('', 'en')).toBe(0);
    expect(moodScore('?!', 'de')).toBe(0);
  });
});
