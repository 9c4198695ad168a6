import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';

/**
 * The human message for anything thrown by the API client or the chat client: the translation of
 * its stable code when there is one, else the server's own words, else a generic apology.
 */
export function errorMessage(t: TFunction, err: unknown): string {
  const { code, message } = (err ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'string') {
    const key = `common:errors.${code}`;
    const translated = t(key);
    if (translated !== key && translated !== `errors.${code}`) return translated;
  }
  if (typeof message === 'string' && message && typeof code === 'string') return message;
  return t('common:errors.internal_error');
}

/** `errorMessage` bound to the current language. */
export function useErrorMessage(): (err: unknown) => string {
  const { t } = useTranslation();
  return (err) => errorMessage(t, err);
}
