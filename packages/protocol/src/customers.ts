import { z } from 'zod';
import { Id, IsoDate, Language } from './common.js';

/** The customers of a service company: its built-in CRM. */

export const MAX_CUSTOMER_PHONES = 5;
export const MAX_CUSTOMER_EMAILS = 5;
export const MAX_CUSTOMER_FIELDS = 30;

const line = (max: number) => z.string().trim().max(max);

export const Address = z
  .strictObject({
    line1: line(200).min(1, 'Type the street and number'),
    line2: line(200).default(''),
    city: line(100).default(''),
    postcode: line(20).default(''),
    country: line(60).default(''),
  })
  .meta({ id: 'Address' });
export type Address = z.infer<typeof Address>;

/** A phone number as people type it: digits, spaces, +, -, dots, brackets; 6–20 digits. */
export const Phone = z
  .string()
  .trim()
  .max(40)
  .regex(/^\+?[0-9 ()./-]+$/, 'Digits, spaces and + - ( ) only')
  .refine((v) => {
    const digits = v.replace(/\D/g, '').length;
    return digits >= 6 && digits <= 20;
  }, 'A phone number has 6 to 20 digits');

const CustomerEmail = z
  .email({ message: 'Enter a valid email address' })
  .max(254)
  .transform((v) => v.toLowerCase());

export const customerFieldTypes = ['text', 'number', 'date', 'choice', 'yes_no'] as const;
export const CustomerFieldType = z.enum(customerFieldTypes);

/** A field an admin added to every customer record ("Boiler model", "Contract until"). */
export const CustomerField = z
  .object({
    key: z.string(),
    label: z.string(),
    type: CustomerFieldType,
    options: z.array(z.string()).describe('The choices of a `choice` field; empty otherwise'),
  })
  .meta({ id: 'CustomerField' });
export type CustomerField = z.infer<typeof CustomerField>;

export const CustomerFieldKey = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, 'Lowercase letters, digits and _ (starting with a letter, at most 40)');

export const PutCustomerFieldsRequest = z.strictObject({
  fields: z
    .array(
      z.strictObject({
        key: CustomerFieldKey,
        label: z.string().trim().min(1).max(80),
        type: CustomerFieldType,
        options: z.array(z.string().trim().min(1).max(80)).max(50).default([]),
      }),
    )
    .max(MAX_CUSTOMER_FIELDS)
    .describe('Every field, in the order forms show them: the list replaces the one before'),
});
export const CustomerFieldList = z.object({ fields: z.array(CustomerField) });

/** A custom field's value as stored: text, a number, a date (YYYY-MM-DD), a choice, yes/no; null clears it. */
export const CustomerFieldValue = z.union([z.string().max(500), z.number().finite(), z.boolean(), z.null()]);
export const CustomerFieldValues = z
  .record(CustomerFieldKey, CustomerFieldValue)
  .refine((r) => Object.keys(r).length <= MAX_CUSTOMER_FIELDS, 'Too many fields');

export const Customer = z
  .object({
    id: Id,
    name: z.string(),
    companyName: z.string(),
    serviceAddress: Address.nullable(),
    billingAddress: Address.nullable().describe('Null when bills go to the service address'),
    phones: z.array(z.string()),
    emails: z.array(z.string()),
    language: Language,
    notes: z.string(),
    fields: z.record(z.string(), CustomerFieldValue),
    createdBy: z.object({ id: Id, name: z.string() }).nullable(),
    externalId: z.string().nullable().describe('The CRM’s id for the customer'),
    erasedAt: IsoDate.nullable().describe('When the customer’s data was erased (README "Privacy (GDPR) operations")'),
    createdAt: IsoDate,
    updatedAt: IsoDate,
  })
  .meta({ id: 'Customer' });
export type Customer = z.infer<typeof Customer>;

const customerBody = {
  name: z.string().trim().min(1, 'Type the customer’s name').max(120),
  companyName: z.string().trim().max(120).default(''),
  serviceAddress: Address.nullable().default(null),
  billingAddress: Address.nullable().default(null),
  phones: z.array(Phone).max(MAX_CUSTOMER_PHONES).default([]),
  emails: z.array(CustomerEmail).max(MAX_CUSTOMER_EMAILS).default([]),
  language: Language.optional().describe('The language of e-mails and pages for them; default the organization’s'),
  notes: z.string().trim().max(4000).default(''),
  fields: CustomerFieldValues.default({}),
};
export const CreateCustomerRequest = z.strictObject(customerBody);
export type CreateCustomerRequest = z.input<typeof CreateCustomerRequest>;

export const UpdateCustomerRequest = z
  .strictObject({
    name: customerBody.name,
    companyName: z.string().trim().max(120),
    serviceAddress: Address.nullable(),
    billingAddress: Address.nullable(),
    phones: z.array(Phone).max(MAX_CUSTOMER_PHONES),
    emails: z.array(CustomerEmail).max(MAX_CUSTOMER_EMAILS),
    language: Language,
    notes: z.string().trim().max(4000),
    fields: CustomerFieldValues.describe('Only the fields named change; null clears one'),
  })
  .partial();
export type UpdateCustomerRequest = z.input<typeof UpdateCustomerRequest>;

/** Another customer with the same phone number or e-mail address: perhaps the same person. */
export const DuplicateHint = z
  .object({
    id: Id,
    name: z.string(),
    companyName: z.string(),
    matched: z.array(z.enum(['phone', 'email'])),
  })
  .meta({ id: 'CustomerDuplicateHint' });
export type DuplicateHint = z.infer<typeof DuplicateHint>;

export const CustomerListQuery = z.object({
  q: z.string().trim().max(100).optional().describe('Part of a name, company, phone, e-mail, street or postcode'),
  mine: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true')
    .describe('Only the customers this user added'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  after: z.string().max(200).optional().describe('The `next` of the page before'),
});
/** The customers list's filters for its CSV: every page of it, so no `limit` or `after`. */
export const CustomerCsvQuery = CustomerListQuery.omit({ limit: true, after: true });

export const CustomerList = z.object({
  customers: z.array(Customer),
  next: z.string().nullable().describe('Pass as `after` for the next page; null on the last'),
});

export const CustomerDuplicatesQuery = z.object({
  phone: z.string().max(40).optional(),
  email: z.string().max(254).optional(),
  except: Id.optional().describe('The customer being edited'),
});
export const DuplicateHints = z.object({ duplicates: z.array(DuplicateHint) });

export const CreatedCustomer = z.object({
  customer: Customer,
  duplicates: z.array(DuplicateHint).describe('Customers with the same phone or e-mail: perhaps the same person'),
});

/** A customer with the others who may be the same person; leads and jobs join it as those arrive. */
export const CustomerDetail = z.object({
  customer: Customer,
  duplicates: z.array(DuplicateHint),
});
