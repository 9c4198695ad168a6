import type { OpenInterval, WeeklyHours } from '@frontdesk/protocol';
import { describe, expect, it } from 'vitest';
import { summarizeWeek } from './hours-summary';

const day = (start: string, end: string): OpenInterval[] => [{ start, end }];
const office = day('08:00', '22:00');
const week = (days: Partial<WeeklyHours>): WeeklyHours => ({
  monday: [],
  tuesday: [],
  wednesday: [],
  thursday: [],
  friday: [],
  saturday: [],
  sunday: [],
  ...days,
});

describe('summarizeWeek', () => {
  it('puts runs of days with the same hours together and leaves closed days out', () => {
    const hours = week({
      monday: office,
      tuesday: office,
      wednesday: office,
      thursday: office,
      friday: office,
      saturday: [
        { start: '10:00', end: '12:00' },
        { start: '13:00', end: '24:00' },
      ],
    });
    expect(summarizeWeek(hours, 'en')).toBe('Mon–Fri 08:00–22:00 · Sat 10:00–12:00, 13:00–24:00');
    expect(summarizeWeek(hours, 'de')).toMatch(/^Mo\.?–Fr\.? 08:00–22:00 · Sa\.? 10:00–12:00, 13:00–24:00$/);
  });

  it('a closed day splits a run; an empty week says nothing', () => {
    expect(summarizeWeek(week({ monday: office, wednesday: office }), 'en')).toBe('Mon 08:00–22:00 · Wed 08:00–22:00');
    expect(summarizeWeek(week({}), 'en')).toBe('');
  });
});
