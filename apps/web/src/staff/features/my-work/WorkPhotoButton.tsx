import type { WorkItem } from '@frontdesk/protocol';
import { Button } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { myWorkApi, myWorkKeys } from './api';

/** "Add a photo": the phone's camera opens (a computer asks for a file); sent at once, so only online. */
export function WorkPhotoButton({ item, online }: { item: WorkItem; online: boolean }) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const queryClient = useQueryClient();
  const input = useRef<HTMLInputElement>(null);
  const upload = useMutation({
    mutationFn: (file: File) => myWorkApi.addPhoto(item.id, file),
    onSuccess: (detail) => {
      queryClient.setQueryData(myWorkKeys.detail(item.id), detail);
      notifications.show({ color: 'green', message: t('myWork.photoAdded') });
    },
    onError: (err) => notifications.show({ color: 'red', title: t('myWork.photoFailed'), message: errorMessage(err) }),
  });
  return (
    <>
      <input
        ref={input}
        type="file"
        accept="image/*"
        capture="environment"
        hidden
        aria-label={t('myWork.addPhoto')}
        onChange={(e) => {
          const file = e.currentTarget.files?.[0];
          e.currentTarget.value = '';
          if (file) upload.mutate(file);
        }}
      />
      <Button
        variant="default"
        onClick={() => input.current?.click()}
        loading={upload.isPending}
        disabled={!online}
        title={online ? undefined : t('myWork.photoOffline')}
      >
        {t('myWork.addPhoto')}
      </Button>
    </>
  );
}
