import { customerFieldTypes } from '@frontdesk/protocol';
import { ActionIcon, Alert, Button, Group, Paper, Select, Stack, TagsInput, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { ErrorState, LoadingState } from '../../../ui/states';
import type { CustomerField } from '../../types';
import { adminApi, adminKeys } from './api';
import { type FieldRow, fieldsToSave } from './field-key';

type FieldType = CustomerField['type'];

let nextRow = 0;
const rowOf = (f: Omit<FieldRow, 'row'>): FieldRow => ({ ...f, row: nextRow++ });

/** Admin › Customer fields: the extra details of every customer record, added, removed and put in order. */
export function CustomerFieldsAdmin() {
  const fields = useQuery({ queryKey: adminKeys.customerFields, queryFn: adminApi.customerFields });
  if (fields.isPending) return <LoadingState />;
  if (fields.isError) return <ErrorState error={fields.error} onRetry={() => void fields.refetch()} />;
  return <FieldsEditor key={fields.dataUpdatedAt} saved={fields.data} />;
}

function FieldsEditor({ saved }: { saved: CustomerField[] }) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [rows, setRows] = useState(() => saved.map((f) => rowOf(f)));
  const [problem, setProblem] = useState<string | null>(null);
  const save = useMutation({
    mutationFn: () => adminApi.putCustomerFields({ fields: fieldsToSave(rows) }),
    onSuccess: (fields) => {
      queryClient.setQueryData(adminKeys.customerFields, fields);
      notifications.show({ color: 'green', message: t('admin.fields.saved') });
    },
  });
  const change = (row: number, patch: Partial<FieldRow>) =>
    setRows((all) => all.map((r) => (r.row === row ? { ...r, ...patch } : r)));
  const move = (from: number, to: number) =>
    setRows((all) => {
      const next = [...all];
      const [moved] = next.splice(from, 1);
      if (moved) next.splice(to, 0, moved);
      return next;
    });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const unnamed = rows.some((r) => !r.label.trim());
    const choiceless = rows.find((r) => r.type === 'choice' && r.options.length === 0);
    setProblem(
      unnamed
        ? t('admin.fields.needsName')
        : choiceless
          ? t('admin.fields.needsOptions', { label: choiceless.label })
          : null,
    );
    if (!unnamed && !choiceless) save.mutate();
  };
  const typeOptions = customerFieldTypes.map((type) => ({ value: type, label: t(`admin.fields.types.${type}`) }));
  return (
    <form onSubmit={submit} noValidate>
      <Stack gap="md" maw={760}>
        <Text size="sm" c="dimmed">
          {t('admin.fields.intro')}
        </Text>
        {rows.length === 0 ? <Text c="dimmed">{t('admin.fields.empty')}</Text> : null}
        {rows.map((r, i) => {
          const n = i + 1;
          const name = r.label.trim() || t('admin.fields.unnamed', { n });
          return (
            <Paper key={r.row} withBorder radius="md" p="sm">
              <Stack gap="xs">
                <Group align="flex-end" gap="sm" wrap="wrap">
                  <TextInput
                    label={t('admin.fields.label', { n })}
                    value={r.label}
                    onChange={(e) => change(r.row, { label: e.currentTarget.value })}
                    maxLength={80}
                    required
                    style={{ flex: '2 1 200px' }}
                  />
                  <Select
                    label={t('admin.fields.type', { n })}
                    data={typeOptions}
                    value={r.type}
                    onChange={(v) => v && change(r.row, { type: v as FieldType })}
                    allowDeselect={false}
                    style={{ flex: '1 1 160px' }}
                  />
                  <Group gap={4} wrap="nowrap">
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={t('admin.fields.up', { label: name })}
                      disabled={i === 0}
                      onClick={() => move(i, i - 1)}
                    >
                      ↑
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      size="lg"
                      aria-label={t('admin.fields.down', { label: name })}
                      disabled={i === rows.length - 1}
                      onClick={() => move(i, i + 1)}
                    >
                      ↓
                    </ActionIcon>
                    <ActionIcon
                      variant="default"
                      color="red"
                      size="lg"
                      aria-label={t('admin.fields.remove', { label: name })}
                      onClick={() => setRows((all) => all.filter((x) => x.row !== r.row))}
                    >
                      ✕
                    </ActionIcon>
                  </Group>
                </Group>
                {r.type === 'choice' ? (
                  <TagsInput
                    label={t('admin.fields.options', { n })}
                    description={t('admin.fields.optionsHelp')}
                    value={r.options}
                    onChange={(options) => change(r.row, { options })}
                    maxTags={50}
                  />
                ) : null}
              </Stack>
            </Paper>
          );
        })}
        <Group>
          <Button
            variant="default"
            onClick={() => setRows((all) => [...all, rowOf({ key: null, label: '', type: 'text', options: [] })])}
          >
            {t('admin.fields.add')}
          </Button>
        </Group>
        <Text size="xs" c="dimmed">
          {t('admin.fields.removedNote')}
        </Text>
        {problem || save.error ? (
          <Alert color="red" role="alert">
            {problem ?? errorMessage(save.error)}
          </Alert>
        ) : null}
        <Group>
          <Button type="submit" loading={save.isPending}>
            {t('admin.fields.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
