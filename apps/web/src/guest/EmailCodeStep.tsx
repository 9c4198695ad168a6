import type { LabelCodeSent } from '@frontdesk/protocol';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/client';
import { ApiError } from '../api/errors';
import type { GuestLoginResponse, PublicOrganization } from '../api/types';
import { addTranslations } from '../i18n';
import { loose } from '../i18n/loose';
import { emailCodeStrings } from './email-code-strings';
import { verifyError } from './label-verify';

addTranslations('guest', emailCodeStrings);

const labelPath = (token: string, action: 'code' | 'verify') =>
  `/api/v1/guest/labels/${encodeURIComponent(token)}/${action}`;

/**
 * "E-mail me a code" on a label's page (lazy: the label page loads it only when the customer picks
 * it): asks the server to e-mail a one-time code to the address on file — shown back masked — then
 * takes the six digits and signs the device in, like any other right answer.
 */
export function EmailCodeStep({
  token,
  org,
  onSignedIn,
}: {
  token: string;
  org: PublicOrganization;
  onSignedIn: (response: GuestLoginResponse) => void;
}) {
  const { t, i18n } = useTranslation('guest');
  const id = useId();
  const [code, setCode] = useState('');
  const [sent, setSent] = useState<LabelCodeSent | null>(null);
  const send = useMutation({
    mutationFn: () => api<LabelCodeSent>(labelPath(token, 'code'), { body: {} }),
    onSuccess: (answer) => {
      setSent(answer);
      setCode('');
      verify.reset();
    },
  });
  const verify = useMutation({
    mutationFn: () =>
      api<GuestLoginResponse>(labelPath(token, 'verify'), { body: { kind: 'email_code', answer: code.trim() } }),
    onSuccess: onSignedIn,
  });
  const message = (err: unknown) => {
    if (err instanceof ApiError && err.code === 'code_expired') return t('emailCode.expired');
    if (err instanceof ApiError && err.code === 'no_email_on_file') return t('emailCode.noEmail', { name: org.name });
    return verifyError(err, (key, o) => loose(t)(key, o), i18n.language);
  };
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (code.trim()) verify.mutate();
  };
  const sendFailure = send.error ? message(send.error) : null;
  const failure = verify.error ? message(verify.error) : null;

  if (!sent) {
    return (
      <>
        <p className="g-help">{t('emailCode.explain', { name: org.name })}</p>
        {sendFailure ? (
          <p className="g-error" role="alert">
            {sendFailure}
          </p>
        ) : null}
        <button className="g-button" type="button" onClick={() => send.mutate()} disabled={send.isPending}>
          {send.isPending ? t('emailCode.sending') : t('emailCode.send')}
        </button>
      </>
    );
  }
  const minutes = Math.max(1, Math.round((Date.parse(sent.expiresAt) - Date.now()) / 60_000));
  return (
    <form className="g-code-step" onSubmit={submit}>
      <p className="g-notice" role="status">
        {t('emailCode.sent', { address: sent.sentTo, minutes })}
      </p>
      <label className="g-label" htmlFor={`${id}-code`}>
        {t('emailCode.field')}
      </label>
      <input
        id={`${id}-code`}
        className="g-input g-code-input"
        value={code}
        onChange={(e) => setCode(e.target.value)}
        inputMode="numeric"
        autoComplete="one-time-code"
        maxLength={7}
        required
        aria-describedby={`${id}-help`}
        aria-invalid={!!failure || undefined}
      />
      <p className="g-help" id={`${id}-help`}>
        {t('emailCode.help')}
      </p>
      {failure || sendFailure ? (
        <p className="g-error" role="alert">
          {failure ?? sendFailure}
        </p>
      ) : null}
      <button className="g-button" type="submit" disabled={verify.isPending || !code.trim()}>
        {verify.isPending ? t('emailCode.checking') : t('emailCode.submit')}
      </button>
      <button className="g-button g-button-quiet" type="button" onClick={() => send.mutate()} disabled={send.isPending}>
        {send.isPending ? t('emailCode.sending') : t('emailCode.again')}
      </button>
    </form>
  );
}
