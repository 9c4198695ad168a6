import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, Navigate, useNavigate, useParams } from 'react-router';
import { ApiError } from '../api/errors';
import { guestApi } from '../api/guest';
import { addTranslations } from '../i18n';
import { errorMessage } from '../i18n/error-message';
import { loose } from '../i18n/loose';
import { fieldErrors } from '../i18n/validation';
import { EmptyState, ErrorState, LoadingState } from '../ui/states';
import { stashFirstMessage } from './first-message';
import { OrgBrand } from './OrgBrand';
import { useGuestLanguage, useGuestSession, useOrganization, useSetGuestSession } from './queries';
import { guestStrings } from './strings';
import './guest.css';

addTranslations('guest', guestStrings);

/** `/g/:slug/visit` — the public entry: a short pre-chat form for visitors without an access code. */
export function VisitPage() {
  const { slug = '' } = useParams();
  const { t } = useTranslation('guest');
  const org = useOrganization(slug);
  const session = useGuestSession();
  const ownSession = session.data?.organization.slug === slug && session.data.access === 'active';
  useGuestLanguage(undefined, org.data);

  if (org.isPending || session.isPending) return <LoadingState />;
  if (org.isError) {
    return org.error instanceof ApiError && org.error.code === 'not_found' ? (
      <EmptyState title={t('org.notFound')} />
    ) : (
      <ErrorState error={org.error} onRetry={() => void org.refetch()} />
    );
  }
  if (ownSession) return <Navigate to={`/g/${encodeURIComponent(slug)}`} replace />;
  return (
    <main className="g-entry">
      <OrgBrand org={org.data} />
      {org.data.publicEntryEnabled ? (
        <VisitForm slug={slug} />
      ) : (
        <div className="g-card">
          <p>{t('visit.disabled')}</p>
        </div>
      )}
      <Link className="g-link" to={`/g/${encodeURIComponent(slug)}`}>
        {t('visit.haveCode')}
      </Link>
    </main>
  );
}

function VisitForm({ slug }: { slug: string }) {
  const { t } = useTranslation('guest');
  const id = useId();
  const navigate = useNavigate();
  const setSession = useSetGuestSession();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [topic, setTopic] = useState('');
  const visit = useMutation({
    mutationFn: () => guestApi.visit(slug, { name, topic, ...(email.trim() ? { email: email.trim() } : {}) }),
    onSuccess: (response) => {
      // the topic becomes the first message of the chat, so reception sees what it is about
      stashFirstMessage(slug, topic.trim());
      setSession(response.session);
      navigate(`/g/${encodeURIComponent(slug)}`, { replace: true });
    },
  });
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && topic.trim()) visit.mutate();
  };
  const invalid = fieldErrors(loose(t), visit.error);
  return (
    <form className="g-card" onSubmit={submit}>
      <h2 className="g-card-title">{t('visit.title')}</h2>
      <p className="g-muted">{t('visit.intro')}</p>
      <label className="g-label" htmlFor={`${id}-name`}>
        {t('visit.name')}
      </label>
      <input
        id={`${id}-name`}
        className="g-input"
        value={name}
        onChange={(e) => setName(e.target.value)}
        autoComplete="name"
        maxLength={100}
        required
        aria-invalid={!!invalid.name || undefined}
      />
      <label className="g-label" htmlFor={`${id}-email`}>
        {t('visit.email')}
      </label>
      <input
        id={`${id}-email`}
        className="g-input"
        type="email"
        value={email}
        onChange={(e) => setEmail(e.target.value)}
        autoComplete="email"
        maxLength={254}
        aria-describedby={`${id}-email-help`}
        aria-invalid={!!invalid.email || undefined}
      />
      <p className="g-help" id={`${id}-email-help`}>
        {t('visit.emailHelp')}
      </p>
      <label className="g-label" htmlFor={`${id}-topic`}>
        {t('visit.topic')}
      </label>
      <textarea
        id={`${id}-topic`}
        className="g-input g-textarea"
        value={topic}
        onChange={(e) => setTopic(e.target.value)}
        maxLength={500}
        rows={3}
        required
        aria-invalid={!!invalid.topic || undefined}
      />
      {visit.error ? (
        <p className="g-error" role="alert">
          {errorMessage(loose(t), visit.error, {
            name: t('visit.name'),
            email: t('visit.email'),
            topic: t('visit.topic'),
          })}
        </p>
      ) : null}
      <button className="g-button" type="submit" disabled={visit.isPending || !name.trim() || !topic.trim()}>
        {visit.isPending ? t('visit.starting') : t('visit.submit')}
      </button>
    </form>
  );
}
