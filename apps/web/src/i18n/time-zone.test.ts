import { describe, expect, it } from 'vitest';
import { zoneAbbreviation, zoneLabel } from './time-zone';

const winter = Date.UTC(2026, 0, 15, 12);
const summer = Date.UTC(2026, 6, 15, 12);

describe('zone names', () => {
  it('names the zone and its abbreviation in the language, following daylight saving', () => {
    expect(zoneLabel('Europe/Warsaw', 'pl', winter)).toBe('Europe/Warsaw (CET)');
    expect(zoneLabel('Europe/Warsaw', 'pl', summer)).toBe('Europe/Warsaw (CEST)');
    expect(zoneAbbreviation('Europe/Berlin', 'de', winter)).toBe('MEZ');
  });

  it('names UTC once and writes city names with spaces', () => {
    expect(zoneLabel('UTC', 'en', winter)).toBe('UTC');
    expect(zoneLabel('America/New_York', 'en', winter)).toBe('America/New York (EST)');
  });
});
