import type { FormDefinition, RequestForm } from '@frontdesk/protocol';
import { Alert, Anchor, Badge, Button, Group, Modal, Paper, Stack, Textarea, TextInput, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../../api/client';
import type { PhotoStore } from '../../../forms/PhotoInput';
import { RequestFormFill } from '../../../forms/RequestFormFill';
import { useErrorMessage } from '../../../i18n/error-message';
import { FieldEditor } from './FieldEditor';
import { type DraftStep, definitionOf, draftOf, moved, newRow } from './form-draft';

const formsKey = ['staff', 'request-forms'] as const;

/** One request form in the designer: its name, its steps and questions, Save draft, Preview and Publish. */
export function FormEditor({ form, onBack }: { form: RequestForm; onBack: () => void }) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const client = useQueryClient();
  const [name, setName] = useState(form.name);
  const [description, setDescription] = useState(form.description);
  const [steps, setSteps] = useState<DraftStep[]>(() => draftOf(form.draft));
  const [previewing, setPreviewing] = useState(false);
  const save = useMutation({
    mutationFn: () =>
      api<RequestForm>(`/api/v1/forms/${encodeURIComponent(form.id)}`, {
        method: 'PATCH',
        body: { name: name.trim(), description: description.trim(), draft: definitionOf(steps) },
      }),
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: formsKey });
      notifications.show({ message: t('formDesigner.saved') });
    },
  });
  const publish = useMutation({
    mutationFn: async () => {
      await save.mutateAsync();
      return api<RequestForm>(`/api/v1/forms/${encodeURIComponent(form.id)}/publish`, { body: {} });
    },
    onSuccess: (published) => {
      void client.invalidateQueries({ queryKey: formsKey });
      notifications.show({ message: t('formDesigner.publishedNow', { version: published.publishedVersion ?? 1 }) });
    },
  });
  const setStep = (index: number, step: DraftStep) => setSteps(steps.map((s, i) => (i === index ? step : s)));
  const error = save.error ?? publish.error;

  return (
    <Stack gap="md" maw={860}>
      <Anchor component="button" type="button" onClick={onBack} size="sm" style={{ alignSelf: 'flex-start' }}>
        ← {t('formDesigner.back')}
      </Anchor>
      <Group justify="space-between">
        <Title order={2} size="h3">
          {form.name}
        </Title>
        <Group gap="xs">
          <Badge variant="light" color={form.publishedVersion ? 'teal' : 'gray'}>
            {form.publishedVersion
              ? t('formDesigner.published', { version: form.publishedVersion })
              : t('formDesigner.notPublished')}
          </Badge>
          {form.publishedVersion && form.changedSincePublished ? (
            <Badge variant="light" color="yellow">
              {t('formDesigner.changed')}
            </Badge>
          ) : null}
        </Group>
      </Group>
      <TextInput
        label={t('formDesigner.name')}
        value={name}
        onChange={(e) => setName(e.currentTarget.value)}
        required
      />
      <Textarea
        label={t('formDesigner.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        autosize
        minRows={2}
      />
      {steps.map((step, index) => (
        <Paper
          key={step.row}
          withBorder
          radius="md"
          p="md"
          component="section"
          aria-label={t('formDesigner.step', { n: index + 1 })}
        >
          <Stack gap="sm">
            <Group justify="space-between" align="flex-end">
              <TextInput
                label={t('formDesigner.stepTitle', { n: index + 1 })}
                value={step.title}
                onChange={(e) => setStep(index, { ...step, title: e.currentTarget.value })}
                style={{ flex: 1 }}
              />
              <Button variant="default" disabled={index === 0} onClick={() => setSteps(moved(steps, index, -1))}>
                {t('formDesigner.up')}
              </Button>
              <Button
                variant="default"
                disabled={index === steps.length - 1}
                onClick={() => setSteps(moved(steps, index, 1))}
              >
                {t('formDesigner.down')}
              </Button>
              <Button
                variant="subtle"
                color="red"
                disabled={steps.length === 1}
                onClick={() => setSteps(steps.filter((_, i) => i !== index))}
              >
                {t('formDesigner.removeStep', { n: index + 1 })}
              </Button>
            </Group>
            {step.fields.map((field, f) => (
              <FieldEditor
                key={field.row}
                number={f + 1}
                field={field}
                steps={steps}
                canRemove={step.fields.length > 1}
                onChange={(next) =>
                  setStep(index, { ...step, fields: step.fields.map((x, i) => (i === f ? next : x)) })
                }
                onMove={(by) => setStep(index, { ...step, fields: moved(step.fields, f, by) })}
                onRemove={() => setStep(index, { ...step, fields: step.fields.filter((_, i) => i !== f) })}
              />
            ))}
            <Button
              variant="light"
              style={{ alignSelf: 'flex-start' }}
              onClick={() =>
                setStep(index, {
                  ...step,
                  fields: [
                    ...step.fields,
                    {
                      row: newRow(),
                      key: null,
                      type: 'short_text',
                      label: '',
                      help: '',
                      required: false,
                      options: [],
                      showIf: null,
                    },
                  ],
                })
              }
            >
              {t('formDesigner.addField')}
            </Button>
          </Stack>
        </Paper>
      ))}
      <Button
        variant="default"
        style={{ alignSelf: 'flex-start' }}
        onClick={() =>
          setSteps([
            ...steps,
            {
              row: newRow(),
              title: '',
              fields: [
                {
                  row: newRow(),
                  key: null,
                  type: 'short_text',
                  label: '',
                  help: '',
                  required: false,
                  options: [],
                  showIf: null,
                },
              ],
            },
          ])
        }
      >
        {t('formDesigner.addStep')}
      </Button>
      {error ? (
        <Alert color="red" role="alert">
          {errorMessage(error)}
        </Alert>
      ) : null}
      <Group>
        <Button onClick={() => save.mutate()} loading={save.isPending && !publish.isPending}>
          {t('formDesigner.save')}
        </Button>
        <Button variant="default" onClick={() => setPreviewing(true)}>
          {t('formDesigner.preview')}
        </Button>
        <Button color="teal" onClick={() => publish.mutate()} loading={publish.isPending}>
          {t('formDesigner.publish')}
        </Button>
      </Group>
      {previewing ? (
        <Modal opened onClose={() => setPreviewing(false)} title={t('formDesigner.previewTitle', { name })} size="md">
          <div className="fd-form-preview">
            <FormPreview name={name} description={description} definition={definitionOf(steps)} />
          </div>
        </Modal>
      ) : null}
    </Stack>
  );
}

/**
 * The draft as a customer would fill it. Its photo questions take photos too, but keep them in this
 * browser only (object URLs, let go when the preview closes): uploading needs a customer's session
 * — the staff app has none, and an upload would be a file on the server that no request ever sends.
 * The preview sends nothing, so nothing else needs the photos; the count limit is the question's own.
 */
function FormPreview(props: { name: string; description: string; definition: FormDefinition }) {
  const [photos] = useState(() => {
    const urls = new Set<string>();
    const store: PhotoStore & { release: () => void } = {
      add: async (file) => {
        const url = URL.createObjectURL(file);
        urls.add(url);
        return url;
      },
      src: (url) => url,
      drop: (url) => {
        URL.revokeObjectURL(url);
        urls.delete(url);
      },
      release: () => {
        for (const url of urls) URL.revokeObjectURL(url);
        urls.clear();
      },
    };
    return store;
  });
  useEffect(() => () => photos.release(), [photos]);
  return <RequestFormFill {...props} photos={photos} />;
}
