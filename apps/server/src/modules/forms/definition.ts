import {
  type FormAnswer,
  type FormDefinition,
  type FormField,
  MAX_ATTACHMENTS_PER_MESSAGE,
  photoLimitOf,
} from '@frontdesk/protocol';
import { AppError } from '../../platform/errors.js';

const invalid = (message: string, details?: Record<string, unknown>) =>
  new AppError('validation_failed', message, details);

const fieldsOf = (definition: FormDefinition): FormField[] => definition.steps.flatMap((s) => s.fields);

/**
 * What the schema cannot say about a form: keys unique across its steps, choices where a field
 * offers them, and conditions that look back at an earlier field with an answer it can have.
 */
export function checkDefinition(definition: FormDefinition): void {
  const seen = new Map<string, FormField>();
  for (const field of fieldsOf(definition)) {
    if (seen.has(field.key)) throw invalid(`Two fields have the key “${field.key}”`, { key: field.key });
    const choices = field.type === 'single_choice' || field.type === 'multiple_choice';
    if (choices && field.options.length < 2)
      throw invalid(`Give “${field.label}” at least two choices`, { key: field.key });
    if (!choices && field.options.length) throw invalid(`Only choice fields have choices (“${field.label}”)`);
    if (field.maxPhotos !== undefined && field.type !== 'photo')
      throw invalid(`Only photo questions have a most photos (“${field.label}”)`, { key: field.key });
    if (field.showIf) {
      const earlier = seen.get(field.showIf.field);
      if (!earlier) {
        throw invalid(`“${field.label}” depends on “${field.showIf.field}”, which is not an earlier field`, {
          key: field.key,
        });
      }
      if (earlier.type === 'photo')
        throw invalid(`“${field.label}” cannot depend on photos (“${earlier.label}”)`, { key: field.key });
      const { equals } = field.showIf;
      const fits =
        earlier.type === 'yes_no' || earlier.type === 'consent'
          ? typeof equals === 'boolean'
          : earlier.type === 'single_choice' || earlier.type === 'multiple_choice'
            ? typeof equals === 'string' && earlier.options.includes(equals)
            : typeof equals === 'string';
      if (!fits)
        throw invalid(`“${field.label}” depends on an answer “${earlier.label}” cannot have`, { key: field.key });
    }
    seen.set(field.key, field);
  }
  // the photos of a request go with its first chat message, which carries at most 20 files
  const photos = fieldsOf(definition)
    .filter((f) => f.type === 'photo')
    .reduce((sum, f) => sum + photoLimitOf(f), 0);
  if (photos > MAX_ATTACHMENTS_PER_MESSAGE)
    throw invalid(
      `A form takes at most ${MAX_ATTACHMENTS_PER_MESSAGE} photos in all: lower the photo questions’ maximums`,
      {
        photos,
      },
    );
}

/** Whether a field is asked, given the answers so far (a condition on a hidden field hides it too). */
function shown(field: FormField, byKey: Map<string, FormField>, answers: Record<string, FormAnswer>): boolean {
  if (!field.showIf) return true;
  const parent = byKey.get(field.showIf.field);
  if (!parent || !shown(parent, byKey, answers)) return false;
  const answer = answers[field.showIf.field];
  return Array.isArray(answer) ? answer.includes(String(field.showIf.equals)) : answer === field.showIf.equals;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const TIME = /^([01]\d|2[0-3]):[0-5]\d$/;
const isDate = (v: string) => DATE.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`));
const UPLOAD_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The photo ids every photo question of these (checked) answers names, in the form's order. */
export function photoIdsOf(definition: FormDefinition, answers: Record<string, FormAnswer>): string[] {
  return fieldsOf(definition)
    .filter((f) => f.type === 'photo')
    .flatMap((f) => {
      const value = answers[f.key];
      return Array.isArray(value) ? value : [];
    });
}

/** What is wrong with an answer to this field, in plain words, or null when it fits. */
function problem(field: FormField, value: FormAnswer): string | null {
  switch (field.type) {
    case 'short_text':
      return typeof value === 'string' && value.length <= 200 ? null : 'a short text (at most 200 characters)';
    case 'long_text':
      return typeof value === 'string' ? null : 'a text';
    case 'number':
      return typeof value === 'number' ? null : 'a number';
    case 'yes_no':
      return typeof value === 'boolean' ? null : 'yes or no';
    case 'consent':
      return value === true ? null : 'a tick';
    case 'date':
      return typeof value === 'string' && isDate(value) ? null : 'a date (YYYY-MM-DD)';
    case 'single_choice':
      return typeof value === 'string' && field.options.includes(value) ? null : `one of: ${field.options.join(', ')}`;
    case 'multiple_choice':
      return Array.isArray(value) &&
        value.length > 0 &&
        value.every((v) => field.options.includes(v)) &&
        new Set(value).size === value.length
        ? null
        : `some of: ${field.options.join(', ')}`;
    case 'time_window':
      return typeof value === 'object' &&
        value !== null &&
        'from' in value &&
        isDate(value.date) &&
        TIME.test(value.from) &&
        TIME.test(value.to) &&
        value.from < value.to
        ? null
        : 'a day with a from and to time (HH:MM), from before to';
    case 'address':
      return typeof value === 'object' && value !== null && 'line1' in value && value.line1.trim()
        ? null
        : 'an address';
    case 'photo':
      // which uploads they are (the customer's own, not sent yet) is checked when the lead is written;
      // the maximum is this version's (a version saved before the setting existed: 5)
      return Array.isArray(value) &&
        value.length <= photoLimitOf(field) &&
        value.every((v) => UPLOAD_ID.test(v)) &&
        new Set(value).size === value.length
        ? null
        : `at most ${photoLimitOf(field)} uploaded photos`;
  }
}

const empty = (value: FormAnswer | undefined) =>
  value === undefined || value === '' || (Array.isArray(value) && value.length === 0);

/**
 * The answers as they are kept: checked against this version of the form — every field it asks
 * answered when required, each answer of its field's kind, nothing for fields it does not have or
 * does not show. Text is trimmed; empty optional answers are left out.
 */
export function checkAnswers(
  definition: FormDefinition,
  answers: Record<string, FormAnswer>,
): Record<string, FormAnswer> {
  const fields = fieldsOf(definition);
  const byKey = new Map(fields.map((f) => [f.key, f]));
  const unknown = Object.keys(answers).find((k) => !byKey.has(k));
  if (unknown) throw invalid(`This form has no question “${unknown}”`, { field: unknown });
  const kept: Record<string, FormAnswer> = {};
  for (const field of fields) {
    const raw = answers[field.key];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (!shown(field, byKey, answers)) {
      if (!empty(value)) throw invalid(`“${field.label}” is not asked with these answers`, { field: field.key });
      continue;
    }
    if (empty(value)) {
      if (field.required) throw invalid(`Answer “${field.label}”`, { field: field.key });
      continue;
    }
    const expected = problem(field, value as FormAnswer);
    if (expected) throw invalid(`“${field.label}” takes ${expected}`, { field: field.key });
    kept[field.key] = value as FormAnswer;
  }
  return kept;
}
