import { Select, SimpleGrid, TextInput } from '@mantine/core';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { toZonedLocalInput, zonedToInstant } from '../../format';
import { sharedApi, sharedKeys } from '../../shared-api';
import { FormModal } from '../../ui/FormModal';
import { type LeadRow, leadKeys, leadsApi } from './api';

/** Tomorrow 9:00–12:00 on the organization's clock: the usual first visit. */
function tomorrowMorning(zone: string) {
  const day = toZonedLocalInput(new Date(Date.now() + 24 * 3600_000), zone).slice(0, 10);
  return { start: `${day}T09:00`, end: `${day}T12:00` };
}

/**
 * "Convert to work order": a scheduled window (on the organization's clock, labelled) and who does
 * the visit; `onConverted` gets the new work order's id.
 */
export function ConvertDialog(props: {
  lead: LeadRow;
  zone: string;
  onClose: () => void;
  onConverted: (workItemId: string) => void;
}) {
  const { t } = useTranslation('staff');
  const client = useQueryClient();
  const staff = useQuery({ queryKey: sharedKeys.staff, queryFn: sharedApi.staff });
  const [window, setWindow] = useState(() => tomorrowMorning(props.zone));
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const convert = useMutation({
    mutationFn: () =>
      leadsApi.convert(props.lead.id, {
        window: {
          start: zonedToInstant(window.start, props.zone).toISOString(),
          end: zonedToInstant(window.end, props.zone).toISOString(),
        },
        ...(assigneeId ? { assigneeId } : {}),
      }),
    onSuccess: (done) => {
      void client.invalidateQueries({ queryKey: leadKeys.all });
      props.onConverted(done.workItem.id);
    },
  });
  const people = (staff.data ?? [])
    .filter((s) => s.active)
    .sort((a, b) => Number(b.role === 'field') - Number(a.role === 'field') || a.name.localeCompare(b.name))
    .map((s) => ({ value: s.id, label: s.name }));
  return (
    <FormModal
      title={t('leads.convertTitle')}
      onClose={props.onClose}
      onSubmit={() => convert.mutate()}
      submitLabel={t('leads.convertConfirm')}
      pending={convert.isPending}
      error={convert.error}
      ready={window.start !== '' && window.end !== ''}
    >
      <SimpleGrid cols={2}>
        <TextInput
          type="datetime-local"
          label={t('leads.convertStart', { zone: props.zone })}
          value={window.start}
          onChange={(e) => setWindow({ ...window, start: e.currentTarget.value })}
          required
          data-autofocus
        />
        <TextInput
          type="datetime-local"
          label={t('leads.convertEnd', { zone: props.zone })}
          value={window.end}
          onChange={(e) => setWindow({ ...window, end: e.currentTarget.value })}
          required
        />
      </SimpleGrid>
      <Select
        label={t('leads.convertWho')}
        placeholder={t('leads.convertNobody')}
        data={people}
        value={assigneeId}
        onChange={setAssigneeId}
        searchable
        clearable
      />
    </FormModal>
  );
}
