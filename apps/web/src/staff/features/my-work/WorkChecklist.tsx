import type { WorkItem } from '@frontdesk/protocol';
import { Button, Checkbox, Stack, Text } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { myWorkApi, myWorkKeys, workPaths } from './api';
import { newOpId } from './op-queue';
import type { useWorkQueue } from './use-work-queue';

type Queue = ReturnType<typeof useWorkQueue>;

/** An item's checklist, opened on demand; a tick waits in the queue like any other action. */
export function WorkChecklist({ item, queue, online }: { item: WorkItem; queue: Queue; online: boolean }) {
  const { t } = useTranslation('staff');
  const [open, setOpen] = useState(false);
  const detail = useQuery({
    queryKey: myWorkKeys.detail(item.id),
    queryFn: () => myWorkApi.detail(item.id),
    enabled: open,
    networkMode: 'offlineFirst',
  });
  const ticks = new Map<string, boolean>();
  for (const o of queue.pending) {
    if (o.workItemId === item.id && o.action.startsWith('check:')) ticks.set(o.action.slice(6), Boolean(o.body.done));
  }
  const done = (id: string, server: boolean) => ticks.get(id) ?? server;
  const steps = detail.data?.checklistItems ?? [];
  const count = open && detail.data ? steps.filter((s) => done(s.id, s.done)).length : item.checklist.done;

  const tick = (itemId: string, value: boolean) => {
    const opId = newOpId();
    void queue.add({
      opId,
      workItemId: item.id,
      path: workPaths.check(item.id, itemId),
      body: { opId, done: value },
      action: `check:${itemId}`,
    });
  };

  return (
    <Stack gap={4}>
      <Button
        variant="subtle"
        size="compact-sm"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        style={{ alignSelf: 'flex-start' }}
      >
        {t('myWork.checklist', { done: count, total: item.checklist.total })}
      </Button>
      {open && detail.data ? (
        <Stack gap={6} pl="xs">
          {steps.map((s) => (
            <Checkbox
              key={s.id}
              label={s.text}
              checked={done(s.id, s.done)}
              onChange={(e) => tick(s.id, e.currentTarget.checked)}
            />
          ))}
        </Stack>
      ) : open && !online && !detail.data ? (
        <Text size="sm" c="dimmed">
          {t('myWork.checklistOffline')}
        </Text>
      ) : null}
    </Stack>
  );
}
