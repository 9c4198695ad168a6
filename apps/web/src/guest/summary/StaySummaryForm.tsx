import type { StaySummaryOptIn } from '@frontdesk/protocol';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { addTranslations } from '../../i18n';
import { summaryStrings } from './strings';
import './summary.css';

addTranslations('guest', summaryStrings);

const path = '/api/v1/guest/stay-summary';
const key = ['guest', 'stay-summary'] as const;

/**
 * "Email me a summary after my stay" (README "Stay summary e-mail"): folded away until the guest
 * opens it; an address opts them in, "No summary, thanks" forgets it. Its own lazy chunk.
 */
export function StaySummaryForm() {
  const { t } = useTranslation('guest');
  const id = useId();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const current = useQuery({ queryKey: key, queryFn: () => api<StaySummaryOptIn>(path), retry: false });
  const save = useMutation({
    mutationFn: (address: string | null) =>
      address === null
        ? api<StaySummaryOptIn>(path, { method: 'DELETE' })
        : api<StaySummaryOptIn>(path, { method: 'PUT', body: { email: address } }),
    onSuccess: (answer) => client.setQueryData(key, answer),
  });
  if (!current.data) return null;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim()) save.mutate(email.trim());
  };
  const set = current.data.email;
  return (
    <details className="g-summary" open={set ? true : undefined}>
      <summary>{t('staySummary.open')}</summary>
      {set ? (
        <>
          <p className="g-notice" role="status">
            {t('staySummary.set', { email: set })}
          </p>
          <button
            className="g-button g-button-quiet"
            type="button"
            onClick={() => save.mutate(null)}
            disabled={save.isPending}
          >
            {t('staySummary.cancel')}
          </button>
        </>
      ) : (
        <form onSubmit={submit}>
          <p className="g-help">{t('staySummary.explain')}</p>
          <label className="g-label" htmlFor={`${id}-email`}>
            {t('staySummary.field')}
          </label>
          <input
            id={`${id}-email`}
            className="g-input"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
            required
            aria-invalid={save.isError || undefined}
          />
          {save.isError ? (
            <p className="g-error" role="alert">
              {t('staySummary.failed')}
            </p>
          ) : null}
          <button className="g-button" type="submit" disabled={save.isPending || !email.trim()}>
            {save.isPending ? t('staySummary.saving') : t('staySummary.save')}
          </button>
        </form>
      )}
    </details>
  );
}
