import type { LooseT } from './loose';

/** One problem of a `validation_failed` answer, as the server describes it (see platform/errors.ts). */
export interface ValidationIssue {
  in?: string;
  /** Dotted path of the field in the body or query: `name`, `admin.email`. */
  path: string;
  /** The server's own words (English), used when we cannot word the problem ourselves. */
  message: string;
  /** The zod issue code: too_small, too_big, invalid_format, invalid_type, invalid_value, … */
  code?: string;
  minimum?: number;
  maximum?: number;
  /** What a bound applies to: string, number, array, … */
  origin?: string;
  /** For invalid_format: email, url, regex, … */
  format?: string;
}

/** Field labels of a form, by the path the server names (`admin.email`). */
export type FieldLabels = Record<string, string>;

/** The issues of a `validation_failed` error, or none for anything else. */
export function validationIssues(err: unknown): ValidationIssue[] {
  const { code, details } = (err ?? {}) as { code?: unknown; details?: unknown };
  if (code !== 'validation_failed') return [];
  const issues = (details as { issues?: unknown } | undefined)?.issues;
  if (!Array.isArray(issues)) return [];
  return issues.filter(
    (i): i is ValidationIssue =>
      !!i && typeof i === 'object' && typeof i.path === 'string' && typeof i.message === 'string',
  );
}

/** Why a field was refused, as a sentence in the user's language ("Too short: at least 2 characters."). */
export function issueReason(t: LooseT, issue: ValidationIssue): string {
  const { code, minimum, maximum, origin, format } = issue;
  const v = (key: string, values?: Record<string, unknown>) => t(`common:validation.${key}`, values);
  const counted = origin === 'string' ? ['tooShort', 'tooLong'] : origin === 'array' ? ['tooFew', 'tooMany'] : null;
  if (code === 'too_small' && minimum !== undefined) {
    if (origin === 'string' && minimum <= 1) return v('required');
    return v(counted?.[0] ?? 'tooSmall', { minimum });
  }
  if (code === 'too_big' && maximum !== undefined) return v(counted?.[1] ?? 'tooBig', { maximum });
  if (code === 'invalid_format') return v(format === 'email' ? 'email' : format === 'url' ? 'url' : 'format');
  if (code === 'invalid_value') return v('choice');
  if (code === 'unrecognized_keys') return v('unknownField');
  if (code === 'invalid_type' && issue.message.includes('received undefined')) return v('required');
  return v('invalid');
}

/** "admin.email" → "email", "checkOutAt" → "check out at": a name for a field no form labelled. */
function fallbackLabel(path: string): string {
  const last =
    path
      .split('.')
      .filter((p) => !/^\d+$/.test(p))
      .at(-1) ?? path;
  return last.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}

/**
 * The message of a validation error for the whole form: each refused field by its label and why
 * ("Email address: This is not an email address."). Empty when the error is not a validation error.
 */
export function validationMessage(t: LooseT, err: unknown, labels: FieldLabels = {}): string {
  const issues = validationIssues(err);
  const seen = new Set<string>();
  const lines: string[] = [];
  for (const issue of issues) {
    if (seen.has(issue.path)) continue;
    seen.add(issue.path);
    const reason = issueReason(t, issue);
    lines.push(
      issue.path
        ? t('common:validation.field', { field: labels[issue.path] ?? fallbackLabel(issue.path), reason })
        : reason,
    );
  }
  return lines.join(' ');
}

/** The reason for each refused field a form shows, by path, for the inputs' `error`. */
export function fieldErrors(t: LooseT, err: unknown): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const issue of validationIssues(err)) errors[issue.path] ??= issueReason(t, issue);
  return errors;
}
