import { Alert, Button, Center, Divider, Paper, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { type ApiError, detail } from '../../../api/errors';
import { useErrorMessage } from '../../../i18n/error-message';
import { LoadingState } from '../../../ui/states';
import { useMe } from '../../auth/session';
import { sharedKeys } from '../../shared-api';
import { homePath } from '..';
import { authApi } from './api';

/**
 * `/app/login`: email and password (the server sets the session cookie), or single sign-on through
 * the organization's identity provider, chosen by the organization's address (its slug).
 */
export function LoginPage() {
  const { t } = useTranslation('staff');
  const errorMessage = useErrorMessage();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const queryClient = useQueryClient();
  const me = useMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [organization, setOrganization] = useState('');
  const login = useMutation({
    mutationFn: () => authApi.login(email.trim(), password),
    onSuccess: ({ user }) => {
      queryClient.setQueryData(sharedKeys.me, user);
      const next = params.get('next');
      navigate(next?.startsWith('/app') && !next.startsWith('/app/login') ? next : homePath(user), { replace: true });
    },
  });

  if (me.isPending) return <LoadingState />;
  if (me.data && !login.isPending) return <Navigate to={homePath(me.data)} replace />;

  const reason = params.get('reason');
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    login.mutate();
  };
  const onSso = (event: FormEvent) => {
    event.preventDefault();
    const slug = organization.trim().toLowerCase();
    if (slug) window.location.assign(`/api/v1/auth/sso/${encodeURIComponent(slug)}/start`);
  };
  const wait = login.error ? detail<number>(login.error as ApiError, 'retryAfterSeconds') : undefined;

  return (
    <Center mih="100dvh" p="md" bg="gray.0">
      <Paper component="main" withBorder shadow="sm" p="xl" radius="md" w={400} maw="100%">
        <form onSubmit={onSubmit} noValidate>
          <Stack gap="md">
            <div>
              <Title order={1} size="h2">
                {t('login.title')}
              </Title>
              <Text c="dimmed" size="sm">
                {t('login.intro')}
              </Text>
            </div>
            {reason && !login.error ? (
              <Alert color="yellow" role="status">
                {errorMessage({ code: reason })}
              </Alert>
            ) : null}
            {login.error ? (
              <Alert color="red" role="alert">
                {wait ? t('login.rateLimited', { seconds: wait }) : errorMessage(login.error)}
              </Alert>
            ) : null}
            <TextInput
              label={t('login.email')}
              type="email"
              autoComplete="username"
              autoFocus
              value={email}
              onChange={(e) => setEmail(e.currentTarget.value)}
            />
            <PasswordInput
              label={t('login.password')}
              autoComplete="current-password"
              value={password}
              onChange={(e) => setPassword(e.currentTarget.value)}
            />
            <Button type="submit" loading={login.isPending} disabled={!email.trim() || !password}>
              {t('login.submit')}
            </Button>
            <Text size="xs" c="dimmed">
              {t('login.forgot')}
            </Text>
          </Stack>
        </form>
        <Divider my="lg" label={t('login.or')} labelPosition="center" />
        <form onSubmit={onSso} noValidate aria-label={t('login.sso')}>
          <Stack gap="sm">
            <TextInput
              label={t('login.organization')}
              description={t('login.organizationHelp')}
              autoComplete="organization"
              value={organization}
              onChange={(e) => setOrganization(e.currentTarget.value)}
            />
            <Button type="submit" variant="default" disabled={!organization.trim()}>
              {t('login.sso')}
            </Button>
          </Stack>
        </form>
      </Paper>
    </Center>
  );
}
