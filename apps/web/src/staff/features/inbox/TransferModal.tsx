import { Group, Select, Text, Textarea } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCurrentUser } from '../../auth/session';
import { useDesk, useDeskStore } from '../../desk/desk-context';
import type { Conversation } from '../../types';
import { FormModal } from '../../ui/FormModal';
import { useStaffList } from '../../useStaffList';
import { useTeams } from '../../useTeams';
import { inboxApi } from './api';
import { parseTarget, type TransferTarget, transferRequest } from './transfer-target';

const NOTE_MAX = 1000;

/**
 * Transfers a request: to a colleague (with their presence), to another team's queue, or back to
 * its own queue, with a note only staff see. The desk shows the request's new state at once.
 */
export function TransferModal({ conversation, onClose }: { conversation: Conversation; onClose: () => void }) {
  const { t } = useTranslation(['staff', 'common']);
  const me = useCurrentUser();
  const store = useDeskStore();
  const desk = useDesk();
  const staff = useStaffList();
  const teams = useTeams();
  const [target, setTarget] = useState<TransferTarget | null>(null);
  const [note, setNote] = useState('');

  const colleagues = (staff.data ?? []).filter(
    (s) => s.active && s.handlesConversations && s.id !== conversation.assignee?.id,
  );
  const otherTeams = (teams.data ?? []).filter((team) => team.id !== conversation.team?.id);
  const labels = new Map<string, string>();
  const colleagueItems = colleagues.map((s) => {
    const label = s.id === me.id ? t('inbox.me', { name: s.name }) : s.name;
    labels.set(`user:${s.id}`, label);
    return { value: `user:${s.id}`, label };
  });
  const teamItems = otherTeams.map((team) => {
    const label = t('inbox.transferDialog.teamQueue', { team: team.name });
    labels.set(`team:${team.id}`, label);
    return { value: `team:${team.id}`, label };
  });
  // a request already waiting in its own queue has nowhere to go back to
  const queueItems =
    conversation.status === 'open'
      ? [
          {
            value: 'queue',
            label: conversation.team
              ? t('inbox.transferDialog.backToTeamQueue', { team: conversation.team.name })
              : t('inbox.transferDialog.backToQueue'),
          },
        ]
      : [];
  for (const item of queueItems) labels.set(item.value, item.label);
  const data = [
    { group: t('inbox.transferDialog.colleagues'), items: colleagueItems },
    { group: t('inbox.transferDialog.teams'), items: teamItems },
    { group: t('inbox.transferDialog.queue'), items: queueItems },
  ].filter((g) => g.items.length > 0);
  const loading = staff.isPending || teams.isPending;

  const transfer = useMutation({
    mutationFn: (to: TransferTarget) => inboxApi.transfer(conversation.id, transferRequest(to, note)),
    onSuccess: (next, to) => {
      store?.applyConversation(next);
      notifications.show({
        color: 'green',
        message: t('inbox.transferDialog.done', { to: labels.get(to) ?? '' }),
      });
      onClose();
    },
  });

  return (
    <FormModal
      title={t('inbox.transferDialog.title')}
      onClose={onClose}
      onSubmit={() => target && transfer.mutate(target)}
      submitLabel={t('inbox.transferDialog.submit')}
      pending={transfer.isPending}
      error={transfer.error}
      errorLabels={{ userId: t('inbox.handTo'), teamId: t('inbox.handTo'), note: t('inbox.transferDialog.note') }}
      ready={target !== null}
    >
      <Select
        label={t('inbox.handTo')}
        placeholder={loading ? t('common:loading') : t('inbox.transferDialog.placeholder')}
        data={data}
        value={target}
        onChange={(value) => setTarget(parseTarget(value))}
        searchable
        required
        nothingFoundMessage={t('inbox.transferDialog.nobody')}
        comboboxProps={{ withinPortal: true }}
        data-autofocus
        renderOption={({ option }) => {
          if (!option.value.startsWith('user:')) return option.label;
          const status = desk?.presence[option.value.slice('user:'.length)] ?? 'offline';
          return (
            <Group gap="xs" wrap="nowrap" style={{ flex: 1 }}>
              <span className="fd-presence-dot" data-status={status} aria-hidden="true" />
              <Text size="sm" style={{ flex: 1 }}>
                {option.label}
              </Text>
              <Text size="xs" c="dimmed">
                {t(`presence.${status}`)}
              </Text>
            </Group>
          );
        }}
      />
      <Textarea
        label={t('inbox.transferDialog.note')}
        description={t('inbox.transferDialog.noteHint', { length: note.length })}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        maxLength={NOTE_MAX}
        autosize
        minRows={3}
        maxRows={8}
      />
    </FormModal>
  );
}
