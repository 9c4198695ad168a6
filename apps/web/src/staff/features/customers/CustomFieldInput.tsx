import { NumberInput, Select, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CustomerField } from '../../types';
import type { FieldValue } from './customer-draft';

/** One of the organization's extra fields, as its type asks: text, number, date, a choice or a yes/no switch. */
export function CustomFieldInput({
  field,
  value,
  onChange,
}: {
  field: CustomerField;
  value: FieldValue | undefined;
  onChange: (value: FieldValue) => void;
}) {
  const { t } = useTranslation('staff');
  switch (field.type) {
    case 'number':
      return (
        <NumberInput
          label={field.label}
          value={typeof value === 'number' ? value : typeof value === 'string' ? value : ''}
          onChange={(v) => onChange(v === '' ? null : v)}
          size="md"
        />
      );
    case 'date':
      return (
        <TextInput
          type="date"
          label={field.label}
          value={typeof value === 'string' ? value : ''}
          onChange={(e) => onChange(e.currentTarget.value || null)}
          size="md"
        />
      );
    case 'choice': {
      const current = typeof value === 'string' ? value : null;
      // a value chosen before the admin removed that choice is still shown, not silently dropped
      const options = current && !field.options.includes(current) ? [...field.options, current] : field.options;
      return (
        <Select
          label={field.label}
          placeholder={t('customers.choose')}
          data={options}
          value={current}
          onChange={(v) => onChange(v)}
          clearable
          size="md"
        />
      );
    }
    case 'yes_no':
      return (
        <Switch
          label={field.label}
          checked={value === true}
          onChange={(e) => onChange(e.currentTarget.checked)}
          size="md"
          py={6}
        />
      );
    default:
      return (
        <TextInput
          label={field.label}
          value={typeof value === 'string' ? value : value == null ? '' : String(value)}
          onChange={(e) => onChange(e.currentTarget.value)}
          size="md"
        />
      );
  }
}

/** A field's value to read: "Yes", "12", "30 Sept 2027", the choice; a dash when there is none. */
export function fieldText(
  field: CustomerField,
  value: FieldValue | undefined,
  t: (key: 'customers.yes' | 'customers.no' | 'customers.none') => string,
  language: string,
): string {
  if (value === undefined || value === null || value === '') return t('customers.none');
  if (field.type === 'yes_no') return value ? t('customers.yes') : t('customers.no');
  if (field.type === 'date' && typeof value === 'string') {
    // a calendar day, not an instant: shown as written, in no time zone
    const date = new Date(`${value}T12:00:00Z`);
    if (!Number.isNaN(date.getTime()))
      return new Intl.DateTimeFormat(language, { dateStyle: 'medium', timeZone: 'UTC' }).format(date);
  }
  if (typeof value === 'number') return new Intl.NumberFormat(language).format(value);
  return String(value);
}
