import { Button, CopyButton, Group, Modal, Stack, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

/**
 * A value shown once (a set-password link, a signing secret, an API key): selected on focus, with a
 * copy button, what it is above and, optionally, a line below.
 */
export function ShownOnceModal({
  title,
  intro,
  label,
  value,
  footnote,
  onClose,
}: {
  title: string;
  intro: ReactNode;
  label: string;
  value: string;
  footnote?: ReactNode;
  onClose: () => void;
}) {
  const { t } = useTranslation('staff');
  return (
    <Modal opened onClose={onClose} title={title} size="lg">
      <Stack gap="sm">
        {intro}
        <Group gap="xs" wrap="nowrap" align="flex-end">
          <TextInput
            readOnly
            value={value}
            label={label}
            style={{ flex: 1 }}
            onFocus={(e) => e.currentTarget.select()}
            data-autofocus
          />
          <CopyButton value={value}>
            {({ copied, copy }) => (
              <Button onClick={copy} color={copied ? 'green' : 'blue'}>
                {copied ? t('shared.copied') : t('shared.copy')}
              </Button>
            )}
          </CopyButton>
        </Group>
        {footnote}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('shared.done')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
