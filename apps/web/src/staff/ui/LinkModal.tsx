import { Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../auth/session';
import { formatDateTime } from '../format';
import { ShownOnceModal } from './ShownOnceModal';

/** Shows a one-time set-password link to hand to a new (or locked-out) staff member. */
export function LinkModal({
  link,
  name,
  onClose,
}: {
  link: { setPasswordUrl: string; expiresAt: string } | null;
  name: string;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation('staff');
  const timeZone = useTimeZone();
  if (!link) return null;
  return (
    <ShownOnceModal
      title={t('admin.staff.linkTitle', { name })}
      intro={<Text size="sm">{t('admin.staff.linkBody')}</Text>}
      label={t('admin.staff.link')}
      value={link.setPasswordUrl}
      footnote={
        <Text size="xs" c="dimmed">
          {t('admin.staff.linkExpires', { time: formatDateTime(link.expiresAt, i18n.language, timeZone) })}
        </Text>
      }
      onClose={onClose}
    />
  );
}
