import { Button, CopyButton, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useTimeZone } from '../auth/session';
import { formatDateTime } from '../format';

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
  return (
    <Modal opened={!!link} onClose={onClose} title={t('admin.staff.linkTitle', { name })} size="lg">
      {link ? (
        <Stack gap="sm">
          <Text size="sm">{t('admin.staff.linkBody')}</Text>
          <Group gap="xs" wrap="nowrap" align="flex-end">
            <TextInput
              readOnly
              value={link.setPasswordUrl}
              label={t('admin.staff.link')}
              style={{ flex: 1 }}
              onFocus={(e) => e.currentTarget.select()}
              data-autofocus
            />
            <CopyButton value={link.setPasswordUrl}>
              {({ copied, copy }) => (
                <Button onClick={copy} color={copied ? 'green' : 'blue'}>
                  {copied ? t('shared.copied') : t('shared.copy')}
                </Button>
              )}
            </CopyButton>
          </Group>
          <Text size="xs" c="dimmed">
            {t('admin.staff.linkExpires', { time: formatDateTime(link.expiresAt, i18n.language, timeZone) })}
          </Text>
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('shared.done')}
            </Button>
          </Group>
        </Stack>
      ) : null}
    </Modal>
  );
}
