import { describe, expect, it } from 'vitest';
import { allDefaultAlertWords, defaultAlertWords, findAlertWord, uniqueWords, wordKey, wordsOf } from './words.js';

describe('alert words are matched on whole words, whatever the case and accents', () => {
  const list = ['fire', 'police', 'self-harm', 'kill myself', 'pożar', 'Belästigung', 'ß-test'];

  it('finds a word in any case, beside punctuation, at either end', () => {
    expect(findAlertWord('FIRE!', list)).toBe('fire');
    expect(findAlertWord('There is a fire in 112.', list)).toBe('fire');
    expect(findAlertWord('call the Police', list)).toBe('police');
    expect(findAlertWord('(police)', list)).toBe('police');
  });

  it('does not match a word inside another word', () => {
    expect(findAlertWord('the firewall blocks the wifi', list)).toBeNull();
    expect(findAlertWord('a campfire on the beach', list)).toBeNull();
    expect(findAlertWord('policeman', list)).toBeNull();
    expect(findAlertWord('fired up for the day', list)).toBeNull();
  });

  it('matches phrases word by word, across hyphens and spaces', () => {
    expect(findAlertWord('I want to hurt... self harm', list)).toBe('self-harm');
    expect(findAlertWord('thoughts of self-harm', list)).toBe('self-harm');
    expect(findAlertWord('I will   KILL\nmyself', list)).toBe('kill myself');
    expect(findAlertWord('kill the lights, myself included', list)).toBeNull();
  });

  it('ignores diacritics both ways, including letters NFD keeps whole (ł, ß)', () => {
    expect(findAlertWord('POZAR w pokoju', list)).toBe('pożar');
    expect(findAlertWord('Pożar!', list)).toBe('pożar');
    expect(findAlertWord('das ist Belastigung', list)).toBe('Belästigung');
    expect(wordsOf('Łódź, Straße')).toEqual(['lodz', 'strasse']);
    expect(findAlertWord('ss test', list)).toBe('ß-test');
  });

  it('finds nothing in empty or wordless text, and the list order decides between two', () => {
    expect(findAlertWord('', list)).toBeNull();
    expect(findAlertWord('!!! ???', list)).toBeNull();
    expect(findAlertWord('police, fire', list)).toBe('fire');
  });

  it('keeps a list without repeats by its folded words', () => {
    expect(uniqueWords(['Fire', 'fire', ' FIRE ', 'Pożar', 'pozar', '!!', 'self harm', 'self-harm'])).toEqual([
      'Fire',
      'Pożar',
      'self harm',
    ]);
    expect(wordKey('Self-Harm')).toBe('self harm');
  });

  it('suggests words for every guest language, each a word matched by itself', () => {
    for (const [language, words] of Object.entries(defaultAlertWords)) {
      expect(words.length, language).toBeGreaterThan(20);
      for (const w of words) expect(findAlertWord(`xx ${w.toUpperCase()} yy`, [w]), `${language}: ${w}`).toBe(w);
    }
    expect(findAlertWord('Es gibt ein Feuer im Flur', allDefaultAlertWords())).toBe('feuer');
    expect(findAlertWord('Proszę wezwać policję!', allDefaultAlertWords())).toBe('policję');
    expect(findAlertWord('Could you bring two towels, please?', allDefaultAlertWords())).toBeNull();
    expect(findAlertWord('Czy mogę prosić o dwa ręczniki?', allDefaultAlertWords())).toBeNull();
    expect(findAlertWord('Können Sie mir bitte zwei Handtücher bringen?', allDefaultAlertWords())).toBeNull();
  });
});
