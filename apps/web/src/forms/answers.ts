import type { FormAnswer, FormDefinition, FormField, FormFieldType } from '@frontdesk/protocol';

/** The words an answer needs in the reader's language. */
export interface AnswerWords {
  yes: string;
  no: string;
  agreed: string;
}

/** `2026-12-03` as the reader says a day ("3 December 2026"); the text itself when it is no date. */
export function dayText(date: string, language: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return date;
  const day = new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3])));
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeZone: 'UTC' }).format(day);
}

/** An answer in plain words: yes or no, a day, a day with its hours, an address on one line. */
export function answerText(type: FormFieldType, value: FormAnswer, words: AnswerWords, language: string): string {
  if (typeof value === 'boolean')
    return type === 'consent' ? (value ? words.agreed : words.no) : value ? words.yes : words.no;
  if (typeof value === 'number') return new Intl.NumberFormat(language).format(value);
  if (typeof value === 'string') return type === 'date' ? dayText(value, language) : value;
  if (Array.isArray(value)) return value.join(', ');
  if ('from' in value) return `${dayText(value.date, language)}, ${value.from}–${value.to}`;
  return [value.line1, value.line2, [value.postcode, value.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** Whether a field is asked given the answers so far: always, or when its earlier field has the answer. */
export function isShown(field: FormField, answers: Record<string, FormAnswer | undefined>): boolean {
  if (!field.showIf) return true;
  const value = answers[field.showIf.field];
  if (value === undefined) return false;
  if (Array.isArray(value)) return typeof field.showIf.equals === 'string' && value.includes(field.showIf.equals);
  return value === field.showIf.equals;
}

/** Whether an answer counts as given (a required field needs one). */
export function isAnswered(field: FormField, value: FormAnswer | undefined): boolean {
  if (value === undefined) return false;
  if (field.type === 'consent') return value === true;
  if (typeof value === 'string') return value.trim() !== '';
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === 'object' && value !== null && 'from' in value) return !!(value.date && value.from && value.to);
  if (typeof value === 'object' && value !== null && 'line1' in value) return value.line1.trim() !== '';
  return true;
}

/** The keys of the required, shown fields of a step still unanswered. */
export function missingInStep(
  definition: FormDefinition,
  step: number,
  answers: Record<string, FormAnswer | undefined>,
): string[] {
  const fields = definition.steps[step]?.fields ?? [];
  return fields.filter((f) => f.required && isShown(f, answers) && !isAnswered(f, answers[f.key])).map((f) => f.key);
}

/** What is sent: the answers of the fields shown, empty ones left out. */
export function answersToSend(
  definition: FormDefinition,
  answers: Record<string, FormAnswer | undefined>,
): Record<string, FormAnswer> {
  const out: Record<string, FormAnswer> = {};
  for (const field of definition.steps.flatMap((s) => s.fields)) {
    const value = answers[field.key];
    if (isShown(field, answers) && value !== undefined && isAnswered(field, value)) out[field.key] = value;
  }
  return out;
}
