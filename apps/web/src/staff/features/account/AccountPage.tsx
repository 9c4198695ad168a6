import {
  Alert,
  Avatar,
  Button,
  Group,
  Paper,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useErrorMessage } from '../../../i18n/error-message';
import { type Language, languageNames, languages } from '../../../i18n/languages';
import { useCurrentUser } from '../../auth/session';
import { chooseLanguage } from '../../language';
import { sharedKeys } from '../../shared-api';
import type { CurrentUser } from '../../types';
import { ImageField } from '../../ui/ImageField';
import { useRoleName } from '../../useRoleName';
import { accountApi } from './api';
import { PushToggle } from './PushToggle';

const MIN_PASSWORD = 10;

/** `/app/account`: every staff member's own name, motto, photo, password and language. */
export function AccountPage() {
  const roleName = useRoleName();
  const { t } = useTranslation('staff');
  const user = useCurrentUser();
  return (
    <div className="fd-page">
      <div className="fd-page-inner" style={{ maxWidth: 640 }}>
        <Stack gap="lg">
          <div>
            <Title order={1} size="h2">
              {t('account.title')}
            </Title>
            <Text c="dimmed" size="sm">
              {user.email}
              {user.organization ? ` · ${user.organization.name}` : ''}
              {user.role ? ` · ${roleName(user.role)}` : ''}
              {user.superadmin ? ` · ${t('roles.superadmin')}` : ''}
            </Text>
          </div>
          <ProfileForm />
          <PasswordForm />
          <LanguageChoice />
          {user.organization ? <PushToggle /> : null}
        </Stack>
      </div>
    </div>
  );
}

function ProfileForm() {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const user = useCurrentUser();
  const queryClient = useQueryClient();
  const [name, setName] = useState(user.name);
  const [motto, setMotto] = useState(user.motto);
  const save = useMutation({
    mutationFn: () => accountApi.updateProfile({ name: name.trim(), motto: motto.trim() }),
    onSuccess: (updated) => {
      queryClient.setQueryData(sharedKeys.me, updated);
      void queryClient.invalidateQueries({ queryKey: sharedKeys.staff });
      notifications.show({ color: 'green', message: t('account.profileSaved') });
    },
  });
  const changed = name.trim() !== user.name || motto.trim() !== user.motto;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (name.trim() && changed) save.mutate();
  };
  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('account.profile')}
          </Title>
          <TextInput
            label={t('account.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            maxLength={100}
            error={!name.trim() ? t('account.nameRequired') : undefined}
          />
          <TextInput
            label={t('account.motto')}
            description={t('account.mottoHelp')}
            value={motto}
            onChange={(e) => setMotto(e.currentTarget.value)}
            maxLength={200}
          />
          {user.organization ? <PhotoField user={user} /> : null}
          {save.error ? (
            <Alert color="red" role="alert">
              {errorMessage(save.error, { name: t('account.name'), motto: t('account.motto') })}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending} disabled={!changed || !name.trim()}>
              {t('shared.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

/** The photo guests see beside the name; saved as soon as it is picked (or removed). */
function PhotoField({ user }: { user: CurrentUser }) {
  const { t } = useTranslation('staff');
  const queryClient = useQueryClient();
  const saved = (updated: CurrentUser) => {
    queryClient.setQueryData(sharedKeys.me, updated);
    void queryClient.invalidateQueries({ queryKey: sharedKeys.staff });
  };
  const initial = user.name.trim().charAt(0).toUpperCase();
  return (
    <ImageField
      label={t('account.photo')}
      help={t('account.photoHelp')}
      current={user.photoUrl}
      upload={async (file) => saved(await accountApi.uploadPhoto(file))}
      remove={async () => saved(await accountApi.removePhoto())}
      preview={(src) =>
        src ? (
          <Avatar src={src} alt={t('account.photoAlt')} size={64} radius="xl" />
        ) : (
          <Avatar size={64} radius="xl" color="blue" role="img" aria-label={t('account.noPhoto')}>
            {initial}
          </Avatar>
        )
      }
    />
  );
}

function PasswordForm() {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  const save = useMutation({
    mutationFn: () => accountApi.changePassword(current, next),
    onSuccess: () => {
      setCurrent('');
      setNext('');
      setRepeat('');
      setTouched(false);
      notifications.show({ color: 'green', message: t('account.passwordChanged') });
    },
  });
  const tooShort = next.length < MIN_PASSWORD;
  const mismatch = next !== repeat;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (current && !tooShort && !mismatch) save.mutate();
  };
  return (
    <Paper withBorder p="lg" radius="md">
      <form onSubmit={onSubmit} noValidate>
        <Stack gap="sm">
          <Title order={2} size="h4">
            {t('account.password')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('account.passwordHelp')}
          </Text>
          <PasswordInput
            label={t('account.currentPassword')}
            autoComplete="current-password"
            value={current}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            error={touched && !current ? t('account.currentRequired') : undefined}
          />
          <PasswordInput
            label={t('account.newPassword')}
            autoComplete="new-password"
            value={next}
            onChange={(e) => setNext(e.currentTarget.value)}
            error={touched && tooShort ? t('setPassword.tooShort', { min: MIN_PASSWORD }) : undefined}
          />
          <PasswordInput
            label={t('setPassword.repeat')}
            autoComplete="new-password"
            value={repeat}
            onChange={(e) => setRepeat(e.currentTarget.value)}
            error={touched && mismatch ? t('setPassword.mismatch') : undefined}
          />
          {save.error ? (
            <Alert color="red" role="alert">
              {(save.error as { code?: string }).code === 'invalid_credentials'
                ? t('account.wrongCurrent')
                : errorMessage(save.error, { newPassword: t('account.newPassword') })}
            </Alert>
          ) : null}
          <Group justify="flex-end">
            <Button type="submit" loading={save.isPending}>
              {t('account.changePassword')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}

function LanguageChoice() {
  const { t, i18n } = useTranslation('staff');
  return (
    <Paper withBorder p="lg" radius="md">
      <Stack gap="sm">
        <Title order={2} size="h4">
          {t('account.language')}
        </Title>
        <SegmentedControl
          aria-label={t('account.language')}
          value={i18n.language}
          onChange={(v) => chooseLanguage(v as Language)}
          data={languages.map((l) => ({ value: l, label: languageNames[l] }))}
          style={{ alignSelf: 'flex-start' }}
        />
      </Stack>
    </Paper>
  );
}
