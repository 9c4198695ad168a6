import { type FormEvent, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSaveStaySummary } from './stay-summary-api';

/**
 * "Email me a summary after my stay" (README "Stay summary e-mail"), inside the stay summary dialog:
 * what is planned now, then an address to opt in, or "No summary, thanks" to take it back.
 */
export function StaySummaryForm({ email: set }: { email: string | null }) {
  const { t } = useTranslation('guest');
  const id = useId();
  const [email, setEmail] = useState('');
  const save = useSaveStaySummary();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (email.trim()) save.mutate(email.trim());
  };
  if (set) {
    return (
      <div className="g-summary">
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
      </div>
    );
  }
  return (
    <form className="g-summary" onSubmit={submit}>
      <p className="g-notice" role="status">
        {t('staySummary.notSet')}
      </p>
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
  );
}
