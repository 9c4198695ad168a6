import type { FormAnswer, FormDefinition } from '@frontdesk/protocol';

/** An answer in plain words, as the lead's first chat message shows it. */
export function answerText(value: FormAnswer): string {
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'number' || typeof value === 'string') return String(value);
  if (Array.isArray(value)) return value.join(', ');
  if ('from' in value) return `${value.date}, ${value.from}–${value.to}`;
  return [value.line1, value.line2, [value.postcode, value.city].filter(Boolean).join(' ')].filter(Boolean).join(', ');
}

/** The request as one chat message: the form's name, then each question answered. */
export function requestSummary(
  formName: string,
  definition: FormDefinition,
  answers: Record<string, FormAnswer>,
): string {
  const lines = [`New request: ${formName}`];
  for (const field of definition.steps.flatMap((s) => s.fields)) {
    const value = answers[field.key];
    if (value === undefined || field.type === 'consent') continue;
    // the photos themselves go with the message
    if (field.type === 'photo' && Array.isArray(value)) {
      lines.push(`${field.label}: ${value.length === 1 ? '1 photo' : `${value.length} photos`}`);
      continue;
    }
    lines.push(`${field.label}: ${answerText(value)}`);
  }
  return lines.join('\n').slice(0, 4000);
}
