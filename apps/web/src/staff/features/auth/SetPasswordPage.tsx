import { Alert, Anchor, Button, Center, Paper, PasswordInput, Stack, Text, Title } from '@mantine/core';
import { useMutation } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { useErrorMessage } from '../../../i18n/error-message';
import { authApi } from './api';

const MIN_PASSWORD = 10;

/** `/app/set-password?token=…`: the page a one-time link from an admin opens. */
export function SetPasswordPage() {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [touched, setTouched] = useState(false);
  const save = useMutation({ mutationFn: () => authApi.setPassword(token, password) });

  const tooShort = password.length < MIN_PASSWORD;
  const mismatch = repeat !== password;
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (!tooShort && !mismatch) save.mutate();
  };

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w={420} maw="100%">
        {save.isSuccess ? (
          <Stack gap="md">
            <Title order={1} size="h2">
              {t('setPassword.doneTitle')}
            </Title>
            <Text>{t('setPassword.doneBody')}</Text>
            <Button component={Link} to="/app/login">
              {t('setPassword.toLogin')}
            </Button>
          </Stack>
        ) : (
          <form onSubmit={onSubmit} noValidate>
            <Stack gap="md">
              <div>
                <Title order={1} size="h2">
                  {t('setPassword.title')}
                </Title>
                <Text c="dimmed" size="sm">
                  {t('setPassword.intro', { min: MIN_PASSWORD })}
                </Text>
              </div>
              {!token ? (
                <Alert color="red" role="alert">
                  {t('setPassword.noToken')}
                </Alert>
              ) : null}
              {save.error ? (
                <Alert color="red" role="alert">
                  {errorMessage(save.error)}
                </Alert>
              ) : null}
              <PasswordInput
                label={t('setPassword.password')}
                autoComplete="new-password"
                autoFocus
                value={password}
                onChange={(e) => setPassword(e.currentTarget.value)}
                error={touched && tooShort ? t('setPassword.tooShort', { min: MIN_PASSWORD }) : undefined}
              />
              <PasswordInput
                label={t('setPassword.repeat')}
                autoComplete="new-password"
                value={repeat}
                onChange={(e) => setRepeat(e.currentTarget.value)}
                error={touched && mismatch ? t('setPassword.mismatch') : undefined}
              />
              <Button type="submit" loading={save.isPending} disabled={!token}>
                {t('setPassword.submit')}
              </Button>
              <Anchor component={Link} to="/app/login" size="sm">
                {t('setPassword.toLogin')}
              </Anchor>
            </Stack>
          </form>
        )}
      </Paper>
    </Center>
  );
}
