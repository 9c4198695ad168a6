import { Button } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/**
 * "Download CSV" beside a table: a plain link to the server's CSV of it (the session cookie goes
 * with it), so the browser saves the file as it streams in. `label` says which table, for screen readers.
 */
export function DownloadCsv({ href, label, disabled }: { href: string; label?: string; disabled?: boolean }) {
  const { t } = useTranslation('staff');
  return (
    <Button
      component="a"
      variant="default"
      size="xs"
      href={disabled ? undefined : href}
      download
      aria-label={label}
      data-disabled={disabled || undefined}
      onClick={disabled ? (e) => e.preventDefault() : undefined}
    >
      {t('shared.downloadCsv')}
    </Button>
  );
}
