import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { zoneLabel } from '../../../i18n/time-zone';
import { useTimeZone } from '../../auth/session';
import { formatDateTime } from '../../format';
import type { Conversation } from '../../types';
import { handoverRecipient } from './transfer-target';

/** The request's last transfer or hand-over: who, to whom, when (on the organization's clock) and their note. Staff only. */
export function HandoverNote({ conversation }: { conversation: Conversation }) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  const handover = conversation.handover;
  if (!handover || conversation.status === 'resolved') return null;
  const to = handoverRecipient(conversation);
  const line = to
    ? t('inbox.handover.byTo', { by: handover.byName, to })
    : t('inbox.handover.by', { by: handover.byName });
  const time = formatDateTime(handover.at, i18n.language, timeZone);
  const when = timeZone ? t('inbox.handover.when', { time, zone: zoneLabel(timeZone, i18n.language) }) : time;
  return (
    <aside className="fd-pane-handover" aria-label={t('inbox.handover.label')} data-testid="handover-note">
      <Text size="sm">
        <Text span fw={600} size="sm">
          {line}
        </Text>
        {' · '}
        <Text span size="xs" c="dimmed">
          <time dateTime={handover.at}>{when}</time>
        </Text>
      </Text>
      {handover.note ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          {handover.note}
        </Text>
      ) : null}
    </aside>
  );
}
