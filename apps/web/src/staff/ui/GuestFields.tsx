import { Group, Select, Switch, TextInput } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { type Language, languageNames, languages } from '../../i18n/languages';

// The guest's details as the desk types them: at check-in, adding a guest, and correcting them
// beside a conversation (the labels are the stays feature's strings).

export interface GuestFields {
  name: string;
  email: string;
  phone: string;
  language: Language;
  vip: boolean;
}

export const emptyGuest = (language: Language): GuestFields => ({
  name: '',
  email: '',
  phone: '',
  language,
  vip: false,
});

/** The API body of the guest fields: empty fields are left out. */
export function guestBody(g: GuestFields) {
  return {
    ...(g.name.trim() ? { name: g.name.trim() } : {}),
    ...(g.email.trim() ? { email: g.email.trim() } : {}),
    ...(g.phone.trim() ? { phone: g.phone.trim() } : {}),
    language: g.language,
    vip: g.vip,
  };
}

export function GuestFieldsInput({
  value,
  onChange,
  autoFocus,
}: {
  value: GuestFields;
  onChange: (next: GuestFields) => void;
  autoFocus?: boolean;
}) {
  const { t } = useTranslation('staff');
  const set = <K extends keyof GuestFields>(key: K, v: GuestFields[K]) => onChange({ ...value, [key]: v });
  return (
    <>
      <TextInput
        label={t('stays.guestName')}
        value={value.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        autoComplete="off"
        autoFocus={autoFocus}
      />
      <Group grow align="flex-start">
        <TextInput
          label={t('stays.guestEmail')}
          type="email"
          value={value.email}
          onChange={(e) => set('email', e.currentTarget.value)}
          autoComplete="off"
        />
        <TextInput
          label={t('stays.guestPhone')}
          type="tel"
          value={value.phone}
          onChange={(e) => set('phone', e.currentTarget.value)}
          autoComplete="off"
        />
      </Group>
      <Group grow align="flex-end">
        <Select
          label={t('stays.guestLanguage')}
          data={languages.map((l) => ({ value: l, label: languageNames[l] }))}
          value={value.language}
          onChange={(v) => v && set('language', v as Language)}
          allowDeselect={false}
        />
        <Switch
          label={t('stays.vip')}
          checked={value.vip}
          onChange={(e) => set('vip', e.currentTarget.checked)}
          mb={8}
        />
      </Group>
    </>
  );
}
