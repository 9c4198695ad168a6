import { type FormFieldType, formFieldTypes, MAX_PHOTOS_LIMIT, photoLimitOf } from '@frontdesk/protocol';
import { Button, Checkbox, Group, NumberInput, Paper, Select, Stack, Textarea, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { choiceTypes, type DraftField, type DraftStep, earlierChoices } from './form-draft';

interface Props {
  number: number;
  field: DraftField;
  steps: readonly DraftStep[];
  canRemove: boolean;
  onChange: (field: DraftField) => void;
  onMove: (by: -1 | 1) => void;
  onRemove: () => void;
}

/** One question in the designer: type, label, help, required, choices, and "show only when". */
export function FieldEditor({ number, field, steps, canRemove, onChange, onMove, onRemove }: Props) {
  const { t } = useTranslation('staff');
  const earlier = earlierChoices(steps, field.row);
  const target = earlier.find((f) => f.row === field.showIf?.row);
  const answers: { value: string; label: string }[] = !target
    ? []
    : target.type === 'yes_no'
      ? [
          { value: 'true', label: t('formDesigner.yes') },
          { value: 'false', label: t('formDesigner.no') },
        ]
      : target.options.filter(Boolean).map((o) => ({ value: o, label: o }));
  const title = t('formDesigner.field', { n: number });
  return (
    <Paper withBorder radius="sm" p="sm" component="fieldset" aria-label={title} style={{ margin: 0 }}>
      <Stack gap="xs">
        <Group grow align="flex-start">
          <TextInput
            label={`${title}: ${t('formDesigner.label')}`}
            value={field.label}
            onChange={(e) => onChange({ ...field, label: e.currentTarget.value })}
            required
          />
          <Select
            label={t('formDesigner.type')}
            data={formFieldTypes.map((type) => ({ value: type, label: t(`formDesigner.types.${type}`) }))}
            value={field.type}
            onChange={(value) => value && onChange({ ...field, type: value as FormFieldType })}
            allowDeselect={false}
          />
        </Group>
        <TextInput
          label={t('formDesigner.help')}
          value={field.help}
          onChange={(e) => onChange({ ...field, help: e.currentTarget.value })}
        />
        {field.type === 'photo' ? (
          <NumberInput
            label={t('formDesigner.maxPhotos', { max: MAX_PHOTOS_LIMIT })}
            value={photoLimitOf(field)}
            min={1}
            max={MAX_PHOTOS_LIMIT}
            allowDecimal={false}
            allowNegative={false}
            clampBehavior="strict"
            w={200}
            onChange={(value) => {
              const n = typeof value === 'number' ? value : Number.parseInt(value, 10);
              if (Number.isInteger(n) && n >= 1 && n <= MAX_PHOTOS_LIMIT) onChange({ ...field, maxPhotos: n });
            }}
          />
        ) : null}
        {choiceTypes.includes(field.type) ? (
          <Textarea
            label={t('formDesigner.options')}
            value={field.options.join('\n')}
            onChange={(e) => onChange({ ...field, options: e.currentTarget.value.split('\n') })}
            autosize
            minRows={2}
          />
        ) : null}
        <Group grow align="flex-end">
          <Select
            label={t('formDesigner.condition')}
            data={[
              { value: '', label: t('formDesigner.always') },
              ...earlier.map((f) => ({ value: String(f.row), label: f.label || '…' })),
            ]}
            value={field.showIf ? String(field.showIf.row) : ''}
            onChange={(value) => {
              const chosen = earlier.find((f) => String(f.row) === value);
              onChange({
                ...field,
                showIf: chosen
                  ? { row: chosen.row, equals: chosen.type === 'yes_no' ? true : (chosen.options[0] ?? '') }
                  : null,
              });
            }}
            allowDeselect={false}
          />
          {field.showIf ? (
            <Select
              label={t('formDesigner.equals')}
              data={answers}
              value={String(field.showIf.equals)}
              onChange={(value) =>
                field.showIf &&
                onChange({
                  ...field,
                  showIf: {
                    row: field.showIf.row,
                    equals: target?.type === 'yes_no' ? value === 'true' : (value ?? ''),
                  },
                })
              }
              allowDeselect={false}
            />
          ) : null}
        </Group>
        <Group justify="space-between">
          <Checkbox
            label={t('formDesigner.required')}
            checked={field.required}
            onChange={(e) => onChange({ ...field, required: e.currentTarget.checked })}
          />
          <Group gap="xs">
            <Button
              size="xs"
              variant="default"
              onClick={() => onMove(-1)}
              aria-label={`${t('formDesigner.up')}: ${title}`}
            >
              {t('formDesigner.up')}
            </Button>
            <Button
              size="xs"
              variant="default"
              onClick={() => onMove(1)}
              aria-label={`${t('formDesigner.down')}: ${title}`}
            >
              {t('formDesigner.down')}
            </Button>
            <Button
              size="xs"
              variant="subtle"
              color="red"
              disabled={!canRemove}
              onClick={onRemove}
              aria-label={`${t('formDesigner.remove')}: ${title}`}
            >
              {t('formDesigner.remove')}
            </Button>
          </Group>
        </Group>
      </Stack>
    </Paper>
  );
}
