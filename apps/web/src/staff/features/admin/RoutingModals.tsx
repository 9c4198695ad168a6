import { MAX_RULE_KEYWORDS, MAX_RULE_LANGUAGES, type Priority, type RoutingEntry } from '@frontdesk/protocol';
import { MultiSelect, Select, Switch, TagsInput, TextInput } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../../i18n/error-message';
import type { Room, RoutingRule } from '../../types';
import { ConfirmModal, FormModal } from '../../ui/FormModal';
import { adminApi, adminKeys } from './api';

const entries: readonly RoutingEntry[] = ['any', 'room', 'public_entry'];
const priorities: readonly Priority[] = ['urgent', 'high', 'normal', 'low'];

/** After any change, the rules are read again (their places may have moved). */
function useRoutingChanged(onDone: () => void) {
  const queryClient = useQueryClient();
  return () => {
    void queryClient.invalidateQueries({ queryKey: adminKeys.routing });
    onDone();
  };
}

/** Adds a rule (at the end of the list), or changes `rule`: its name, conditions, team and priority. */
export function RuleModal({
  rule,
  teams,
  rooms,
  hasRooms,
  onClose,
}: {
  rule?: RoutingRule;
  teams: { value: string; label: string }[];
  rooms: Room[];
  /** A hotel: rules may ask for rooms. A service company has none, so those conditions are not offered. */
  hasRooms: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation('staff');
  const [name, setName] = useState(rule?.name ?? '');
  const [entry, setEntry] = useState<RoutingEntry>(rule?.conditions.entry ?? 'any');
  const [roomIds, setRoomIds] = useState<string[]>(rule?.conditions.roomIds ?? []);
  const [priorityRoomsOnly, setPriorityRoomsOnly] = useState(rule?.conditions.priorityRoomsOnly ?? false);
  const [openHoursOnly, setOpenHoursOnly] = useState(rule?.conditions.openHoursOnly ?? false);
  const [languages, setLanguages] = useState<string[]>(rule?.conditions.languages ?? []);
  const [keywords, setKeywords] = useState<string[]>(rule?.conditions.keywords ?? []);
  const [teamId, setTeamId] = useState<string | null>(rule?.team.id ?? null);
  const [priority, setPriority] = useState<Priority | null>(rule?.priority ?? null);
  const done = useRoutingChanged(onClose);
  const save = useMutation({
    mutationFn: () => {
      const input = {
        name: name.trim(),
        conditions: { entry, roomIds, priorityRoomsOnly, openHoursOnly, languages, keywords },
        teamId: teamId ?? '',
        priority,
      };
      return rule ? adminApi.updateRoutingRule(rule.id, input) : adminApi.createRoutingRule(input);
    },
    onSuccess: done,
  });
  const invalid = useFieldErrors(save.error);
  const labels = {
    name: t('admin.routing.name'),
    teamId: t('admin.routing.team'),
    priority: t('admin.routing.priority'),
    entry: t('admin.routing.entry'),
    roomIds: t('admin.routing.rooms'),
    languages: t('admin.routing.languages'),
    keywords: t('admin.routing.keywords'),
  };
  return (
    <FormModal
      title={rule ? t('admin.routing.editTitle', { rule: rule.name }) : t('admin.routing.add')}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={rule ? t('admin.routing.save') : t('admin.routing.addSubmit')}
      pending={save.isPending}
      error={save.error}
      errorLabels={labels}
      ready={!!name.trim() && !!teamId}
      size="lg"
    >
      <TextInput
        label={labels.name}
        placeholder={t('admin.routing.namePlaceholder')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        maxLength={60}
        required
        data-autofocus
        error={invalid.name}
      />
      <Select
        label={labels.entry}
        data={entries
          .filter((e) => hasRooms || e !== 'room' || entry === 'room')
          .map((e) => ({ value: e, label: t(`admin.routing.entryOptions.${e}`) }))}
        value={entry}
        onChange={(value) => setEntry((value as RoutingEntry | null) ?? 'any')}
        allowDeselect={false}
      />
      {hasRooms ? (
        <>
          <MultiSelect
            label={labels.roomIds}
            description={t('admin.routing.roomsHelp')}
            data={rooms.map((r) => ({ value: r.id, label: r.number }))}
            value={roomIds}
            onChange={setRoomIds}
            searchable
            clearable
            error={invalid.conditions}
          />
          <Switch
            label={t('admin.routing.priorityRoomsOnly')}
            checked={priorityRoomsOnly}
            onChange={(e) => setPriorityRoomsOnly(e.currentTarget.checked)}
          />
        </>
      ) : null}
      <TagsInput
        label={labels.languages}
        description={t('admin.routing.languagesHelp')}
        value={languages}
        onChange={setLanguages}
        maxTags={MAX_RULE_LANGUAGES}
        splitChars={[',', ' ']}
      />
      <TagsInput
        label={labels.keywords}
        description={t('admin.routing.keywordsHelp')}
        value={keywords}
        onChange={setKeywords}
        maxTags={MAX_RULE_KEYWORDS}
        splitChars={[',']}
      />
      <Select
        label={labels.teamId}
        data={teams}
        value={teamId}
        onChange={setTeamId}
        searchable
        required
        error={invalid.teamId}
      />
      <Switch
        label={t('admin.routing.openHoursOnly')}
        description={t('admin.routing.openHoursOnlyHelp')}
        checked={openHoursOnly}
        onChange={(e) => setOpenHoursOnly(e.currentTarget.checked)}
      />
      <Select
        label={labels.priority}
        description={t('admin.routing.priorityHelp')}
        placeholder={t('admin.routing.priorityNone')}
        data={priorities.map((p) => ({ value: p, label: t(`inbox.priorities.${p}`) }))}
        value={priority}
        onChange={(value) => setPriority(value as Priority | null)}
        clearable
      />
    </FormModal>
  );
}

/** Asks before removing a rule. */
export function RemoveRuleModal({ rule, onClose }: { rule: RoutingRule; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const done = useRoutingChanged(onClose);
  const remove = useMutation({ mutationFn: () => adminApi.removeRoutingRule(rule.id), onSuccess: done });
  return (
    <ConfirmModal
      title={t('admin.routing.removeTitle', { rule: rule.name })}
      body={t('admin.routing.removeBody')}
      confirmLabel={t('admin.routing.remove')}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
      pending={remove.isPending}
      error={remove.error}
    />
  );
}
