import { Alert, Button, FileButton, Group, Input, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation } from '@tanstack/react-query';
import { type ReactNode, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../i18n/error-message';

/** What the file picker offers; the server checks the bytes themselves whatever the picker lets through. */
const ACCEPT = 'image/png,image/jpeg,image/webp';

interface Props {
  /** The section's heading text, also naming the picker for screen readers. */
  label: string;
  help: string;
  /** The stored image's URL, or null when there is none. */
  current: string | null;
  /** Draws the preview of `src` (the stored image, or the picked file while it uploads), or of no image. */
  preview: (src: string | null) => ReactNode;
  upload: (file: File) => Promise<unknown>;
  remove: () => Promise<unknown>;
}

/**
 * An image setting (the organization's logo, a staff member's photo): a preview, a button that
 * uploads the picked file at once, and one that removes the image. While a file uploads, its own
 * pixels are previewed; errors are shown in words the server's code maps to.
 */
export function ImageField({ label, help, current, preview, upload, remove }: Props) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const resetPicker = useRef<() => void>(null);
  const [picked, setPicked] = useState<string | null>(null);
  useEffect(() => () => (picked ? URL.revokeObjectURL(picked) : undefined), [picked]);

  const save = useMutation({
    mutationFn: upload,
    onSuccess: () => notifications.show({ color: 'green', message: t('images.saved') }),
    onSettled: () => {
      setPicked(null);
      resetPicker.current?.();
    },
  });
  const drop = useMutation({
    mutationFn: remove,
    onSuccess: () => notifications.show({ color: 'green', message: t('images.removed') }),
  });
  const onPick = (file: File | null) => {
    if (!file) return;
    drop.reset();
    setPicked(URL.createObjectURL(file));
    save.mutate(file);
  };
  const error = save.error ?? drop.error;
  const busy = save.isPending || drop.isPending;

  return (
    <Stack gap={6}>
      <Input.Label labelElement="div">{label}</Input.Label>
      <Group align="center" wrap="nowrap" gap="md">
        {preview(picked ?? current)}
        <Stack gap={6} style={{ minWidth: 0 }}>
          <Group gap="xs">
            <FileButton onChange={onPick} accept={ACCEPT} resetRef={resetPicker} disabled={busy}>
              {(props) => (
                <Button
                  {...props}
                  size="xs"
                  variant="default"
                  loading={save.isPending}
                  aria-label={`${label}: ${current ? t('images.replace') : t('images.upload')}`}
                >
                  {current ? t('images.replace') : t('images.upload')}
                </Button>
              )}
            </FileButton>
            {current ? (
              <Button
                size="xs"
                variant="subtle"
                color="red"
                onClick={() => {
                  save.reset();
                  drop.mutate();
                }}
                loading={drop.isPending}
                disabled={save.isPending}
                aria-label={`${label}: ${t('images.remove')}`}
              >
                {t('images.remove')}
              </Button>
            ) : null}
          </Group>
          <Text size="xs" c="dimmed">
            {t('images.types')} · {help}
          </Text>
        </Stack>
      </Group>
      {error ? (
        <Alert color="red" role="alert" p="xs">
          {errorMessage(error)}
        </Alert>
      ) : null}
    </Stack>
  );
}
