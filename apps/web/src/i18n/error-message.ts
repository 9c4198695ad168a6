import { useTranslation } from 'react-i18next';
import { type LooseT, loose } from './loose';
import { type FieldLabels, fieldErrors, validationMessage } from './validation';

/**
 * The human message for anything thrown by the API client or the chat client: for a validation
 * error, which fields and why (named by the form's `labels`); else the translation of its stable
 * code when there is one, else the server's own words, else a generic apology.
 */
export function errorMessage(t: LooseT, err: unknown, labels?: FieldLabels): string {
  const invalid = validationMessage(t, err, labels);
  if (invalid) return invalid;
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    // the staff app adds the words of the codes only staff meet (staff/error-strings.ts)
    for (const key of [`common:errors.${code}`, `staffErrors:${code}`]) {
      const translated = t(key);
      if (translated !== key && translated !== key.slice(key.indexOf(':') + 1)) return translated;
    }
  }
  if (typeof message === 'string' && message && typeof code === 'string') return message;
  return t('common:errors.internal_error');
}

/** `errorMessage` bound to the current language. */
export function useErrorMessage(): (err: unknown, labels?: FieldLabels) => string {
  const { t } = useTranslation();
  return (err, labels) => errorMessage(loose(t), err, labels);
}

/** The reason for each field the server refused, by path (`admin.email`), for the inputs' `error`. */
export function useFieldErrors(err: unknown): Record<string, string> {
  const { t } = useTranslation();
  return fieldErrors(loose(t), err);
}
