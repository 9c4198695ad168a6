import {
  ActionIcon,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Select,
  SimpleGrid,
  Stack,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQueries } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { type Language, languageNames, languages } from '../../../i18n/languages';
import type { Address, CustomerField } from '../../types';
import { customerKeys, customersApi } from './api';
import { CustomFieldInput } from './CustomFieldInput';
import { type CustomerDraft, checkableEmail, checkablePhone } from './customer-draft';
import { DuplicateHints, mergeHints } from './DuplicateHints';

const MAX_ROWS = 5;

/**
 * Every field of a customer, one column, large enough for a thumb: name, company, the service and
 * billing addresses, phones and e-mails, language, notes and the organization's extra fields.
 * While phones and e-mails are typed, it names customers who already have them.
 */
export function CustomerForm({
  draft,
  onChange,
  fields,
  exceptId,
  invalid,
}: {
  draft: CustomerDraft;
  onChange: (draft: CustomerDraft) => void;
  fields: readonly CustomerField[];
  /** The customer being changed: not a duplicate of itself. */
  exceptId?: string;
  /** The server's reasons by field path, e.g. `phones.0`. */
  invalid: Record<string, string>;
}) {
  const { t } = useTranslation('staff');
  const set = (change: Partial<CustomerDraft>) => onChange({ ...draft, ...change });
  return (
    <Stack gap="md">
      <TextInput
        label={t('customers.name')}
        value={draft.name}
        onChange={(e) => set({ name: e.currentTarget.value })}
        required
        size="md"
        autoComplete="off"
        error={invalid.name}
        data-autofocus
      />
      <TextInput
        label={t('customers.company')}
        value={draft.companyName}
        onChange={(e) => set({ companyName: e.currentTarget.value })}
        size="md"
        autoComplete="off"
      />
      <ListRows kind="phone" values={draft.phones} onChange={(phones) => set({ phones })} invalid={invalid} />
      <ListRows kind="email" values={draft.emails} onChange={(emails) => set({ emails })} invalid={invalid} />
      <LiveDuplicates phones={draft.phones} emails={draft.emails} exceptId={exceptId} />
      <AddressFields
        legend={t('customers.serviceAddress')}
        address={draft.serviceAddress}
        onChange={(serviceAddress) => set({ serviceAddress })}
        error={invalid['serviceAddress.line1']}
      />
      <Checkbox
        label={t('customers.billingSame')}
        checked={draft.billingSame}
        onChange={(e) => set({ billingSame: e.currentTarget.checked })}
        size="md"
      />
      {draft.billingSame ? null : (
        <AddressFields
          legend={t('customers.billingAddress')}
          address={draft.billingAddress}
          onChange={(billingAddress) => set({ billingAddress })}
          error={invalid['billingAddress.line1']}
        />
      )}
      {fields.length ? (
        <Fieldset legend={t('customers.extra')}>
          <Stack gap="sm">
            {fields.map((f) => (
              <CustomFieldInput
                key={f.key}
                field={f}
                value={draft.fields[f.key]}
                onChange={(value) => set({ fields: { ...draft.fields, [f.key]: value } })}
              />
            ))}
          </Stack>
        </Fieldset>
      ) : null}
      <Select
        label={t('customers.language')}
        description={t('customers.languageHelp')}
        data={languages.map((l) => ({ value: l, label: languageNames[l] }))}
        value={draft.language}
        onChange={(v) => v && set({ language: v as Language })}
        allowDeselect={false}
        size="md"
      />
      <Textarea
        label={t('customers.notes')}
        value={draft.notes}
        onChange={(e) => set({ notes: e.currentTarget.value })}
        autosize
        minRows={3}
        size="md"
      />
    </Stack>
  );
}

/** Phones or e-mails: a row each, "Add" below, a remove button beside every row but a lone empty one. */
function ListRows({
  kind,
  values,
  onChange,
  invalid,
}: {
  kind: 'phone' | 'email';
  values: string[];
  onChange: (values: string[]) => void;
  invalid: Record<string, string>;
}) {
  const { t } = useTranslation('staff');
  const many = kind === 'phone' ? 'phones' : 'emails';
  return (
    <Stack gap="xs">
      {values.map((value, i) => {
        const n = i + 1;
        const label = values.length > 1 ? t(`customers.${kind}N`, { n }) : t(`customers.${kind}`);
        return (
          // rows have no identity but their place; a removed one shifts the rest up
          // biome-ignore lint/suspicious/noArrayIndexKey: positional rows
          <Group key={i} gap="xs" align="flex-end" wrap="nowrap">
            <TextInput
              label={label}
              type={kind === 'phone' ? 'tel' : 'email'}
              inputMode={kind === 'phone' ? 'tel' : 'email'}
              autoComplete="off"
              value={value}
              onChange={(e) => onChange(values.map((v, j) => (j === i ? e.currentTarget.value : v)))}
              size="md"
              style={{ flex: 1 }}
              error={invalid[`${many}.${i}`]}
            />
            {values.length > 1 || value ? (
              <ActionIcon
                variant="default"
                size={42}
                mb={invalid[`${many}.${i}`] ? 26 : 0}
                aria-label={t(kind === 'phone' ? 'customers.removePhone' : 'customers.removeEmail', { n })}
                onClick={() => onChange(values.length > 1 ? values.filter((_, j) => j !== i) : [''])}
              >
                ✕
              </ActionIcon>
            ) : null}
          </Group>
        );
      })}
      {values.length < MAX_ROWS ? (
        <Group>
          <Button variant="subtle" size="sm" onClick={() => onChange([...values, ''])}>
            {t(kind === 'phone' ? 'customers.addPhone' : 'customers.addEmail')}
          </Button>
        </Group>
      ) : null}
    </Stack>
  );
}

function AddressFields({
  legend,
  address,
  onChange,
  error,
}: {
  legend: string;
  address: Address;
  onChange: (address: Address) => void;
  error?: string;
}) {
  const { t } = useTranslation('staff');
  const input = (key: keyof Address, label: string, extra: { error?: string; autoComplete?: string } = {}) => (
    <TextInput
      label={label}
      value={address[key]}
      onChange={(e) => onChange({ ...address, [key]: e.currentTarget.value })}
      size="md"
      autoComplete="off"
      {...extra}
    />
  );
  return (
    <Fieldset legend={legend}>
      <Stack gap="sm">
        {input('line1', t('customers.street'), { error })}
        {input('line2', t('customers.line2'))}
        <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
          {input('postcode', t('customers.postcode'))}
          {input('city', t('customers.city'))}
        </SimpleGrid>
        {input('country', t('customers.country'))}
      </Stack>
    </Fieldset>
  );
}

/** Customers who have one of these phones or e-mails already, asked a moment after typing stops. */
function LiveDuplicates({ phones, emails, exceptId }: { phones: string[]; emails: string[]; exceptId?: string }) {
  // a string, so the debounce restarts only when the text changes, not on every render
  const [settled] = useDebouncedValue(JSON.stringify({ phones, emails }), 400);
  const typed = JSON.parse(settled) as { phones: string[]; emails: string[] };
  const matches = [
    ...[...new Set(typed.phones.map((p) => p.trim()).filter(checkablePhone))].map((phone) => ({ phone })),
    ...[...new Set(typed.emails.map((e) => e.trim()).filter(checkableEmail))].map((email) => ({ email })),
  ].map((m) => ({ ...m, except: exceptId }));
  const answers = useQueries({
    queries: matches.map((match) => ({
      queryKey: customerKeys.duplicates(match),
      queryFn: () => customersApi.duplicates(match),
      staleTime: 10_000,
    })),
  });
  return <DuplicateHints hints={mergeHints(answers.map((a) => a.data))} />;
}

/** The form's fields by the path the server names them in a refusal (`phones.1` → "Phone 2"). */
export function useCustomerErrorLabels(draft: CustomerDraft): Record<string, string> {
  const { t } = useTranslation('staff');
  return {
    name: t('customers.name'),
    companyName: t('customers.company'),
    notes: t('customers.notes'),
    'serviceAddress.line1': `${t('customers.serviceAddress')}: ${t('customers.street')}`,
    'billingAddress.line1': `${t('customers.billingAddress')}: ${t('customers.street')}`,
    ...Object.fromEntries(draft.phones.map((_, i) => [`phones.${i}`, t('customers.phoneN', { n: i + 1 })])),
    ...Object.fromEntries(draft.emails.map((_, i) => [`emails.${i}`, t('customers.emailN', { n: i + 1 })])),
  };
}
