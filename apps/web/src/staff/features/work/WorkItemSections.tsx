import type { WorkItemDetail } from '@frontdesk/protocol';
import { Button, Checkbox, Group, List, Paper, Stack, Text, Textarea, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../format';
import { workApi, workKeys } from './api';

function Section({ title, children }: { title: string; children: ReactNode }) {
  return (
    <Paper withBorder radius="md" p="md" component="section" aria-label={title}>
      <Title order={2} size="h4" mb="sm">
        {title}
      </Title>
      {children}
    </Paper>
  );
}

/** A work item's checklist, internal notes, photos and history. */
export function WorkItemSections({ item }: { item: WorkItemDetail }) {
  const { t, i18n } = useTranslation('staff');
  const client = useQueryClient();
  const refresh = () => void client.invalidateQueries({ queryKey: workKeys.one(item.id) });
  const [step, setStep] = useState('');
  const [note, setNote] = useState('');
  const addStep = useMutation({
    mutationFn: (text: string) => workApi.addStep(item.id, text),
    onSuccess: () => {
      setStep('');
      refresh();
    },
  });
  const check = useMutation({
    mutationFn: (v: { stepId: string; done: boolean }) => workApi.checkStep(item.id, v.stepId, v.done),
    onSuccess: refresh,
  });
  const addNote = useMutation({
    mutationFn: (text: string) => workApi.addNote(item.id, text),
    onSuccess: () => {
      setNote('');
      refresh();
    },
  });
  const at = (iso: string) => formatDateTime(iso, i18n.language, item.timeZone);
  const submit = (run: () => void) => (e: FormEvent) => {
    e.preventDefault();
    run();
  };
  return (
    <>
      <Section title={t('work.checklist')}>
        <Stack gap="xs">
          {item.checklistItems.map((s) => (
            <Checkbox
              key={s.id}
              label={s.text}
              checked={s.done}
              onChange={(e) => check.mutate({ stepId: s.id, done: e.currentTarget.checked })}
            />
          ))}
          <form onSubmit={submit(() => step.trim() && addStep.mutate(step.trim()))}>
            <Group gap="xs" align="flex-end">
              <TextInput
                label={t('work.addStep')}
                value={step}
                onChange={(e) => setStep(e.currentTarget.value)}
                maxLength={200}
              />
              <Button type="submit" variant="default" loading={addStep.isPending}>
                {t('work.add')}
              </Button>
            </Group>
          </form>
        </Stack>
      </Section>
      <Section title={t('work.notes')}>
        <Stack gap="xs">
          {item.notes.length ? (
            item.notes.map((n) => (
              <div key={n.id}>
                <Text size="xs" c="dimmed">
                  {n.author.name} · {at(n.createdAt)}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {n.text}
                </Text>
              </div>
            ))
          ) : (
            <Text size="sm" c="dimmed">
              {t('work.noNotes')}
            </Text>
          )}
          <form onSubmit={submit(() => note.trim() && addNote.mutate(note.trim()))}>
            <Stack gap="xs">
              <Textarea
                label={t('work.addNote')}
                value={note}
                onChange={(e) => setNote(e.currentTarget.value)}
                maxLength={4000}
                autosize
                minRows={2}
              />
              <Group justify="flex-end">
                <Button type="submit" variant="default" loading={addNote.isPending}>
                  {t('work.add')}
                </Button>
              </Group>
            </Stack>
          </form>
        </Stack>
      </Section>
      <Section title={t('work.photos')}>
        {item.photos.length ? (
          <div className="fd-work-photos">
            {item.photos.map((p) => (
              <a key={p.id} href={`/api/v1/work-items/${item.id}/photos/${p.id}`} target="_blank" rel="noreferrer">
                <img src={`/api/v1/work-items/${item.id}/photos/${p.id}/thumbnail`} alt={p.name} />
              </a>
            ))}
          </div>
        ) : (
          <Text size="sm" c="dimmed">
            {t('work.noPhotos')}
          </Text>
        )}
      </Section>
      <Section title={t('work.history')}>
        <List size="sm" spacing={4}>
          {item.history.map((h) => (
            <List.Item key={h.id}>
              <Text span size="xs" c="dimmed">
                {at(h.at)}
              </Text>{' '}
              {h.by.name ?? t('work.someone')}: {h.action.replaceAll('_', ' ')}
            </List.Item>
          ))}
        </List>
      </Section>
    </>
  );
}
