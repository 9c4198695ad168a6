import { type Language, priorities } from '@frontdesk/protocol';
import { Button, Checkbox, Fieldset, Group, NumberInput, Select, Stack, Table, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { languageNames, languages } from '../../../i18n/languages';
import { useCurrentUser } from '../../auth/session';
import { ConfirmModal, FormModal } from '../../ui/FormModal';
import { DataTable, QueryBlock } from '../../ui/QueryTable';
import { useTeams } from '../../useTeams';
import { type QuickAction, type QuickActionInput, quickActionsApi, quickActionsKeys } from './quick-actions-api';

/** The title an admin reads in the list: in their language, else the first one given. */
function titleOf(action: QuickAction, language: string): string {
  return action.titles[language as Language] ?? languages.map((l) => action.titles[l]).find(Boolean) ?? '';
}

/** `/app/admin/quickActions` (admins): the one-tap requests guests see, in their order. */
export function QuickActionsAdmin() {
  const { t } = useTranslation('staff');
  const list = useQuery({ queryKey: quickActionsKeys.list, queryFn: quickActionsApi.list });
  const [editing, setEditing] = useState<QuickAction | 'new' | null>(null);
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-start">
        <Text c="dimmed" size="sm" maw={640}>
          {t('quickActions.intro')}
        </Text>
        <Button onClick={() => setEditing('new')}>{t('quickActions.add')}</Button>
      </Group>
      <QueryBlock query={list} empty={<Text c="dimmed">{t('quickActions.empty')}</Text>}>
        {(rows) => (
          <DataTable
            label={t('admin.sections.quickActions')}
            columns={[
              t('quickActions.title'),
              t('quickActions.asks'),
              t('quickActions.task'),
              t('quickActions.enabled'),
            ]}
          >
            {rows.map((action, i) => (
              <ActionRow
                key={action.id}
                action={action}
                above={rows[i - 1]}
                below={rows[i + 1]}
                onEdit={() => setEditing(action)}
              />
            ))}
          </DataTable>
        )}
      </QueryBlock>
      {editing ? <ActionModal action={editing === 'new' ? null : editing} onClose={() => setEditing(null)} /> : null}
    </Stack>
  );
}

function ActionRow({
  action,
  above,
  below,
  onEdit,
}: {
  action: QuickAction;
  above?: QuickAction;
  below?: QuickAction;
  onEdit: () => void;
}) {
  const { t, i18n } = useTranslation('staff');
  const client = useQueryClient();
  const [confirming, setConfirming] = useState(false);
  const refresh = () => client.invalidateQueries({ queryKey: quickActionsKeys.list });
  const title = titleOf(action, i18n.language);
  const toggle = useMutation({
    mutationFn: (enabled: boolean) => quickActionsApi.update(action.id, { enabled }),
    onSuccess: refresh,
  });
  // swapping places with a neighbour: both get distinct positions in the list's order
  const move = useMutation({
    mutationFn: async (other: QuickAction) => {
      const [a, b] = [action.position, other.position];
      const [mine, theirs] = a === b ? (other === above ? [a, a + 1] : [a + 1, a]) : [b, a];
      await quickActionsApi.update(action.id, { position: mine });
      await quickActionsApi.update(other.id, { position: theirs });
    },
    onSuccess: refresh,
  });
  const remove = useMutation({
    mutationFn: () => quickActionsApi.remove(action.id),
    onSuccess: () => {
      setConfirming(false);
      notifications.show({ message: t('quickActions.removed') });
      return refresh();
    },
  });
  const f = action.fields;
  const asks = [
    f.count ? `${t('quickActions.askCount')} (${f.count.min}–${f.count.max})` : null,
    f.time ? t('quickActions.askTime') : null,
    f.note ? t('quickActions.askNote') : null,
    f.photo ? t('quickActions.askPhoto') : null,
  ].filter(Boolean);
  return (
    <Table.Tr>
      <Table.Td>
        <Text size="sm" fw={500}>
          {action.icon ? <span aria-hidden="true">{action.icon} </span> : null}
          {title}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">{asks.length ? asks.join(', ') : t('quickActions.nothing')}</Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm">
          {action.task
            ? `${action.task.team.name} (${t(`inbox.priorities.${action.task.priority}`)})`
            : t('quickActions.noTask')}
        </Text>
      </Table.Td>
      <Table.Td>
        <Checkbox
          checked={action.enabled}
          onChange={(e) => toggle.mutate(e.currentTarget.checked)}
          label={action.enabled ? t('quickActions.shown') : t('quickActions.hidden')}
          aria-label={t('quickActions.show', { title })}
        />
      </Table.Td>
      <Table.Td>
        <Group gap={4} wrap="nowrap">
          <Button
            size="compact-sm"
            variant="subtle"
            disabled={!above}
            onClick={() => above && move.mutate(above)}
            aria-label={t('quickActions.moveUp', { title })}
          >
            {t('quickActions.up')}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            disabled={!below}
            onClick={() => below && move.mutate(below)}
            aria-label={t('quickActions.moveDown', { title })}
          >
            {t('quickActions.down')}
          </Button>
          <Button size="compact-sm" variant="subtle" onClick={onEdit} aria-label={t('quickActions.edit', { title })}>
            {t('quickActions.editShort')}
          </Button>
          <Button
            size="compact-sm"
            variant="subtle"
            color="red"
            onClick={() => setConfirming(true)}
            aria-label={t('quickActions.remove', { title })}
          >
            {t('quickActions.removeShort')}
          </Button>
        </Group>
        {confirming ? (
          <ConfirmModal
            title={t('quickActions.remove', { title })}
            body={t('quickActions.removeConfirm')}
            confirmLabel={t('quickActions.removeShort')}
            onConfirm={() => remove.mutate()}
            onClose={() => setConfirming(false)}
            pending={remove.isPending}
            error={remove.error}
          />
        ) : null}
      </Table.Td>
    </Table.Tr>
  );
}

/** Adds a quick action, or edits one: titles per language, icon, what the guest fills in, the task. */
function ActionModal({ action, onClose }: { action: QuickAction | null; onClose: () => void }) {
  const { t, i18n } = useTranslation('staff');
  const client = useQueryClient();
  const teams = useTeams();
  const [titles, setTitles] = useState<Partial<Record<Language, string>>>(action?.titles ?? {});
  const [icon, setIcon] = useState(action?.icon ?? '');
  const [count, setCount] = useState(!!action?.fields.count);
  const [min, setMin] = useState<number>(action?.fields.count?.min ?? 1);
  const [max, setMax] = useState<number>(action?.fields.count?.max ?? 4);
  const [time, setTime] = useState(action?.fields.time ?? false);
  const [note, setNote] = useState(action?.fields.note ?? false);
  const [photo, setPhoto] = useState(action?.fields.photo ?? false);
  const tasks = useCurrentUser().abilities.dispatch;
  const [teamId, setTeamId] = useState<string | null>(action?.task?.team.id ?? null);
  const [priority, setPriority] = useState<string>(action?.task?.priority ?? 'normal');
  const [enabled, setEnabled] = useState(action?.enabled ?? true);
  const given = Object.fromEntries(
    languages.flatMap((l) => (titles[l]?.trim() ? [[l, titles[l]?.trim()]] : [])),
  ) as Partial<Record<Language, string>>;
  const body: QuickActionInput = {
    titles: given,
    icon: icon.trim(),
    fields: { count: count ? { min, max } : null, time, note, photo },
    enabled,
    task: teamId ? { teamId, priority: priority as (typeof priorities)[number] } : null,
  };
  const save = useMutation({
    mutationFn: () => (action ? quickActionsApi.update(action.id, body) : quickActionsApi.create(body)),
    onSuccess: async () => {
      notifications.show({ message: t('quickActions.saved') });
      await client.invalidateQueries({ queryKey: quickActionsKeys.list });
      onClose();
    },
  });
  const label = action ? t('quickActions.edit', { title: titleOf(action, i18n.language) }) : t('quickActions.add');
  return (
    <FormModal
      title={label}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('shared.save')}
      pending={save.isPending}
      error={save.error}
      errorLabels={{ titles: t('quickActions.title'), icon: t('quickActions.icon') }}
      ready={Object.keys(given).length > 0 && (!count || min <= max)}
      size="lg"
    >
      <Text size="sm" c="dimmed">
        {t('quickActions.titleHelp')}
      </Text>
      {languages.map((l, i) => (
        <TextInput
          key={l}
          label={t('quickActions.titleIn', { language: languageNames[l] })}
          value={titles[l] ?? ''}
          onChange={(e) => {
            const value = e.currentTarget.value;
            setTitles((now) => ({ ...now, [l]: value }));
          }}
          maxLength={80}
          data-autofocus={i === 0 ? true : undefined}
        />
      ))}
      <TextInput
        label={t('quickActions.icon')}
        description={t('quickActions.iconHelp')}
        value={icon}
        onChange={(e) => setIcon(e.currentTarget.value)}
        maxLength={16}
        w={200}
      />
      <Fieldset legend={t('quickActions.asks')} variant="unstyled">
        <Stack gap="xs" mt={4}>
          <Checkbox
            label={t('quickActions.askCount')}
            checked={count}
            onChange={(e) => setCount(e.currentTarget.checked)}
          />
          {count ? (
            <Group>
              <NumberInput
                label={t('quickActions.countMin')}
                value={min}
                onChange={(v) => setMin(Number(v) || 1)}
                min={1}
                max={99}
                w={160}
              />
              <NumberInput
                label={t('quickActions.countMax')}
                value={max}
                onChange={(v) => setMax(Number(v) || 1)}
                min={1}
                max={99}
                w={160}
              />
            </Group>
          ) : null}
          <Checkbox
            label={t('quickActions.askTime')}
            checked={time}
            onChange={(e) => setTime(e.currentTarget.checked)}
          />
          <Checkbox
            label={t('quickActions.askNote')}
            checked={note}
            onChange={(e) => setNote(e.currentTarget.checked)}
          />
          <Checkbox
            label={t('quickActions.askPhoto')}
            checked={photo}
            onChange={(e) => setPhoto(e.currentTarget.checked)}
          />
        </Stack>
      </Fieldset>
      {/* on a plan without tasks the server creates none and refuses setting one up */}
      {tasks ? (
        <Group align="flex-end">
          <Select
            label={t('quickActions.taskFor')}
            data={[
              { value: '', label: t('quickActions.noTask') },
              ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
            ]}
            value={teamId ?? ''}
            onChange={(v) => setTeamId(v || null)}
            allowDeselect={false}
            w={280}
          />
          {teamId ? (
            <Select
              label={t('quickActions.taskPriority')}
              data={priorities.map((p) => ({ value: p, label: t(`inbox.priorities.${p}`) }))}
              value={priority}
              onChange={(v) => setPriority(v ?? 'normal')}
              allowDeselect={false}
              w={180}
            />
          ) : null}
        </Group>
      ) : null}
      <Checkbox
        label={t('quickActions.enabled')}
        checked={enabled}
        onChange={(e) => setEnabled(e.currentTarget.checked)}
      />
    </FormModal>
  );
}
