import { describe, expect, it } from 'vitest';
import { changedKeys } from './changes.js';
import type { CustomerRow } from './store.js';

const before = {
  name: 'Jan',
  phones: ['601 234 567'],
  // as PostgreSQL's jsonb hands it back: shorter keys first
  serviceAddress: { city: 'Gdańsk', line1: 'Długa 5', line2: '', country: 'PL', postcode: '80-827' },
  fields: { zone: 'North', floors: 2, boiler_model: 'Vaillant' },
} as unknown as CustomerRow;

describe('what a customer change changes', () => {
  it('the same values in another key order are no change', () => {
    expect(
      changedKeys(before, {
        name: 'Jan',
        phones: ['601 234 567'],
        serviceAddress: { line1: 'Długa 5', line2: '', city: 'Gdańsk', postcode: '80-827', country: 'PL' },
        fields: { boiler_model: 'Vaillant', floors: 2, zone: 'North' },
      }),
    ).toEqual([]);
  });

  it('names what differs, however deep, and ignores what was not sent', () => {
    expect(
      changedKeys(before, {
        name: 'Jan',
        phones: ['601 234 567', '602 000 000'],
        serviceAddress: { ...(before.serviceAddress as object), postcode: '80-828' },
        fields: { zone: 'North', floors: '2', boiler_model: 'Vaillant' },
        notes: undefined,
      }),
    ).toEqual(['phones', 'serviceAddress', 'fields']);
    expect(changedKeys(before, { serviceAddress: null })).toEqual(['serviceAddress']);
  });
});
