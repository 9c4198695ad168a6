import { Alert, Anchor, Button, Group, Stack, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useErrorMessage, useFieldErrors } from '../../../i18n/error-message';
import type { Language } from '../../../i18n/languages';
import { useCurrentUser } from '../../auth/session';
import { customerKeys, customersApi } from './api';
import { CustomerForm, useCustomerErrorLabels } from './CustomerForm';
import { createBody, draftOf } from './customer-draft';
import './customers.css';

/**
 * `/app/customers/new`: a page, not a dialog, so it fills a phone's screen. On saving it opens the
 * new customer with the answer's duplicate hints ("maybe the same person").
 */
export function NewCustomerPage() {
  const { t } = useTranslation('staff');
  const user = useCurrentUser();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const errorMessage = useErrorMessage();
  const fields = useQuery({ queryKey: customerKeys.fields, queryFn: customersApi.fields });
  const [draft, setDraft] = useState(() => draftOf(null, (user.organization?.language ?? 'en') as Language));
  const create = useMutation({
    mutationFn: () => customersApi.create(createBody(draft, fields.data ?? [])),
    onSuccess: (answer) => {
      void queryClient.invalidateQueries({ queryKey: customerKeys.all });
      // the answer is the detail page's: the customer and who may be the same person
      queryClient.setQueryData(customerKeys.one(answer.customer.id), answer);
      notifications.show({ color: 'green', message: t('customers.created', { name: answer.customer.name }) });
      navigate(`/app/customers/${answer.customer.id}`, { replace: true });
    },
  });
  const invalid = useFieldErrors(create.error);
  const errorLabels = useCustomerErrorLabels(draft);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (draft.name.trim()) create.mutate();
  };
  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 640 }}>
        <form onSubmit={submit} noValidate>
          <Stack gap="md">
            <Anchor component={Link} to="/app/customers" size="sm">
              ← {t('customers.back')}
            </Anchor>
            <Title order={1} size="h2">
              {t('customers.newTitle')}
            </Title>
            <CustomerForm draft={draft} onChange={setDraft} fields={fields.data ?? []} invalid={invalid} />
            {create.error ? (
              <Alert color="red" role="alert">
                {errorMessage(create.error, errorLabels)}
              </Alert>
            ) : null}
            <Group justify="flex-end" gap="sm">
              <Button component={Link} to="/app/customers" variant="default" size="md">
                {t('shared.cancel')}
              </Button>
              <Button type="submit" size="md" loading={create.isPending} disabled={!draft.name.trim()}>
                {t('customers.create')}
              </Button>
            </Group>
          </Stack>
        </form>
      </div>
    </div>
  );
}
