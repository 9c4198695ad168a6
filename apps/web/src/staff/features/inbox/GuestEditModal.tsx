import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Language } from '../../../i18n/languages';
import { sharedKeys } from '../../shared-api';
import type { Stay } from '../../types';
import { FormModal } from '../../ui/FormModal';
import { type GuestFields, GuestFieldsInput } from '../../ui/GuestFields';
import { inboxApi } from './api';

type Guest = Stay['guests'][number];

/** Corrects a guest's details beside the conversation; an emptied field clears the detail. */
export function GuestEditModal({ stayId, guest, onClose }: { stayId: string; guest: Guest; onClose: () => void }) {
  const { t } = useTranslation(['staff', 'common']);
  const queryClient = useQueryClient();
  const [fields, setFields] = useState<GuestFields>({
    name: guest.name ?? '',
    email: guest.email ?? '',
    phone: guest.phone ?? '',
    language: (guest.language ?? 'en') as Language,
    vip: guest.vip,
  });
  const save = useMutation({
    mutationFn: () =>
      inboxApi.changeGuest(stayId, guest.id, {
        name: fields.name.trim() || null,
        email: fields.email.trim() || null,
        phone: fields.phone.trim() || null,
        language: fields.language,
        vip: fields.vip,
      }),
    onSuccess: (stay) => {
      queryClient.setQueryData(sharedKeys.stay(stayId), stay);
      void queryClient.invalidateQueries({ queryKey: ['staff', 'guest-history'] });
      onClose();
    },
  });
  return (
    <FormModal
      title={t('guestPanel.editTitle', { name: guest.name ?? t('inbox.guest') })}
      onClose={onClose}
      onSubmit={() => save.mutate()}
      submitLabel={t('guestPanel.save')}
      pending={save.isPending}
      error={save.error}
      errorLabels={{
        name: t('stays.guestName'),
        email: t('stays.guestEmail'),
        phone: t('stays.guestPhone'),
        language: t('stays.guestLanguage'),
      }}
    >
      <GuestFieldsInput value={fields} onChange={setFields} autoFocus />
    </FormModal>
  );
}
