import type { WorkItem } from '@frontdesk/protocol';
import { Select, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toZonedLocalInput, zonedToInstant } from '../../format';
import { sharedApi, sharedKeys } from '../../shared-api';
import { FormModal } from '../../ui/FormModal';
import { workApi, workKeys } from './api';
import { TimeFieldPair } from './TimeFieldPair';

const NONE = '';

const localOf = (iso: string | null | undefined, zone: string) => (iso ? toZonedLocalInput(new Date(iso), zone) : '');
const instantOf = (local: string, zone: string) => zonedToInstant(local, zone).toISOString();

/**
 * Reassigns (person, team) and reschedules (due time, or the window's start and end) a work item:
 * plain fields on the organization's clock, labelled with its time zone; only what changed is sent.
 */
export function PlanDialog({ item, onClose }: { item: WorkItem; onClose: () => void }) {
  const { t } = useTranslation('staff');
  const client = useQueryClient();
  const zone = item.timeZone;
  const staff = useQuery({ queryKey: sharedKeys.staff, queryFn: sharedApi.staff });
  const teams = useQuery({ queryKey: sharedKeys.teams, queryFn: sharedApi.teams });
  const [assigneeId, setAssigneeId] = useState(item.assignee?.id ?? NONE);
  const [teamId, setTeamId] = useState(item.team?.id ?? NONE);
  const [due, setDue] = useState(localOf(item.dueAt, zone));
  const [start, setStart] = useState(localOf(item.window?.start, zone));
  const [end, setEnd] = useState(localOf(item.window?.end, zone));
  const save = useMutation({
    mutationFn: async () => {
      const assignee = assigneeId || null;
      const team = teamId || null;
      if (assignee !== (item.assignee?.id ?? null) || team !== (item.team?.id ?? null))
        await workApi.assign(item.id, { assigneeId: assignee, teamId: team });
      if (item.window && start && end) {
        const window = { start: instantOf(start, zone), end: instantOf(end, zone) };
        if (window.start !== item.window.start || window.end !== item.window.end)
          await workApi.reschedule(item.id, { window });
      } else if (!item.window) {
        const dueAt = due ? instantOf(due, zone) : null;
        if (dueAt !== item.dueAt) await workApi.reschedule(item.id, { dueAt });
      }
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: workKeys.all });
      notifications.show({ message: t('work.saved') });
      onClose();
    },
  });
  const people = (staff.data ?? [])
    .filter((s) => s.active || s.id === item.assignee?.id)
    .map((s) => ({ value: s.id, label: s.name }));
  return (
    <FormModal
      title={t('work.planTitle', { title: item.title })}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('work.save')}
      pending={save.isPending}
      error={save.error}
      ready={!item.window || (start !== '' && end !== '')}
    >
      <Select
        label={t('work.assignee')}
        data={[{ value: NONE, label: t('work.nobody') }, ...people]}
        value={assigneeId}
        onChange={(v) => setAssigneeId(v ?? NONE)}
        searchable
        allowDeselect={false}
        data-autofocus
      />
      <Select
        label={t('work.team')}
        data={[
          { value: NONE, label: t('work.noTeam') },
          ...(teams.data ?? []).map((team) => ({ value: team.id, label: team.name })),
        ]}
        value={teamId}
        onChange={(v) => setTeamId(v ?? NONE)}
        allowDeselect={false}
      />
      {item.window ? (
        <TimeFieldPair
          fields={[
            { type: 'datetime-local', label: t('work.windowStart', { zone }), value: start, onChange: setStart },
            { type: 'datetime-local', label: t('work.windowEnd', { zone }), value: end, onChange: setEnd },
          ]}
        />
      ) : (
        <TextInput
          type="datetime-local"
          label={t('work.dueAt', { zone })}
          value={due}
          onChange={(e) => setDue(e.currentTarget.value)}
        />
      )}
    </FormModal>
  );
}
