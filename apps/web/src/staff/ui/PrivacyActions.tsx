import { Button, Group } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../../api/client';
import { ConfirmModal } from './FormModal';

/**
 * "Export data" and "Erase data" for a stay's guests or a customer (admins; README "Privacy (GDPR)
 * operations"). The export downloads the JSON (files inside), a readable page, or a zip of both
 * with the files beside them; erasing asks first,
 * naming everything that goes.
 */
export function PrivacyActions({ base, who, onErased }: { base: string; who: string; onErased: () => void }) {
  const { t } = useTranslation('staff');
  const [confirming, setConfirming] = useState(false);
  const erase = useMutation({
    mutationFn: () => api(`${base}/erase`, { method: 'POST' }),
    onSuccess: () => {
      notifications.show({ color: 'green', message: t('privacy.erased', { who }) });
      setConfirming(false);
      onErased();
    },
  });
  return (
    <Group gap={6} wrap="nowrap">
      <Button component="a" href={`${base}/data-export`} download size="compact-sm" variant="default">
        {t('privacy.exportData')}
      </Button>
      <Button component="a" href={`${base}/data-export.html`} download size="compact-sm" variant="subtle">
        {t('privacy.exportPage')}
      </Button>
      <Button component="a" href={`${base}/data-export.zip`} download size="compact-sm" variant="subtle">
        {t('privacy.exportZip')}
      </Button>
      <Button size="compact-sm" color="red" variant="subtle" onClick={() => setConfirming(true)}>
        {t('privacy.eraseData')}
      </Button>
      {confirming ? (
        <ConfirmModal
          title={t('privacy.eraseTitle', { who })}
          body={t('privacy.eraseBody')}
          confirmLabel={t('privacy.eraseConfirm')}
          onConfirm={() => erase.mutate()}
          onClose={() => setConfirming(false)}
          pending={erase.isPending}
          error={erase.error}
        />
      ) : null}
    </Group>
  );
}
