import type { WorkItemDetail } from '@frontdesk/protocol';
import { Select, Textarea, TextInput } from '@mantine/core';
import { DateTimePicker } from '@mantine/dates';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../../auth/session';
import { nowInZone, pickerToLocal, zonedToInstant } from '../../format';
import type { Conversation, Message } from '../../types';
import { FormModal } from '../../ui/FormModal';
import { useStaffList } from '../../useStaffList';
import { useTeams } from '../../useTeams';
import { taskApi, taskKeys, taskTitleFrom, upsertItem } from './task-api';

/** The guest's message a task is made from: the one picked, else their latest with text. */
function sourceMessage(messages: readonly Message[], picked: Message | null): Message | null {
  if (picked) return picked;
  return messages.findLast((m) => (m.sender.type === 'guest' || m.sender.type === 'visitor') && m.text.trim()) ?? null;
}

/**
 * "Create task": a dialog prefilled from the conversation (the message's words and the room), for a
 * person or a team, with an optional due time on the organization's clock.
 */
export function CreateTaskModal({
  conversation,
  messages,
  message,
  onClose,
}: {
  conversation: Conversation;
  messages: readonly Message[];
  message: Message | null;
  onClose: () => void;
}) {
  const { t } = useTranslation('staff');
  const timeZone = useTimeZone() ?? 'UTC';
  const queryClient = useQueryClient();
  const staff = useStaffList();
  const teams = useTeams();
  const source = sourceMessage(messages, message);
  const room = conversation.stay?.roomNumber ?? null;
  const prefill = {
    title: taskTitleFrom(source?.text ?? '', room ? t('tasks.roomSuffix', { room }) : null),
    description: source?.text.trim().slice(0, 4000) ?? '',
  };
  // until the person types, the fields follow the thread (it may still be loading when the dialog opens)
  const [edited, setEdited] = useState<{ title?: string; description?: string }>({});
  const title = edited.title ?? prefill.title;
  const description = edited.description ?? prefill.description;
  const setTitle = (value: string) => setEdited((e) => ({ ...e, title: value }));
  const setDescription = (value: string) => setEdited((e) => ({ ...e, description: value }));
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [teamId, setTeamId] = useState<string | null>(null);
  const [due, setDue] = useState<string | null>(null);

  const create = useMutation({
    mutationFn: () =>
      taskApi.create({
        kind: 'task',
        conversationId: conversation.id,
        messageId: source?.id,
        title: title.trim(),
        description: description.trim(),
        assigneeId: assigneeId ?? undefined,
        teamId: teamId ?? undefined,
        dueAt: due ? zonedToInstant(pickerToLocal(due), timeZone).toISOString() : undefined,
      }),
    onSuccess: (item: WorkItemDetail) => {
      queryClient.setQueryData(taskKeys.ofConversation(conversation.id), (list: WorkItemDetail[] | undefined) =>
        upsertItem(list, item),
      );
      notifications.show({ color: 'green', message: t('tasks.created', { title: item.title }) });
      onClose();
    },
  });

  const people = (staff.data ?? [])
    .filter((s) => s.active)
    .map((s) => ({ value: s.id, label: `${s.name} (${t(`roles.${s.role}`)})` }));
  const teamOptions = (teams.data ?? []).map((team) => ({ value: team.id, label: team.name }));

  return (
    <FormModal
      title={t('tasks.dialogTitle')}
      onClose={onClose}
      onSubmit={() => create.mutate()}
      submitLabel={t('tasks.create')}
      pending={create.isPending}
      error={create.error}
      errorLabels={{ title: t('tasks.titleField'), dueAt: t('tasks.due') }}
      ready={title.trim().length > 0}
    >
      <TextInput
        label={t('tasks.titleField')}
        value={title}
        onChange={(e) => setTitle(e.currentTarget.value)}
        maxLength={200}
        required
        data-autofocus
      />
      <Textarea
        label={t('tasks.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        maxLength={4000}
        autosize
        minRows={2}
        maxRows={6}
      />
      <Select
        label={t('tasks.assignee')}
        description={t('tasks.assigneeHelp')}
        data={people}
        value={assigneeId}
        onChange={setAssigneeId}
        searchable
        clearable
        comboboxProps={{ withinPortal: true }}
      />
      <Select
        label={t('tasks.team')}
        data={teamOptions}
        value={teamId}
        onChange={setTeamId}
        clearable
        comboboxProps={{ withinPortal: true }}
      />
      <DateTimePicker
        label={t('tasks.due')}
        description={t('tasks.dueZone', { zone: timeZone })}
        value={due}
        onChange={setDue}
        minDate={nowInZone(timeZone).slice(0, 10)}
        valueFormat="DD MMM YYYY, HH:mm"
        clearable
        popoverProps={{ withinPortal: true }}
        submitButtonProps={{ 'aria-label': t('tasks.pickerDone') }}
      />
    </FormModal>
  );
}
