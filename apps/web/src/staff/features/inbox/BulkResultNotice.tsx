import { Alert, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import type { BulkSummary } from './bulk-outcome';

/** What a bulk action did, in plain words: "7 resolved" or "5 resolved, 2 could not be: …" (why, with how many). */
export function BulkResultNotice({ summary, onDismiss }: { summary: BulkSummary; onDismiss: () => void }) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const done = t(`inbox.bulk.done.${summary.action}`, { count: summary.done });
  const reasons = summary.reasons
    .map((r) => t('inbox.bulk.reason', { reason: errorMessage(r.outcome).replace(/\.$/, ''), count: r.count }))
    .join('; ');
  return (
    <Alert
      role="status"
      color={summary.failed ? 'orange' : 'green'}
      withCloseButton
      closeButtonLabel={t('inbox.bulk.dismiss')}
      onClose={onDismiss}
      p="xs"
      className="fd-bulk-result"
    >
      <Text size="sm">
        {summary.failed ? `${done}, ${t('inbox.bulk.failed', { count: summary.failed, reasons })}` : done}
      </Text>
      {summary.failed ? (
        <Text size="xs" c="dimmed">
          {t('inbox.bulk.keptSelected')}
        </Text>
      ) : null}
    </Alert>
  );
}
