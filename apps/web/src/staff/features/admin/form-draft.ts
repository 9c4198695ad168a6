import { type FormDefinition, type FormFieldType, photoLimitOf } from '@frontdesk/protocol';
import { fieldKeyFromLabel } from './field-key';

/** A question as the designer holds it: `key` is null until first saved (then it comes from the label). */
export interface DraftField {
  row: number;
  key: string | null;
  type: FormFieldType;
  label: string;
  help: string;
  required: boolean;
  options: string[];
  /** A photo question's most photos (1–10); unset means the default, 5. */
  maxPhotos?: number;
  /** The row of the earlier question it waits for, and the answer. */
  showIf: { row: number; equals: string | boolean } | null;
}
export interface DraftStep {
  row: number;
  title: string;
  fields: DraftField[];
}

let nextRow = 1;
export const newRow = () => nextRow++;

export const choiceTypes: readonly FormFieldType[] = ['single_choice', 'multiple_choice'];

/** The designer's steps from a saved definition; conditions point at rows, not keys. */
export function draftOf(definition: FormDefinition): DraftStep[] {
  const rows = new Map<string, number>();
  return definition.steps.map((step) => ({
    row: newRow(),
    title: step.title,
    fields: step.fields.map((f) => {
      const row = newRow();
      rows.set(f.key, row);
      const target = f.showIf ? rows.get(f.showIf.field) : undefined;
      return {
        row,
        key: f.key,
        type: f.type,
        label: f.label,
        help: f.help,
        required: f.required,
        options: f.options,
        ...(f.type === 'photo' ? { maxPhotos: photoLimitOf(f) } : {}),
        showIf: f.showIf && target ? { row: target, equals: f.showIf.equals } : null,
      };
    }),
  }));
}

/** The key of every question: saved ones keep theirs, new ones get one from their label, never twice. */
export function keysOf(steps: readonly DraftStep[]): Map<number, string> {
  const fields = steps.flatMap((s) => s.fields);
  const taken = fields.flatMap((f) => (f.key ? [f.key] : []));
  const keys = new Map<number, string>();
  for (const f of fields) {
    const key = f.key ?? fieldKeyFromLabel(f.label, taken);
    if (!f.key) taken.push(key);
    keys.set(f.row, key);
  }
  return keys;
}

/** The definition to save and preview: keys filled in, choices only on choice questions, conditions by key. */
export function definitionOf(steps: readonly DraftStep[]): FormDefinition {
  const keys = keysOf(steps);
  return {
    steps: steps.map((step) => ({
      title: step.title.trim(),
      fields: step.fields.map((f) => {
        const target = f.showIf ? keys.get(f.showIf.row) : undefined;
        return {
          key: keys.get(f.row) ?? 'field',
          type: f.type,
          label: f.label.trim(),
          help: f.help.trim(),
          required: f.required,
          options: choiceTypes.includes(f.type) ? f.options.map((o) => o.trim()).filter(Boolean) : [],
          // photo questions say how many photos they take (saved versions without it take 5)
          ...(f.type === 'photo' ? { maxPhotos: photoLimitOf(f) } : {}),
          showIf: f.showIf && target ? { field: target, equals: f.showIf.equals } : null,
        };
      }),
    })),
  };
}

/** The questions before this one (in earlier steps or above it) that a condition can wait for. */
export function earlierChoices(steps: readonly DraftStep[], row: number): DraftField[] {
  const all = steps.flatMap((s) => s.fields);
  const index = all.findIndex((f) => f.row === row);
  return all.slice(0, Math.max(index, 0)).filter((f) => f.type === 'yes_no' || choiceTypes.includes(f.type));
}

/** An item moved one place up (-1) or down (+1) in its list. */
export function moved<T>(list: readonly T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= list.length) return [...list];
  const copy = [...list];
  const [item] = copy.splice(index, 1);
  if (item !== undefined) copy.splice(to, 0, item);
  return copy;
}
