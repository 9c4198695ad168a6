import { Alert, Button, Group, Modal, type ModalProps, Stack, Text } from '@mantine/core';
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../i18n/error-message';

type FormModalProps = {
  title: ReactNode;
  onClose: () => void;
  /** Called on submit (button or Enter) when `ready`. */
  onSubmit: () => void;
  submitLabel: ReactNode;
  pending: boolean;
  /** The mutation's error, shown above the buttons in the user's words. */
  error: unknown;
  /** Field names → their labels, so a validation error names the field as shown. */
  errorLabels?: Record<string, string>;
  ready?: boolean;
  size?: ModalProps['size'];
  children: ReactNode;
};

/** A form in a modal: its fields, the request's error, Cancel and a submit button. */
export function FormModal({
  title,
  onClose,
  onSubmit,
  submitLabel,
  pending,
  error,
  errorLabels,
  ready = true,
  size,
  children,
}: FormModalProps) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (ready) onSubmit();
  };
  return (
    <Modal opened onClose={onClose} title={title} size={size}>
      <form onSubmit={submit} noValidate>
        <Stack gap="sm">
          {children}
          {error ? (
            <Alert color="red" role="alert">
              {errorMessage(error, errorLabels)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('shared.cancel')}
            </Button>
            <Button type="submit" loading={pending} disabled={!ready}>
              {submitLabel}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/**
 * Asks before something that cannot be undone: a sentence, the request's error, Cancel (focused
 * first, so Enter does not confirm by accident) and a red confirm button.
 */
export function ConfirmModal({
  title,
  body,
  confirmLabel,
  onConfirm,
  onClose,
  pending,
  error,
}: {
  title: ReactNode;
  body: ReactNode;
  confirmLabel: ReactNode;
  onConfirm: () => void;
  onClose: () => void;
  pending: boolean;
  error: unknown;
}) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  return (
    <Modal opened onClose={onClose} title={title}>
      <Stack gap="sm">
        <Text size="sm">{body}</Text>
        {error ? (
          <Alert color="red" role="alert">
            {errorMessage(error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('shared.cancel')}
          </Button>
          <Button color="red" loading={pending} onClick={onConfirm}>
            {confirmLabel}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
