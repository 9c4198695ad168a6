import { useMutation } from '@tanstack/react-query';
import type { TFunction } from 'i18next';
import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError, detail } from '../api/errors';
import { guestApi } from '../api/guest';
import type { GuestSession, PublicOrganization } from '../api/types';
import { errorMessage } from '../i18n/error-message';
import { loose } from '../i18n/loose';
import { validationIssues } from '../i18n/validation';
import { formatDateTime, formatDay, formatWait } from './format';
import { OrgBrand } from './OrgBrand';

interface Props {
  org: PublicOrganization;
  room: string | null;
  /** From the QR link (`?code=`): filled in and sent at once. */
  initialCode: string | null;
  /** The browser had a guest session that has since ended. */
  previousEnded: boolean;
  onSignedIn: (session: GuestSession) => void;
  /** The code belongs to a stay that has ended (after check-out a code signs in no more). */
  onStayEnded?: () => void;
}

/** The guest's way in: the access code from the key card, or straight through from the QR link. */
export function CodeEntry({ org, room, initialCode, previousEnded, onSignedIn, onStayEnded }: Props) {
  const { t, i18n } = useTranslation('guest');
  const [code, setCode] = useState(initialCode ?? '');
  const inputId = useId();
  const login = useMutation({
    mutationFn: (value: string) => guestApi.login(org.slug, value),
    onSuccess: (response) => onSignedIn(response.session),
    onError: (err) => {
      if (err instanceof ApiError && err.code === 'stay_ended') onStayEnded?.();
    },
  });
  const autoSubmitted = useRef(false);
  useEffect(() => {
    if (initialCode && !autoSubmitted.current) {
      autoSubmitted.current = true;
      login.mutate(initialCode);
    }
  }, [initialCode, login]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) login.mutate(code);
  };

  const problem = login.error
    ? loginProblem(login.error, t, i18n.language, org.timezone, login.variables ?? code)
    : previousEnded
      ? t('entry.previousEnded')
      : null;
  // "your code works from tomorrow" and "your previous access ended" are news, not mistakes
  const notice = login.error ? login.error instanceof ApiError && login.error.code === 'stay_not_started' : true;
  return (
    <main className="g-entry">
      <OrgBrand org={org} />
      <form className="g-card" onSubmit={submit} noValidate>
        <h2 className="g-card-title">{room ? t('entry.room', { room }) : t('entry.welcome')}</h2>
        <p className="g-muted">{t('entry.intro')}</p>
        <label className="g-label" htmlFor={inputId}>
          {t('entry.codeLabel')}
        </label>
        <input
          id={inputId}
          className="g-input g-code-input"
          value={code}
          onChange={(e) => setCode(e.target.value.toUpperCase())}
          autoComplete="one-time-code"
          autoCapitalize="characters"
          autoCorrect="off"
          spellCheck={false}
          maxLength={32}
          required
          aria-invalid={login.isError || undefined}
          aria-describedby={`${inputId}-help${problem ? ` ${inputId}-error` : ''}`}
        />
        <p className="g-help" id={`${inputId}-help`}>
          {t('entry.codeHelp')}
        </p>
        {problem ? (
          <p className={notice ? 'g-notice' : 'g-error'} id={`${inputId}-error`} role="alert">
            {problem}
          </p>
        ) : null}
        <button className="g-button" type="submit" disabled={login.isPending || !code.trim()}>
          {login.isPending ? t('entry.checking') : t('entry.submit')}
        </button>
      </form>
      {org.publicEntryEnabled ? (
        <Link className="g-link" to={`/g/${encodeURIComponent(org.slug)}/visit`}>
          {t('entry.visitLink')}
        </Link>
      ) : null}
    </main>
  );
}

/** Friendly words for why a code did not work, with the dates the server gave. */
function loginProblem(err: unknown, t: TFunction<'guest'>, language: string, timeZone: string, typed: string): string {
  if (err instanceof ApiError && err.code === 'validation_failed') return codeProblem(err, t, typed);
  if (err instanceof ApiError) {
    const endedAt = detail<string>(err, 'endedAt');
    const checkInAt = detail<string>(err, 'checkInAt');
    const retryAfter = detail<number>(err, 'retryAfterSeconds');
    if (err.code === 'stay_ended' && endedAt)
      return t('entry.endedOn', { date: formatDay(endedAt, language, timeZone) });
    if (err.code === 'stay_not_started' && checkInAt) {
      return t('entry.notStartedUntil', { time: formatDateTime(checkInAt, language, timeZone) });
    }
    if (err.code === 'rate_limited' && retryAfter)
      return t('entry.rateLimited', { wait: formatWait(retryAfter, language) });
  }
  return errorMessage(loose(t), err);
}

/**
 * What is wrong with the code as typed, without naming a length: codes may grow longer while old
 * ones keep working, so the server's bound (too_small / too_big) decides short or long, and a
 * code of the right letters the server still refused has the wrong number of them.
 */
function codeProblem(err: ApiError, t: TFunction<'guest'>, typed: string): string {
  if (/[^A-Z0-9]/i.test(typed.replace(/[\s-]/g, ''))) return t('entry.codeCharacters');
  const issue = validationIssues(err).find((i) => i.path === 'code');
  if (issue?.code === 'too_small') return t('entry.codeTooShort');
  if (issue?.code === 'too_big') return t('entry.codeTooLong');
  return t('entry.codeLength');
}
