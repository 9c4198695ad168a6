import type { WorkItem, WorkStatus } from '@frontdesk/protocol';
import { Anchor, Badge, Button, Group, Stack, Text, Textarea, Title } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { workPaths } from './api';
import { newOpId } from './op-queue';
import type { useWorkQueue } from './use-work-queue';
import { WorkChecklist } from './WorkChecklist';
import { WorkPhotoButton } from './WorkPhotoButton';
import { mapLink, plannedTime } from './work-time';

type Queue = ReturnType<typeof useWorkQueue>;

/** The status an item will have once what is queued for it is sent: the last queued move, else the server's. */
function statusAfterQueue(item: WorkItem, queue: Queue): WorkStatus {
  const moves = queue.pending.filter((o) => o.workItemId === item.id && o.action.startsWith('status:'));
  return (moves.at(-1)?.body.status as WorkStatus | undefined) ?? item.status;
}

/** One item of the doer's day: what, where, when, and the buttons that move it along. */
export function WorkCard({ item, queue, online }: { item: WorkItem; queue: Queue; online: boolean }) {
  const { t, i18n } = useTranslation('staff');
  const [finishing, setFinishing] = useState(false);
  const [note, setNote] = useState('');
  const status = statusAfterQueue(item, queue);
  const waiting = queue.pending.some((o) => o.workItemId === item.id);
  const when = plannedTime(item, i18n.language);
  const headingId = `work-${item.id}`;

  const move = (to: WorkStatus) => {
    const opId = newOpId();
    void queue.add({
      opId,
      workItemId: item.id,
      path: workPaths.status(item.id),
      body: { opId, status: to },
      action: `status:${to}`,
    });
  };
  const finish = () => {
    const text = note.trim();
    if (text) {
      const opId = newOpId();
      void queue.add({
        opId,
        workItemId: item.id,
        path: workPaths.note(item.id),
        body: { opId, text },
        action: 'note',
      });
    }
    move('done');
    setFinishing(false);
    setNote('');
  };

  return (
    <article className="fd-work-card" aria-labelledby={headingId} data-overdue={item.overdue && status !== 'done'}>
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start">
          <Title order={2} size="h4" id={headingId}>
            {item.title}
          </Title>
          <Badge variant="light" color={status === 'done' ? 'green' : status === 'in_progress' ? 'blue' : 'gray'}>
            {t(`myWork.status.${status}`)}
          </Badge>
        </Group>
        <Group gap="xs">
          {when ? (
            <Text size="sm">
              {when.kind === 'window'
                ? t('myWork.window', { time: when.text, zone: item.timeZone })
                : t('myWork.due', { time: when.text, zone: item.timeZone })}
            </Text>
          ) : null}
          {item.overdue && status !== 'done' ? (
            <Badge color="red" size="sm">
              {t('myWork.late')}
            </Badge>
          ) : null}
          {waiting ? (
            <Badge color="orange" size="sm" variant="light">
              {t('myWork.waitingToSend')}
            </Badge>
          ) : null}
        </Group>
        {item.place.roomNumber ? <Text size="sm">{t('myWork.room', { room: item.place.roomNumber })}</Text> : null}
        {item.place.address ? (
          <Text size="sm">
            {item.place.address} ·{' '}
            <Anchor href={mapLink(item.place.address)} target="_blank" rel="noreferrer">
              {t('myWork.openMap')}
            </Anchor>
          </Text>
        ) : null}
        {item.description ? (
          <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-line' }}>
            {item.description}
          </Text>
        ) : null}
        {item.checklist.total > 0 ? <WorkChecklist item={item} queue={queue} online={online} /> : null}
        {finishing ? (
          <Stack gap="xs">
            <Textarea
              label={t('myWork.noteLabel')}
              description={t('myWork.noteHelp')}
              value={note}
              onChange={(e) => setNote(e.currentTarget.value)}
              maxLength={4000}
              autosize
              minRows={2}
              autoFocus
            />
            <Group className="fd-work-actions">
              <Button color="green" onClick={finish}>
                {t('myWork.markDone')}
              </Button>
              <Button variant="default" onClick={() => setFinishing(false)}>
                {t('shared.cancel')}
              </Button>
            </Group>
          </Stack>
        ) : status === 'done' || status === 'cancelled' ? null : (
          <Group className="fd-work-actions" gap="xs">
            {status === 'in_progress' ? (
              <>
                <Button color="green" onClick={() => setFinishing(true)}>
                  {t('myWork.complete')}
                </Button>
                <Button variant="default" onClick={() => move(item.window ? 'scheduled' : 'open')}>
                  {t('myWork.pause')}
                </Button>
              </>
            ) : (
              <Button onClick={() => move('in_progress')}>{t('myWork.start')}</Button>
            )}
            <WorkPhotoButton item={item} online={online} />
          </Group>
        )}
      </Stack>
    </article>
  );
}
