import { useMutation, useQuery } from '@tanstack/react-query';
import { type FormEvent, lazy, Suspense, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/errors';
import { guestApi } from '../api/guest';
import type { GuestLoginResponse, LabelScan, PublicOrganization, VerificationKind } from '../api/types';
import { addTranslations } from '../i18n';
import { loose } from '../i18n/loose';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { guestLabelStrings } from './label-strings';
import { verifyError } from './label-verify';
import { rememberGuestSlug } from './last-visit';
import { OrgBrand } from './OrgBrand';
import { useGuestLanguage, useGuestSession, useSetGuestSession } from './queries';
import { rememberLabelToken } from './requests/label-source';
import { guestStrings } from './strings';
import './guest.css';

addTranslations('guest', guestStrings);
addTranslations('guest', guestLabelStrings);

const chatPath = (slug: string) => `/g/${encodeURIComponent(slug)}`;

// only customers who choose "E-mail me a code" download it (and its strings)
const EmailCodeStep = lazy(async () => ({ default: (await import('./EmailCodeStep')).EmailCodeStep }));

/**
 * `/l/:token` — what a customer's QR label opens: the company, and (for a label in use) one question
 * only its customer can answer; the right answer signs this device in and opens the guest chat.
 * Nothing about the customer shows before that.
 */
export function LabelPage() {
  const { token = '' } = useParams();
  const { t } = useTranslation('guest');
  const scan = useQuery({ queryKey: ['guest', 'label', token], queryFn: () => guestApi.label(token), retry: false });
  const session = useGuestSession();
  const org = scan.data?.organization;
  useGuestLanguage(undefined, org);

  if (scan.isPending || session.isPending) return <LoadingState />;
  if (scan.isError) {
    return scan.error instanceof ApiError && (scan.error.code === 'not_found' || scan.error.status === 400) ? (
      <EmptyState title={t('label.notFound')} />
    ) : (
      <ErrorState error={scan.error} onRetry={() => void scan.refetch()} />
    );
  }
  const own = session.data?.organization.slug === scan.data.organization.slug && session.data.access === 'active';
  if (own) return <Navigate to={chatPath(scan.data.organization.slug)} replace />;
  return (
    <main className="g-entry">
      <OrgBrand org={scan.data.organization} />
      <LabelBody scan={scan.data} token={token} />
    </main>
  );
}

function LabelBody({ scan, token }: { scan: LabelScan; token: string }) {
  const { t } = useTranslation('guest');
  const { organization: org } = scan;
  if (scan.status === 'assigned' && scan.challenges.length > 0) return <VerifyForm scan={scan} token={token} />;
  const message =
    scan.status === 'blank'
      ? t('label.blank')
      : scan.status === 'retired'
        ? t('label.retired')
        : t('label.noChallenge');
  return (
    <div className="g-card">
      <p>{message}</p>
      <Contact org={org} />
    </div>
  );
}

/** How to reach the company, when it gave a phone or an e-mail. */
function Contact({ org }: { org: PublicOrganization }) {
  const { t } = useTranslation('guest');
  if (!org.contactPhone && !org.contactEmail) return null;
  return (
    <>
      <p>{t('label.contact', { name: org.name })}</p>
      <ul className="g-contact">
        {org.contactPhone ? (
          <li>
            {t('label.phone')}:{' '}
            <a className="g-link" href={`tel:${org.contactPhone.replace(/[^\d+]/g, '')}`}>
              {org.contactPhone}
            </a>
          </li>
        ) : null}
        {org.contactEmail ? (
          <li>
            {t('label.email')}:{' '}
            <a className="g-link" href={`mailto:${org.contactEmail}`}>
              {org.contactEmail}
            </a>
          </li>
        ) : null}
      </ul>
    </>
  );
}

function VerifyForm({ scan, token }: { scan: LabelScan; token: string }) {
  const { t, i18n } = useTranslation('guest');
  const id = useId();
  const navigate = useNavigate();
  const setSession = useSetGuestSession();
  const org = scan.organization;
  const [kind, setKind] = useState<VerificationKind>(scan.challenges[0] ?? 'phone_last4');
  const [answer, setAnswer] = useState('');
  const signedIn = (response: GuestLoginResponse) => {
    rememberGuestSlug(org.slug);
    rememberLabelToken(token);
    setSession(response.session);
    navigate(chatPath(org.slug), { replace: true });
  };
  const verify = useMutation({
    mutationFn: () => guestApi.verifyAtLabel(token, { kind, answer: answer.trim() }),
    onSuccess: signedIn,
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (answer.trim()) verify.mutate();
  };
  const failure = verify.error ? verifyError(verify.error, (key, o) => loose(t)(key, o), i18n.language) : null;
  const phone = kind === 'phone_last4';
  return (
    <div className="g-card">
      <h2 className="g-card-title">{t('label.title')}</h2>
      <p className="g-muted">{t('label.intro', { name: org.name })}</p>
      {scan.challenges.length > 1 ? (
        <fieldset className="g-choices">
          <legend className="g-label">{t('label.choose')}</legend>
          {scan.challenges.map((c) => (
            <label key={c} className="g-choice">
              <input
                type="radio"
                name={`${id}-kind`}
                value={c}
                checked={kind === c}
                onChange={() => {
                  setKind(c);
                  setAnswer('');
                  verify.reset();
                }}
              />{' '}
              {t(`label.${c}`)}
            </label>
          ))}
        </fieldset>
      ) : null}
      {kind === 'email_code' ? (
        <Suspense fallback={<LoadingState />}>
          <EmailCodeStep token={token} org={org} onSignedIn={signedIn} />
        </Suspense>
      ) : (
        <form className="g-code-step" onSubmit={submit}>
          <label className="g-label" htmlFor={`${id}-answer`}>
            {t(`label.${kind}`)}
          </label>
          <input
            id={`${id}-answer`}
            className="g-input g-code-input"
            value={answer}
            onChange={(e) => setAnswer(e.target.value)}
            inputMode={phone ? 'numeric' : 'text'}
            autoComplete={phone ? 'off' : 'postal-code'}
            maxLength={phone ? 4 : 20}
            required
            aria-describedby={`${id}-help`}
            aria-invalid={!!failure || undefined}
          />
          <p className="g-help" id={`${id}-help`}>
            {phone ? t('label.phoneHelp', { name: org.name }) : t('label.postcodeHelp')}
          </p>
          {failure ? (
            <p className="g-error" role="alert">
              {failure}
            </p>
          ) : null}
          <button className="g-button" type="submit" disabled={verify.isPending || !answer.trim()}>
            {verify.isPending ? t('label.checking') : t('label.submit')}
          </button>
        </form>
      )}
    </div>
  );
}
