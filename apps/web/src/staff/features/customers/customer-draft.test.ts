import { describe, expect, it } from 'vitest';
import type { Customer, CustomerField } from '../../types';
import {
  addressLine,
  canEditCustomer,
  checkableEmail,
  checkablePhone,
  createBody,
  draftOf,
  updateBody,
} from './customer-draft';

const fields: CustomerField[] = [
  { key: 'boiler_model', label: 'Boiler model', type: 'text', options: [] },
  { key: 'rooms', label: 'Rooms heated', type: 'number', options: [] },
  { key: 'fuel', label: 'Fuel', type: 'choice', options: ['gas', 'oil'] },
  { key: 'contract', label: 'Contract', type: 'yes_no', options: [] },
];

const customer: Customer = {
  id: '7d0f6f2e-6f58-4d3c-9a55-2b8f3e1f0a11',
  name: 'Jan Kowalski',
  companyName: '',
  serviceAddress: { line1: 'ul. Długa 5', line2: '', city: 'Gdańsk', postcode: '80-827', country: 'PL' },
  billingAddress: null,
  phones: ['+48 601 234 567'],
  emails: [],
  language: 'pl',
  notes: '',
  fields: { boiler_model: 'Vaillant', fuel: 'gas' },
  createdBy: null,
  externalId: null,
  erasedAt: null,
  createdAt: '2026-12-01T10:00:00.000Z',
  updatedAt: '2026-12-01T10:00:00.000Z',
};

describe('the customer form', () => {
  it('sends a new customer without empty rows, empty addresses or unset fields', () => {
    const draft = draftOf(null, 'en');
    draft.name = '  Ewa Lis ';
    draft.phones = ['+48 602 111 222', '  '];
    draft.fields = { boiler_model: '  ', rooms: '4', contract: false };
    expect(createBody(draft, fields)).toEqual({
      name: 'Ewa Lis',
      companyName: '',
      serviceAddress: null,
      billingAddress: null,
      phones: ['+48 602 111 222'],
      emails: [],
      language: 'en',
      notes: '',
      fields: { rooms: 4, contract: false },
    });
  });

  it('sends a billing address only when it is not the service address', () => {
    const draft = draftOf(customer, 'en');
    draft.billingAddress = { line1: 'ul. Krótka 1', line2: '', city: 'Sopot', postcode: '', country: '' };
    expect(updateBody(draft, fields).billingAddress).toBeNull();
    draft.billingSame = false;
    expect(updateBody(draft, fields).billingAddress).toEqual(draft.billingAddress);
  });

  it('clears a field whose value was removed when changing a customer', () => {
    const draft = draftOf(customer, 'en');
    draft.fields.boiler_model = '';
    expect(updateBody(draft, fields).fields).toEqual({ boiler_model: null, rooms: null, fuel: 'gas', contract: null });
  });

  it('keeps the language of the customer, and offers one empty phone and e-mail row', () => {
    const draft = draftOf(customer, 'en');
    expect(draft.language).toBe('pl');
    expect(draft.emails).toEqual(['']);
    expect(draft.billingSame).toBe(true);
  });

  it('writes an address on one line', () => {
    expect(addressLine(customer.serviceAddress)).toBe('ul. Długa 5, 80-827 Gdańsk, PL');
    expect(addressLine(null)).toBe('');
  });

  it('asks about duplicates only for phones and e-mails typed far enough', () => {
    expect(checkablePhone('601 23')).toBe(false);
    expect(checkablePhone('601 234')).toBe(true);
    expect(checkableEmail('jan@exa')).toBe(false);
    expect(checkableEmail('jan@example.com')).toBe(true);
  });
});

describe('who may change a customer', () => {
  const tech = { id: '11111111-1111-4111-8111-111111111111', role: 'field' as const };
  it('is any admin or dispatcher, and field staff only for the customers they added', () => {
    const theirs = { createdBy: { id: tech.id, name: 'Michał Wójcik' } };
    const seeded = { createdBy: null };
    expect(canEditCustomer(tech, theirs)).toBe(true);
    expect(canEditCustomer(tech, seeded)).toBe(false);
    expect(canEditCustomer({ ...tech, role: 'agent' }, seeded)).toBe(true);
    expect(canEditCustomer({ ...tech, role: 'admin' }, seeded)).toBe(true);
  });
});
