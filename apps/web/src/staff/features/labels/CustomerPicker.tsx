import { Alert, Button, Divider, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { LoadingState } from '../../../ui/states';
import { type Customer, labelsApi } from './api';

/** One line about a customer, enough to tell two of the same name apart. */
export function customerLine(c: Customer): string {
  const address = c.serviceAddress ? [c.serviceAddress.line1, c.serviceAddress.city].filter(Boolean).join(', ') : '';
  return [c.phones[0], address].filter(Boolean).join(' · ');
}

/**
 * Pick the customer a label goes to: search by name, phone, street or postcode, or add a new one
 * with just a name, a phone and the service address. `onPick` gets the customer chosen or added.
 */
export function CustomerPicker({ onPick, pending }: { onPick: (customer: Customer) => void; pending: boolean }) {
  const { t } = useTranslation('staff');
  const [q, setQ] = useState('');
  const [debounced] = useDebouncedValue(q.trim(), 250);
  const search = useQuery({
    queryKey: ['labels', 'customer-search', debounced],
    queryFn: ({ signal }) => labelsApi.searchCustomers(debounced, signal),
    enabled: debounced.length >= 2,
  });
  return (
    <Stack gap="md">
      <Title order={2} size="h3">
        {t('labels.pick.title')}
      </Title>
      <TextInput
        size="lg"
        label={t('labels.pick.search')}
        description={t('labels.pick.searchHelp')}
        value={q}
        onChange={(e) => setQ(e.currentTarget.value)}
        type="search"
        autoComplete="off"
      />
      {debounced.length >= 2 ? (
        search.isPending ? (
          <LoadingState />
        ) : search.data?.length ? (
          <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
            {search.data.map((c) => (
              <li key={c.id}>
                <Button
                  size="lg"
                  variant="default"
                  fullWidth
                  h="auto"
                  py="xs"
                  disabled={pending}
                  onClick={() => onPick(c)}
                  aria-label={t('labels.pick.choose', { name: c.name })}
                  styles={{
                    inner: { justifyContent: 'flex-start' },
                    label: { whiteSpace: 'normal', textAlign: 'left' },
                  }}
                >
                  <span>
                    <strong>{c.name}</strong>
                    <br />
                    <Text span size="sm" c="dimmed">
                      {customerLine(c)}
                    </Text>
                  </span>
                </Button>
              </li>
            ))}
          </Stack>
        ) : (
          <Text c="dimmed">{search.isError ? null : t('labels.pick.noMatch')}</Text>
        )
      ) : null}
      <Divider />
      <QuickCustomer initialName={/\d/.test(q) ? '' : q.trim()} onAdded={onPick} pending={pending} />
    </Stack>
  );
}

type QuickField = 'name' | 'phone' | 'street' | 'postcode' | 'city';
const quickFields: readonly { key: QuickField; max: number; tel?: boolean }[] = [
  { key: 'name', max: 120 },
  { key: 'phone', max: 40, tel: true },
  { key: 'street', max: 200 },
  { key: 'postcode', max: 20 },
  { key: 'city', max: 100 },
];

/** A new customer from the doorstep: name, phone and the service address; the office fills in the rest. */
function QuickCustomer({
  initialName,
  onAdded,
  pending,
}: {
  initialName: string;
  onAdded: (customer: Customer) => void;
  pending: boolean;
}) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const [fields, setFields] = useState<Record<QuickField, string>>({
    name: '',
    phone: '',
    street: '',
    postcode: '',
    city: '',
  });
  const value = (key: QuickField) => fields[key].trim();
  const shownName = fields.name || initialName;
  // added once: when giving the label then fails, trying again must not add the customer twice
  const [added, setAdded] = useState<Customer | null>(null);
  const add = useMutation({
    mutationFn: async () => {
      if (added) return added;
      const created = await labelsApi.createCustomer({
        name: shownName.trim(),
        phones: value('phone') ? [value('phone')] : [],
        serviceAddress: value('street')
          ? { line1: value('street'), postcode: value('postcode'), city: value('city'), line2: '', country: '' }
          : null,
      });
      setAdded(created.customer);
      return created.customer;
    },
    onSuccess: onAdded,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (shownName.trim()) add.mutate();
  };
  const labels = {
    name: t('labels.pick.name'),
    phones: t('labels.pick.phone'),
    'phones.0': t('labels.pick.phone'),
    'serviceAddress.line1': t('labels.pick.street'),
    'serviceAddress.postcode': t('labels.pick.postcode'),
    'serviceAddress.city': t('labels.pick.city'),
  };
  return (
    <Paper withBorder p="md" radius="md" component="form" onSubmit={submit} noValidate>
      <Stack gap="sm">
        <Title order={3} size="h4">
          {t('labels.pick.newCustomer')}
        </Title>
        {quickFields.map(({ key, max, tel }) => (
          <TextInput
            key={key}
            size="lg"
            label={t(`labels.pick.${key}`)}
            description={tel ? t('labels.pick.phoneHelp') : undefined}
            value={key === 'name' ? shownName : fields[key]}
            onChange={(e) => {
              const text = e.currentTarget.value;
              setFields((f) => ({ ...f, [key]: text }));
            }}
            type={tel ? 'tel' : 'text'}
            inputMode={tel ? 'tel' : undefined}
            autoComplete="off"
            maxLength={max}
            required={key === 'name'}
          />
        ))}
        {add.error ? (
          <Alert color="red" role="alert">
            {errorMessage(add.error, labels)}
          </Alert>
        ) : null}
        <Button type="submit" size="lg" fullWidth loading={add.isPending || pending} disabled={!shownName.trim()}>
          {t('labels.pick.add')}
        </Button>
      </Stack>
    </Paper>
  );
}
