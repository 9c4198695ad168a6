import { Select, Textarea, TextInput } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useFieldErrors } from '../../../i18n/error-message';
import type { Role, SetPasswordLink, StaffMember } from '../../types';
import { ConfirmModal, FormModal } from '../../ui/FormModal';
import { adminApi } from './api';

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
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<Role>('agent');
  const add = useMutation({
    mutationFn: () => adminApi.addStaff({ name: name.trim(), email: email.trim(), role }),
    onSuccess: ({ staff, invite }) => onAdded(invite, staff.name),
  });
  const invalid = useFieldErrors(add.error);
  const labels = { name: t('admin.staff.name'), email: t('admin.staff.email'), role: t('admin.staff.role') };
  return (
    <FormModal
      title={t('admin.staff.add')}
      onClose={onClose}
      onSubmit={() => add.mutate()}
      submitLabel={t('admin.staff.addSubmit')}
      pending={add.isPending}
      error={add.error}
      errorLabels={labels}
      ready={!!name.trim() && !!email.trim()}
    >
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
    </FormModal>
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
  const remove = useMutation({ mutationFn: () => adminApi.removeStaff(member.id), onSuccess: onRemoved });
  return (
    <ConfirmModal
      title={t('admin.staff.removeTitle', { name: member.name })}
      body={t('admin.staff.removeBody')}
      confirmLabel={t('admin.staff.remove')}
      onConfirm={() => remove.mutate()}
      onClose={onClose}
      pending={remove.isPending}
      error={remove.error}
    />
  );
}

/**
 * Hands over every open request of a staff member at once (a shift they did not end, an absence):
 * back to their teams' queues, or to one colleague, with a note only staff see.
 */
export function HandOverModal({
  member,
  colleagues,
  onClose,
  onHandedOver,
}: {
  member: StaffMember;
  colleagues: StaffMember[];
  onClose: () => void;
  onHandedOver: (count: number) => void;
}) {
  const { t } = useTranslation('staff');
  const [to, setTo] = useState<string | null>(null);
  const [note, setNote] = useState('');
  const handOver = useMutation({
    mutationFn: () =>
      adminApi.handOverStaff(member.id, {
        ...(to ? { userId: to } : {}),
        ...(note.trim() ? { note: note.trim() } : {}),
      }),
    onSuccess: ({ handedOver }) => onHandedOver(handedOver),
  });
  const labels = { userId: t('admin.staff.handOverTo'), note: t('admin.staff.handOverNote') };
  return (
    <FormModal
      title={t('admin.staff.handOverTitle', { name: member.name })}
      onClose={onClose}
      onSubmit={() => handOver.mutate()}
      submitLabel={t('admin.staff.handOverSubmit')}
      pending={handOver.isPending}
      error={handOver.error}
      errorLabels={labels}
    >
      <Select
        label={t('admin.staff.handOverTo')}
        placeholder={t('admin.staff.handOverToQueues')}
        description={t('admin.staff.handOverHint')}
        data={colleagues
          .filter((c) => c.id !== member.id && c.active && c.handlesConversations)
          .map((c) => ({ value: c.id, label: c.name }))}
        value={to}
        onChange={setTo}
        searchable
        clearable
        data-autofocus
      />
      <Textarea
        label={t('admin.staff.handOverNote')}
        description={t('admin.staff.handOverNoteHint')}
        value={note}
        onChange={(e) => setNote(e.currentTarget.value)}
        maxLength={1000}
        autosize
        minRows={2}
        maxRows={6}
      />
    </FormModal>
  );
}
