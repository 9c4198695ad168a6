import { describe, expect, it } from 'vitest';
import { searchRange } from './search-api';

describe('the days a search spans', () => {
  it('runs from the first day’s midnight to the midnight after the last, on the organization’s clock', () => {
    expect(searchRange({ from: '2026-03-02', to: '2026-03-04' }, 'Europe/Warsaw')).toEqual({
      from: '2026-03-01T23:00:00.000Z',
      to: '2026-03-04T23:00:00.000Z',
    });
    // across a change to summer time the next midnight is an hour earlier in UTC
    expect(searchRange({ from: '2026-03-29', to: '2026-03-29' }, 'Europe/Berlin')).toEqual({
      from: '2026-03-28T23:00:00.000Z',
      to: '2026-03-29T22:00:00.000Z',
    });
    // the last day of a month and of a year
    expect(searchRange({ to: '2026-12-31' }, 'UTC')).toEqual({ to: '2027-01-01T00:00:00.000Z' });
  });

  it('bounds nothing for a day left empty or not a day', () => {
    expect(searchRange({}, 'UTC')).toEqual({});
    expect(searchRange({ from: '', to: 'tomorrow' }, 'Europe/Warsaw')).toEqual({});
    expect(searchRange({ from: '2026-07-01' }, 'America/New_York')).toEqual({ from: '2026-07-01T04:00:00.000Z' });
  });
});
