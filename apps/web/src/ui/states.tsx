import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../i18n/error-message';
import './states.css';

/**
 * Loading, empty and error states shared by every surface. Plain elements and a few lines of CSS,
 * so the guest page can use them without pulling in a component library.
 */
export function LoadingState({ label }: { label?: string }) {
  const { t } = useTranslation();
  return (
    <div className="fd-state" role="status" aria-live="polite">
      <span className="fd-spinner" aria-hidden="true" />
      <span>{label ?? t('loading')}</span>
    </div>
  );
}

export function EmptyState({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="fd-state">
      <p className="fd-state-title">{title}</p>
      {children ? <div className="fd-state-body">{children}</div> : null}
    </div>
  );
}

export function ErrorState({ error, title, onRetry }: { error: unknown; title?: string; onRetry?: () => void }) {
  const { t } = useTranslation();
  const message = useErrorMessage();
  return (
    <div className="fd-state" role="alert">
      <p className="fd-state-title">{title ?? t('errorTitle')}</p>
      <p className="fd-state-body">{message(error)}</p>
      {onRetry ? (
        <button type="button" className="fd-state-button" onClick={onRetry}>
          {t('retry')}
        </button>
      ) : null}
    </div>
  );
}

export function NotFoundState() {
  const { t } = useTranslation();
  return <EmptyState title={t('notFoundTitle')}>{t('notFoundBody')}</EmptyState>;
}
