import { Alert, Anchor, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../../api/errors';
import { useErrorMessage, useFieldErrors } from '../../../i18n/error-message';
import { languageNames } from '../../../i18n/languages';
import { zoneAbbreviation } from '../../../i18n/time-zone';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { useCurrentUser, useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import type { Customer, CustomerField } from '../../types';
import { ConfirmModal } from '../../ui/FormModal';
import { PrivacyActions } from '../../ui/PrivacyActions';
import { customerKeys, customersApi } from './api';
import { CustomerForm, useCustomerErrorLabels } from './CustomerForm';
import { CustomerHistory } from './CustomerHistory';
import { fieldText } from './CustomFieldInput';
import { addressLine, type CustomerDraft, canEditCustomer, draftOf, updateBody } from './customer-draft';
import { DuplicateHints } from './DuplicateHints';
import './customers.css';

/** `/app/customers/:customerId`: everything about one customer, who may be the same person, edit and remove. */
export function CustomerPage() {
  const { t } = useTranslation('staff');
  const { customerId = '' } = useParams();
  const detail = useQuery({ queryKey: customerKeys.one(customerId), queryFn: () => customersApi.get(customerId) });
  const fields = useQuery({ queryKey: customerKeys.fields, queryFn: customersApi.fields });
  const [editing, setEditing] = useState<CustomerDraft | null>(null);
  let body: ReactNode;
  if (detail.isPending || fields.isPending) body = <LoadingState />;
  else if (detail.isError && detail.error instanceof ApiError && detail.error.status === 404)
    body = <EmptyState title={t('customers.notFound')} />;
  else if (detail.isError || fields.isError)
    body = (
      <ErrorState
        error={detail.error ?? fields.error}
        onRetry={() => {
          void detail.refetch();
          void fields.refetch();
        }}
      />
    );
  else if (editing)
    body = (
      <EditCustomer
        customer={detail.data.customer}
        fields={fields.data}
        draft={editing}
        onChange={setEditing}
        onDone={() => setEditing(null)}
      />
    );
  else
    body = (
      <CustomerView
        customer={detail.data.customer}
        duplicates={detail.data.duplicates}
        fields={fields.data}
        onEdit={() => setEditing(draftOf(detail.data.customer, detail.data.customer.language))}
      />
    );
  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 760 }}>
        <Stack gap="md">
          <Anchor component={Link} to="/app/customers" size="sm">
            ← {t('customers.back')}
          </Anchor>
          {body}
        </Stack>
      </div>
    </div>
  );
}

/** Phones and e-mails one tap away: a call or a new e-mail, one per line. */
function links(values: string[], scheme: 'tel:' | 'mailto:'): ReactNode {
  if (!values.length) return null;
  return values.map((v) => (
    <Anchor key={v} href={`${scheme}${scheme === 'tel:' ? v.replace(/[^\d+]/g, '') : v}`} display="block" py={2}>
      {v}
    </Anchor>
  ));
}

function CustomerView({
  customer,
  duplicates,
  fields,
  onEdit,
}: {
  customer: Customer;
  duplicates: Parameters<typeof DuplicateHints>[0]['hints'];
  fields: CustomerField[];
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation('staff');
  const user = useCurrentUser();
  const timeZone = useTimeZone();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const [archiving, setArchiving] = useState(false);
  // named with its zone here too: on a phone the header's clock note has no room
  const when = (iso: string) =>
    timeZone
      ? `${formatDateTime(iso, i18n.language, timeZone)} ${zoneAbbreviation(timeZone, i18n.language, new Date(iso))}`
      : formatDateTime(iso, i18n.language);
  const dash = t('customers.none');
  const facts: [string, ReactNode][] = [
    [t('customers.company'), customer.companyName || dash],
    [t('customers.phones'), links(customer.phones, 'tel:') ?? dash],
    [t('customers.emails'), links(customer.emails, 'mailto:') ?? dash],
    [t('customers.serviceAddress'), addressLine(customer.serviceAddress) || dash],
    [
      t('customers.billingAddress'),
      customer.billingAddress ? addressLine(customer.billingAddress) : t('customers.billingSame'),
    ],
    [t('customers.language'), languageNames[customer.language]],
    ...fields.map((f): [string, string] => [f.label, fieldText(f, customer.fields[f.key], t, i18n.language)]),
    [t('customers.notes'), customer.notes || dash],
  ];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <div>
          <Title order={1} size="h2">
            {customer.name}
          </Title>
          <Text size="sm" c="dimmed">
            {customer.createdBy
              ? t('customers.addedBy', { name: customer.createdBy.name, when: when(customer.createdAt) })
              : t('customers.addedOn', { when: when(customer.createdAt) })}
            {' · '}
            {t('customers.updated', { when: when(customer.updatedAt) })}
          </Text>
        </div>
        {canEditCustomer(user, customer) ? (
          <Button size="md" onClick={onEdit} aria-label={t('customers.editTitle', { name: customer.name })}>
            {t('customers.edit')}
          </Button>
        ) : null}
      </Group>
      {canEditCustomer(user, customer) ? null : (
        <Text size="sm" c="dimmed">
          {t('customers.onlyCreator')}
        </Text>
      )}
      <DuplicateHints hints={duplicates} />
      <Paper withBorder radius="md" p="md">
        <dl className="fd-customer-facts">
          {facts.map(([label, value]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{value}</dd>
            </div>
          ))}
        </dl>
      </Paper>
      <CustomerHistory customerId={customer.id} requests={user.abilities.leads} />
      {user.role === 'admin' ? (
        <Group>
          <Button variant="subtle" color="red" onClick={() => setArchiving(true)}>
            {t('customers.archive')}
          </Button>
        </Group>
      ) : null}
      {user.abilities.managePrivacy ? (
        <PrivacyActions
          base={`/api/v1/customers/${encodeURIComponent(customer.id)}`}
          who={customer.name}
          onErased={() => {
            queryClient.removeQueries({ queryKey: customerKeys.one(customer.id) });
            void queryClient.invalidateQueries({ queryKey: customerKeys.all });
            navigate('/app/customers', { replace: true });
          }}
        />
      ) : null}
      {archiving ? <ArchiveCustomer customer={customer} onClose={() => setArchiving(false)} /> : null}
    </Stack>
  );
}

function EditCustomer({
  customer,
  fields,
  draft,
  onChange,
  onDone,
}: {
  customer: Customer;
  fields: CustomerField[];
  draft: CustomerDraft;
  onChange: (draft: CustomerDraft) => void;
  onDone: () => void;
}) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const save = useMutation({
    mutationFn: () => customersApi.update(customer.id, updateBody(draft, fields)),
    onSuccess: (answer) => {
      queryClient.setQueryData(customerKeys.one(customer.id), answer);
      void queryClient.invalidateQueries({ queryKey: [...customerKeys.all, 'list'] });
      notifications.show({ color: 'green', message: t('customers.saved') });
      onDone();
    },
  });
  const invalid = useFieldErrors(save.error);
  const errorLabels = useCustomerErrorLabels(draft);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.name.trim()) save.mutate();
  };
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title order={1} size="h2">
          {t('customers.editTitle', { name: customer.name })}
        </Title>
        <CustomerForm draft={draft} onChange={onChange} fields={fields} exceptId={customer.id} invalid={invalid} />
        {save.error ? (
          <Alert color="red" role="alert">
            {errorMessage(save.error, errorLabels)}
          </Alert>
        ) : null}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" size="md" onClick={onDone}>
            {t('shared.cancel')}
          </Button>
          <Button type="submit" size="md" loading={save.isPending} disabled={!draft.name.trim()}>
            {t('customers.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function ArchiveCustomer({ customer, onClose }: { customer: Customer; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const archive = useMutation({
    mutationFn: () => customersApi.archive(customer.id),
    onSuccess: () => {
      queryClient.removeQueries({ queryKey: customerKeys.one(customer.id) });
      void queryClient.invalidateQueries({ queryKey: customerKeys.all });
      notifications.show({ color: 'green', message: t('customers.archived', { name: customer.name }) });
      navigate('/app/customers', { replace: true });
    },
  });
  return (
    <ConfirmModal
      title={t('customers.archiveTitle', { name: customer.name })}
      body={t('customers.archiveBody', { name: customer.name })}
      confirmLabel={t('customers.archiveConfirm')}
      onConfirm={() => archive.mutate()}
      onClose={onClose}
      pending={archive.isPending}
      error={archive.error}
    />
  );
}
