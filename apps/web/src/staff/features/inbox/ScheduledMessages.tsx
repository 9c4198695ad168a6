import type { ScheduledMessage } from '@frontdesk/protocol';
import { Button, Group, Modal, Paper, Stack, Text, Textarea, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { zoneLabel } from '../../../i18n/time-zone';
import { useTimeZone } from '../../auth/session';
import { formatWhen, toZonedLocalInput, zonedToInstant } from '../../format';
import type { Conversation } from '../../types';
import { inboxApi, inboxKeys } from './api';

const REFRESH_MS = 15_000;

/** The form of a scheduled reply: its text and the hotel-clock time it goes at. */
function ScheduleForm({
  initialText,
  initialAt,
  submitLabel,
  onSubmit,
  busy,
}: {
  initialText: string;
  initialAt: Date;
  submitLabel: string;
  onSubmit: (body: string, sendAt: string) => void;
  busy: boolean;
}) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone() ?? 'UTC';
  const [text, setText] = useState(initialText);
  const [when, setWhen] = useState(() => toZonedLocalInput(initialAt, timeZone));
  return (
    <form
      onSubmit={(event) => {
        event.preventDefault();
        // the dialog is a portal of the composer's form: React would bubble this submit up to it (a send)
        event.stopPropagation();
        if (!text.trim() || !when) return;
        onSubmit(text.trim(), zonedToInstant(when, timeZone).toISOString());
      }}
    >
      <Stack gap="sm">
        <Textarea
          label={t('later.text')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          required
        />
        <TextInput
          type="datetime-local"
          label={t('later.when', { zone: zoneLabel(timeZone, i18n.language) })}
          value={when}
          onChange={(e) => setWhen(e.currentTarget.value)}
          required
        />
        <Group justify="flex-end">
          <Button type="submit" loading={busy}>
            {submitLabel}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

/** "Send later" beside Send: schedules what is in the composer for a time on the hotel's clock. */
export function ScheduleButton({
  conversation,
  text,
  onScheduled,
}: {
  conversation: Conversation;
  text: string;
  onScheduled: () => void;
}) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [open, setOpen] = useState(false);
  const schedule = useMutation({
    mutationFn: ({ body, sendAt }: { body: string; sendAt: string }) =>
      inboxApi.schedule(conversation.id, { body, sendAt }),
    onSuccess: (scheduled) => {
      setOpen(false);
      onScheduled();
      void queryClient.invalidateQueries({ queryKey: inboxKeys.scheduled(conversation.id) });
      notifications.show({
        color: 'teal',
        message: t('later.scheduled', { time: formatWhen(scheduled.sendAt, i18n.language, timeZone) }),
      });
    },
    onError: (err) => notifications.show({ color: 'red', title: t('inbox.actionFailed'), message: errorMessage(err) }),
  });
  return (
    <>
      <Button
        size="sm"
        variant="default"
        onClick={() => setOpen(true)}
        disabled={!text.trim()}
        title={text.trim() ? undefined : t('later.needText')}
      >
        {t('later.button')}
      </Button>
      <Modal opened={open} onClose={() => setOpen(false)} title={t('later.title')}>
        <ScheduleForm
          initialText={text.trim()}
          initialAt={new Date(Date.now() + 3_600_000)}
          submitLabel={t('later.schedule')}
          busy={schedule.isPending}
          onSubmit={(body, sendAt) => schedule.mutate({ body, sendAt })}
        />
      </Modal>
    </>
  );
}

/** The replies scheduled in this request that have not gone yet (or failed, with why): edit and cancel. */
export function ScheduledList({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation('staff');
  const list = useQuery({
    queryKey: inboxKeys.scheduled(conversation.id),
    queryFn: () => inboxApi.scheduled(conversation.id),
    refetchInterval: REFRESH_MS,
  });
  const items = list.data?.scheduled ?? [];
  if (!items.length) return null;
  return (
    <section aria-label={t('later.listLabel')} className="fd-scheduled">
      <Stack gap={6}>
        {items.map((s) => (
          <ScheduledItem key={s.id} scheduled={s} />
        ))}
      </Stack>
    </section>
  );
}

function ScheduledItem({ scheduled: s }: { scheduled: ScheduledMessage }) {
  const { t, i18n } = useTranslation(['staff', 'common']);
  const timeZone = useTimeZone();
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const refresh = () => queryClient.invalidateQueries({ queryKey: inboxKeys.scheduled(s.conversationId) });
  const failed = (err: unknown) =>
    notifications.show({ color: 'red', title: t('inbox.actionFailed'), message: errorMessage(err) });
  const edit = useMutation({
    mutationFn: (patch: { body: string; sendAt: string }) => inboxApi.editScheduled(s.conversationId, s.id, patch),
    onSuccess: () => {
      setEditing(false);
      void refresh();
    },
    onError: failed,
  });
  const cancel = useMutation({
    mutationFn: () => inboxApi.cancelScheduled(s.conversationId, s.id),
    onSuccess: () => {
      setConfirming(false);
      notifications.show({ color: 'gray', message: t('later.cancelled') });
      void refresh();
    },
    onError: failed,
  });
  const time = formatWhen(s.sendAt, i18n.language, timeZone);
  return (
    <Paper withBorder p="xs" radius="sm" data-testid="scheduled-message">
      <Group justify="space-between" wrap="nowrap" align="flex-start">
        <div>
          <Text size="sm" fw={600}>
            {s.status === 'failed'
              ? t('later.failed', { reason: s.failure?.message || errorMessage({ code: s.failure?.code }) })
              : s.status === 'sending'
                ? t('later.sending')
                : t('later.scheduledFor', { time })}
          </Text>
          <Text size="sm">{s.body}</Text>
          <Text size="xs" c="dimmed">
            {t('later.by', { name: s.author.name })}
          </Text>
        </div>
        {s.canChange ? (
          <Group gap={4} wrap="nowrap">
            <Button size="compact-sm" variant="subtle" onClick={() => setEditing(true)}>
              {t('later.edit')}
            </Button>
            <Button size="compact-sm" variant="subtle" color="red" onClick={() => setConfirming(true)}>
              {t('later.cancel')}
            </Button>
          </Group>
        ) : null}
      </Group>
      <Modal opened={editing} onClose={() => setEditing(false)} title={t('later.editTitle')}>
        <ScheduleForm
          initialText={s.body}
          initialAt={new Date(s.sendAt)}
          submitLabel={t('later.save')}
          busy={edit.isPending}
          onSubmit={(body, sendAt) => edit.mutate({ body, sendAt })}
        />
      </Modal>
      <Modal opened={confirming} onClose={() => setConfirming(false)} title={t('later.cancel')}>
        <Text size="sm">{s.body}</Text>
        <Group justify="flex-end" mt="md">
          <Button variant="default" onClick={() => setConfirming(false)}>
            {t('later.keep')}
          </Button>
          <Button color="red" loading={cancel.isPending} onClick={() => cancel.mutate()}>
            {t('later.cancel')}
          </Button>
        </Group>
      </Modal>
    </Paper>
  );
}
