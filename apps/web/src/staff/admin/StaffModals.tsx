import { Alert, Button, Group, Modal, Select, Stack, Text, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage, useFieldErrors } from '../../i18n/error-message';
import { type Role, type SetPasswordLink, type StaffMember, staffApi } from '../api';

/** Adds a staff member with a role; the caller then shows their one-time set-password link. */
export function AddStaffModal({
  roleOptions,
  onClose,
  onAdded,
}: {
  roleOptions: { value: string; label: string }[];
  onClose: () => void;
  onAdded: (link: SetPasswordLink, name: string) => void;
}) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const add = useMutation({
    mutationFn: () => staffApi.addStaff({ name: name.trim(), email: email.trim(), role }),
    onSuccess: ({ staff, invite }) => onAdded(invite, staff.name),
  });
  const invalid = useFieldErrors(add.error);
  const labels = { name: t('admin.staff.name'), email: t('admin.staff.email'), role: t('admin.staff.role') };
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && email.trim()) add.mutate();
  };
  return (
    <Modal opened onClose={onClose} title={t('admin.staff.add')}>
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <TextInput
            label={t('admin.staff.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            data-autofocus
            error={invalid.name}
          />
          <TextInput
            label={t('admin.staff.email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            required
            error={invalid.email}
          />
          <Select
            label={t('admin.staff.role')}
            data={roleOptions}
            value={role}
            onChange={(v) => v && setRole(v as Role)}
            allowDeselect={false}
            description={t(`admin.staff.roleHelp.${role}`)}
          />
          {add.error ? (
            <Alert color="red" role="alert">
              {errorMessage(add.error, labels)}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('shared.cancel')}
            </Button>
            <Button type="submit" loading={add.isPending} disabled={!name.trim() || !email.trim()}>
              {t('admin.staff.addSubmit')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Asks before removing a staff member for good. */
export function RemoveModal({
  member,
  onClose,
  onRemoved,
}: {
  member: StaffMember;
  onClose: () => void;
  onRemoved: () => void;
}) {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const remove = useMutation({ mutationFn: () => staffApi.removeStaff(member.id), onSuccess: onRemoved });
  return (
    <Modal opened onClose={onClose} title={t('admin.staff.removeTitle', { name: member.name })}>
      <Stack gap="sm">
        <Text size="sm">{t('admin.staff.removeBody')}</Text>
        {remove.error ? (
          <Alert color="red" role="alert">
            {errorMessage(remove.error)}
          </Alert>
        ) : null}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose} data-autofocus>
            {t('shared.cancel')}
          </Button>
          <Button color="red" loading={remove.isPending} onClick={() => remove.mutate()}>
            {t('admin.staff.remove')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}
