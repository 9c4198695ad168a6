import type { Language } from '../../../i18n/languages';
import type {
  Address,
  CreateCustomerRequest,
  CurrentUser,
  Customer,
  CustomerField,
  UpdateCustomerRequest,
} from '../../types';

export type FieldValue = string | number | boolean | null;

/** A customer as the form holds it: every text present, lists with at least one row, billing as a checkbox. */
export interface CustomerDraft {
  name: string;
  companyName: string;
  serviceAddress: Address;
  billingSame: boolean;
  billingAddress: Address;
  phones: string[];
  emails: string[];
  language: Language;
  notes: string;
  fields: Record<string, FieldValue>;
}

export const emptyAddress = (): Address => ({ line1: '', line2: '', city: '', postcode: '', country: '' });

/** The form for a new customer (one empty phone and e-mail row) or for changing `customer`. */
export function draftOf(customer: Customer | null, language: Language): CustomerDraft {
  if (!customer) {
    return {
      name: '',
      companyName: '',
      serviceAddress: emptyAddress(),
      billingSame: true,
      billingAddress: emptyAddress(),
      phones: [''],
      emails: [''],
      language,
      notes: '',
      fields: {},
    };
  }
  return {
    name: customer.name,
    companyName: customer.companyName,
    serviceAddress: customer.serviceAddress ?? emptyAddress(),
    billingSame: customer.billingAddress === null,
    billingAddress: customer.billingAddress ?? emptyAddress(),
    phones: customer.phones.length ? [...customer.phones] : [''],
    emails: customer.emails.length ? [...customer.emails] : [''],
    language: customer.language,
    notes: customer.notes,
    fields: { ...customer.fields },
  };
}

/** An address with nothing typed in it is no address. */
function addressOrNull(address: Address): Address | null {
  const trimmed = Object.fromEntries(Object.entries(address).map(([k, v]) => [k, v.trim()])) as Address;
  return Object.values(trimmed).some(Boolean) ? trimmed : null;
}

const filled = (values: string[]) => values.map((v) => v.trim()).filter(Boolean);

/** A field's value as the server takes it: empty text and unset numbers are "no value" (null). */
function fieldValue(field: CustomerField, value: FieldValue | undefined): FieldValue {
  if (value === undefined || value === null) return null;
  if (typeof value === 'string' && !value.trim()) return null;
  if (field.type === 'number' && typeof value === 'string')
    return Number.isFinite(Number(value)) ? Number(value) : null;
  return typeof value === 'string' ? value.trim() : value;
}

/** The body of POST /customers: empty rows and fields left out. */
export function createBody(draft: CustomerDraft, fields: readonly CustomerField[]): CreateCustomerRequest {
  const values = Object.fromEntries(
    fields.map((f) => [f.key, fieldValue(f, draft.fields[f.key])] as const).filter(([, v]) => v !== null),
  );
  return { ...commonBody(draft), fields: values };
}

/** The body of PATCH /customers/{id}: everything, a field without a value cleared (null). */
export function updateBody(draft: CustomerDraft, fields: readonly CustomerField[]): UpdateCustomerRequest {
  return {
    ...commonBody(draft),
    fields: Object.fromEntries(fields.map((f) => [f.key, fieldValue(f, draft.fields[f.key])])),
  };
}

function commonBody(draft: CustomerDraft) {
  return {
    name: draft.name.trim(),
    companyName: draft.companyName.trim(),
    serviceAddress: addressOrNull(draft.serviceAddress),
    billingAddress: draft.billingSame ? null : addressOrNull(draft.billingAddress),
    phones: filled(draft.phones),
    emails: filled(draft.emails),
    language: draft.language,
    notes: draft.notes.trim(),
  };
}

/** "ul. Długa 5, 80-827 Gdańsk" — an address on one line, its empty parts left out. */
export function addressLine(address: Address | null): string {
  if (!address) return '';
  const town = [address.postcode, address.city].filter(Boolean).join(' ');
  return [address.line1, address.line2, town, address.country].filter(Boolean).join(', ');
}

/** Worth asking the server about while typing: a phone with 6 digits or more, an e-mail with an @ and a dot after it. */
export const checkablePhone = (phone: string) => phone.replace(/\D/g, '').length >= 6;
export const checkableEmail = (email: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim());

/** Field staff change only the customers they added; admins and dispatchers any (the server's rule). */
export const canEditCustomer = (user: Pick<CurrentUser, 'id' | 'role'>, customer: Pick<Customer, 'createdBy'>) =>
  user.role !== 'field' || customer.createdBy?.id === user.id;
