import type { RequestForm } from '@frontdesk/protocol';
import { Badge, Button, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { api } from '../../../api/client';
import { useErrorMessage } from '../../../i18n/error-message';
import { EmptyState, ErrorState, LoadingState } from '../../../ui/states';
import { FormEditor } from './FormEditor';

export const formsKeys = { all: ['staff', 'request-forms'] as const };
export const formsApi = {
  list: () => api<{ forms: RequestForm[] }>('/api/v1/forms').then((r) => r.forms),
  create: (body: { name: string; draft: RequestForm['draft'] }) => api<RequestForm>('/api/v1/forms', { body }),
};

/** `/app/admin/forms`: the company's request forms; choosing one opens it in the designer (`?form=`). */
export function FormsAdmin() {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [params, setParams] = useSearchParams();
  const selected = params.get('form');
  const forms = useQuery({ queryKey: formsKeys.all, queryFn: formsApi.list });
  const create = useMutation({
    mutationFn: () =>
      formsApi.create({
        name: t('formDesigner.newName'),
        draft: {
          steps: [
            {
              title: '',
              fields: [
                {
                  key: 'request',
                  type: 'long_text',
                  label: t('formDesigner.newQuestion'),
                  help: '',
                  required: true,
                  options: [],
                  showIf: null,
                },
              ],
            },
          ],
        },
      }),
    onSuccess: (form) => {
      void client.invalidateQueries({ queryKey: formsKeys.all });
      setParams({ form: form.id });
    },
  });
  const open = forms.data?.find((f) => f.id === selected);
  if (open) return <FormEditor key={open.id} form={open} onBack={() => setParams({})} />;
  return (
    <Stack gap="md" maw={760}>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {t('formDesigner.title')}
        </Title>
        <Button onClick={() => create.mutate()} loading={create.isPending}>
          {t('formDesigner.add')}
        </Button>
      </Group>
      <Text c="dimmed">{t('formDesigner.intro')}</Text>
      {create.error ? (
        <Text c="red" role="alert">
          {errorMessage(create.error)}
        </Text>
      ) : null}
      {forms.isPending ? (
        <LoadingState />
      ) : forms.isError ? (
        <ErrorState error={forms.error} onRetry={() => void forms.refetch()} />
      ) : forms.data.length === 0 ? (
        <EmptyState title={t('formDesigner.empty')} />
      ) : (
        <Stack gap="xs" component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {forms.data.map((form) => (
            <li key={form.id}>
              <Paper withBorder radius="md" p="sm">
                <UnstyledButton className="fd-focus" onClick={() => setParams({ form: form.id })} w="100%">
                  <Group justify="space-between">
                    <Text fw={600}>{form.name}</Text>
                    <Group gap="xs">
                      <Badge variant="light" color={form.publishedVersion ? 'teal' : 'gray'}>
                        {form.publishedVersion
                          ? t('formDesigner.published', { version: form.publishedVersion })
                          : t('formDesigner.notPublished')}
                      </Badge>
                      {form.publishedVersion && form.changedSincePublished ? (
                        <Badge variant="light" color="yellow">
                          {t('formDesigner.changed')}
                        </Badge>
                      ) : null}
                    </Group>
                  </Group>
                </UnstyledButton>
              </Paper>
            </li>
          ))}
        </Stack>
      )}
    </Stack>
  );
}
