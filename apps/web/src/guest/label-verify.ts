import { ApiError, detail } from '../api/errors';
import { errorMessage } from '../i18n/error-message';
import type { LooseT } from '../i18n/loose';
import { formatWait } from './format';

/** A refused answer in plain words: wrong, too many tries (with how long to wait), or anything else. */
export function verifyError(err: unknown, t: LooseT, language: string): string {
  if (err instanceof ApiError && err.code === 'verification_failed') return t('label.wrong');
  if (err instanceof ApiError && err.code === 'rate_limited') {
    const wait = detail<number>(err, 'retryAfterSeconds');
    return wait ? t('label.rateLimited', { wait: formatWait(wait, language) }) : t('label.rateLimitedSoon');
  }
  return errorMessage(t, err);
}
